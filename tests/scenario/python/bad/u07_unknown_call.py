import trio


async def main():
    await trio.sleep(1)
    open("log.txt")


trio.run(main)
