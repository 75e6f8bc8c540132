#ifndef VIP_CYAML_SHIM_H
#define VIP_CYAML_SHIM_H
/* libyaml from Debian's libyaml-dev (pkg-config yaml-0.1). Only VIPYAML imports this
   module; everything else reads YAML through VIPYAML's parser type. */
#include <yaml.h>
#endif
