from ._hello import greet

__all__ = ["greet"]
