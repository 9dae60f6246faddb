import trio


async def main():
    for i in range(3):
	print(i)


trio.run(main)
