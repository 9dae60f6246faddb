import trio


async def main():
    print("no exception here")
    raise


trio.run(main)
