#!/usr/bin/env bash
# `make bench` (after `make release`): vip against its peers, side by side in one run and
# in the same process model: a batch of N packages in one process, and one package
# including process start. Prints figures and ratios; asserts nothing except that the
# inputs are valid and that vip and the peers make the same document set with the same
# key texts.
#
#   BENCH_N=200 BENCH_RUNS=3    packages and runs of the batch (vip)
#   PEER_N=200 PEER_RUNS=2      packages and runs of the batch for relatorio and docxtpl
#   CLI_N=1000                  packages built by one `vip build` call (peak memory)
#   ONE_RUNS=20                 repetitions of one package including process start
#   SOFFICE_N=20                packages converted by LibreOffice in one call
#   BENCH_POSTS=10,100,1000,10000
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_N=${BENCH_N:-200}
BENCH_RUNS=${BENCH_RUNS:-3}
PEER_N=${PEER_N:-$BENCH_N}
PEER_RUNS=${PEER_RUNS:-2}
CLI_N=${CLI_N:-1000}
ONE_RUNS=${ONE_RUNS:-20}
SOFFICE_N=${SOFFICE_N:-20}
BENCH_POSTS=${BENCH_POSTS:-10,100,1000,10000}
SWIFT=${SWIFT:-swift}
VIP=$PWD/.build/release/vip
W=$PWD/bench/.build/work
R=$PWD/bench/.build/results
rm -rf "$W" "$R"
mkdir -p "$W" "$R"

echo "== machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
{ nproc; cut -d' ' -f1-3 /proc/loadavg; } > "$R/load-start.txt"
[ -x "$VIP" ] || { echo "$VIP ontbreekt: eerst make release"; exit 2; }

echo "== bouwen: bench (release)"
# VipBench imports VIPModel, VIPDocument and VIPSpelling, which are not products: SwiftPM
# does not rebuild it when their layout changes, so it is always recompiled (seconds).
rm -rf bench/.build/*/release/VipBench.build bench/.build/*/release/description.json
"$SWIFT" build -c release --package-path bench --scratch-path bench/.build 2>&1 | grep -E "error|Build" || true
BENCH_BIN=$("$SWIFT" build -c release --package-path bench --scratch-path bench/.build --show-bin-path)/VipBench

echo "== peers: bench/.venv (relatorio, docxtpl, PyYAML van PyPI)"
PY=bench/.venv/bin/python
if ! "$PY" -c "import relatorio, docxtpl, yaml" 2>/dev/null; then
  python3 -m venv bench/.venv
  "$PY" -m pip install -q --disable-pip-version-check relatorio docxtpl PyYAML
fi
"$PY" -c "import importlib.metadata as m; print('   ' + ', '.join(p + ' ' + m.version(p) for p in ('relatorio', 'docxtpl', 'Genshi', 'Jinja2', 'lxml')))"

echo
echo "== vip in één proces"
"$BENCH_BIN" --n "$BENCH_N" --runs "$BENCH_RUNS" --posts "$BENCH_POSTS" --write "$W" --write-n "$CLI_N" \
  --json "$R/vip.json"

echo
echo "== peers in één proces ($PEER_N varianten × $PEER_RUNS runs, ms per pakket: een brief per fonds dat niet afwees, projectplan, begroting, fondsenlijst)"
"$PY" bench/peers.py templates "$W/peers"
ONE=$W/variants/variant-0001.yaml
"$VIP" build "$ONE" --uit "$W/vip-one" > /dev/null
"$PY" bench/peers.py verify --templates "$W/peers" "$ONE" "$W/vip-one"
"$PY" bench/peers.py batch --templates "$W/peers" --variants "$W/variants" --n "$PEER_N" --runs "$PEER_RUNS" --json "$R/peers.json"

