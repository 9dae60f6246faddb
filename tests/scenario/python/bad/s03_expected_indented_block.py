import trio


async def main():
    async with trio.open_nursery() as nursery:
    nursery.start_soon(main)


trio.run(main)
