"""Our own exceptions, and try / except / else / finally"""
import trio


class DatabaseError(Exception):
    pass


class ConfigError(Exception): ...


class Unused(Exception):
    """Declared, never raised."""



async def check(ok):
    try:
        print(f"check({ok})")
        await trio.sleep(0.5)
    except DatabaseError as e:
        print(f"database: {e}")
    else:
        print("no error, so else runs")
    finally:
        print("finally runs")


async def main():
    await check(True)
    try:
        raise DatabaseError("locked")
    except DatabaseError as e:
        print(f"caught {e!r}")
    try:
        await trio.sleep(1)
        raise ConfigError("no port")
    except ConfigError as e:
        print(f"config: {e}")


trio.run(main, strict_exception_groups=True)
