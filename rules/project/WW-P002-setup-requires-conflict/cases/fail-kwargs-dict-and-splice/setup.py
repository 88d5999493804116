import os

from setuptools import setup

EXTRA = ["wheel"] if os.environ.get("BUILD_WHEEL") else []

kwargs = dict(
    name="hashring-c",
    version="0.9.1",
    packages=["hashring_c"],
)
kwargs["setup_requires"] = ["cffi>=1.12", *EXTRA]
kwargs.update(install_requires=["cffi>=1.12"], cffi_modules=["hashring_c/_build.py:ffi"])

setup(**kwargs)
