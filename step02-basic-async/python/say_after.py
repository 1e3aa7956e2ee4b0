"""The asyncio original of `cargo run -p step02-basic-async`."""

import asyncio
import time

START = time.monotonic()


def stamp(message: str) -> str:
    return f"[{time.monotonic() - START:.1f} s] {message}"


# ANCHOR: say_after
async def say_after(delay: float, what: str) -> str:
    await asyncio.sleep(delay)
    return what


async def main() -> None:
    print(stamp("started"))
    first = await say_after(1, "hello")
    print(stamp(first))
    second = await say_after(2, "world")
    print(stamp(second))
    print(stamp("finished: 1 s + 2 s, one after the other"))


asyncio.run(main())
# ANCHOR_END: say_after
