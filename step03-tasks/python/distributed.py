"""The asyncio twin of `cargo run -p step03-tasks --example distributed`."""

import asyncio
import sys

CRASHING_WORKER, CRASH_AFTER = 2, 2
REPLY_LIMIT, IDLE_LIMIT = 5.0, 10.0
USAGE = "usage: distributed.py [--workers N (2-6)] [--jobs N (1-60)]"


async def work(job: int) -> int:
    await asyncio.sleep(0.1)
    return sum(1 for n in range(2, 1000 * (job + 1))
               if all(n % d for d in range(2, int(n ** 0.5) + 1)))


# ANCHOR: worker
async def worker(crash_after: int) -> None:
    connected: asyncio.Future = asyncio.get_running_loop().create_future()
    server = await asyncio.start_server(
        lambda r, w: connected.set_result((r, w)), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    reader, writer = await asyncio.wait_for(connected, IDLE_LIMIT)
    answered = 0
    while True:
        line = await asyncio.wait_for(reader.readline(), IDLE_LIMIT)
        line = line.decode().strip()
        if not line or line == "QUIT":  # end of input, or told to stop
            break
        job = int(line.removeprefix("JOB "))
        if crash_after and answered == crash_after:
            sys.exit(3)  # a crash: the socket just closes
        answered += 1
        writer.write(f"DONE {job} {await work(job)}\n".encode())
        await writer.drain()
# ANCHOR_END: worker


# ANCHOR: start
class Worker:
    async def start(self, id: int) -> "Worker":
        self.id = id
        crash_after = CRASH_AFTER if id == CRASHING_WORKER else 0
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--worker", str(crash_after),
            stdout=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL)
        port = int(await asyncio.wait_for(self.process.stdout.readline(), REPLY_LIMIT))
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        return self

    async def ask(self, job: int) -> int:
        self.writer.write(f"JOB {job}\n".encode())
        reply = (await asyncio.wait_for(self.reader.readline(), REPLY_LIMIT)).decode()
        if not reply.startswith(f"DONE {job} "):
            raise ConnectionError("connection closed")
        return int(reply.split()[2])
# ANCHOR_END: start


async def run_share(worker: Worker, jobs: list[int]):
    results = []
    for index, job in enumerate(jobs):
        try:
            results.append((job, await worker.ask(job)))
        except (ConnectionError, OSError, asyncio.TimeoutError):
            return worker, results, jobs[index:], False
    return worker, results, [], True


async def coordinate(alive: list[Worker], jobs: int):
    pending, results, dead = list(range(jobs)), [], []
    for round in range(1, 6):
        if not pending or not alive:
            break
        ids = ", ".join(str(w.id) for w in alive)
        print(f"round {round}: {len(pending)} jobs over workers {ids}")
        shares = [pending[i::len(alive)] for i in range(len(alive))]
        outcomes = await asyncio.gather(*map(run_share, alive, shares))
        alive, pending = [], []
        for worker, done, unfinished, ok in outcomes:
            results += done
            pending += unfinished
            if ok:
                alive.append(worker)
            else:
                print(f"  worker {worker.id} died; its jobs {unfinished} go back to the queue")
                dead.append(worker)
        pending.sort()
    return sorted(results), alive, dead


async def coordinator(workers: int, jobs: int) -> None:
    alive = [await Worker().start(id) for id in range(1, workers + 1)]
    print(f"started {workers} worker processes on 127.0.0.1 (worker {CRASHING_WORKER} will crash)")
    results, alive, dead = await coordinate(alive, jobs)
    print(f"{len(results)} of {jobs} jobs done:")
    for i in range(0, len(results), 4):
        print("  " + "   ".join(f"job {j:>2} = {p:>4}" for j, p in results[i:i + 4]))
    print("shutting down:")
    for worker in sorted(alive + dead, key=lambda w: w.id):
        worker.writer.write(b"QUIT\n")
        try:
            code = await asyncio.wait_for(worker.process.wait(), REPLY_LIMIT)
        except asyncio.TimeoutError:
            worker.process.kill()
            code = await worker.process.wait()
        print(f"  worker {worker.id} exited with {code}")


def parse(arguments: list[str]) -> tuple[int, int]:
    values, limits = {"--workers": 3, "--jobs": 12}, {"--workers": (2, 6), "--jobs": (1, 60)}
    while arguments:
        name, *rest = arguments
        if name not in values or not rest or not rest[0].isdigit() \
                or not limits[name][0] <= int(rest[0]) <= limits[name][1]:
            print(f"error: bad argument `{name}`\n{USAGE}", file=sys.stderr)
            sys.exit(2)
        values[name] = int(rest[0])
        arguments = rest[1:]
    return values["--workers"], values["--jobs"]


if sys.argv[1:2] == ["--worker"]:
    asyncio.run(worker(int(sys.argv[2])))
else:
    asyncio.run(coordinator(*parse(sys.argv[1:])))
