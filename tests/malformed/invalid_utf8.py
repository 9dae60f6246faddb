import trio


async def main():
    print('cafÿ')


trio.run(main)
