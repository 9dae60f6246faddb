import trio


async def main():
    await trio.sleep(t)


trio.run(main)
