"""The asyncio twin of `cargo run -p step03-tasks --example leftover_tasks`."""

import asyncio
import sys

if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: leftover_tasks.py", file=sys.stderr)
    sys.exit(2)


# ANCHOR: leftover
async def worker(name: str, started: asyncio.Queue) -> None:
    try:  # "open a connection"
        await started.put(name)
        await asyncio.Event().wait()  # wait forever
    finally:
        print(f"  {name}: connection closed (finally ran)")


async def main() -> None:
    started = asyncio.Queue()
    first = asyncio.create_task(worker("worker-1", started))
    second = asyncio.create_task(worker("worker-2", started))
    for _ in range(2):
        await started.get()
    print("main: both workers hold a connection")
    print("main: cancelling worker-1")
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    print(f"main: returning while worker-2 still runs (done: {second.done()})")


asyncio.run(main())  # cancels worker-2 and waits for its finally
# ANCHOR_END: leftover
