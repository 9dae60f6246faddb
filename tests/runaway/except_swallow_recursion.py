import trio


async def f():
    try:
        await f()
    except RecursionError:
        await f()


async def main():
    await f()


trio.run(main)
