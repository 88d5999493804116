from cffi import FFI

ffi = FFI()
ffi.cdef("uint64_t yarnhash_fnv1a(const unsigned char *data, size_t len);")
ffi.set_source("yarnhash._yarnhash", """
#include <stdint.h>
#include <stddef.h>
uint64_t yarnhash_fnv1a(const unsigned char *data, size_t len) {
    uint64_t h = 1469598103934665603ULL;
    while (len--) { h ^= *data++; h *= 1099511628211ULL; }
    return h;
}
""")
