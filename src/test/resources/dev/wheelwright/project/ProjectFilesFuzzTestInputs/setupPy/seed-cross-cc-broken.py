import os

from setuptools import Extension, setup

# The mistake this fixture is about: the compiler is forced, so CC from a cross build is ignored
# and the module is compiled for the build machine, whatever the wheel's tag says.
os.environ["CC"] = "gcc"
os.environ["LDSHARED"] = "gcc -shared"

setup(
    ext_modules=[Extension("hardcc._impl", ["src/hardcc/_impl.c"])],
    packages=["hardcc"],
    package_dir={"": "src"},
)
