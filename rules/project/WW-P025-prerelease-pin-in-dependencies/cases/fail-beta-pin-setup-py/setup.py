from setuptools import setup

setup(
    name="sockbridge",
    version="1.3",
    packages=["sockbridge"],
    install_requires=[
        "cffi==2.0.0b1",
        "attrs>=21",
        "idna===3.7rc1",
    ],
)
