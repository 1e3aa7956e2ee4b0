"""What cancellation cannot stop, in asyncio: the twin of
`cargo run -p step03-tasks --example timeout_blocking`."""

import asyncio
import threading
import time


def seconds(duration: float) -> str:
    return f"{duration:.1f} s"


# ANCHOR: never_fires
async def blocking_job() -> str:
    time.sleep(0.3)  # blocks the event loop, like std::thread::sleep
    return "finished"


async def timeout_around_blocking() -> None:
    started = time.monotonic()
    try:
        async with asyncio.timeout(0.1):
            outcome = await blocking_job()
    except TimeoutError:
        outcome = "TimeoutError"
    took = seconds(time.monotonic() - started)
    print(f"0.1 s timeout around 0.3 s of time.sleep: {outcome!r} after {took}")
# ANCHOR_END: never_fires


# ANCHOR: runs_on
async def thread_runs_on() -> None:
    finished = threading.Event()

    def work() -> None:
        time.sleep(0.3)
        finished.set()

    try:
        await asyncio.wait_for(asyncio.to_thread(work), timeout=0.1)
    except TimeoutError:
        print("to_thread under a 0.1 s timeout: TimeoutError")
    # Nobody awaits the thread now; its event says it ran on. (Waiting for
    # the event, not a fixed 0.3 s: a busy machine may run the thread late.)
    ran_on = await asyncio.to_thread(finished.wait, 30)
    print(f"later, the thread has finished anyway: {ran_on}")
# ANCHOR_END: runs_on


async def main() -> None:
    await timeout_around_blocking()
    await thread_runs_on()


asyncio.run(main())
