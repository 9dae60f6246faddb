import trio


async def searcher(place, seconds, nursery):
    print(f"Searching {place}...")
    await trio.sleep(seconds)
    print(f"Found it in {place}!")
    nursery.cancel_scope.cancel()


async def waiter():
    try:
        await trio.sleep_forever()
    finally:
        print("waiter: cancelled")


async def main():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(searcher, "the attic", 3, nursery)
        nursery.start_soon(searcher, "the kitchen", 1, nursery)
        nursery.start_soon(waiter)
    print(f"Search over; cancel called: {nursery.cancel_scope.cancel_called}")


trio.run(main, strict_exception_groups=True)
