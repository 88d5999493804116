from . import crc16

assert crc16(b"123456789") == 0x29B1
