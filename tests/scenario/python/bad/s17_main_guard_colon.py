import trio


async def main():
    await trio.sleep(1)


if __name__ == "__main__"
    trio.run(main)
