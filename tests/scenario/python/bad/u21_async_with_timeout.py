import trio


async def main():
    async with trio.move_on_after(1):
        await trio.sleep(2)


trio.run(main)
