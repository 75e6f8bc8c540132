#ifndef VIP_CLIBDEFLATE_SHIM_H
#define VIP_CLIBDEFLATE_SHIM_H
/* Debian's libdeflate-dev: whole-buffer DEFLATE and CRC-32, used by VIPZip only. */
#include <libdeflate.h>
#endif
