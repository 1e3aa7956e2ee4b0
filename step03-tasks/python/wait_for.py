"""asyncio.wait_for: the twin of `--example timeout`."""

import asyncio


# ANCHOR: wait_for
async def guarded_job(name: str, millis: int) -> str:
    try:
        await asyncio.sleep(millis / 1000)
        return name
    except asyncio.CancelledError:
        print(f"  ({name} was cancelled: CancelledError was raised in it)")
        raise


async def main() -> None:
    quick = await asyncio.wait_for(guarded_job("quick job", 100), timeout=0.5)
    print(f"quick job (100 ms) with a 500 ms limit: {quick!r}")
    try:
        await asyncio.wait_for(guarded_job("slow job", 5000), timeout=0.5)
    except TimeoutError:
        print("slow job (5000 ms) with a 500 ms limit: TimeoutError")


asyncio.run(main())
# ANCHOR_END: wait_for
