from setuptools import setup

setup(cffi_modules=["pysodium_lite/build.py:ffi"])
