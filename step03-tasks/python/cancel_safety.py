"""The asyncio twin of `cargo run -p step03-tasks --example cancel_safety`."""

import asyncio
import sys


# ANCHOR: cancel_safety
async def read_frame(reader: asyncio.StreamReader) -> str | None:
    """A length byte, then that many bytes; None at a clean end."""
    length = await reader.read(1)
    if not length:
        return None
    try:
        body = await reader.readexactly(length[0])
    except asyncio.IncompleteReadError:
        raise ValueError(f"a frame of {length[0]} bytes was cut short") from None
    return body.decode()


async def new_task_each_time(reader, ticks, report) -> None:
    while True:
        frame = asyncio.create_task(read_frame(reader))
        tick = asyncio.create_task(ticks.get())
        done, pending = await asyncio.wait(
            {frame, tick}, return_when=asyncio.FIRST_COMPLETED)
        for loser in pending:
            loser.cancel()  # what select! does to the future that lost
        if tick in done:
            report(f"tick {tick.result()}")
        elif not await handled(frame, report):
            return


async def one_task_kept(reader, ticks, report) -> None:
    frame = asyncio.create_task(read_frame(reader))
    while True:
        tick = asyncio.create_task(ticks.get())
        done, _ = await asyncio.wait({frame, tick}, return_when=asyncio.FIRST_COMPLETED)
        if tick in done:
            report(f"tick {tick.result()}")
        else:
            tick.cancel()  # a queue's get() is cancel safe: nothing is lost
            if not await handled(frame, report):
                return
            frame = asyncio.create_task(read_frame(reader))
# ANCHOR_END: cancel_safety


async def handled(frame: asyncio.Task, report) -> bool:
    """Reports a finished frame task; False when the reader should stop."""
    try:
        text = frame.result()
    except ValueError as error:
        report(f"error: {error}")
        return False
    if text is None:
        report("end of stream")
        return False
    report(f"frame {text!r}")
    return True


async def script(heading: str, reader_loop) -> None:
    """Prints `heading`, then feeds `reader_loop` "hello" and "world", with a
    tick while "hello" is half read, and prints what it reported."""
    print(heading)
    reader, ticks, events = asyncio.StreamReader(), asyncio.Queue(), asyncio.Queue()
    loop = asyncio.create_task(reader_loop(reader, ticks, events.put_nowait))
    reader.feed_data(b"\x05he")
    for _ in range(3):
        await asyncio.sleep(0)  # the reader runs until it waits for more bytes
    await ticks.put(1)
    print(f"  {await events.get()}")
    reader.feed_data(b"llo\x05world")
    reader.feed_eof()
    await loop
    while not events.empty():
        print(f"  {events.get_nowait()}")


async def main() -> None:
    await script("a new read_frame task each time round the loop, the loser cancelled:",
                 new_task_each_time)
    await script("one read_frame task, kept across iterations:", one_task_kept)


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: cancel_safety.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
