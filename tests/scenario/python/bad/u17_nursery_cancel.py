import trio


async def main():
    async with trio.open_nursery() as nursery:
        nursery.cancel()


trio.run(main)
