import trio


def main():
    pass


trio.run(main)
