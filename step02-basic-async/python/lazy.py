"""Coroutines are lazy too: the asyncio twin of `--example lazy`."""

import asyncio
import gc


# ANCHOR: lazy
async def greet(name: str) -> str:
    print(f"   (greet is running for {name})")
    return f"hello, {name}"


def main() -> None:
    print("1. calling greet() only builds a coroutine object")
    coroutine = greet("Ferris")

    print("2. the coroutine exists, yet greet has printed nothing")
    greeting = asyncio.run(coroutine)

    print(f"3. asyncio.run drove it to the end: {greeting}")

    forgotten = greet("nobody")
    forgotten.close()  # without this, Python warns "coroutine ... was never awaited"
    print("4. a coroutine closed before it is awaited never runs at all")


main()
gc.collect()
# ANCHOR_END: lazy
