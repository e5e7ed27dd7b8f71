#!/usr/bin/env bash
# Starts Lemma on its tour notebook; without a display, runs the tour headless and says how to see it.
set -euo pipefail
lemma="$1"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$lemma"
fi
echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the tour headless."
echo
"$lemma" run --tour
echo
echo "To see the window, run 'make run' from a desktop session, or under a virtual display:"
echo "  xvfb-run -a $lemma"
