import trio


async def main():
    print("hello")
