"""The asyncio twin of `cargo run -p step03-tasks --example lock_across_await`."""

import asyncio
import sys

LIMIT = 0.5


class Stock:
    def __init__(self) -> None:
        self.apples = 5
        self.lock = asyncio.Lock()


async def auditor(stock: Stock, requests: asyncio.Queue) -> None:
    while True:
        reply = await requests.get()
        print("  auditor: got a request, locking the stock")
        async with stock.lock:
            apples = stock.apples
        print(f"  auditor: {apples} apples counted")
        reply.set_result(apples)


async def ask_auditor(requests: asyncio.Queue) -> int:
    reply = asyncio.get_running_loop().create_future()
    await requests.put(reply)
    return await reply


# ANCHOR: restock
async def restock_holding_the_lock(stock: Stock, requests: asyncio.Queue) -> None:
    async with stock.lock:
        print("  restock: locked the stock, asking the auditor")
        counted = await ask_auditor(requests)  # still inside `async with`
        stock.apples = counted + 10


async def restock_then_lock(stock: Stock, requests: asyncio.Queue) -> None:
    print("  restock: asking the auditor (lock not held)")
    counted = await ask_auditor(requests)
    async with stock.lock:
        stock.apples = counted + 10
        print(f"  restock: locked the stock, {counted} -> {stock.apples} apples")
# ANCHOR_END: restock


async def run(restock) -> None:
    stock, requests = Stock(), asyncio.Queue(1)
    audit = asyncio.create_task(auditor(stock, requests))
    work = asyncio.create_task(restock(stock, requests))
    # asyncio.wait, unlike wait_for, does not cancel on timeout: look first.
    _, stuck = await asyncio.wait({work}, timeout=LIMIT)
    if stuck:
        print(f"  no progress after {int(LIMIT * 1000)} ms: suspected deadlock "
              f"(stock locked: {stock.lock.locked()})")
    audit.cancel()  # the auditor first, so that nothing runs after this report
    work.cancel()
    await asyncio.gather(audit, work, return_exceptions=True)


async def main() -> None:
    print("restock holds the lock across an await that needs the lock:")
    await run(restock_holding_the_lock)
    print("fixed: restock awaits first and locks only for the update:")
    await run(restock_then_lock)


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: lock_across_await.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
