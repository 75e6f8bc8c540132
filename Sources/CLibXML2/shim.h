#ifndef VIP_CLIBXML2_SHIM_H
#define VIP_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; Foundation ships its own ICU headers.
   A module that sees both fails with "'UErrorCode' has different definitions"
   (only on clean builds). We never use libxml2's ICU API, so hide it. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlstring.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/* Swift 6 rejects referencing the global function pointer `xmlFree`. */
static inline void vip_xmlFree(void *p) { xmlFree(p); }
#endif
