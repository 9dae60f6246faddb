import trio


async def main():
    await trio.sleep(1)
