from ._impl import answer

__all__ = ["answer"]
