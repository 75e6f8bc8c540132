#!/usr/bin/env bash
# Profiles the benchmark's batch with callgrind (10 packages, all steps) and prints the
# top functions by inclusive cost. Valgrind 3.19 cannot read the DWARF that Swift 6.3
# writes ("Possibly corrupted debuginfo file"), so the debug info is stripped from a
# copy: the symbol table is enough for a per-function profile.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --package-path bench --scratch-path bench/.build 2>&1 | grep -E "error|Build" || true
BIN=$(swift build -c release --package-path bench --scratch-path bench/.build --show-bin-path)/VipBench
objcopy --strip-debug "$BIN" bench/.build/VipBench-nodebug
valgrind --tool=callgrind --callgrind-out-file=bench/.build/callgrind.out \
  bench/.build/VipBench-nodebug --n "${PROFILE_N:-10}" --runs 1 --only batch > /dev/null
callgrind_annotate --inclusive=yes bench/.build/callgrind.out | swift demangle --simplified \
  | grep -E "^ *[0-9,]+ \(" | sed -E 's/ +/ /g' | cut -c1-160 | head -"${PROFILE_TOP:-50}"
