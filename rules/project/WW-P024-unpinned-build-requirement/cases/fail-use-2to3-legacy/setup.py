from setuptools import setup, Extension

setup(
    name="oldcodec",
    version="0.9",
    ext_modules=[Extension("oldcodec._c", ["src/codec.c"])],
    use_2to3=True,
)
