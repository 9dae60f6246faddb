import trio

async def lookup(key):
    await trio.sleep(0.25)
    print(f"looking up {key}")
    raise KeyError("colour")

async def parse(text):
    await trio.sleep(0.5)
    raise ValueError('12x')

async def main():
    for attempt in range(2):
        try:
            await lookup("colour")
        except (KeyError, ValueError) as problem:
            print(f"attempt {attempt}: {problem!r}")
    try:
        await parse("12x")
    except (KeyError, ValueError) as problem:
        print(f"then: {problem!r}")

trio.run(main, strict_exception_groups=True)
