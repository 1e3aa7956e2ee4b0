"""The asyncio twin of `cargo run -p step03-tasks --example graceful_shutdown`.

Sends itself SIGINT as Ctrl-C would; `--wait` waits for you to press Ctrl-C.
"""

import asyncio
import os
import signal
import sys

USAGE = "usage: graceful_shutdown.py [--wait]"
GRACE = 2.0
JOBS = 9


# ANCHOR: tasks
async def worker(jobs: asyncio.Queue, done: list) -> None:
    while True:  # Python 3.11 has no Queue.shutdown (3.13 has)
        job = await jobs.get()
        await asyncio.sleep(0.05)  # the work
        done.append(job)
        jobs.task_done()


async def stubborn() -> str:
    try:
        await asyncio.sleep(60)
        return "finished"
    finally:
        print("  stubborn: connection closed (finally ran)")
# ANCHOR_END: tasks


# ANCHOR: graceful_shutdown
async def main(wait_for_user: bool) -> None:
    ctrl_c = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, ctrl_c.set)
    jobs, done = asyncio.Queue(), []
    for job in range(1, JOBS + 1):
        jobs.put_nowait(job)
    workers = [asyncio.create_task(worker(jobs, done)) for _ in range(3)]
    slow = asyncio.create_task(stubborn())
    print(f"{JOBS} jobs queued; 3 workers and a stubborn task started")
    if wait_for_user:
        print("press Ctrl-C to stop")
    else:
        print("sending myself SIGINT, as Ctrl-C would (--wait to press it yourself)")
        os.kill(os.getpid(), signal.SIGINT)

    await ctrl_c.wait()
    print("SIGINT: no new jobs; the workers drain the queue")
    print(f"waiting up to {GRACE:.1f} s for every task:")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + GRACE
    try:
        async with asyncio.timeout_at(deadline):
            await jobs.join()  # every queued job done
    except TimeoutError:
        print("  the queue was not drained in time")
    for number, task in enumerate(workers, 1):
        task.cancel()  # idle at jobs.get(): cancelling them stops them
        await asyncio.gather(task, return_exceptions=True)
        print(f"  worker-{number}: drained the queue, cleaned up, stopped")
    finished, _ = await asyncio.wait({slow}, timeout=deadline - loop.time())
    if not finished:
        slow.cancel()
        await asyncio.gather(slow, return_exceptions=True)
        print("  stubborn: still running after the grace period: cancelled")
    print(f"{len(done)} of {JOBS} jobs done; no task left running")
# ANCHOR_END: graceful_shutdown


arguments = sys.argv[1:]
if arguments not in ([], ["--wait"]):
    print(f"error: unexpected argument `{arguments[0]}`\n{USAGE}", file=sys.stderr)
    sys.exit(2)
asyncio.run(main(wait_for_user=arguments == ["--wait"]))
