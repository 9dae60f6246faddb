"""Shapes Python runs as written: a bool as a number, !a, an empty range"""
import trio


async def greet(word):
    print(f"{word!a} at t=1")


async def main():
    await trio.sleep(True)  # a bool is an int: one second
    await greet("café")
    for i in range(-1):  # empty: the body never runs
        print("never")
    for i in range(True):
        print(f"once, i={i}")


trio.run(main)
