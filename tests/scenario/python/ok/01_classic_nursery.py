import trio


async def child(name, sleep_time):
    print(f'Child {name} is going to sleep for {sleep_time}s.')
    await trio.sleep(sleep_time)
    print(f'Child {name} is awake!')


async def parent():
    print('Parent is starting a nursery.')
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child, 'A', 3)
        nursery.start_soon(child, 'B', 1)
        nursery.start_soon(child, 'C', 2)
    print('Nursery is closed. All children are accounted for.')

trio.run(parent)
