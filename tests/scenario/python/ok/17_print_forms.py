"""Every way of printing"""
import trio


async def show(name, count, ratio, flag):
    print("plain text")
    print('single quotes with "double" inside')
    print("it's", name, "with", count)
    print(name)
    print(f"{name!r:>10}|{count:04d}|{ratio:.2f}|{flag}")
    print(f"{{literal braces}} and {name!s}")
    print(3)
    print(1.5)
    print(True, None)
    print("tab\there, backslash \\ and \u00e9")
    print("implicit " "concatenation " f"with {name}")
    print(f'{count:+} {ratio:e}')
    print()
    print("unicode: café ✓")
    print(f"{name}", flush=True)


async def main():
    await show("trio", 7, 2.5, False)


trio.run(main, strict_exception_groups=True)
