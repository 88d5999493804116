from ._crc16 import crc16
