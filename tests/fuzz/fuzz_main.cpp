// SPDX-License-Identifier: GPL-3.0-or-later
// The libFuzzer entry point of the harness fuzz_<DTOP_FUZZ_TARGET> (tests/fuzz/CMakeLists.txt).
#include "fuzz_targets.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const dtop::fuzz::FuzzTarget* const target = [] {
        const auto* found = dtop::fuzz::findFuzzTarget(DTOP_FUZZ_TARGET);
        if (!found) {
            std::cerr << "no fuzz target " << DTOP_FUZZ_TARGET << '\n';
            std::abort();
        }
        return found;
    }();
    target->run({reinterpret_cast<const char*>(data), size});
    return 0;
}
