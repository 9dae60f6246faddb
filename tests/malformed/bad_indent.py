import trio


async def main():
    await trio.sleep(1)
      await trio.sleep(2)


trio.run(main)
