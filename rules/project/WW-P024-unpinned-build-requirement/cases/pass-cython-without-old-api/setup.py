from setuptools import setup, Extension
from Cython.Build import cythonize

setup(
    name="tinyparse",
    version="4.1",
    ext_modules=cythonize([Extension("tinyparse._speedups", ["tinyparse/_speedups.pyx"])]),
)
