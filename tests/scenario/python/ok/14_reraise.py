import trio


async def fragile():
    await trio.sleep(1)
    raise KeyError("missing")


async def middle():
    try:
        await fragile()
    except KeyError:
        print("middle: noticed the KeyError, passing it on")
        raise


async def main():
    try:
        await middle()
    except KeyError as e:
        print(f"main: handled {e!r}")
    print("main: done")


trio.run(main)
