import trio


async def main():
    await chld()


trio.run(main)
