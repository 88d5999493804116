from ._yarnhash import lib


def fnv1a(data: bytes) -> int:
    return lib.yarnhash_fnv1a(data, len(data))
