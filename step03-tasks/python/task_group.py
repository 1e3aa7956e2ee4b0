"""The asyncio twin of `cargo run -p step03-tasks --example task_group` (Python 3.11+)."""

import asyncio
import sys


# ANCHOR: fetch
class FetchError(Exception):
    pass


async def fetch(name: str, after: float, fails: bool = False) -> str:
    try:
        await asyncio.sleep(after)
    except asyncio.CancelledError:
        print(f"  ({name} was cancelled: CancelledError was raised in it)")
        raise
    if fails:
        print(f"  {name}: failed")
        raise FetchError(f"{name} failed")
    print(f"  {name}: done")
    return f"contents of {name}"
# ANCHOR_END: fetch


# ANCHOR: task_group
async def plain_gather() -> None:
    c = asyncio.create_task(fetch("c", 10))
    try:
        await asyncio.gather(fetch("a", 0.1), fetch("b", 0.3, fails=True), c)
    except FetchError as error:
        print(f"  -> {error!r}")
    print(f"  c still running: {not c.done()}")


async def task_group() -> None:
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch("a", 0.1))
            group.create_task(fetch("b", 0.3, fails=True))
            group.create_task(fetch("c", 10))
    except* FetchError as errors:
        print(f"  -> {errors!r}")


async def main() -> None:
    print("gather, the first exception wins:")
    await plain_gather()
    print("asyncio.TaskGroup:")
    await task_group()
    print("asyncio.run returns: it cancels what is left")
# ANCHOR_END: task_group


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: task_group.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
