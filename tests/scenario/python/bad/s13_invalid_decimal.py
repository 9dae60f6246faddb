import trio


async def main():
    await trio.sleep(3s)


trio.run(main)
