"""An explicit cancel scope, cancelled from outside"""
import trio


async def worker(scope):
    print("worker: waiting 1s before cancelling")
    await trio.sleep(1)
    scope.cancel()
    print("worker: cancelled the scope")


async def main():
    async with trio.open_nursery() as nursery:
        with trio.CancelScope() as scope:
            nursery.start_soon(worker, scope)
            print("main: sleeping forever inside the scope")
            await trio.sleep_forever()
        print(f"main: cancelled_caught={scope.cancelled_caught} cancel_called={scope.cancel_called}")


trio.run(main, strict_exception_groups=True)
