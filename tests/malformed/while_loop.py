import trio


async def main():
    while True:
        await trio.sleep(1)


trio.run(main)
