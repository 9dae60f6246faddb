import trio


async def download(name, seconds):
    print(f"Downloading {name}...")
    await trio.sleep(seconds)
    print(f"Downloaded {name}.")


async def main():
    try:
        with trio.fail_after(2) as timeout:
            await download("huge.iso", 5)
        print("This line is skipped.")
    except trio.TooSlowError as e:
        print(f"Too slow: {e!r}")
    finally:
        print("finally runs either way")
    print("Main goes on.")


trio.run(main, strict_exception_groups=True)
