"""The asyncio twin of `cargo run -p step03-tasks --example error_handling`."""

import asyncio
import sys


class ConfigError(Exception):
    pass


# ANCHOR: error_handling
async def setting(config: str, key: str) -> str:
    await asyncio.sleep(0.01)
    for line in config.splitlines():
        name, _, value = line.partition("=")
        if name == key and _:
            return value
    raise ConfigError(f"no `{key}` setting")


async def port(config: str) -> int:
    text = await setting(config, "port")  # an exception propagates by itself
    try:
        number = int(text)
    except ValueError as cause:
        raise ConfigError(f"`port` is not a port: {cause}") from cause
    if not 0 <= number <= 65535:
        raise ConfigError("`port` is not a port: number too large")
    return number


async def main() -> None:
    configs = ["port=8080", "port=eighty", "host=example", "port=99999"]
    print("every task's result, in order:")
    tasks = [asyncio.create_task(port(config)) for config in configs]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for config, result in zip(configs, results):
        if isinstance(result, Exception):
            print(f"  {config:<14} -> error: {result}")
        else:
            print(f"  {config:<14} -> port {result}")

    good = await asyncio.gather(port("port=80"), port("port=443"))
    print(f"gather, all good: {good}")
    try:
        await asyncio.gather(port("port=80"), port("port=eighty"), port("port=443"))
    except ConfigError as error:
        print(f"gather, first error: {error}")
# ANCHOR_END: error_handling


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: error_handling.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
