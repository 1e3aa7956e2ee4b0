"""The asyncio twin of `cargo run -p step03-tasks --example permits`:
a permit taken before the task starts and given back by the task, and a
TaskGroup handed down so that its owner waits for the tasks' own tasks
(Python 3.11+)."""

import asyncio


class Running:
    """How many jobs run at the moment, and the most there ever were."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0


# ANCHOR: owned
async def job(semaphore: asyncio.Semaphore, running: Running) -> None:
    try:
        running.now += 1
        running.most = max(running.most, running.now)
        await asyncio.sleep(0.05)
        running.now -= 1
    finally:
        semaphore.release()  # the task gives back what its spawner took


async def spawn_limited(jobs: int, limit: int) -> int:
    semaphore, running = asyncio.Semaphore(limit), Running()
    tasks = []
    for _ in range(jobs):
        await semaphore.acquire()  # the loop waits here for a free permit
        tasks.append(asyncio.create_task(job(semaphore, running)))
    await asyncio.gather(*tasks)
    return running.most
# ANCHOR_END: owned


# ANCHOR: handed_down
async def child(done: list[int]) -> None:
    await asyncio.sleep(0.2)
    done.append(1)


async def parent(group: asyncio.TaskGroup, children: int, done: list[int]) -> None:
    for _ in range(children):
        group.create_task(child(done))  # returns at once, like the Rust parent


async def two_parents() -> None:
    done: list[int] = []
    async with asyncio.TaskGroup() as group:
        parents = [group.create_task(parent(group, 3, done)) for _ in range(2)]
        await asyncio.gather(*parents)
        print(f"  after awaiting the 2 parents: {len(done)} of 6 children done")
    print(f"  after the TaskGroup block:    {len(done)} of 6 children done")
# ANCHOR_END: handed_down


async def main() -> None:
    print("12 jobs, 3 permits, each released by its task:")
    print(f"  at most {await spawn_limited(12, 3)} ran at once")
    print("2 parents given the TaskGroup, each spawning 3 children:")
    await two_parents()


asyncio.run(main())
