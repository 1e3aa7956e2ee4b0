"""Step 1 in asyncio: the same checks as `cargo run -p step01-setup`."""

import asyncio
import sys
import time


# ANCHOR: checks
async def timer_resumes() -> bool:
    start = time.monotonic()
    await asyncio.sleep(0.05)
    return time.monotonic() - start >= 0.05


async def spawned_task_returns() -> bool:
    async def answer() -> int:
        return 6 * 7

    return await asyncio.create_task(answer()) == 42


async def gather_drives_both() -> bool:
    async def word(text: str) -> str:
        return text

    left, right = await asyncio.gather(word("left"), word("right"))
    return (left, right) == ("left", "right")


async def main() -> int:
    print("Step 1 (asyncio): checking the async setup")
    print("  needs Python 3.7 or newer (for asyncio.run)")
    checks = [
        ("asyncio.run() started an event loop", True),
        ("asyncio.sleep(0.05) resumed after its timer fired", await timer_resumes()),
        ("create_task ran a task and awaiting it returned 42",
         await spawned_task_returns()),
        ("asyncio.gather drove two coroutines to completion",
         await gather_drives_both()),
    ]
    for what, passed in checks:
        print(f"  [{'ok' if passed else 'FAILED'}] {what}")
    return 0 if all(passed for _, passed in checks) else 1
# ANCHOR_END: checks


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
