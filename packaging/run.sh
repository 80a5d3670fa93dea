#!/usr/bin/env bash
# Quick start: install what is missing, build, and start DTOP with the bundled data.
#   packaging/run.sh                                  opens the window
#   packaging/run.sh modal --profile southampton-lpm  runs a command headless (prints JSON)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dtop_install_missing_packages >&2
dtop_build "$DTOP_ROOT/build" dtop -DCMAKE_BUILD_TYPE=Release >&2
export DTOP_DATA_DIR="${DTOP_DATA_DIR:-$DTOP_ROOT/data}"
exec "$DTOP_ROOT/build/app/dtop" "$@"
