"""asyncio.timeout: the twin of `cargo run -p step03-tasks --example timeout`."""

import asyncio


# ANCHOR: timeout
async def guarded_job(name: str, millis: int) -> str:
    try:
        await asyncio.sleep(millis / 1000)
        return name
    except asyncio.CancelledError:
        print(f"  ({name} was cancelled: CancelledError was raised in it)")
        raise


async def main() -> None:
    async with asyncio.timeout(0.5):
        quick = await guarded_job("quick job", 100)
    print(f"quick job (100 ms) with a 500 ms limit: {quick!r}")
    try:
        async with asyncio.timeout(0.5):
            await guarded_job("slow job", 5000)
    except TimeoutError:
        print("slow job (5000 ms) with a 500 ms limit: TimeoutError")


asyncio.run(main())
# ANCHOR_END: timeout
