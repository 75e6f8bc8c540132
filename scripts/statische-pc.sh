#!/bin/bash
# pkg-config files for the release build (make release): the same C libraries, named by their
# static archives (-l:libxml2.a), with what those archives need themselves (libxml2: ICU, zlib,
# xz). libc, libm, libstdc++, libpthread and libdl are named as they are: `vip-server` links them
# shared, `vip` (fully static, Package.swift) takes their archives.
#   scripts/statische-pc.sh MAP
set -euo pipefail
map=$1
mkdir -p "$map"
# Where the linker looks by default, after the library's own folder (libdeflate.pc names /usr/lib).
standaard=$(ld --verbose | grep -o 'SEARCH_DIR("=\?[^"]*")' | sed 's/SEARCH_DIR("=\?//; s/")//')
# The path of lib$2.a, in the library's folder $1 or where the linker looks; fails without one.
archief() {
  for d in "$1" $standaard; do [ -f "$d/lib$2.a" ] && { echo "$d/lib$2.a"; return 0; }; done
  return 1
}
# The libraries are those Package.swift names in its system library targets (pkgConfig: "…").
pakketten=$(grep -o 'pkgConfig: "[^"]*"' "$(dirname "$0")/../Package.swift" | cut -d'"' -f2)
[ -n "$pakketten" ] || { echo "Package.swift noemt geen pkg-config-pakketten" >&2; exit 1; }
for pc in $pakketten; do
  libdir=$(pkg-config --variable=libdir "$pc")
  libs=""
  cxx=""
  for l in $(pkg-config --static --libs-only-l "$pc"); do
    naam=${l#-l}
    case $naam in
      m|c|stdc++|pthread|dl|gcc_s) libs+=" -l$naam" ;;
      *) if a=$(archief "$libdir" "$naam"); then
           libs+=" -l:lib$naam.a"
           # A C++ archive (hunspell) needs libstdc++ after it on the line: `vip`, linked fully
           # statically, takes libstdc++.a, which the linker reads once, in order.
           [ "$(nm -u "$a" 2>/dev/null | grep -c ' _ZNSt')" = 0 ] || cxx=" -lstdc++"
         else libs+=" -l$naam"; fi ;;
    esac
  done
  libs+=$cxx
  cat > "$map/$pc.pc.nieuw" <<PC
Name: $pc
Description: $pc, linked statically (vip: scripts/statische-pc.sh)
Version: $(pkg-config --modversion "$pc")
Cflags: $(pkg-config --cflags "$pc")
Libs: -L$libdir$libs
PC
  mv "$map/$pc.pc.nieuw" "$map/$pc.pc"
done
