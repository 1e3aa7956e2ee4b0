"""Exceptions in tasks: the twin of `--example task_errors`."""

import asyncio


# ANCHOR: errors
async def fetch(name: str) -> str:
    await asyncio.sleep(0.1)
    if name.startswith("missing"):
        raise LookupError(f"not found: {name}")
    return f"contents of {name}"


async def main() -> None:
    pages = ["page-1", "missing-page", "page-3"]
    print(f"fetching {pages} concurrently:")
    # return_exceptions=True: an exception becomes a value in the list,
    # like an Err in Rust's Vec<Result<...>>.
    results = await asyncio.gather(
        *(fetch(page) for page in pages), return_exceptions=True)
    for page, result in zip(pages, results):
        if isinstance(result, Exception):
            print(f"  {page}: failed, {result}")
        else:
            print(f"  {page}: {result}")

    # Without it, the first exception is raised from gather itself.
    try:
        await asyncio.gather(*(fetch(page) for page in pages))
    except LookupError as error:
        print(f"without return_exceptions, gather raised: {error}")


asyncio.run(main())
# ANCHOR_END: errors
