#!/bin/sh
# Regenerates expressions.tsv, the expected values of the differential test
# (tests/engine/builtins/tst_OctaveDifferential.cpp), by evaluating every case of cases.txt in
# GNU Octave. The test itself never runs Octave; run this after editing cases.txt and commit both.
#
# Usage: tests/data/octave/generate.sh        (needs `octave-cli`, Debian's package `octave`)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v octave-cli >/dev/null 2>&1 || {
    echo "generate.sh: octave-cli not found (apt-get install octave)" >&2
    exit 1
}
cd "$here"
octave-cli --norc --no-history --quiet --eval \
    "addpath('$here/matlab'); generate('$here/cases.txt', '$here/expressions.tsv')"
echo "wrote $here/expressions.tsv ($(grep -vc '^#' "$here/expressions.tsv") expressions)"
