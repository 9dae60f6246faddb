import trio


async def child(name):
    print(f"{name} runs")


async def main():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child, name="A")


trio.run(main)
