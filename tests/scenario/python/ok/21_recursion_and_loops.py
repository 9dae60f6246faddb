"""Recursion with await, loops with and without a name"""
import trio


async def countdown(n, depth):
    print(f"countdown depth {depth}")
    await trio.sleep(n)


async def tick():
    for _ in range(3):
        await trio.sleep(1)
        print("tick")


async def main():
    await countdown(1, 0)
    for i in range(3):
        await countdown(0.5, i)
    await tick()
    for nothing in range(0):
        print("never")


trio.run(main, strict_exception_groups=True)
