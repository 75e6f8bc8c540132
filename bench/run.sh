#!/usr/bin/env bash
# `make bench` (after `make release`): vip measured as a user runs it, side by side in one run
# with its peers (relatorio for ODT, docxtpl for DOCX) and with the previous release of vip,
# on the same inputs. Prints figures and ratios; asserts nothing except that the inputs are
# valid and that vip and the peers make the same document set with the same key texts.
#
# Whole processes (what a user waits for), timed from outside with /usr/bin/time: CPU is
# user + system time of the process, wall is the clock.
#   - a course: ONE `vip build` call over N aanvragen (not N calls), per format, RUNS times;
#     the peers the same job in one Python process (peers.py process);
#   - one aanvraag including process start, ONE_RUNS times: vip build (ODT + DOCX, only ODT,
#     only DOCX), vip check (with the dictionary), vip --version; the peers with Python's start;
#   - CLI_N packages in one call: peak memory.
# In one process (bench/Sources/VipBench, the figures of earlier rounds): the library's steps
# without process start, file reading or writing.
#
#   BENCH_N=100 BENCH_RUNS=5 PEER_RUNS=3   the course batch
#   ONE_RUNS=20                            one aanvraag including process start
#   CLI_N=1000                             packages in one call (memory)
#   INPROC_N=200 INPROC_RUNS=3             in one process
#   BENCH_VORIGE=43b86c9                   the previous release (bench/vorige.sh builds it)
#   SOFFICE_N=20 BENCH_POSTS=10,100,1000,10000 BENCH_SERVER=1
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_N=${BENCH_N:-100}
BENCH_RUNS=${BENCH_RUNS:-5}
PEER_RUNS=${PEER_RUNS:-3}
ONE_RUNS=${ONE_RUNS:-20}
CLI_N=${CLI_N:-1000}
INPROC_N=${INPROC_N:-200}
INPROC_RUNS=${INPROC_RUNS:-3}
SOFFICE_N=${SOFFICE_N:-20}
BENCH_POSTS=${BENCH_POSTS:-10,100,1000,10000}
SWIFT=${SWIFT:-swift}
VIP=$PWD/.build/release/vip
W=$PWD/bench/.build/work
R=$PWD/bench/.build/results
rm -rf "$W" "$R"
mkdir -p "$W" "$R"
# The spelling index of `vip check` (made at first use) in a folder of this run: the first
# check below makes it, and that first use is reported on its own.
export XDG_CACHE_HOME=$W/cache

echo "== machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
{ nproc; cut -d' ' -f1-3 /proc/loadavg; date -u '+%d-%m-%Y %H:%M UTC'; } > "$R/load-start.txt"
[ -x "$VIP" ] || { echo "$VIP ontbreekt: eerst make release"; exit 2; }

echo "== bouwen: vorige release (bench/vorige.sh), bench (release)"
VORIGE=$(bash bench/vorige.sh)
git -C . rev-parse --short "${BENCH_VORIGE:-43b86c9}" > "$R/vorige-commit.txt"
git -C . rev-parse --short HEAD > "$R/huidige-commit.txt"
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
"$PY" -c "import importlib.metadata as m; print('   ' + ', '.join(p + ' ' + m.version(p) for p in ('relatorio', 'docxtpl', 'Genshi', 'Jinja2', 'lxml')))" \
  | tee "$R/peer-versions.txt"

echo
echo "== vip in één proces (de bibliotheek, zonder processtart en zonder bestanden; schrijft ook de invoer)"
"$BENCH_BIN" --n "$INPROC_N" --runs "$INPROC_RUNS" --posts "$BENCH_POSTS" --write "$W" \
  --write-n "$(( CLI_N > BENCH_N ? CLI_N : BENCH_N ))" --json "$R/vip.json"
