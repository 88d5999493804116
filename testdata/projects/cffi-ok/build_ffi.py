from cffi import FFI

ffibuilder = FFI()
ffibuilder.cdef("double hypotenuse(double a, double b);")
ffibuilder.set_source(
    "demo_cffi._demo_cffi",
    """
    #include <math.h>
    static double hypotenuse(double a, double b) { return sqrt(a * a + b * b); }
    """,
    libraries=["m"],
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
