#!/usr/bin/env bash
# Runs every libFuzzer target of a LEMMA_FUZZ build for a set time each, starting from its
# committed seeds; an input that crashes is saved under tests/fuzz/corpus/<target>/ as a
# regression input (ctest replays those in every ordinary build).
set -uo pipefail
build="$1"
seconds="${2:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
status=0
declare -A seeds=(
  [NotebookReader]="$root/tests/data/notebooks $root/resources/notebooks $root/tests/data/cli"
  [Parser]="$root/tests/data/lang"
  [Interpreter]="$root/tests/data/lang"
  [DataFiles]=""
  [Regex]=""
)
export UBSAN_OPTIONS="suppressions=$root/tests/sanitizers/ubsan.supp:print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
for exe in "$build"/tests/fuzz_*; do
  [ -x "$exe" ] || continue
  name="$(basename "$exe")"
  target="${name#fuzz_}"
  work="$build/fuzz-corpus/$target"
  mkdir -p "$work"
  regressions="$root/tests/fuzz/corpus/$target"
  mkdir -p "$regressions"
  echo "== $name: ${seconds}s"
  # shellcheck disable=SC2086
  if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
      -artifact_prefix="$regressions/" -print_final_stats=1 \
      "$work" "$regressions" ${seeds[$target]} 2>"$build/$name.log"; then
    status=1
    echo "   crashed: see $build/$name.log and $regressions/crash-*"
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$build/$name.log" | tail -2 | sed 's/^/   /'
done
exit $status
