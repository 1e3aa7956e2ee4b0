"""The asyncio twin of `cargo run -p step03-tasks --example framing`."""

import asyncio
import struct
import sys

MAX_FRAME = 1 << 20
MAX_LINE = 64


# ANCHOR: framing
async def answer_lines(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    count = 0
    while line := await reader.readline():  # b"" at the end of the stream
        count += 1
        writer.write(f"line {count} is {line.decode().rstrip()!r}\n".encode())
        await writer.drain()
    writer.close()


def write_frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload  # big-endian u32, then the bytes


async def read_frame(reader: asyncio.StreamReader) -> bytes | None:
    header = await reader.read(1)
    if not header:
        return None  # a clean end, between frames
    header += await reader.readexactly(3)
    (length,) = struct.unpack(">I", header)
    if length > MAX_FRAME:
        raise ValueError(f"a frame of {length} bytes is over the limit of {MAX_FRAME}")
    return await reader.readexactly(length)


async def answer_frames(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    count = 0
    try:
        while (payload := await read_frame(reader)) is not None:
            count += 1
            writer.write(f"frame {count} is {payload.decode()!r}\n".encode())
    except ValueError as error:
        writer.write(f"error: {error}\n".encode())
    await writer.drain()
    writer.close()
# ANCHOR_END: framing


# ANCHOR: capped
async def show_capped_lines() -> None:
    reader = asyncio.StreamReader(limit=MAX_LINE)  # 2**16 unless told otherwise
    reader.feed_data(b"a short line\n" + b"x" * 100_000)  # then no newline
    reader.feed_eof()
    for _ in range(2):
        try:
            print(f"  {(await reader.readline()).decode().rstrip()!r}")
        except ValueError:  # over the limit: the reader drops those bytes
            print(f"  error: ValueError, a line longer than {MAX_LINE} bytes")
# ANCHOR_END: capped


async def exchange(answer, pieces: list[bytes]) -> list[str]:
    """Connects to a server running `answer`, writes `pieces`, closes the
    writing half, and returns the lines the server sent back."""
    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for piece in pieces:
        writer.write(piece)
        await writer.drain()
    writer.write_eof()
    replies = [line.decode().rstrip("\n") async for line in reader]
    writer.close()
    server.close()
    await server.wait_closed()
    return replies


def show(replies: list[str]) -> None:
    for reply in replies:
        print(f"  reply: {reply}")


async def main() -> None:
    pieces = [b"hel", b"lo\nwor", b"ld\n"]
    print(f"lines, sent in 3 pieces {[piece.decode() for piece in pieces]}:")
    show(await exchange(answer_lines, pieces))
    print("a message with a newline inside, sent as a line:")
    show(await exchange(answer_lines, [b"two\nlines\n"]))
    print(f"a short line, then one without end, with a limit of {MAX_LINE} bytes:")
    await show_capped_lines()
    print("the same message, then an empty one, as frames:")
    show(await exchange(answer_frames, [write_frame(b"two\nlines") + write_frame(b"")]))
    print(f"a header that announces {0xFFFF_FFFF} bytes:")
    show(await exchange(answer_frames, [struct.pack(">I", 0xFFFF_FFFF)]))


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: framing.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
