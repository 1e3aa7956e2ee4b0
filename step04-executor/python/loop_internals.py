"""asyncio's event loop has the same two parts as the step04 executor.

A peek at CPython's private attributes (implementation details of
asyncio/base_events.py, shown for teaching only): a deque of ready
callbacks and a heap of timers.

    python3 step04-executor/python/loop_internals.py
"""

import asyncio


# ANCHOR: internals
async def main():
    loop = asyncio.get_running_loop()
    fired = []

    # call_later pushes a TimerHandle onto loop._scheduled with heapq.
    for name, delay in [("c", 0.3), ("a", 0.1), ("b", 0.2)]:
        loop.call_later(delay, fired.append, name)
    # call_soon appends a Handle to loop._ready, a collections.deque.
    loop.call_soon(fired.append, "soon")

    print("ready queue:", type(loop._ready).__name__, "of", len(loop._ready))
    heap = loop._scheduled
    earliest = min(handle.when() for handle in heap)
    print("timers:", type(heap).__name__, "of", len(heap),
          "with the earliest first:", heap[0].when() == earliest)

    await asyncio.sleep(0.4)
    print("fired in this order:", fired)


asyncio.run(main())
# ANCHOR_END: internals
