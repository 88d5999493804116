#include "crc32c.h"

/* Bitwise CRC-32C (Castagnoli, reflected polynomial 0x82F63B78). */
uint32_t fastcrc_crc32c(uint32_t crc, const unsigned char *buf, size_t len) {
    crc = ~crc;
    while (len--) {
        crc ^= *buf++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}
