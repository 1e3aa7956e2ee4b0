"""The asyncio-side twin of `cargo run -p step03-tasks --example pin_unpin`:
a coroutine driven by hand, where `send(None)` plays the part of `poll`."""

import sys


# ANCHOR: pin_unpin
class Countdown:
    """Pauses `n` times (a bare `yield` is Python's Pending), then returns."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __await__(self):
        while self.n > 0:
            self.n -= 1
            yield
        return "liftoff"


async def borrowing() -> int:
    words = ["pinned", "data"]
    first = words[0]  # a reference, to an object on the heap
    await Countdown(1)
    return len(first)


def poll(coroutine) -> str:
    try:
        coroutine.send(None)  # run to the next pause
        return "Pending"
    except StopIteration as finished:
        return f"Ready({finished.value!r})"


def main() -> None:
    print("a coroutine driven by hand: send(None) is poll")
    coroutine = borrowing()
    print(f"  poll: {poll(coroutine)}")
    print(f"  poll: {poll(coroutine)}")
    print("every coroutine lives on the heap, like a Box::pin'd future:")
    coroutine = borrowing()
    was = id(coroutine)
    print(f"  poll: {poll(coroutine)}")
    queue = [coroutine]  # a name moves; the object never does
    print(f"  (moved into a list; the object's id is unchanged: {was == id(queue[0])})")
    print(f"  poll: {poll(queue[0])}")
# ANCHOR_END: pin_unpin


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: pin_unpin.py", file=sys.stderr)
    sys.exit(2)
main()
