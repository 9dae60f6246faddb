"""The gotcha: time.sleep blocks everyone"""
import time
import trio


async def bad_task():
    print("Bad task: time.sleep(3), which blocks the whole program.")
    time.sleep(3)
    print("Bad task: awake again.")
    await trio.sleep(5)
    print("Bad task: never printed.")


async def problematic_child():
    await trio.sleep(1)
    print("Problematic child: about to trip.")
    raise ValueError("Oops")


async def main():
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(problematic_child)
            nursery.start_soon(bad_task)
    except* ValueError:
        print("Main: the ValueError arrives late.")


if __name__ == '__main__':
    trio.run(main, strict_exception_groups=True)
