#!/usr/bin/env bash
# CI smoke run of the fuzz harnesses.
#
#   fuzz/run-smoke.sh [SECONDS] [BUILDDIR]
#
# Builds the harnesses with clang (libFuzzer, AddressSanitizer,
# UndefinedBehaviorSanitizer) in BUILDDIR (default build-fuzz), replays
# every committed regression input of fuzz/regressions/<harness>/, then runs
# each harness for SECONDS (default 20) over a fresh copy of its seeds
# (fuzz/make-seeds.sh), with a 5 s per-input timeout and leak detection.
# Exits non-zero on the first crash, leak, timeout or sanitizer report; the
# input that caused it is left in BUILDDIR/fuzz/findings/<harness>/.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

seconds=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${2:-$top/build-fuzz}
harnesses=(message cms certificate-path crl certs-only der)

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_lundef=false \
    -Dtests=false -Dclaws_plugin=disabled -Devolution_plugin=disabled >/dev/null
fi
targets=()
for h in "${harnesses[@]}"; do
  targets+=("fuzz/fuzz-$h")
done
ninja -C "$build" "${targets[@]}" >/dev/null

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

corpus=$build/fuzz/corpus
rm -rf "$corpus"
"$here/make-seeds.sh" "$corpus" >/dev/null

dict_for() {
  case $1 in
    message) echo "-dict=$here/message.dict" ;;
    certs-only) echo "" ;;
    *) echo "-dict=$here/der.dict" ;;
  esac
}

status=0
for h in "${harnesses[@]}"; do
  exe=$build/fuzz/fuzz-$h
  findings=$build/fuzz/findings/$h
  log=$build/fuzz/smoke-$h.log
  rm -rf "$findings"
  mkdir -p "$findings"

  if [ -d "$here/regressions/$h" ] && [ -n "$(ls -A "$here/regressions/$h")" ]; then
    if ! "$exe" -timeout=5 -rss_limit_mb=2048 "$here/regressions/$h"/* >"$log" 2>&1; then
      echo "FAIL $h: a regression input fails again (see $log)" >&2
      status=1
      continue
    fi
  fi

  start=$(date +%s)
  # shellcheck disable=SC2046
  if "$exe" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$findings/" -print_final_stats=1 $(dict_for "$h") \
       "$corpus/$h" >>"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "ok   $h: ${runs:-?} inputs in $(( $(date +%s) - start )) s"
  else
    echo "FAIL $h: finding in $findings (log $log)" >&2
    grep -a -m5 "ERROR\|runtime error\|CRITICAL" "$log" >&2 || true
    status=1
  fi
done
exit $status
