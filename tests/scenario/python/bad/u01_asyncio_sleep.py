import trio


async def main():
    await asyncio.sleep(1)


trio.run(main)
