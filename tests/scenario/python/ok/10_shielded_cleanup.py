"""Cleanup that must finish: a shielded cancel scope"""

import trio


async def careless_worker():
    try:
        print("Careless worker: working...")
        await trio.sleep(10)
    finally:
        print("Careless worker: saving progress...")
        await trio.sleep(1)
        print("Careless worker: progress saved.")


async def careful_worker():
    try:
        print("Careful worker: working...")
        await trio.sleep(10)
    finally:
        print("Careful worker: saving progress...")
        with trio.CancelScope(shield=True) as cleanup:
            await trio.sleep(1)
        print("Careful worker: progress saved.")


async def main():
    with trio.move_on_after(2) as timeout:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(careless_worker)
            nursery.start_soon(careful_worker)
    print(f"Timeout fired: {timeout.cancelled_caught}")


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=True)
