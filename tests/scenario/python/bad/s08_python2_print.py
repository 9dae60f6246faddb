import trio


async def main():
    print "hello"


trio.run(main)
