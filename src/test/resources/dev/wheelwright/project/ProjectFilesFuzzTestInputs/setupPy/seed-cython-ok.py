from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize([Extension("fastsum._sum", ["src/fastsum/_sum.pyx"])], language_level=3),
    packages=["fastsum"],
    package_dir={"": "src"},
)
