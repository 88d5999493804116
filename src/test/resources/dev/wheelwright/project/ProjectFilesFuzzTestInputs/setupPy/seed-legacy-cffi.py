#!/usr/bin/env python
# fastcrc: CRC-32C through a small C library, bound with cffi.
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))

CFFI_REQ = "cffi>=1.15.0"

with open(os.path.join(HERE, "README.md")) as f:
    long_description = f.read()

setup(
    name="fastcrc",
    version="0.4.2",
    description="CRC-32C with a C core",
    long_description=long_description,
    long_description_content_type="text/markdown",
    packages=["fastcrc"],
    package_dir={"": "src"},
    setup_requires=[CFFI_REQ, "wheel"],
    install_requires=[CFFI_REQ],
    cffi_modules=["src/fastcrc/_build_ffi.py:ffibuilder"],
    python_requires=">=3.8",
    zip_safe=False,
)
