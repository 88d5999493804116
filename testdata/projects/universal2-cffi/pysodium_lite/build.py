from cffi import FFI

ffi = FFI()
ffi.cdef("int sodium_init(void);")
ffi.set_source("pysodium_lite._sodium", "#include <sodium.h>", libraries=["sodium"])
