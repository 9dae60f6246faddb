import time
import trio


async def main():
    await time.sleep(2)


trio.run(main)
