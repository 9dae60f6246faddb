import trio


async def worker(label, task_status=trio.TASK_STATUS_IGNORED):
    await trio.sleep(1)
    print(f"{label}: ready")
    task_status.started()
    await trio.sleep(1)
    print(f"{label}: finished")


async def main():
    async with trio.open_nursery() as nursery:
        await nursery.start(worker, "w1", name="worker one")
        print("main: w1 is ready")
        value = await nursery.start(worker, "w2")
        print(f"main: w2 is ready and started() gave {value}")
    print("main: all done")


trio.run(main, strict_exception_groups=True)
