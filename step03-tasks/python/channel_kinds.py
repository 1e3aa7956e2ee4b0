"""The asyncio twin of `cargo run -p step03-tasks --example channel_kinds`."""

import asyncio
import sys


# ANCHOR: one_shot
async def one_shot() -> None:
    reply = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(reply.set_result, 3)
    print(f"  asked for the price of apples: {await reply}")
    abandoned = asyncio.get_running_loop().create_future()
    # Nobody will ever set it, and nothing tells the waiter: only a timeout.
    try:
        async with asyncio.timeout(0.1):
            await abandoned
    except TimeoutError:
        print("  a worker that forgets the future: no answer, ever (timed out)")
# ANCHOR_END: one_shot


async def take_all(queue: asyncio.Queue, taken: list) -> None:
    while (job := await queue.get()) is not None:
        taken.append(job)


async def work_queue() -> None:
    queue = asyncio.Queue(maxsize=2)
    queue.put_nowait(1)
    queue.put_nowait(2)
    try:
        queue.put_nowait(3)
    except asyncio.QueueFull:
        print("  a third put_nowait on a full queue: QueueFull")
    taken = []
    consumers = [asyncio.create_task(take_all(queue, taken)) for _ in range(2)]
    for job in range(3, 7):
        await queue.put(job)  # waits while the queue is full
    for _ in consumers:
        await queue.put(None)  # no "closed" in 3.11: one end marker each
    await asyncio.gather(*consumers)
    print(f"  2 consumers took, between them: {sorted(taken)}")


async def fan_out() -> None:
    subscribers = [asyncio.Queue(16) for _ in range(2)]
    got = [[], []]
    readers = [asyncio.create_task(take_all(q, g)) for q, g in zip(subscribers, got)]
    for message in [1, 2, 3, None]:
        for queue in subscribers:
            await queue.put(message)
    await asyncio.gather(*readers)
    for number, messages in enumerate(got, 1):
        print(f"  subscriber {number} got {messages}")


# ANCHOR: latest
class Latest:
    """The newest value and its version; readers wait for a newer one."""

    def __init__(self) -> None:
        self.value, self.version, self.changed = None, 0, asyncio.Condition()

    async def send(self, value) -> None:  # never waits for a reader
        async with self.changed:
            self.value, self.version = value, self.version + 1
            self.changed.notify_all()

    async def newer_than(self, seen: int):
        async with self.changed:
            await self.changed.wait_for(lambda: self.version > seen)
            return self.value, self.version


async def latest_value() -> None:
    config = Latest()
    for value in ["v1", "v2", "v3"]:
        await config.send(value)  # the reader is busy elsewhere
    value, seen = await config.newer_than(0)
    print(f"  the reader looks: {value}")
    waiting = asyncio.create_task(config.newer_than(seen))
    await config.send("v4")
    value, seen = await waiting
    print(f"  it waits, then sees {value}")
# ANCHOR_END: latest


async def main() -> None:
    for heading, demo in [
        ("one-shot (asyncio.Future):", one_shot),
        ("bounded queue (asyncio.Queue(maxsize=2)):", work_queue),
        ("fan-out (a queue per subscriber):", fan_out),
        ("latest value (a variable and an asyncio.Condition):", latest_value),
    ]:
        print(heading)
        await demo()


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: channel_kinds.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
