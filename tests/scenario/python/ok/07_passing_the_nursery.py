"""Passing the nursery around, with task names"""
import trio


async def child(name, sleep_time):
    print(f"{name} sleeps {sleep_time}")
    await trio.sleep(sleep_time)
    print(f"{name} done")


async def task_starter(n):
    print("starter: adding a child")
    n.start_soon(child, "added", 1, name="dynamically added child")
    print("starter: done")


async def parent():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child, "original", 2, name='original child')
        nursery.start_soon(task_starter, nursery)
    print("parent: both children are done")


if __name__ == "__main__":
    trio.run(parent)
