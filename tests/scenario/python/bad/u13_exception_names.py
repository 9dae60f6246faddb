import trio


async def main():
    try:
        raise Oops("not declared")
    except Cancelled:
        print("cancelled")


trio.run(main)
