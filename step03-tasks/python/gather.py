"""asyncio.gather: the twin of `--example gather`."""

import asyncio
import time


# ANCHOR: gather
async def announced(name: str, millis: int) -> str:
    await asyncio.sleep(millis / 1000)
    print(f"  {name} finished after {millis} ms")
    return name


async def main() -> None:
    print("gather of three jobs, the slowest first:")
    start = time.monotonic()
    jobs = [("slow", 300), ("medium", 200), ("fast", 100)]
    results = await asyncio.gather(*(announced(name, ms) for name, ms in jobs))
    print(f"  got {results} in {time.monotonic() - start:.1f} s")


asyncio.run(main())
# ANCHOR_END: gather
