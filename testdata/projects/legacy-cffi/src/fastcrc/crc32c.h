#include <stddef.h>
#include <stdint.h>
uint32_t fastcrc_crc32c(uint32_t crc, const unsigned char *buf, size_t len);
