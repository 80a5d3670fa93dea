#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (clang, AddressSanitizer + UBSan, in build-fuzz/)
# and runs each for SECONDS (default 60), at the lowest CPU priority.
#   packaging/fuzz.sh [SECONDS] [HARNESS...]     e.g. packaging/fuzz.sh 300 uff profile_json
# Seeds: the tests/data fixtures of the format, the inputs the application writes itself
# (dtop_fuzz_seeds) and the regression fixtures of tests/data/fuzz/<harness>/. The corpus grows
# in build-fuzz/fuzz/corpus/<harness>/ from run to run. Findings (crash-*, leak-*, timeout-*,
# oom-*) land in build-fuzz/fuzz/findings/<harness>/: minimise one, fix the bug, and add it to
# tests/data/fuzz/<harness>/, where dtop_fuzz_fixture_tests and the CLI tests replay it.
# Exit status 1 when anything was found. DTOP_JOBS limits the build's parallel jobs;
# DTOP_FUZZ_CORE_LIBRARY=build/core/libdtop_core.a (a regular build's) instruments only the
# readers and takes the numerics from that library (tests/fuzz/CMakeLists.txt): a short build.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
renice -n 19 $$ >/dev/null

seconds="${1:-60}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: packaging/fuzz.sh [SECONDS] [HARNESS...]" >&2; exit 2; }
shift $(( $# > 0 ? 1 : 0 ))

dtop_install_missing_packages
dtop_install_fuzz_packages
dir="$DTOP_ROOT/build-fuzz"
if [ -n "${DTOP_FUZZ_CORE_LIBRARY:-}" ] && [ -f "$dir/CMakeCache.txt" ]; then
    cmake -S "$DTOP_ROOT" -B "$dir" -DDTOP_FUZZ_CORE_LIBRARY="$DTOP_FUZZ_CORE_LIBRARY" >/dev/null
fi
CC=clang CXX=clang++ dtop_build "$dir" dtop_fuzzers -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DDTOP_FUZZ=ON -DDTOP_BUILD_TESTS=OFF \
    -DDTOP_BUILD_BENCH=OFF ${DTOP_FUZZ_CORE_LIBRARY:+-DDTOP_FUZZ_CORE_LIBRARY="$DTOP_FUZZ_CORE_LIBRARY"}

harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    for exe in "$dir"/tests/fuzz/fuzz_*; do harnesses+=("${exe##*/fuzz_}"); done
fi

# The fixture files each harness starts from (globs relative to the repository).
fixtures_of() {
    case "$1" in
        dataset_*) echo "tests/data/good/* tests/data/quirks/* tests/data/bad/* tests/data/simulate/*
                         data/frf/* data/rigs/* data/time-histories/*" ;;
        uff) echo "tests/data/crossval/*.uff" ;;
        time_series_csv) echo "tests/data/simulate/* tests/data/bad/time_*" ;;
        manifest) echo "data/manifest.json" ;;
    esac
}

# The dictionary of a harness: tests/fuzz/dict/<format>.dict, or the one generated from the
# seeds of a JSON input (every key and string the application writes).
dictionary_of() {
    case "$1" in
        dataset_*|time_series_csv) echo "$DTOP_ROOT/tests/fuzz/dict/csv.dict" ;;
        *) if [ -f "$DTOP_ROOT/tests/fuzz/dict/$1.dict" ]; then echo "$DTOP_ROOT/tests/fuzz/dict/$1.dict"
           else echo "$work/generated/$1.dict"; fi ;;
    esac
}

work="$dir/fuzz"
rm -rf "$work/seeds" "$work/generated"
"$dir/tests/fuzz/dtop_fuzz_seeds" "$work/generated"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
summary="$work/summary.txt"
printf '%-32s %8s %8s %12s %7s %s\n' harness seconds cpu_s executions corpus findings >"$summary"
found=0
for h in "${harnesses[@]}"; do
    exe="$dir/tests/fuzz/fuzz_$h"
    [ -x "$exe" ] || { echo "no harness fuzz_$h" >&2; exit 2; }
    seeds="$work/seeds/$h"
    mkdir -p "$seeds" "$work/corpus/$h" "$work/findings/$h"
    (cd "$DTOP_ROOT" && for f in $(fixtures_of "$h"); do [ -f "$f" ] && cp "$f" "$seeds/"; done; true)
    cp "$work/generated/$h"/* "$seeds/" 2>/dev/null || true
    [ -d "$DTOP_ROOT/tests/data/fuzz/$h" ] && cp "$DTOP_ROOT/tests/data/fuzz/$h"/* "$seeds/"
    dict="$(dictionary_of "$h")"
    log="$work/$h.log"
    echo "== fuzz_$h for ${seconds} s"
    start=$(date +%s)
    TIMEFORMAT='%U %S'
    { time "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$work/findings/$h/" \
        ${dict:+-dict="$dict"} "$work/corpus/$h" "$seeds" >"$log" 2>&1; } 2>"$work/$h.time" || true
    read -r user sys <"$work/$h.time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", u + s }')
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    corpus=$(find "$work/corpus/$h" -type f | wc -l)
    findings=$(find "$work/findings/$h" -type f | wc -l)
    printf '%-32s %8s %8s %12s %7s %s\n' "$h" $(( $(date +%s) - start )) "$cpu" "${execs:-?}" \
        "$corpus" "$findings" | tee -a "$summary"
    if [ "$findings" -gt 0 ]; then
        found=1
        grep -m3 -E "ERROR|runtime error|uncaught|what\(\)" "$log" || true
    fi
done
echo "summary: $summary"
exit $found
