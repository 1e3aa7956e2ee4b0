"""The asyncio twin of `cargo run -p step03-tasks --example blocking_ticker`."""

import asyncio
import sys
import time

TICKS = 10
PERIOD = 0.1
JOBS = 3
JOB_TIME = 0.25


# ANCHOR: blocking_ticker
async def ticker() -> list[float]:
    ticks = []
    for _ in range(TICKS):
        ticks.append(time.monotonic())
        await asyncio.sleep(PERIOD)
    return ticks


def blocking_job() -> None:
    time.sleep(JOB_TIME)  # a blocking call: holds the event loop's thread


async def jobs_blocking_the_loop() -> None:
    for _ in range(JOBS):
        blocking_job()
        await asyncio.sleep(0)


async def jobs_on_threads() -> None:
    for _ in range(JOBS):
        await asyncio.to_thread(blocking_job)


def report(ticks: list[float]) -> str:
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    return (f"{TICKS} ticks took {millis(ticks[-1] - ticks[0])}, "
            f"longest gap {millis(max(gaps))}")


def millis(seconds: float) -> str:
    return f"{round(seconds * 100) * 10} ms"


async def main() -> None:
    print(f"a ticker every 100 ms, next to {JOBS} jobs of 250 ms each")
    ticks, _ = await asyncio.gather(ticker(), jobs_blocking_the_loop())
    print(f"blocking calls in async code: {report(ticks)}")
    ticks, _ = await asyncio.gather(ticker(), jobs_on_threads())
    print(f"asyncio.to_thread:            {report(ticks)}")
# ANCHOR_END: blocking_ticker


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: blocking_ticker.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
