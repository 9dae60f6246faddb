"""Forgetting task_status.started()

The server takes task_status but returns without calling task_status.started(), so
nursery.start() has nothing to wait for: Trio raises RuntimeError in the parent.
"""
import trio


async def server(port, task_status=trio.TASK_STATUS_IGNORED):
    print(f"server: listening on {port}")
    await trio.sleep(1)
    print("server: done, but never said it was ready")


async def main():
    async with trio.open_nursery() as nursery:
        try:
            await nursery.start(server, 8080)
        except RuntimeError as e:
            print(f"main caught: {e!r}")
    print("main: done")


trio.run(main)
