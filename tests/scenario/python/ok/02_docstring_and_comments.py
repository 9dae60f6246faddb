#!/usr/bin/env python3
"""Comments everywhere

A teacher's version of the first nursery, with the explanations written as comments.
They are kept, and nothing about the run changes.
"""

# The library.
import trio


# A child sleeps, then says so.
async def child(name, sleep_time):  # two parameters
    # First line of the body.
    print(f"{name}: sleeping {sleep_time}s")
    await trio.sleep(sleep_time)  # a checkpoint: others run meanwhile
    print(f"{name}: awake")
    # The last line of the body.


async def main():
    async with trio.open_nursery() as nursery:  # the nursery opens
        # Start two children.
        nursery.start_soon(child, "slow", 2)
        nursery.start_soon(child, "quick", 1)
        # The block ends here, but the nursery waits for both.
    # Both children are done by now.
    print("main: done")


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=True)
