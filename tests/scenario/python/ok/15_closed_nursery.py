"""A closed nursery refuses new work"""
import trio


async def child(name, sleep_time):
    print(f"Child {name} sleeps {sleep_time}s.")
    await trio.sleep(sleep_time)
    print(f"Child {name} is awake!")


async def late_helper(nursery):
    await trio.sleep(2)
    print("Late helper: adding a child to the inner nursery.")
    try:
        nursery.start_soon(child, "Latecomer", 1)
    except RuntimeError as e:
        print(f"Late helper: refused: {e}")


async def main():
    async with trio.open_nursery() as outer:
        async with trio.open_nursery() as inner:
            inner.start_soon(child, "Early", 1)
            outer.start_soon(late_helper, inner)
        print("Main: the inner nursery is closed.")
    print("Main: the outer nursery is closed too.")


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=True)
