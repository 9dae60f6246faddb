"""Waiting until a server is ready: nursery.start"""

import trio


async def server(port, task_status=trio.TASK_STATUS_IGNORED):
    print(f"Server: setting up on port {port}...")
    await trio.sleep(1)
    print(f"Server: listening on port {port}.")
    task_status.started(port)
    try:
        await trio.sleep_forever()
    finally:
        print("Server: shutting down.")


async def client(port):
    print(f"Client: connecting to port {port}.")
    await trio.sleep(0.5)
    print("Client: got a reply.")


async def main():
    async with trio.open_nursery() as nursery:
        port = await nursery.start(server, 8080)
        print(f"Parent: the server is ready on port {port}.")
        nursery.start_soon(client, port)
        await trio.sleep(2)
        print("Parent: time to close everything.")
        nursery.cancel_scope.cancel()
    print("Parent: the server has stopped.")


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=True)
