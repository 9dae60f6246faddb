import trio


async def child(a, b):
    await trio.sleep(a)


async def main():
    await child(1)


trio.run(main)
