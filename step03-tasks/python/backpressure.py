"""The asyncio twin of `cargo run -p step03-tasks --example backpressure`."""

import asyncio
import sys
import time

WORK = 0.02
USAGE = "usage: backpressure.py [--items N (1-200)] [--capacity N (1-100)]"


# ANCHOR: backpressure
async def producer(queue: asyncio.Queue, items: int, started: float):
    peak = 0
    for item in range(items):
        await queue.put(item)  # waits while a bounded queue is full
        peak = max(peak, queue.qsize())
    await queue.put(None)  # tell the consumer we are done
    return time.monotonic() - started, peak


async def consumer(queue: asyncio.Queue, started: float) -> float:
    while await queue.get() is not None:
        await asyncio.sleep(WORK)
    return time.monotonic() - started


async def run(label: str, queue: asyncio.Queue, items: int) -> None:
    started = time.monotonic()
    (produced, peak), consumed = await asyncio.gather(
        producer(queue, items, started), consumer(queue, started))
    print(f"{label:<14} producer done at {millis(produced):>6}, "
          f"queue peaked at {peak:>2} items, consumer done at {millis(consumed):>6}")


def shed(items: int, capacity: int) -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(capacity)
    rejected = 0
    for item in range(items):
        try:
            queue.put_nowait(item)
        except asyncio.QueueFull:
            rejected += 1
    print(f"put_nowait:    {items - rejected} accepted, {rejected} rejected as full")
# ANCHOR_END: backpressure


def millis(seconds: float) -> str:
    return f"{round(seconds * 100) * 10} ms"


async def main(items: int, capacity: int) -> None:
    print(f"{items} items; the consumer takes 20 ms per item")
    await run("unbounded:", asyncio.Queue(), items)
    # The end marker waits for room too, so the producer finishes one item
    # later than in Rust, where closing a channel takes no room.
    await run(f"bounded({capacity}):", asyncio.Queue(capacity), items)
    shed(items, capacity)


def parse(arguments: list[str]) -> tuple[int, int]:
    values = {"--items": 10, "--capacity": 2}
    limits = {"--items": 200, "--capacity": 100}
    while arguments:
        name, *rest = arguments
        if name not in values or not rest or not rest[0].isdigit() \
                or not 1 <= int(rest[0]) <= limits[name]:
            print(f"error: bad argument `{name}`\n{USAGE}", file=sys.stderr)
            sys.exit(2)
        values[name] = int(rest[0])
        arguments = rest[1:]
    return values["--items"], values["--capacity"]


asyncio.run(main(*parse(sys.argv[1:])))
