#!/usr/bin/env bash
# Whole-process instruction counts of `vip` (callgrind), for the before/after profiles of
# bench/RESULTATEN.md: the same commands for this build and for the previous release.
#   bench/profile-cli.sh [VIP]        default .build/release/vip; bench/vorige.sh prints the other
#   PROFILE_TOP=25                    functions shown per command (inclusive cost)
# Needs the inputs of a `make bench` run (bench/.build/work/variants). Valgrind 3.19 cannot
# read the DWARF that Swift 6.3 writes, so the debug info is stripped from a copy.
set -euo pipefail
cd "$(dirname "$0")/.."
VIP=${1:-.build/release/vip}
W=bench/.build/work
P=bench/.build/profiles/${PROFILE_NAME:-huidig}
mkdir -p "$P"
objcopy --strip-debug "$VIP" "$P/vip"
ONE=$W/variants/variant-0001.yaml
mapfile -t COURSE < <(ls "$W"/variants/*.yaml | head -100)
export XDG_CACHE_HOME=$W/cache
"$P/vip" check "$ONE" > /dev/null || true   # the spelling index exists before it is measured
run() {
  local name=$1; shift
  rm -rf "$P/out"
  valgrind --tool=callgrind --callgrind-out-file="$P/$name.out" "$P/vip" "$@" > /dev/null 2> "$P/$name.log" || true
  echo "== $name: $(grep -o "Collected : [0-9]*" "$P/$name.log" | sed "s/Collected : //") instructies ($1 $2 ...)"
  callgrind_annotate --inclusive=yes "$P/$name.out" 2>/dev/null | swift demangle --simplified \
    | grep -E "^ *[0-9,]+ \(" | sed -E 's/ +/ /g' | cut -c1-150 | sed -n 2,"${PROFILE_TOP:-25}"p
}
run check check "$ONE"
run build-een build "$ONE" --uit "$P/out"
run build-cursus-odt build "${COURSE[@]}" --formaat odt --uit "$P/out"
run build-cursus-docx build "${COURSE[@]}" --formaat docx --uit "$P/out"
