import trio


async def child(name, t):
    await trio.sleep(t)


async def main():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child, "A", 3
        nursery.start_soon(child, "B", 1)


trio.run(main)
