import trio


async def main():
    print("a", "b", sep="-")


trio.run(main)
