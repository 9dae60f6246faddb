import trio


async def f():
    try:
        await f()
    finally:
        await f()


async def main():
    await f()


trio.run(main)
