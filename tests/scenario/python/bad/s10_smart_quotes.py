import trio


async def main():
    print(“Hello”)


trio.run(main)
