import trio


async def main():
    print("Child is going to sleep)
    await trio.sleep(1)


trio.run(main)
