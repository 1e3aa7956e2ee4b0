"""The asyncio twin of `cargo run -p step03-tasks --example task_panic`."""

import asyncio
import sys


# ANCHOR: task_panic
async def handle_ticket(ticket: int) -> int:
    await asyncio.sleep(0.01 * ticket)
    prices = [10, 20, 30, 40, 50, 60, 70]
    return prices[ticket]  # IndexError for ticket 7


def report_lost_exception(loop, context) -> None:
    # Called when a task that failed is garbage-collected unawaited:
    # asyncio's "Task exception was never retrieved".
    task = context["future"].get_name()
    print(f"  exception never retrieved in task `{task}`: {context['exception']!r}")


# The loop holds only weak references to tasks, so asyncio's docs keep
# fire-and-forget tasks in a set until they are done.
background: set[asyncio.Task] = set()


def spawn_detached(coro, name: str) -> None:
    task = asyncio.create_task(coro, name=name)
    background.add(task)
    task.add_done_callback(background.discard)


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(report_lost_exception)
    print("a task nobody awaits fails; the program goes on without it:")
    spawn_detached(handle_ticket(7), name="ticket-7")
    while background:  # until the task is gone, so its report comes first
        await asyncio.sleep(0.01)
    print("  main is still running, and the ticket's work is lost")

    print("the same job, awaited, next to good ones:")
    tickets = (2, 7, 4)
    tasks = [asyncio.create_task(handle_ticket(t), name=f"ticket-{t}") for t in tickets]
    for ticket, task in zip(tickets, tasks):
        try:
            print(f"  ticket {ticket}: price {await task}")
        except IndexError as error:
            print(f"  ticket {ticket}: task raised {error!r}")
# ANCHOR_END: task_panic


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(f"error: unexpected argument `{sys.argv[1]}`\nusage: task_panic.py", file=sys.stderr)
        sys.exit(2)
    asyncio.run(main())
