"""asyncio.Semaphore bounds concurrency: the twin of `--example bounded`."""

import asyncio
import time


# ANCHOR: semaphore
class Counter:
    """Counts how many fetches run at once, like the lesson server does."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0


async def fetch(name: str, limit: asyncio.Semaphore, counter: Counter) -> str:
    async with limit:
        counter.now += 1
        counter.most = max(counter.most, counter.now)
        await asyncio.sleep(0.2)
        counter.now -= 1
        return f"contents of {name}"


async def main() -> None:
    names = [f"page-{number}" for number in range(1, 13)]
    print("12 pages, 200 ms each, fetched with different limits:")
    print("limit  took   most at once")
    for size in [1, 3, 12]:
        limit, counter = asyncio.Semaphore(size), Counter()
        start = time.monotonic()
        await asyncio.gather(*(fetch(name, limit, counter) for name in names))
        print(f"{size:>5}  {time.monotonic() - start:.1f} s  {counter.most}")


asyncio.run(main())
# ANCHOR_END: semaphore
