#!/usr/bin/env bash
# Builds the previous release of vip for `make bench` (bench/run.sh), with the flags its own
# `make release` used (the Swift runtime linked statically), into bench/.build/vorige/<commit>/,
# and prints the path of its `vip`.
# Built once per commit and kept; the sources come from git (git archive), so the working
# tree is not touched.
#   BENCH_VORIGE=43b86c9   the commit (default: main before speed round three, issue 21)
set -euo pipefail
cd "$(dirname "$0")/.."
COMMIT=$(git rev-parse --short "${BENCH_VORIGE:-43b86c9}")
DIR=$PWD/bench/.build/vorige/$COMMIT
VIP=$DIR/build/release/vip
if [ ! -x "$VIP" ]; then
  echo "== vorige release ($COMMIT) bouwen in $DIR (eenmalig, enkele minuten)" >&2
  rm -rf "$DIR/src"
  mkdir -p "$DIR/src"
  git archive "$COMMIT" | tar -x -C "$DIR/src"
  # The flags of `make release` at that commit.
  "${SWIFT:-swift}" build -c release --product vip --static-swift-stdlib \
    --package-path "$DIR/src" --scratch-path "$DIR/build" >&2
fi
echo "$VIP"
