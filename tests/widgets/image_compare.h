// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>

#include <algorithm>
#include <cstdlib>

namespace dtop::test {

// Fraction of pixels whose colour differs from the other image's by more than `threshold`
// (0–255) in any channel; 1 when the sizes differ.
inline double fractionOfPixelsDiffering(const QImage& a, const QImage& b, int threshold)
{
    if (a.size() != b.size() || a.isNull())
        return 1.0;
    const QImage ca = a.convertToFormat(QImage::Format_ARGB32);
    const QImage cb = b.convertToFormat(QImage::Format_ARGB32);
    long differing = 0;
    for (int y = 0; y < ca.height(); ++y) {
        const auto* ra = reinterpret_cast<const QRgb*>(ca.constScanLine(y));
        const auto* rb = reinterpret_cast<const QRgb*>(cb.constScanLine(y));
        for (int x = 0; x < ca.width(); ++x) {
            const int d = std::max({std::abs(qRed(ra[x]) - qRed(rb[x])),
                                    std::abs(qGreen(ra[x]) - qGreen(rb[x])),
                                    std::abs(qBlue(ra[x]) - qBlue(rb[x])),
                                    std::abs(qAlpha(ra[x]) - qAlpha(rb[x]))});
            if (d > threshold)
                ++differing;
        }
    }
    return static_cast<double>(differing) / (static_cast<double>(ca.width()) * ca.height());
}

} // namespace dtop::test
