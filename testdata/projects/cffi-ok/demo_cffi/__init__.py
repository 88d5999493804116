from ._demo_cffi import lib

hypotenuse = lib.hypotenuse
