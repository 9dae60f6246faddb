"""open_nursery(strict_exception_groups=False) inside a strict run"""
import trio


async def fail():
    await trio.sleep(1)
    raise ValueError("one error")


async def main():
    try:
        async with trio.open_nursery(strict_exception_groups=False) as nursery:
            nursery.start_soon(fail)
    except ValueError as e:
        print(f"bare error from the loose nursery: {e}")
    try:
        async with trio.open_nursery(strict_exception_groups=True) as nursery:
            nursery.start_soon(fail)
    except* ValueError as group:
        print("a group from the strict nursery")


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=True)
