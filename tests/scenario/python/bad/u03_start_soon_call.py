import trio


async def child(name, seconds):
    await trio.sleep(seconds)


async def main():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child("A", 3))


trio.run(main)
