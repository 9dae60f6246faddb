import trio


async def child(name, seconds):
    await trio.sleep(seconds)


async def main():
    await child("x", nam="y")
    await child(seconds=1)
    await child("a", name="b")


trio.run(main)
