"""Timeouts with move_on_after"""

import trio


async def download(name, seconds):
    print(f"Downloading {name!r} (takes {seconds:>4}s)...")
    await trio.sleep(seconds)
    print(f"Downloaded {name}.")


async def main():
    with trio.move_on_after(2) as fast:
        await download("small.txt", 1)
    print(f"small.txt timed out? {fast.cancelled_caught}")
    with trio.move_on_after(2) as slow:
        await download("huge.iso", 5)
    print(f"huge.iso timed out? {slow.cancelled_caught}, cancel called: {slow.cancel_called}")
    with trio.move_on_after(0.5):
        await trio.sleep_forever()
    print("Moving on.")


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=True)
