#!/usr/bin/env bash
# Install what is missing, build everything and run the whole test suite headless.
#   packaging/test.sh              Release build in build/
#   packaging/test.sh --sanitize   AddressSanitizer + UBSan build in build-sanitize/
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dir="$DTOP_ROOT/build"
options=(-DCMAKE_BUILD_TYPE=Release)
case "${1:-}" in
    "") ;;
    --sanitize)
        dir="$DTOP_ROOT/build-sanitize"
        options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DDTOP_SANITIZE=ON -DDTOP_BUILD_BENCH=OFF)
        # Qt's and fontconfig's process-lifetime caches are not leaks of ours.
        export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
        export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
        ;;
    *) echo "usage: packaging/test.sh [--sanitize]" >&2; exit 2 ;;
esac

dtop_install_missing_packages
dtop_build "$dir" all "${options[@]}"
export QT_QPA_PLATFORM=offscreen
export DTOP_DATA_DIR="$DTOP_ROOT/data"
cd "$dir"
ctest --output-on-failure -j "$(nproc)"
