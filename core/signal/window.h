// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::signal {

// Data windows for spectral estimation. All are the periodic ("DFT-even") forms used by
// Welch averaging: w[n] for n = 0..N-1 with period N (scipy's get_window(..., fftbins=True)).
enum class WindowKind {
    Hann,        // 0.5 - 0.5 cos(2πn/N)
    Hamming,     // 0.54 - 0.46 cos(2πn/N)
    Rectangular, // 1
};

const char* windowKindName(WindowKind kind); // "hann", "hamming", "rectangular"
bool parseWindowKind(const std::string& text, WindowKind& kind);

std::vector<double> makeWindow(WindowKind kind, std::size_t length);

} // namespace dtop::signal
