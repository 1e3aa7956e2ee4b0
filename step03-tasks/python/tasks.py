"""Three one-second jobs, in sequence and as tasks: the twin of `cargo run -p step03-tasks`."""

import asyncio
import time


# ANCHOR: tasks
async def job(name: str, delay: float) -> str:
    await asyncio.sleep(delay)
    return name


async def main() -> None:
    print("Three jobs, one second each.")

    start = time.monotonic()
    results = [await job(name, 1) for name in ["a", "b", "c"]]
    print(f"one after the other: {results} in {time.monotonic() - start:.1f} s")

    start = time.monotonic()
    tasks = [asyncio.create_task(job(name, 1)) for name in ["a", "b", "c"]]
    results = [await task for task in tasks]
    print(f"as three tasks:      {results} in {time.monotonic() - start:.1f} s")


asyncio.run(main())
# ANCHOR_END: tasks
