#ifndef VIP_CHUNSPELL_SHIM_H
#define VIP_CHUNSPELL_SHIM_H
#include <hunspell/hunspell.h>
#endif
