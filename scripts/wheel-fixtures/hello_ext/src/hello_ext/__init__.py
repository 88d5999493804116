from hello_ext._speed import add

__all__ = ["add"]
