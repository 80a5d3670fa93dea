#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mutation check: applies each mutant of mutants.json to the source, rebuilds the test
executable, runs the tests that should notice, and reports the mutants that survive.

    tests/mutation/mutate.py [--build build] [--only NAME]

A mutant is {"name", "file", "find", "replace", "target", "tests"}: `find` must occur exactly
once in `file`; `target` is the test executable (e.g. dtop_core_tests) and `tests` its Catch
filter. Every mutant is reverted afterwards, also when the run is interrupted. Run it before
resolving an issue that adds numerics, and add a mutant for each bug a review finds."""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run(command, cwd):
    return subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(ROOT / "build"))
    parser.add_argument("--only")
    args = parser.parse_args()
    mutants = json.loads((ROOT / "tests/mutation/mutants.json").read_text())
    survivors = []
    for m in mutants:
        if args.only and m["name"] != args.only:
            continue
        path = ROOT / m["file"]
        original = path.read_text()
        if original.count(m["find"]) != 1:
            print(f"{m['name']}: the text to mutate occurs {original.count(m['find'])} times "
                  f"in {m['file']}; fix mutants.json")
            return 2
        try:
            path.write_text(original.replace(m["find"], m["replace"]))
            built = run(["cmake", "--build", args.build, "--target", m["target"]], ROOT)
            if built.returncode != 0:
                print(f"{m['name']}: does not compile (killed by the compiler)")
                continue
            exe = next(pathlib.Path(args.build).rglob(m["target"]))
            tested = run([str(exe), m["tests"]], ROOT)
            killed = tested.returncode != 0
            print(f"{m['name']}: {'killed' if killed else 'SURVIVED'}")
            if not killed:
                survivors.append(m["name"])
        finally:
            path.write_text(original)
    run(["cmake", "--build", args.build, "--target", "all"], ROOT)
    total = len([m for m in mutants if not args.only or m["name"] == args.only])
    print(f"{total - len(survivors)} of {total} mutants killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
