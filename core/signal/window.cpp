// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal/window.h"

#include <cmath>
#include <numbers>

namespace dtop::signal {

const char* windowKindName(WindowKind kind) {
    switch (kind) {
    case WindowKind::Hamming:
        return "hamming";
    case WindowKind::Rectangular:
        return "rectangular";
    case WindowKind::Hann:
        break;
    }
    return "hann";
}

bool parseWindowKind(const std::string& text, WindowKind& kind) {
    for (auto k : {WindowKind::Hann, WindowKind::Hamming, WindowKind::Rectangular})
        if (text == windowKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

std::vector<double> makeWindow(WindowKind kind, std::size_t length) {
    std::vector<double> w(length, 1.0);
    if (kind == WindowKind::Rectangular || length == 0)
        return w;
    const double a0 = kind == WindowKind::Hann ? 0.5 : 0.54;
    const double step = 2.0 * std::numbers::pi / static_cast<double>(length);
    for (std::size_t i = 0; i < length; ++i)
        w[i] = a0 - (1.0 - a0) * std::cos(step * static_cast<double>(i));
    return w;
}

} // namespace dtop::signal
