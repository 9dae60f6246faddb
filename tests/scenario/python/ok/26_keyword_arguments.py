"""Arguments by keyword"""
import trio


async def child(name, seconds, greeting):
    await trio.sleep(seconds)
    print(f"{greeting}, {name}!")


async def main():
    await child(name="Ada", greeting="Hello", seconds=1)
    await child("Bob", greeting="Hi", seconds=0.5)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child, "Cy", 2, "Hey", name="third child")


trio.run(main, strict_exception_groups=True)
