import trio


async def risky():
    await trio.sleep(1)
    raise OSError("disk full")


async def keep(e):
    print(f"keeping {e!r} for later")
    await trio.sleep(1)
    raise e


async def main():
    try:
        await risky()
    except OSError as problem:
        try:
            await keep(problem)
        except OSError as again:
            print(f"the same error again: {again}")


trio.run(main, strict_exception_groups=True)
