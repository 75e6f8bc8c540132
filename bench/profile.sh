#!/usr/bin/env bash
# Profiles the benchmark with callgrind and prints the top functions by inclusive cost.
#   PROFILE_ONLY=build   N packages built (ODT + DOCX), only that counted (default)
#   PROFILE_ONLY=check   N aanvragen read and checked (dictionary loaded before, not counted)
#   PROFILE_ONLY=batch   every measured step of the batch, set-up included
#   PROFILE_N=10 PROFILE_TOP=50
# Instruction counts do not depend on what else runs on the machine, so variants can be
# compared while it is busy. Valgrind 3.19 cannot read the DWARF that Swift 6.3 writes
# ("Possibly corrupted debuginfo file"), so the debug info is stripped from a copy: the
# symbol table is enough for a per-function profile.
set -euo pipefail
cd "$(dirname "$0")/.."
ONLY=${PROFILE_ONLY:-build}
# VipBench imports non-product modules, which SwiftPM does not track: always recompile it.
rm -rf bench/.build/*/release/VipBench.build bench/.build/*/release/description.json
if ! swift build -c release --package-path bench --scratch-path bench/.build > bench/.build/profile-build.log 2>&1; then
  grep -E "error" bench/.build/profile-build.log; exit 1
fi
BIN=$(swift build -c release --package-path bench --scratch-path bench/.build --show-bin-path)/VipBench
objcopy --strip-debug "$BIN" bench/.build/VipBench-nodebug
TOGGLE=()
[ "$ONLY" = batch ] || TOGGLE=(--collect-atstart=no "--toggle-collect=*profiledSection*")
valgrind --tool=callgrind "${TOGGLE[@]}" --callgrind-out-file=bench/.build/callgrind-$ONLY.out \
  bench/.build/VipBench-nodebug --n "${PROFILE_N:-10}" --runs 1 --only "$ONLY" > /dev/null 2> bench/.build/callgrind-$ONLY.log
grep -E "Collected" bench/.build/callgrind-$ONLY.log | sed 's/^==[0-9]*== /instructions /'
callgrind_annotate --inclusive=yes bench/.build/callgrind-$ONLY.out | swift demangle --simplified \
  | grep -E "^ *[0-9,]+ \(" | sed -E 's/ +/ /g' | cut -c1-160 | head -"${PROFILE_TOP:-50}"
