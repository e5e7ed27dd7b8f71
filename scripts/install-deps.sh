#!/usr/bin/env bash
# Installs the Debian 12 packages Lemma needs to build, test and run; does nothing when all are
# present. With --bench, also what `make bench` compares against (NumPy and GNU Octave); with
# --fuzz, clang with its libFuzzer and sanitizer runtimes for `make fuzz`; with --valgrind,
# Valgrind for checking `lemma run` on notebooks. `make test` and `make run` need none of them.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev
  libqcustomplot-dev
  libarmadillo-dev libopenblas-dev
  fonts-lmodern fonts-dejavu-core
  poppler-utils xvfb xauth
)
for group in "$@"; do
  case "$group" in
    --bench) packages+=(python3 python3-numpy octave) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    --valgrind) packages+=(valgrind) ;;
    *) echo "install-deps.sh: unknown option '$group' (--bench, --fuzz, --valgrind)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "error: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
