import time
import trio


async def do_some_work_chunk(i):
    time.sleep(0.4)
    print(f"Chunk {i} done.")


async def cancellable_good_task():
    for i in range(10):
        await do_some_work_chunk(i)
        await trio.sleep(0)
    print("All ten chunks done.")


async def problematic_child():
    await trio.lowlevel.checkpoint()
    await trio.sleep(1)
    raise ValueError("Oops, I tripped!")


async def main():
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(cancellable_good_task)
            nursery.start_soon(problematic_child)
    except* ValueError as eg:
        print("The parent caught the ValueError; the worker stopped cleanly.")


trio.run(main, strict_exception_groups=True)
