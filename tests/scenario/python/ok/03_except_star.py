"""A child trips: catching it with except*"""

import trio


async def child(name, sleep_time):
    print(f"Child {name} is going to sleep for {sleep_time}s.")
    await trio.sleep(sleep_time)
    print(f"Child {name} is awake!")


async def problematic_child():
    await trio.sleep(1)
    raise ValueError("Oops, I tripped!")


async def resilient_parent():
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(child, "Well-behaved", 3)
            nursery.start_soon(problematic_child)
    except* ValueError as eg:
        print("The parent caught a group holding the child's ValueError.")
    print("The parent carries on.")


if __name__ == "__main__":
    trio.run(resilient_parent, strict_exception_groups=True)
