from ._sodium import lib
