import trio


async def child(name, seconds=1):
    await trio.sleep(seconds)


async def main():
    await child("A", 2)


trio.run(main, strict_exception_groups=True)
