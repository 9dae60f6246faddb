import trio


async def main():
    print("one")
        print("two")


trio.run(main)
