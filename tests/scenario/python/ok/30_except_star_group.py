"""except* cannot catch ExceptionGroup

The handler is refused by Python only when an exception reaches it: a TypeError then
replaces what was raised.
"""
import trio


async def main():
    try:
        await trio.sleep(1)
        print("before the raise")
        raise ValueError("boom")
    except* ExceptionGroup:
        print("never")


trio.run(main, strict_exception_groups=True)
