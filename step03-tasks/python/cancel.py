"""Task.cancel: the twin of `--example cancel`."""

import asyncio


# ANCHOR: cancel
async def long_job() -> str:
    try:
        await asyncio.sleep(10)
        return "finished"
    except asyncio.CancelledError:
        print("  (the 10 s task was cancelled: CancelledError was raised in it)")
        raise


async def main() -> None:
    task = asyncio.create_task(long_job())
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("awaiting a cancelled task raises CancelledError; "
              f"cancelled() = {task.cancelled()}")

    quick = asyncio.create_task(asyncio.sleep(0, result=6 * 7))
    await asyncio.sleep(0.1)
    print(f"cancel() on a finished task: {quick.cancel()}; "
          f"its result is still {quick.result()}")


asyncio.run(main())
# ANCHOR_END: cancel
