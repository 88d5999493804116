from setuptools import setup

setup(
    packages=["demo_cffi"],
    cffi_modules=["build_ffi.py:ffibuilder"],
)
