import trio


async def main():
    name = 1
    print(f"Hello {name}}")


trio.run(main)
