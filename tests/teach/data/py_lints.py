"""Lints in a Trio program: the positions are lines of this file"""
import time

import trio


async def blocker():
    time.sleep(2)
    print("blocker done")


async def stubborn():
    try:
        await trio.sleep(5)
    except trio.Cancelled:
        print("ignoring it")


async def main():
    with trio.move_on_after(1):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(blocker)
            nursery.start_soon(stubborn)


trio.run(main)
