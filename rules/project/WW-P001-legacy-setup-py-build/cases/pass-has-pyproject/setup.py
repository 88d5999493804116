from setuptools import setup

setup(
    name="crcmod-lite",
    version="1.0.0",
    py_modules=["crcmod_lite"],
    install_requires=["cffi>=1.15"],
)