mapfile -t COURSE < <(ls "$W"/variants/*.yaml | head -"$BENCH_N")
ONE=$W/variants/variant-0001.yaml

echo
echo "== peers: sjablonen en dezelfde documenten"
"$PY" bench/peers.py templates "$W/peers"
"$VIP" build "$ONE" --uit "$W/vip-one" > /dev/null
"$PY" bench/peers.py verify --templates "$W/peers" "$ONE" "$W/vip-one"

# One command, measured from outside (bench/tijd.py: getrusage of the child, to the µs):
# "wall user sys maxrss_kb exit" per run into a file,
# after one run that is not counted. The output folder is emptied before every run.
TIME="python3 bench/tijd.py"
measure() {
  local out=$1 runs=$2 clean=$3; shift 3
  [ -n "$clean" ] && rm -rf "$clean"
  "$@" > /dev/null 2>&1 || { echo "mislukt: $*"; "$@" | tail -5; exit 1; }
  : > "$out"
  for _ in $(seq "$runs"); do
    [ -n "$clean" ] && rm -rf "$clean"
    $TIME -a -o "$out" -- "$@" > /dev/null 2>&1 || true
  done
}

echo
echo "== hele processen: een cursus van $BENCH_N aanvragen in één aanroep, per formaat ($BENCH_RUNS runs, peers $PEER_RUNS)"
for fmt in odt docx; do
  echo "   $fmt: vip, vorige release"
  measure "$R/batch-vip-$fmt.txt" "$BENCH_RUNS" "$W/out-vip" "$VIP" build "${COURSE[@]}" --formaat "$fmt" --uit "$W/out-vip"
  measure "$R/batch-vorige-$fmt.txt" "$BENCH_RUNS" "$W/out-vorige" "$VORIGE" build "${COURSE[@]}" --formaat "$fmt" --uit "$W/out-vorige"
done
# Every vip package of the course (both formats) is byte for byte what the previous release made;
# besides it, vip makes the call sheet after a refusal (issue 20), which the previous release did
# not have (it stays in vip's times: vip does more work than the previous release).
rm -rf "$W/out-vip" "$W/out-vorige"
"$VIP" build "${COURSE[@]}" --uit "$W/out-vip" > /dev/null
"$VORIGE" build "${COURSE[@]}" --uit "$W/out-vorige" > /dev/null
nieuw=$(find "$W/out-vip" -type f -name 'na-afwijzing-*' | wc -l)
if diff -r -q -x 'na-afwijzing-*' "$W/out-vip" "$W/out-vorige" > "$R/batch-diff.txt"; then
  echo "   gelijk aan de vorige release: $(find "$W/out-vorige" -type f | wc -l) bestanden; nieuw: $nieuw belbladen na een afwijzing"
else echo "   VERSCHILT van de vorige release:"; head "$R/batch-diff.txt"; fi
echo "   relatorio (odt), docxtpl (docx)"
measure "$R/batch-relatorio-odt.txt" "$PEER_RUNS" "$W/out-peer" "$PY" bench/peers.py process --templates "$W/peers" --format odt --uit "$W/out-peer" "${COURSE[@]}"
measure "$R/batch-docxtpl-docx.txt" "$PEER_RUNS" "$W/out-peer" "$PY" bench/peers.py process --templates "$W/peers" --format docx --uit "$W/out-peer" "${COURSE[@]}"
# The same course written to memory (tmpfs): what is left when the file system's own work
# (creating, writing and renaming each file, the journal) is taken out, for vip and its peers.
SHM=/dev/shm/vip-bench-$$
if mkdir -p "$SHM" 2>/dev/null; then
  echo "   dezelfde cursus met de uitvoer in het geheugen ($SHM, tmpfs)"
  for fmt in odt docx; do
    measure "$R/shm-vip-$fmt.txt" "$BENCH_RUNS" "$SHM/out" "$VIP" build "${COURSE[@]}" --formaat "$fmt" --uit "$SHM/out"
  done
  measure "$R/shm-relatorio-odt.txt" "$PEER_RUNS" "$SHM/out" "$PY" bench/peers.py process --templates "$W/peers" --format odt --uit "$SHM/out" "${COURSE[@]}"
  measure "$R/shm-docxtpl-docx.txt" "$PEER_RUNS" "$SHM/out" "$PY" bench/peers.py process --templates "$W/peers" --format docx --uit "$SHM/out" "${COURSE[@]}"
  rm -rf "$SHM"
fi

echo
echo "== één aanvraag inclusief processtart ($ONE_RUNS keer)"
# The first `vip check` of a user makes the spelling index (bench: in $XDG_CACHE_HOME).
$TIME -o "$R/one-vip-check-eerste.txt" -- "$VIP" check "$ONE" > /dev/null 2>&1 || true
for who in vip vorige; do
  bin=$VIP; [ "$who" = vorige ] && bin=$VORIGE
  measure "$R/one-$who-build.txt" "$ONE_RUNS" "$W/one-$who" "$bin" build "$ONE" --uit "$W/one-$who"
  measure "$R/one-$who-odt.txt" "$ONE_RUNS" "$W/one-$who" "$bin" build "$ONE" --formaat odt --uit "$W/one-$who"
  measure "$R/one-$who-docx.txt" "$ONE_RUNS" "$W/one-$who" "$bin" build "$ONE" --formaat docx --uit "$W/one-$who"
  measure "$R/one-$who-check.txt" "$ONE_RUNS" "" "$bin" check "$ONE"
  measure "$R/one-$who-version.txt" "$ONE_RUNS" "" "$bin" --version
done
measure "$R/one-relatorio-odt.txt" "$ONE_RUNS" "$W/one-peer" "$PY" bench/peers.py one --templates "$W/peers" --format odt "$ONE" "$W/one-peer"
measure "$R/one-docxtpl-docx.txt" "$ONE_RUNS" "$W/one-peer" "$PY" bench/peers.py one --templates "$W/peers" --format docx "$ONE" "$W/one-peer"
measure "$R/one-python.txt" "$ONE_RUNS" "" "$PY" -c "pass"

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
  $TIME -o "$R/soffice.txt" -- $LO --convert-to docx --outdir "$W/lo-out" "$W"/lo-in/*.odt > /dev/null 2>&1 || true
  echo "$SOFFICE_N $(ls "$W"/lo-in/*.odt | wc -l) $(ls "$W"/lo-out/*.docx | wc -l)" > "$R/soffice-n.txt"
fi

echo
echo "== de CLI: $CLI_N pakketten in één aanroep, grote aanvragen, de aliasbom"
mapfile -t ALL < <(ls "$W"/variants/*.yaml | head -"$CLI_N")
for who in vip vorige; do
  bin=$VIP; [ "$who" = vorige ] && bin=$VORIGE
  rm -rf "$W/cli-all"
  $TIME -o "$R/cli-$who-build-all.txt" -- "$bin" build "${ALL[@]}" --uit "$W/cli-all" > /dev/null 2>&1 || true
  $TIME -o "$R/cli-$who-check-all.txt" -- "$bin" check "${ALL[@]}" > /dev/null 2>&1 || true
done
$TIME -o "$R/cli-vip-check-2000.txt" -- "$VIP" check "$W/posts-2000.yaml" > /dev/null 2>&1 || true
$TIME -o "$R/cli-vip-build-2000.txt" -- "$VIP" build "$W/posts-2000.yaml" --uit "$W/cli-2000" > /dev/null 2>&1 || true
# Billion laughs: ten levels of ten aliases each, 10^10 nodes once expanded.
{
  echo 'formaat: vip-aanvraag/1'
  echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  for i in $(seq 1 9); do
    p=$((i - 1)); echo "a$i: &a$i [*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p]"
  done
} > "$W/aliasbom.yaml"
$TIME -o "$R/cli-vip-aliasbom.txt" -- "$VIP" check "$W/aliasbom.yaml" > "$R/aliasbom-out.txt" 2>&1 || true

{ nproc; cut -d' ' -f1-3 /proc/loadavg; date -u '+%d-%m-%Y %H:%M UTC'; } > "$R/load-end.txt"
echo
python3 bench/summary.py "$R" "$BENCH_N" "$CLI_N" | tee "$R/samenvatting.txt"

echo
# The server under load (issues 10 and 11); BENCH_SERVER=0 leaves it out.
if [ "${BENCH_SERVER:-1}" != 0 ]; then
  bash bench/server.sh
fi
