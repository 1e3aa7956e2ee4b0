"""Time in tests, asyncio side: retry with backoff sleeps through a function
passed in, so a test passes a fake one and checks every wait without
waiting; then the same with `unittest.mock.patch` on `asyncio.sleep`."""

import asyncio
from collections.abc import Awaitable, Callable
from unittest import mock


# ANCHOR: retry
async def retry(attempt, tries: int, first_delay: float,
                sleep: Callable[[float], Awaitable[None]] | None = None):
    # Looked up at each call, not bound as a default: mock.patch can reach it.
    sleep = sleep or asyncio.sleep
    delay = first_delay
    for _ in range(tries - 1):
        try:
            return await attempt()
        except ConnectionError:
            await sleep(delay)
        delay *= 2
    return await attempt()  # the last try: its error is the answer
# ANCHOR_END: retry


# ANCHOR: fake
class FakeClock:
    """Never waits: each sleep moves its time forward and is written down."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    async def sleep(self, delay: float) -> None:
        self.now += delay
        self.sleeps.append(delay)


def seconds(durations: list[float]) -> str:
    return ", ".join(f"{duration:.1f} s" for duration in durations)


def flaky(clock: FakeClock, tried_at: list[float]):
    async def attempt() -> int:
        tried_at.append(clock.now)
        if len(tried_at) < 5:
            raise ConnectionError("refused")
        return 42
    return attempt


async def main() -> None:
    clock, tried_at = FakeClock(), []
    answer = await retry(flaky(clock, tried_at), 5, 1.0, sleep=clock.sleep)
    assert (answer, clock.sleeps) == (42, [1, 2, 4, 8])
    assert tried_at == [0, 1, 3, 7, 15], tried_at
    print(f"fake clock: slept {seconds(clock.sleeps)}")
    print(f"            tried at {seconds(tried_at)}")

    # Without a parameter to pass: replace asyncio.sleep for the test.
    with mock.patch("asyncio.sleep", new=mock.AsyncMock()) as fake_sleep:
        answer = await retry(flaky(clock, []), 5, 1.0)
    waits = [call.args[0] for call in fake_sleep.await_args_list]
    print(f"mock.patch: slept {seconds(waits)}; answer {answer}")
# ANCHOR_END: fake


asyncio.run(main())
