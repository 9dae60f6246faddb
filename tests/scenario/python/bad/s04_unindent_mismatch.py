import trio


async def main():
    try:
        await trio.sleep(1)
      except ValueError:
        pass


trio.run(main)
