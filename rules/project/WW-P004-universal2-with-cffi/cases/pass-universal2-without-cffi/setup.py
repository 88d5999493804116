from setuptools import setup, Extension
setup(ext_modules=[Extension("m", ["m.c"])])
