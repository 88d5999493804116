import setuptools

CFFI = "cffi>=1.15.0"

setuptools.setup(
    name="snappyish",
    version="0.3.0",
    packages=["snappyish"],
    setup_requires=[CFFI],
    install_requires=[CFFI, "attrs"],
    cffi_modules=["snappyish/build.py:ffi"],
)
