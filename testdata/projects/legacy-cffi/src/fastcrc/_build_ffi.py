from cffi import FFI

ffibuilder = FFI()
ffibuilder.cdef("uint32_t fastcrc_crc32c(uint32_t crc, const unsigned char *buf, size_t len);")
ffibuilder.set_source(
    "fastcrc._crc",
    '#include "crc32c.h"',
    sources=["src/fastcrc/crc32c.c"],
    include_dirs=["src/fastcrc"],
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
