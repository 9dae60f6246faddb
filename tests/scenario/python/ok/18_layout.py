import trio



async def child(
    name,
    delay,
):
    await trio.sleep(
        delay,
    )
    print(f"{name} "
          f"after {delay}")


async def main( ):
    async with trio.open_nursery() as nursery :
        nursery.start_soon(child,
                           "first",
                           1,)
        nursery.start_soon(child, "second", \
                           2)
        await trio.sleep(0.5); print("half a second in")

if __name__=="__main__":
  trio.run(main, strict_exception_groups = True,)
