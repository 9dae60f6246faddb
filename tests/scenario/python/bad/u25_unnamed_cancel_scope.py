import trio


async def main():
    with trio.CancelScope(shield=True):
        await trio.sleep(1)


trio.run(main)
