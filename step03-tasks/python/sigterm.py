"""SIGTERM and Ctrl-C in asyncio: the twin of
`cargo run -p step03-tasks --example sigterm`, and what asyncio.run does
with Ctrl-C since Python 3.11."""

import asyncio
import os
import signal


async def handle_request(number: int) -> str:
    await asyncio.sleep(0.2)
    return f"request {number} answered"


# ANCHOR: sigterm
async def serve() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)  # what docker stop sends
    in_flight = asyncio.create_task(handle_request(1))
    print("sending myself SIGTERM, as docker stop would")
    os.kill(os.getpid(), signal.SIGTERM)
    await stop.wait()
    print("received SIGTERM: stop accepting, finish what is in flight")
    print(f"  {await asyncio.wait_for(in_flight, timeout=2)}")
# ANCHOR_END: sigterm


# A shell that starts a program in the background (`cmd &` in a script)
# makes it ignore SIGINT, and Python and asyncio.run then leave Ctrl-C
# alone. Python's own handler back, the demonstration below behaves as it
# does in a terminal, whoever started it.
signal.signal(signal.SIGINT, signal.default_int_handler)


# ANCHOR: ctrl_c
async def interrupted() -> None:
    os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C sends
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("Ctrl-C: asyncio.run cancelled the main task; cleanup runs here")
        raise


asyncio.run(serve())
try:
    asyncio.run(interrupted())
except KeyboardInterrupt:
    print("then asyncio.run raised KeyboardInterrupt")
# ANCHOR_END: ctrl_c
