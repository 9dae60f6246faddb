import trio


async def main():
    count = 3
    if count > 2:
        print("many")


trio.run(main)
