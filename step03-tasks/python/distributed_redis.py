"""The asyncio twin of `cargo run -p step03-tasks --example distributed_redis`.

The same jobs through Redis with redis-py's asyncio client: a stream, a
consumer group, a worker that crashes holding a job, XAUTOCLAIM to take it
over, and HSETNX so that each job is recorded once. Needs redis-server and
redis-py (`pip install redis`, or Debian's python3-redis).
"""
# listing-needs: redis-server, python:redis

import asyncio
import socket
import subprocess
import sys
import time

try:
    import redis.asyncio as aioredis
    from redis.exceptions import ConnectionError as NotAnsweringYet
except ImportError:
    sys.exit("error: redis-py is not installed (pip install redis, or apt-get install python3-redis)")

STREAM, GROUP, RESULTS = "jobs", "workers", "results"
JOBS, WORKERS, CRASHING_WORKER = 12, 3, 2
CLAIM_AFTER_MS, LIMIT = 1000, 20.0


async def work(job: int) -> int:
    await asyncio.sleep(0.1)
    return sum(1 for n in range(2, 1000 * (job + 1))
               if all(n % d for d in range(2, int(n ** 0.5) + 1)))


def start_redis_server() -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:  # port 0 would turn Redis's TCP off
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    try:
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    except FileNotFoundError:
        sys.exit("error: redis-server is not installed "
                 "(Debian: apt-get install redis-server; macOS: brew install redis)")
    return server, port


async def connect(port: int) -> aioredis.Redis:
    deadline = time.monotonic() + 10
    while True:
        redis = aioredis.Redis(host="127.0.0.1", port=port, decode_responses=True)
        try:
            await redis.ping()
            return redis
        except NotAnsweringYet:
            await redis.aclose()
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.02)


# ANCHOR: worker
async def next_job(redis: aioredis.Redis, me: str):
    _, claimed, *_ = await redis.xautoclaim(STREAM, GROUP, me, CLAIM_AFTER_MS, "0-0", count=1)
    if claimed:
        entry_id, fields = claimed[0]
        return entry_id, int(fields["job"]), True
    reply = await redis.xreadgroup(GROUP, me, {STREAM: ">"}, count=1, block=100)
    if not reply:
        return None
    entry_id, fields = reply[0][1][0]
    return entry_id, int(fields["job"]), False


async def worker(worker_id: int, port: int) -> None:
    redis = await connect(port)
    me = f"worker-{worker_id}"
    print("ready", flush=True)
    while not await redis.exists("stop"):
        job = await next_job(redis, me)
        if job is None:
            continue
        entry_id, number, claimed = job
        if worker_id == CRASHING_WORKER:
            sys.exit(3)  # a crash mid-job: no result, no XACK
        if claimed:
            await redis.sadd("claimed", entry_id)  # a set: a job claimed twice counts once
        result = await work(number)
        async with redis.pipeline(transaction=True) as pipe:
            first, _ = await pipe.hsetnx(RESULTS, number, result).xack(STREAM, GROUP, entry_id).execute()
        if not first:
            await redis.incr("duplicates")
# ANCHOR_END: worker


async def coordinator() -> None:
    server, port = start_redis_server()
    workers = []
    try:
        redis = await connect(port)
        print("redis-server started on a free port of 127.0.0.1")
        await redis.xgroup_create(STREAM, GROUP, id="$", mkstream=True)
        for worker_id in range(1, WORKERS + 1):
            process = await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--worker", str(worker_id), str(port),
                stdout=asyncio.subprocess.PIPE)
            if (await asyncio.wait_for(process.stdout.readline(), LIMIT)).strip() != b"ready":
                raise RuntimeError(f"worker {worker_id} did not start")
            workers.append(process)
        print(f"{WORKERS} workers in consumer group `{GROUP}` (worker {CRASHING_WORKER} will crash mid-job)")
        for job in range(JOBS):
            await redis.xadd(STREAM, {"job": job})
        print(f"{JOBS} jobs added to the stream `{STREAM}`")
        deadline = time.monotonic() + LIMIT
        while await redis.hlen(RESULTS) < JOBS and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await redis.set("stop", 1)
        await report(redis)
        await redis.aclose()
        print("shutting down:")
        for worker_id, process in enumerate(workers, start=1):
            code = await asyncio.wait_for(process.wait(), LIMIT)
            print(f"  worker {worker_id} exited with {code}")
    finally:
        for process in workers:
            if process.returncode is None:
                process.kill()
        server.kill()
        server.wait()


async def report(redis: aioredis.Redis) -> None:
    results = sorted((int(job), int(primes)) for job, primes in (await redis.hgetall(RESULTS)).items())
    claimed = await redis.scard("claimed")
    duplicates = int(await redis.get("duplicates") or 0)
    pending = (await redis.xpending(STREAM, GROUP))["pending"]
    print(f"jobs claimed from a crashed worker after {CLAIM_AFTER_MS} ms: {claimed}")
    print(f"{len(results)} of {JOBS} jobs done, {duplicates} recorded twice, {pending} unacknowledged:")
    for start in range(0, len(results), 4):
        print("  " + "   ".join(f"job {job:>2} = {primes:>4}" for job, primes in results[start:start + 4]))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        asyncio.run(worker(int(sys.argv[2]), int(sys.argv[3])))
    else:
        asyncio.run(coordinator())
