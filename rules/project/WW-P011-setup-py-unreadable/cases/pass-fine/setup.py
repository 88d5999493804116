from setuptools import setup

setup(name="fine", version="1.0")
