#!/usr/bin/env bash
# The figure of the README: one reminder run for 1,000 cursisten (SQLite in a temporary folder,
# synchronous = FULL as in production), timed in-process on the DEBUG build of the tests
# (`swift build --build-tests`; a release build is faster). Prints the time of the first run
# (every cursist lacks fields: 1,000 reminders with their mails written to the outbox) and of a
# second run right after (nothing to do).
#
#   scripts/herinneringen-meting.sh [CURSISTEN]
set -euo pipefail
cd "$(dirname "$0")/.."
VIP_METING_HERINNERINGEN=1 VIP_METING_CURSISTEN="${1:-1000}" \
    swift test --skip-build --filter HerinneringMetingTests 2>&1 | grep -E "METING|passed|failed|error" || true
echo "(debug-build; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
