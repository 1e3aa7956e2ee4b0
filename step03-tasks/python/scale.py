"""Thousands of asyncio tasks, measured: the twin of `--example scale`.

python3 step03-tasks/python/scale.py --tasks 100000
"""
# listing-output: shape-only

import asyncio
import sys
import time

USAGE = "usage: scale.py [--tasks N]    N: 1 to 1000000 tasks (default 10000)"
SLEEP = 0.1


# ANCHOR: scale
def kib(field: str) -> int | None:
    """One `Name:   1234 kB` line of /proc/self/status (Linux only)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def megabytes(value: int | None) -> str:
    return "n/a" if value is None else f"{value * 1024 / 1e6:.1f} MB"


async def run(tasks: int) -> None:
    before = kib("VmRSS:")
    start = time.perf_counter()
    pending = [asyncio.create_task(asyncio.sleep(SLEEP)) for _ in range(tasks)]
    spawned = time.perf_counter() - start
    await asyncio.gather(*pending)
    wall = time.perf_counter() - start
    peak = kib("VmHWM:")

    per_task = "n/a"
    if before is not None and peak is not None:
        per_task = f"{(peak - before) * 1024 // tasks} bytes"
    print(f"asyncio: {tasks:,} tasks, each sleeping 100 ms")
    print(f"  spawning took      {spawned:.3f} s")
    print(f"  wall time          {wall:.3f} s")
    print(f"  ideal              {SLEEP:.3f} s")
    print(f"  overhead           {max(wall - SLEEP, 0):.3f} s")
    print(f"  memory before      {megabytes(before)}")
    print(f"  memory at peak     {megabytes(peak)}")
    print(f"  memory per task    {per_task}")
# ANCHOR_END: scale


def parse_args(args: list[str]) -> int:
    tasks = 10_000
    while args:
        arg = args.pop(0)
        if arg != "--tasks":
            raise ValueError(f"unknown argument `{arg}`")
        if not args:
            raise ValueError("--tasks needs a number")
        value = args.pop(0)
        if not value.isdigit():
            raise ValueError(f"--tasks takes a whole number, not `{value}`")
        tasks = int(value)
        if not 1 <= tasks <= 1_000_000:
            raise ValueError(f"--tasks must be 1 to 1000000, not {value}")
    return tasks


def main() -> int:
    try:
        tasks = parse_args(sys.argv[1:])
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    asyncio.run(run(tasks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
