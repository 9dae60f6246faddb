import trio


def main():
    print("not async")


trio.run(main)
