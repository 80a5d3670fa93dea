#!/usr/bin/env bash
# Shared by run.sh and test.sh: install the missing Debian 12 build dependencies (only those),
# then configure and build incrementally. Sourced, not executed.
set -euo pipefail

DTOP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Everything the build, the tests and the screenshots (Xvfb) need, all from Debian 12.
DTOP_PACKAGES=(
    g++ cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6svg6 libgl-dev libxkbcommon-dev
    libeigen3-dev libboost-dev libboost-program-options-dev libsqlite3-dev nlohmann-json3-dev
    catch2 libbenchmark-dev
    xvfb xauth fonts-dejavu-core
)

# dtop_install_missing_packages [PACKAGE...]: those given (default: DTOP_PACKAGES).
dtop_install_missing_packages() {
    local wanted=("$@") missing=() p
    [ ${#wanted[@]} -eq 0 ] && wanted=("${DTOP_PACKAGES[@]}")
    for p in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The fuzzing tool chain (packaging/fuzz.sh only): Debian's clang and its libFuzzer runtime.
DTOP_FUZZ_PACKAGES=(clang libfuzzer-14-dev)

dtop_install_fuzz_packages() {
    dtop_install_missing_packages "${DTOP_FUZZ_PACKAGES[@]}"
}

# dtop_build BUILD_DIR TARGET [cmake options...]: configure once, then build incrementally
# (DTOP_JOBS parallel jobs, default: every core).
dtop_build() {
    local dir="$1" target="$2"
    shift 2
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        cmake -S "$DTOP_ROOT" -B "$dir" -G Ninja "$@"
    fi
    cmake --build "$dir" --target "$target" -j "${DTOP_JOBS:-$(nproc)}"
}
