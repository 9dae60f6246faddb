"""Names that do not match: caught before anything runs."""
import trio


async def child(name, seconds):
    print(f"{name} sleeps {sleepy}")
    await trio.sleep(seconds)


async def main():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child, "A")
        nursery.start_soon(chlid, "B", 1)
        await nursery.start(child, "C", 1)


trio.run(main)
