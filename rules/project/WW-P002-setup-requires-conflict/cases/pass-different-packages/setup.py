from setuptools import setup
setup(name="x", setup_requires=["setuptools_scm"], install_requires=["requests"])
