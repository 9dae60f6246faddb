import trio


async def main():
    with trio.open_nursery() as nursery:
        pass


trio.run(main)
