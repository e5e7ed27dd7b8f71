#!/usr/bin/env bash
# Runs every benchmark executable built from tests/**/bench_*.cpp.
set -euo pipefail
build="$1"
status=0
while IFS= read -r bench; do
  echo "== $(basename "$bench")"
  QT_QPA_PLATFORM=offscreen "$bench" || status=1
done < <(find "$build/tests" -maxdepth 1 -type f -name 'bench_*' -perm -u+x | sort)
exit $status
