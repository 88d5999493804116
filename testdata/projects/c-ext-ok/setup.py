from setuptools import Extension, setup

setup(
    ext_modules=[Extension("hello_ext._hello", ["src/hello_ext/_hello.c"])],
    packages=["hello_ext"],
    package_dir={"": "src"},
)
