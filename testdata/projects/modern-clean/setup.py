from setuptools import Extension, setup

setup(ext_modules=[Extension("tidycrc._crc16", sources=["src/tidycrc/_crc16.c"])])
