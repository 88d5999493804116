import platform
import sys

from setuptools import setup

setup_requires = []
install_requires = ["six"]

if platform.python_implementation() != "PyPy":
    # PyPy ships its own cffi
    setup_requires.append("cffi>=1.4.1")
    install_requires.append("cffi>=1.4.1")

if "test" in sys.argv:
    setup_requires.append("pytest-runner")


def readme():
    with open("README.rst") as f:
        return f.read()


setup(
    name="sealbox",
    version="1.2.0",
    packages=["sealbox"],
    setup_requires=setup_requires,
    install_requires=install_requires,
    cffi_modules=["src/build_sealbox.py:ffi"],
)
