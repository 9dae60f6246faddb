import trio


async def child(name):
    print(f"{name} runs")


async def main():
    child("A")


trio.run(main)
