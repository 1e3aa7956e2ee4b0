"""The asyncio twin of `cargo run -p step03-tasks --example async_traits`."""

import asyncio
import sys
from typing import Awaitable, Callable, Protocol, TypeVar

T = TypeVar("T")


# ANCHOR: protocol
class Pages(Protocol):
    async def fetch(self, page: int) -> str: ...


class Memory:
    def __init__(self, pages: dict[int, str]) -> None:
        self.pages = pages

    async def fetch(self, page: int) -> str:
        await asyncio.sleep(0)  # stands for I/O
        if page not in self.pages:
            raise LookupError(f"no page {page}")
        return self.pages[page]


class Echo:
    async def fetch(self, page: int) -> str:
        return f"page {page}, made up"
# ANCHOR_END: protocol


# ANCHOR: async_traits
async def retry(times: int, attempt: Callable[[], Awaitable[T]]) -> T:
    for _ in range(times - 1):
        try:
            return await attempt()
        except Exception:
            pass
    return await attempt()


async def tree_size(links: dict[int, list[int]], page: int) -> int:
    return 1 + sum([await tree_size(links, child) for child in links.get(page, [])])


async def main() -> None:
    site = Memory({0: "home", 1: "about"})
    both = await asyncio.gather(site.fetch(0), site.fetch(1))
    print(f"a protocol, duck-typed: {both}")
    print(f"in a task: {await asyncio.create_task(site.fetch(1))}")
    for source in [site, Echo()]:  # any object with the method will do
        print(f"any source: {await source.fetch(1)}")

    flaky, attempts = 2, 0

    async def attempt() -> str:  # no async lambda: a nested async def
        nonlocal flaky, attempts
        attempts += 1
        if flaky > 0:
            flaky -= 1
            raise ConnectionError("flaky")
        return await site.fetch(0)

    print(f"retry: {await retry(3, attempt)!r} after {attempts} attempts")
    links = {0: [1, 2], 1: [3], 2: [4, 5]}
    print(f"pages in the tree under page 0: {await tree_size(links, 0)}")
# ANCHOR_END: async_traits


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: async_traits.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
