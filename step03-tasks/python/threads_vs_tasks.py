"""Async or threads, measured, in Python: N concurrent waits of 100 ms on N
threads and on N asyncio tasks, each row in a fresh process. The twin of
`--example threads_vs_tasks`.

python3 step03-tasks/python/threads_vs_tasks.py --waits 10,100,10000
"""
# listing-output: shape-only

import asyncio
import subprocess
import sys
import threading
import time

# The memory probe has one home, scale.py, beside this file (python3 puts
# a script's own folder first on the import path). Set first, so that the
# import leaves no __pycache__ folder in the course's tree.
sys.dont_write_bytecode = True
from scale import kib  # noqa: E402

USAGE = ("usage: threads_vs_tasks.py [--waits N,N,...]    "
         "1 to 5 counts, each 1 to 100000 (default 10,100,10000)")
WAIT = 0.1


# ANCHOR: waits
def on_threads(waits: int) -> None:
    threads = [threading.Thread(target=time.sleep, args=(WAIT,)) for _ in range(waits)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def on_tasks(waits: int) -> None:
    async def all_waits() -> None:
        sleeps = [asyncio.create_task(asyncio.sleep(WAIT)) for _ in range(waits)]
        await asyncio.gather(*sleeps)
    asyncio.run(all_waits())
# ANCHOR_END: waits


def measure_one(kind: str, waits: int) -> None:
    before = kib("VmRSS:")
    start = time.perf_counter()
    (on_threads if kind == "threads" else on_tasks)(waits)
    wall = time.perf_counter() - start
    peak = kib("VmHWM:")
    grown = "n/a" if before is None or peak is None else str((peak - before) * 1024)
    print(wall, grown)


def run_all(counts: list[int]) -> None:
    print("concurrent waits of 100 ms, each row in a fresh process")
    print(f"{'waits':>7}  {'on':<7}  {'wall':>9}  {'memory':>9}  {'per wait':>14}")
    for waits in counts:
        for kind in ["threads", "tasks"]:
            child = subprocess.run([sys.executable, __file__, "--one", kind, str(waits)],
                                   capture_output=True, text=True, check=True)
            wall, grown = child.stdout.split()
            memory = "n/a" if grown == "n/a" else f"{int(grown) / 1e6:.1f} MB"
            per_wait = "n/a" if grown == "n/a" else f"{int(grown) // waits} bytes"
            print(f"{waits:>7,}  {kind:<7}  {float(wall):>7.3f} s  {memory:>9}  {per_wait:>14}")


def parse_counts(value: str) -> list[int]:
    counts = []
    for count in value.split(","):
        if not count.isdigit() or not 1 <= int(count) <= 100_000:
            raise ValueError(f"--waits takes counts from 1 to 100000, not `{count}`")
        counts.append(int(count))
    if len(counts) > 5:
        raise ValueError(f"--waits takes at most 5 counts, not {len(counts)}")
    return counts


def main(args: list[str]) -> int:
    try:
        if args[:1] == ["--one"] and len(args) == 3 and args[1] in ("threads", "tasks"):
            measure_one(args[1], parse_counts(args[2])[0])
        elif not args:
            run_all([10, 100, 10_000])
        elif args[0] == "--waits" and len(args) == 2:
            run_all(parse_counts(args[1]))
        else:
            raise ValueError(f"unknown or incomplete arguments starting at `{args[0]}`")
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