# Wall time in ms of one command, ONE_RUNS times (after one warm-up), into a file.
timeit() {
  local out=$1; shift
  "$@" > /dev/null 2>&1 || { echo "mislukt: $*"; "$@"; exit 1; }
  : > "$out"
  for _ in $(seq "$ONE_RUNS"); do
    local t0 t1
    t0=$(date +%s%N); "$@" > /dev/null 2>&1; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$out"
  done
}
echo
echo "== één pakket inclusief processtart ($ONE_RUNS keer; hyperfine: $(command -v hyperfine || echo niet geïnstalleerd, een lus))"
timeit "$R/one-vip.txt" "$VIP" build "$ONE" --uit "$W/one-vip"
timeit "$R/one-vip-odt.txt" "$VIP" build "$ONE" --formaat odt --uit "$W/one-vip-odt"
timeit "$R/one-vip-docx.txt" "$VIP" build "$ONE" --formaat docx --uit "$W/one-vip-docx"
timeit "$R/one-vip-check.txt" "$VIP" check "$ONE"
timeit "$R/one-vip-version.txt" "$VIP" --version
timeit "$R/one-relatorio.txt" "$PY" bench/peers.py one --templates "$W/peers" --format odt "$ONE" "$W/one-relatorio"
timeit "$R/one-docxtpl.txt" "$PY" bench/peers.py one --templates "$W/peers" --format docx "$ONE" "$W/one-docxtpl"
timeit "$R/one-python.txt" "$PY" -c "pass"
if command -v hyperfine > /dev/null; then
  hyperfine -N -w 2 -r "$ONE_RUNS" "$VIP build $ONE --uit $W/one-vip" \
    "$PY bench/peers.py one --templates $W/peers --format odt $ONE $W/one-relatorio" --export-json "$R/hyperfine.json"
fi

if command -v soffice > /dev/null; then
  echo
  echo "== LibreOffice: ODT → DOCX van $SOFFICE_N pakketten in één soffice-aanroep"
  mkdir -p "$W/lo-in" "$W/lo-out"
  for i in $(seq 0 $((SOFFICE_N - 1))); do
    f=$(printf "%s/variants/variant-%04d.yaml" "$W" "$i")
    "$VIP" build "$f" --formaat odt --uit "$W/lo-pkg/$i" > /dev/null
    for d in "$W/lo-pkg/$i"/*.odt; do cp "$d" "$W/lo-in/$i-$(basename "$d")"; done
  done
  LO="soffice --headless --norestore -env:UserInstallation=file://$W/lo-profile"
  $LO --convert-to docx --outdir "$W/lo-warm" "$(ls "$W"/lo-in/*.odt | head -1)" > /dev/null 2>&1 || true
  t0=$(date +%s%N)
  $LO --convert-to docx --outdir "$W/lo-out" "$W"/lo-in/*.odt > /dev/null 2>&1
  t1=$(date +%s%N)
  echo "$SOFFICE_N $(ls "$W"/lo-in/*.odt | wc -l) $(ls "$W"/lo-out/*.docx | wc -l) $(( (t1 - t0) / 1000 ))" > "$R/soffice.txt"
fi

echo
echo "== de CLI: $CLI_N pakketten in één aanroep, grote aanvragen, de aliasbom (/usr/bin/time)"
TIME=/usr/bin/time
# %e wall seconds, %M max RSS in KB, %x exit status
$TIME -f "%e %M %x" -o "$R/cli-check-all.txt" "$VIP" check "$W"/variants/*.yaml > /dev/null || true
$TIME -f "%e %M %x" -o "$R/cli-build-all.txt" "$VIP" build "$W"/variants/*.yaml --uit "$W/cli-all" > /dev/null || true
$TIME -f "%e %M %x" -o "$R/cli-check-2000.txt" "$VIP" check "$W/posts-2000.yaml" > /dev/null || true
$TIME -f "%e %M %x" -o "$R/cli-build-2000.txt" "$VIP" build "$W/posts-2000.yaml" --uit "$W/cli-2000" > /dev/null || true
# Billion laughs: ten levels of ten aliases each, 10^10 nodes once expanded.
{
  echo 'formaat: vip-aanvraag/1'
  echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  for i in $(seq 1 9); do
    p=$((i - 1)); echo "a$i: &a$i [*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p]"
  done
} > "$W/aliasbom.yaml"
$TIME -f "%e %M %x" -o "$R/cli-aliasbom.txt" "$VIP" check "$W/aliasbom.yaml" > "$R/aliasbom-out.txt" 2>&1 || true

{ nproc; cut -d' ' -f1-3 /proc/loadavg; } > "$R/load-end.txt"
echo
python3 bench/summary.py "$R" "$CLI_N"

echo
# The server under load (issues 10 and 11); BENCH_SERVER=0 leaves it out.
if [ "${BENCH_SERVER:-1}" != 0 ]; then
  bash bench/server.sh
fi
