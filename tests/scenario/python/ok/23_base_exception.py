import trio


async def stubborn():
    try:
        await trio.sleep(10)
    except BaseException as e:
        print("stubborn: caught something, re-raising")
        raise


async def main():
    with trio.move_on_after(1) as scope:
        await stubborn()
    print(f"main: timeout fired: {scope.cancelled_caught}")
    try:
        raise RuntimeError("boom")
    except:
        print("a bare except catches it")


trio.run(main, strict_exception_groups=True)
