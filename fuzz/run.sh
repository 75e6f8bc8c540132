#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (fuzz/Package.swift) with the fuzzer and
# AddressSanitizer, then runs each for FUZZ_SECONDS (default 120) on a seed corpus
# made from the samples. Prints executions, coverage and any crash; exits 1 on a crash.
#
#   FUZZ_SECONDS=600 make fuzz                 longer run
#   FUZZ_TARGETS=FuzzAanvraag make fuzz        one target
#   VIP_FUZZ_BUILD=1 / VIP_FUZZ_SPELLING=1     FuzzAanvraag also builds the package / checks spelling
#   fuzz/.build/debug/FuzzAanvraag fuzz/artifacts/FuzzAanvraag/crash-…   replays one input
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ_SECONDS=${FUZZ_SECONDS:-120}
FUZZ_TARGETS=${FUZZ_TARGETS:-"FuzzAanvraag FuzzSjabloon FuzzFormulier"}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
SWIFT=${SWIFT:-swift}

echo "== fuzz: bouwen (debug, -sanitize=fuzzer,address) =="
# The targets import VIPModel and VIPDocument, which are not products, so SwiftPM does not
# see them as inputs: after a change of a struct there (Aanvraag) the harness kept its
# old layout and ASan reported a stack-buffer-overflow in AanvraagReader.parse. Always
# recompiling the two small harness modules avoids that.
rm -rf fuzz/.build/*/debug/FuzzAanvraag.build fuzz/.build/*/debug/FuzzSjabloon.build fuzz/.build/*/debug/FuzzFormulier.build
# -parse-as-library: the targets have no top-level code; Entry.swift hands `main` to libFuzzer.
# libyaml is Debian's shared library (libyaml-dev) and is not instrumented; VIPYAML, the
# wrapper around it, and the composer are.
"$SWIFT" build -c debug --package-path fuzz --scratch-path fuzz/.build \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link,address 2>&1 \
  | grep -v "ld.gold: warning: Cannot export local symbol" | grep -E "error|Compiling|Build" || true
BIN=$("$SWIFT" build -c debug --package-path fuzz --scratch-path fuzz/.build --show-bin-path)

# Seed corpora, made fresh at every run (git-ignored); what libFuzzer finds stays in
# fuzz/corpus/<target> between runs.
mkdir -p fuzz/seeds/FuzzAanvraag fuzz/seeds/FuzzSjabloon fuzz/seeds/FuzzFormulier fuzz/corpus/FuzzAanvraag fuzz/corpus/FuzzSjabloon fuzz/corpus/FuzzFormulier fuzz/logs
rm -f fuzz/seeds/FuzzAanvraag/* fuzz/seeds/FuzzSjabloon/* fuzz/seeds/FuzzFormulier/*
for f in Samples/*.yaml Tests/Fixtures/review/*.yaml Tests/Fixtures/leeswerf/*.yaml; do
  [ -f "$f" ] && cp "$f" "fuzz/seeds/FuzzAanvraag/$(echo "$f" | tr '/' '_')"
done
# FuzzSjabloon: the first byte picks the part (same order as in Fuzz.swift).
i=0
for p in odt/content.xml odt/styles.xml odt/meta.xml odt/settings.xml \
         docx/word/document.xml docx/word/header.xml docx/word/footer.xml docx/word/numbering.xml \
         docx/docProps/core.xml docx/docProps/app.xml docx/word/styles.xml docx/word/settings.xml; do
  if [ -f "Templates/$p" ]; then
    { printf "\\$(printf '%03o' $((i + 128)))"; cat "Templates/$p"; } > "fuzz/seeds/FuzzSjabloon/$(echo "$p" | tr '/' '_')"
  fi
  i=$((i + 1))
done

# FuzzFormulier: a form as a browser posts it, urlencoded (first byte even) and multipart (odd,
# then the boundary on the first line).
printf '\000csrf=abc&project.titel=Tuin+%%C3%%A9&thema=natuur&thema=ontmoeting' > fuzz/seeds/FuzzFormulier/urlencoded
printf '\001----vip\n------vip\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc\r\n------vip\r\nContent-Disposition: form-data; name="bestand"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%%PDF\r\n------vip--\r\n' > fuzz/seeds/FuzzFormulier/multipart

status=0
for t in $FUZZ_TARGETS; do
  case $t in
    FuzzAanvraag) dict=fuzz/yaml.dict ;;
    FuzzSjabloon) dict=fuzz/xml.dict ;;
    FuzzFormulier) dict=fuzz/formulier.dict ;;
    *) echo "onbekend doel: $t"; exit 2 ;;
  esac
  mkdir -p "fuzz/artifacts/$t"
  log=fuzz/logs/$t.log
  echo "== fuzz: $t, ${FUZZ_SECONDS}s =="
  # libFuzzer's exit status is not used: findings are counted from the artifacts below.
  # A smaller ASan quarantine (default 256 MB): with the dictionary loaded it alone
  # pushed the process over -rss_limit_mb=512 while the live heap was 37 MB.
  ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64} \
  LSAN_OPTIONS="suppressions=$ROOT/fuzz/lsan.supp:print_suppressions=0" \
  VIP_TEMPLATES="$ROOT/Templates" "$BIN/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" \
      -dict="$dict" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=5 -rss_limit_mb=512 \
      -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1 $FUZZ_FLAGS >"$log" 2>&1 || true
  execs=$(grep -E "^stat::number_of_executed_units" "$log" | awk '{print $2}' | tail -1)
  rate=$(grep -E "^stat::average_exec_per_sec" "$log" | awk '{print $2}' | tail -1)
  last=$(grep -E "^#[0-9]+" "$log" | tail -1)
  cov=$(echo "$last" | grep -oE "cov: [0-9]+" || true)
  ft=$(echo "$last" | grep -oE "ft: [0-9]+" || true)
  corp=$(echo "$last" | grep -oE "corp: [0-9]+/[0-9]+[a-zA-Z]*" || true)
  echo "   uitvoeringen: ${execs:-?} (${rate:-?}/s), $cov, $ft, $corp"
  findings=$(grep -lE "ERROR: (AddressSanitizer|libFuzzer)|Fatal error|SUMMARY:" "$log" || true)
  crashes=$(ls "fuzz/artifacts/$t" 2>/dev/null | grep -E "^(crash|timeout|oom|leak|slow-unit)-" || true)
  if [ -n "$findings" ] || [ -n "$crashes" ]; then
    echo "   GEVONDEN (zie $log):"
    for c in $crashes; do echo "     fuzz/artifacts/$t/$c"; done
    grep -E "ERROR: |SUMMARY: |Fatal error" "$log" | head -5 | sed 's/^/     /'
    status=1
  else
    echo "   geen crashes of hangs"
  fi
done
exit $status
