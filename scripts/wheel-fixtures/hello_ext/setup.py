from setuptools import Extension, setup

setup(ext_modules=[Extension("hello_ext._speed", ["src/hello_ext/_speed.c"])])
