from setuptools import setup, Extension
from Cython.Distutils import build_ext as _build_ext


class build_ext(_build_ext):
    def run(self):
        for ext in self.extensions:
            ext.sources = self.cython_sources(ext.sources, ext)
        super().run()


setup(
    name="tinyparse",
    version="4.1",
    ext_modules=[Extension("tinyparse._speedups", ["tinyparse/_speedups.pyx"])],
    cmdclass={"build_ext": build_ext},
)
