import trio


async def main():
    for i in range(1000000000000):
        pass


trio.run(main)
