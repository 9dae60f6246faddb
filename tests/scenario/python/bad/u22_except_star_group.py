import trio


async def main():
    try:
        await trio.sleep(1)
    except* ExceptionGroup:
        pass


trio.run(main, strict_exception_groups=True)
