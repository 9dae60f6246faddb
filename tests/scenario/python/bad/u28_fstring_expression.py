import trio


async def child(name, seconds):
    print(f"{name} sleeps {seconds * 2}s, {name=}")
    await trio.sleep(seconds)


async def main():
    await child("A", 1)


trio.run(main)
