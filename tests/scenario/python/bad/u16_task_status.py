import trio


async def server():
    task_status.started(8080)


async def plain():
    await trio.sleep(1)


async def main():
    async with trio.open_nursery() as nursery:
        await nursery.start(plain)


trio.run(main)
