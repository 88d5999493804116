from setuptools import setup

setup(
    name="blake3ish",
    version="0.2.0",
    packages=["blake3ish"],
    cffi_modules=["blake3ish/_build.py:ffibuilder"],
)
