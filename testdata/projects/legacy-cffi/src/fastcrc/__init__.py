from ._crc import ffi, lib


def crc32c(data: bytes, crc: int = 0) -> int:
    return lib.fastcrc_crc32c(crc, data, len(data))
