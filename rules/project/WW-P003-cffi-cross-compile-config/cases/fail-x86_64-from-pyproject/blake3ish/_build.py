from cffi import FFI

ffibuilder = FFI()
ffibuilder.cdef("int b3_version(void);")
ffibuilder.set_source("blake3ish._b3", "int b3_version(void) { return 1; }")
