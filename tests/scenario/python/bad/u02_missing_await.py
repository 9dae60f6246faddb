import trio


async def main():
    print("sleeping")
    trio.sleep(1)
    print("awake")


trio.run(main)
