from setuptools import Extension, setup

setup(ext_modules=[Extension("needs_sodium", ["needs_sodium.c"], libraries=["sodium"])])
