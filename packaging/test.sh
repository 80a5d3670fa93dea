#!/usr/bin/env bash
# Install what is missing, build everything and run the whole test suite headless.
#   packaging/test.sh               Release build in build/, every test
#   packaging/test.sh --sanitize    AddressSanitizer + UBSan build in build-sanitize/, every test
#   packaging/test.sh --sanitize-core  the same for the core tests and the fuzz fixtures only
#                                   (what CI runs: no Qt, so no Qt-internal reports)
#   packaging/test.sh --tsan-core   ThreadSanitizer build in build-tsan/: the tests tagged
#                                   [threads] (the parallel kernels of design and uncertainty)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dir="$DTOP_ROOT/build"
options=(-DCMAKE_BUILD_TYPE=Release)
targets=(all)
run=(ctest --output-on-failure -j "$(nproc)")
case "${1:-}" in
    "") ;;
    --sanitize|--sanitize-core)
        dir="$DTOP_ROOT/build-sanitize"
        # -O1 without debug information: instrumented Eigen code compiles several times faster
        # than at -O2 -g, and the reports still name functions and files.
        options=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1" -DDTOP_SANITIZE=ON
                 -DDTOP_BUILD_BENCH=OFF)
        # Qt's and fontconfig's process-lifetime caches are not leaks of ours.
        export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
        export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
        if [ "$1" = --sanitize-core ]; then
            targets=(dtop_core_tests dtop_fuzz_fixture_tests)
            run=(ctest --output-on-failure -j "$(nproc)" -R "^(core|fuzz):")
        fi
        ;;
    --tsan-core)
        dir="$DTOP_ROOT/build-tsan"
        options=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1" -DDTOP_TSAN=ON
                 -DDTOP_BUILD_BENCH=OFF)
        export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
        targets=(dtop_core_tests)
        run=(tests/dtop_core_tests "[threads]")
        ;;
    *) echo "usage: packaging/test.sh [--sanitize|--sanitize-core|--tsan-core]" >&2; exit 2 ;;
esac

dtop_install_missing_packages
for target in "${targets[@]}"; do
    dtop_build "$dir" "$target" "${options[@]}"
done
export QT_QPA_PLATFORM=offscreen
export DTOP_DATA_DIR="$DTOP_ROOT/data"
cd "$dir"
"${run[@]}"
