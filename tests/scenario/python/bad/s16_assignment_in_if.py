import trio


async def main():
    if x = 3:
        pass


trio.run(main)
