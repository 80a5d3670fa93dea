#!/usr/bin/env bash
# Quick start: install what is missing, build, and start DTOP with the bundled data.
#   packaging/run.sh                                  opens the window
#   packaging/run.sh modal --profile southampton-lpm  runs a command headless (prints JSON)
#   packaging/run.sh --with-fe-solvers fe --run-ccx --export-ccx rig.inp
#                                                     also installs CalculiX and Gmsh (Debian
#                                                     calculix-ccx, gmsh) for the fe cross-check
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ "${1:-}" = "--with-fe-solvers" ]; then
    shift
    DTOP_PACKAGES+=(calculix-ccx gmsh)
fi

dtop_install_missing_packages >&2
dtop_build "$DTOP_ROOT/build" dtop -DCMAKE_BUILD_TYPE=Release >&2
export DTOP_DATA_DIR="${DTOP_DATA_DIR:-$DTOP_ROOT/data}"
exec "$DTOP_ROOT/build/app/dtop" "$@"
