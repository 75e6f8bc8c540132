#ifndef VIP_CLIBZIP_SHIM_H
#define VIP_CLIBZIP_SHIM_H
#include <zip.h>
#endif
