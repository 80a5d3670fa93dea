// SPDX-License-Identifier: GPL-3.0-or-later
// The fuzz targets: one per reader or parser of user input. Each takes arbitrary bytes, feeds
// them to the reader the way the application does, and lets only the reader's documented
// refusals through (a ReadError, an InputIssue, std::invalid_argument naming a key, a
// WorkspaceError). Anything else — another exception, a broken invariant of what was read —
// escapes as an exception: libFuzzer reports it as a crash, the fixture test as a failure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dtop::fuzz {

struct FuzzTarget {
    const char* name; // the harness is fuzz_<name>; its fixtures are tests/data/fuzz/<name>/
    void (*run)(std::string_view bytes);
};

// Every target, in the order of tests/fuzz/CMakeLists.txt.
const std::vector<FuzzTarget>& fuzzTargets();
// The target called `name`; nullptr if there is none.
const FuzzTarget* findFuzzTarget(const std::string& name);

} // namespace dtop::fuzz
