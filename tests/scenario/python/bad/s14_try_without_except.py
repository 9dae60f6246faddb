import trio


async def main():
    try:
        await trio.sleep(1)
    print("after")


trio.run(main)
