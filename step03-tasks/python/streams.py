"""The asyncio twin of `cargo run -p step03-tasks --example streams`."""

import asyncio
import sys
import time
from collections.abc import AsyncIterator


# ANCHOR: generator
async def readings(count: int) -> AsyncIterator[tuple[int, float]]:
    for number in range(1, count + 1):
        await asyncio.sleep(0.1)
        yield number, 20.0 + (number % 4) * 0.5


async def print_all(started: float) -> None:
    async for number, celsius in readings(3):
        elapsed = time.monotonic() - started
        print(f"  [{elapsed:.1f} s] reading {number}: {celsius:.1f} °C")


async def warm_readings() -> list[str]:
    warm = [f"#{n} {c:.1f}" async for n, c in readings(8) if c >= 21.0]
    return warm[:3]  # no lazy take() in the standard library
# ANCHOR_END: generator


async def double_slowly(n: int) -> int:
    await asyncio.sleep(0.01)
    return n * 2


# ANCHOR: queue
async def from_a_queue() -> list[str]:
    queue: asyncio.Queue[str | None] = asyncio.Queue(2)

    async def produce() -> None:
        for word in ["streams", "are", "async", "iterators"]:
            await queue.put(word)
        await queue.put(None)  # a queue has no "closed": send a marker

    producer = asyncio.create_task(produce())
    words = []
    while (word := await queue.get()) is not None:
        words.append(word)
    await producer
    return words
# ANCHOR_END: queue


async def main() -> None:
    print("async for over a generator of readings:")
    await print_all(time.monotonic())
    print(f"filter, map, take: {await warm_readings()}")
    print(f"then (an async map): {[await double_slowly(n) for n in range(1, 5)]}")
    print(f"a queue as a stream: {await from_a_queue()}")


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: streams.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
