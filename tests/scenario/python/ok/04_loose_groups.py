"""Old Trio: a lone error comes out bare"""
import trio

async def child(name, sleep_time):
    print(f"Child {name} sleeps {sleep_time}s.")
    await trio.sleep(sleep_time)
    print(f"Child {name} woke up.")

async def problematic_child():
    await trio.sleep(1)
    raise ValueError("Oops, I tripped!")

async def resilient_parent():
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(child, "Well-behaved", 3)
            nursery.start_soon(problematic_child)
    except ValueError as e:
        print(f"The parent caught the child's error: {e}")

trio.run(resilient_parent, strict_exception_groups=False)
