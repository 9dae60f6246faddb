"""Annotations and docstrings

Type hints are allowed (trioscope ignores them); a function's docstring is kept as comments.
"""
import trio


async def greet(name: str, delay: float) -> None:
    """Wait, then greet.

    The delay is in seconds.
    """
    await trio.sleep(delay)
    print(f"Hello, {name}!")


async def main() -> None:
    async with trio.open_nursery() as nursery:
        nursery.start_soon(greet, "Ada", 2)
        nursery.start_soon(greet, "Bob", 1)
    print("Greeted everyone.")


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=True)
