"""The asyncio twin of `cargo run -p step03-tasks --example deadlock`."""

import asyncio
import sys

LIMIT = 0.5


# ANCHOR: deadlock
async def talker(name, other, waits_first, inbox, outbox, progress):
    if waits_first:
        progress[name] = f"waiting for {other} to speak"
        heard = await inbox.get()
        progress[name] = f'heard "{heard}"'
    await outbox.put(f"hello from {name}")
    if not waits_first:
        progress[name] = f"spoke; waiting for {other}"
        heard = await inbox.get()
        progress[name] = f'heard "{heard}"'


async def conversation(alice_waits_first: bool, bob_waits_first: bool) -> None:
    alice_inbox, bob_inbox = asyncio.Queue(1), asyncio.Queue(1)
    progress: dict[str, str] = {}
    both = asyncio.gather(
        talker("alice", "bob", alice_waits_first, alice_inbox, bob_inbox, progress),
        talker("bob", "alice", bob_waits_first, bob_inbox, alice_inbox, progress),
    )
    try:
        await asyncio.wait_for(both, LIMIT)  # cancels both on timeout
        print("  both finished:")
    except TimeoutError:
        print(f"  no progress after {int(LIMIT * 1000)} ms: suspected deadlock")
    for task, doing in sorted(progress.items()):
        print(f"    {task}: {doing}")


async def main() -> None:
    print("alice and bob both wait for the other to speak first:")
    await conversation(True, True)
    print("fixed: alice speaks first, bob waits:")
    await conversation(False, True)
# ANCHOR_END: deadlock


if len(sys.argv) > 1:
    print(f"error: unexpected argument `{sys.argv[1]}`\nusage: deadlock.py", file=sys.stderr)
    sys.exit(2)
asyncio.run(main())
