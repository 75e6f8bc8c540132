#!/usr/bin/env bash
# `make bench-server` (also the last part of `make bench`): `vip server` under load on
# loopback (bench/server.py: 32 concurrent keep-alive clients, every loop bounded in count
# and time). Prints a table with the figures beside the goals of issues 10, 11 and 21, and
# those of issue 21 beside the previous release's, measured in the same run; asserts nothing.
#
#   VIP_BENCH_POSTGRES=postgres://…   also measure check and PUT against that (empty) database
#   BENCH_POSTGRES=1                  … or against a throwaway cluster (scripts/postgres-test.sh)
#   SERVER_ARGS="--check-n 10000 …"   see `python3 bench/server.py --help`
#   BENCH_ZONDER_VORIGE=1             without the previous release
set -euo pipefail
cd "$(dirname "$0")/.."
VIP=$PWD/.build/release/vip
W=$PWD/bench/.build/server
R=$PWD/bench/.build/results
[ -x "$VIP" ] || { echo "$VIP ontbreekt: eerst make release"; exit 2; }
rm -rf "$W"
mkdir -p "$W" "$R"

echo "== server: $(nproc) cores, $(uptime)"
ARGS=(--vip "$VIP" --werk "$W" --json "$R/server.json")
# The previous release (bench/vorige.sh: built once from git with the flags of its own `make release`),
# measured in the same run, unless BENCH_ZONDER_VORIGE=1.
if [ "${BENCH_ZONDER_VORIGE:-0}" != 1 ]; then
  ARGS+=(--vorige "$(bash bench/vorige.sh)")
fi
# shellcheck disable=SC2206
ARGS+=(${SERVER_ARGS:-})
if [ -n "${VIP_BENCH_POSTGRES:-}" ]; then
  python3 bench/server.py "${ARGS[@]}" --postgres "$VIP_BENCH_POSTGRES"
elif [ "${BENCH_POSTGRES:-0}" = 1 ]; then
  # shellcheck disable=SC2016
  bash scripts/postgres-test.sh bash -c 'python3 bench/server.py "$@" --postgres "$VIP_TEST_POSTGRES"' _ "${ARGS[@]}"
else
  python3 bench/server.py "${ARGS[@]}"
  echo "(PostgreSQL niet gemeten: zet VIP_BENCH_POSTGRES=postgres://… of BENCH_POSTGRES=1)"
fi
echo "== na afloop: $(uptime)"
