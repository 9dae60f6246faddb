import trio
import random


async def worker():
    delay = random.random()
    await trio.sleep(delay)
    return delay


def helper():
    pass


async def main():
    async with trio.open_nursery() as nursery:
        for i in range(3):
            nursery.start_soon(worker)
        nursery.start_soon(lambda: worker())


trio.run(main)
