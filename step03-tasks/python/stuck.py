"""The asyncio twin of `cargo run -p step03-tasks --example stuck`: a
watchdog that asks each task where it is suspended (`Task.get_stack`)."""

import asyncio
import linecache


async def fetch(page: str, replies: asyncio.Queue) -> None:
    await asyncio.sleep(0.1)  # connecting
    reply = await replies.get()
    print(f"fetch {page}: got {reply!r}")


# ANCHOR: watchdog
def where_suspended(task: asyncio.Task) -> str:
    """The line a task's coroutine is suspended at, from its stack."""
    frame = task.get_stack()[-1]
    line = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
    return f"in {frame.f_code.co_name}(), line {frame.f_lineno}: {line}"


async def watchdog(bound: float) -> None:
    await asyncio.sleep(bound)
    for task in asyncio.all_tasks():
        if task.get_name().startswith("fetch"):
            print(f"watchdog: {task.get_name()} is {where_suspended(task)}")
# ANCHOR_END: watchdog


async def main() -> None:
    replies_a, replies_b = asyncio.Queue(), asyncio.Queue()
    a = asyncio.create_task(fetch("a", replies_a), name="fetch a")
    b = asyncio.create_task(fetch("b", replies_b), name="fetch b")
    guard = asyncio.create_task(watchdog(0.5))
    await asyncio.sleep(0.2)
    await replies_a.put("page a")
    await a
    await guard
    b.cancel()


asyncio.run(main())
