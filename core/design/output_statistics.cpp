// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/output_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::design {

OutputAccumulator::OutputAccumulator(double lo, double hi, std::size_t fineBins, double shift)
    : m_lo(lo), m_hi(hi), m_shift(shift), m_counts(std::max<std::size_t>(fineBins, 1), 0.0)
{
    if (!(m_hi > m_lo))
        m_hi = m_lo + 1.0;
    m_width = (m_hi - m_lo) / static_cast<double>(m_counts.size());
    m_min = std::numeric_limits<double>::infinity();
    m_max = -std::numeric_limits<double>::infinity();
}

void OutputAccumulator::add(const double* z, std::size_t count)
{
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    const double inv = 1.0 / m_width;
    const auto bins = static_cast<double>(m_counts.size());
    for (std::size_t i = 0; i < count; ++i) {
        const double d = z[i] - m_shift;
        const double d2 = d * d;
        s1 += d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
        m_min = std::min(m_min, z[i]);
        m_max = std::max(m_max, z[i]);
        const double pos = (z[i] - m_lo) * inv;
        if (pos < 0.0)
            m_below += 1.0;
        else if (pos >= bins)
            m_above += 1.0;
        else
            m_counts[static_cast<std::size_t>(pos)] += 1.0;
    }
    m_s1 += s1;
    m_s2 += s2;
    m_s3 += s3;
    m_s4 += s4;
    m_n += count;
}

void OutputAccumulator::merge(const OutputAccumulator& o)
{
    m_n += o.m_n;
    m_s1 += o.m_s1;
    m_s2 += o.m_s2;
    m_s3 += o.m_s3;
    m_s4 += o.m_s4;
    m_min = std::min(m_min, o.m_min);
    m_max = std::max(m_max, o.m_max);
    for (std::size_t k = 0; k < m_counts.size() && k < o.m_counts.size(); ++k)
        m_counts[k] += o.m_counts[k];
    m_below += o.m_below;
    m_above += o.m_above;
}

SampleStatistics OutputAccumulator::finish() const
{
    SampleStatistics s;
    s.samples = m_n;
    if (m_n == 0)
        return s;
    const double n = static_cast<double>(m_n);
    const double d = m_s1 / n; // mean − shift
    s.mean = m_shift + d;
    // Central moments from the raw moments about the shift.
    const double r2 = m_s2 / n, r3 = m_s3 / n, r4 = m_s4 / n;
    const double m2 = std::max(0.0, r2 - d * d);
    const double m3 = r3 - 3.0 * d * r2 + 2.0 * d * d * d;
    const double m4 = r4 - 4.0 * d * r3 + 6.0 * d * d * r2 - 3.0 * d * d * d * d;
    const double var = m_n > 1 ? m2 * n / (n - 1.0) : 0.0;
    s.std = std::sqrt(var);
    s.stdError = s.std / std::sqrt(n);
    if (m2 > 0.0) {
        s.stdStdError = std::sqrt(std::max(0.0, (m4 - m2 * m2) / n) / (4.0 * m2));
        s.skewness = m3 / std::pow(m2, 1.5);
    }
    s.min = m_min;
    s.max = m_max;

    // Quantiles by linear interpolation inside the fine bins (the tails outside [lo, hi] are
    // assigned to min and max).
    s.resolution = m_width;
    s.quantileLevels = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    const std::size_t K = m_counts.size();
    for (double q : s.quantileLevels) {
        const double target = q * n;
        double cum = m_below;
        double value = m_below >= target ? m_min : m_max;
        if (m_below < target) {
            for (std::size_t k = 0; k < K; ++k) {
                if (cum + m_counts[k] >= target && m_counts[k] > 0.0) {
                    value = m_lo + (static_cast<double>(k) + (target - cum) / m_counts[k]) * m_width;
                    break;
                }
                cum += m_counts[k];
            }
        }
        s.quantiles.push_back(std::clamp(value, m_min, m_max));
    }

    // Display histogram: Freedman–Diaconis width 2·IQR·n^(-1/3), snapped to a whole number of
    // fine bins, over the occupied fine bins, at most 100 bins.
    std::size_t first = K, last = 0;
    for (std::size_t k = 0; k < K; ++k)
        if (m_counts[k] > 0.0) {
            first = std::min(first, k);
            last = k;
        }
    if (first <= last) {
        const double iqr = s.quantiles[4] - s.quantiles[2];
        const double fd = 2.0 * iqr * std::cbrt(1.0 / n);
        const std::size_t span = last - first + 1;
        std::size_t group = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(fd / m_width)));
        group = std::max(group, (span + 99) / 100);
        const std::size_t bins = (span + group - 1) / group;
        for (std::size_t b = 0; b <= bins; ++b)
            s.histogram.edges.push_back(m_lo + static_cast<double>(first + b * group) * m_width);
        for (std::size_t b = 0; b < bins; ++b) {
            double c = 0.0;
            for (std::size_t k = first + b * group; k < std::min(K, first + (b + 1) * group); ++k)
                c += m_counts[k];
            s.histogram.density.push_back(c / (n * static_cast<double>(group) * m_width));
        }

        // KDE over the fine bins' centres: h = 0.9·min(sd, IQR/1.34)·n^(-1/5).
        double spread = s.std;
        if (iqr > 0.0)
            spread = std::min(spread, iqr / 1.34);
        const double h = std::max(0.9 * spread * std::pow(n, -0.2), 0.5 * m_width);
        s.kde.bandwidth = h;
        const double x0 = std::max(m_min - 3.0 * h, m_lo);
        const double x1 = std::min(m_max + 3.0 * h, m_hi);
        const std::size_t points = 256;
        const double norm = 1.0 / (n * h * std::sqrt(2.0 * M_PI));
        const auto reach = static_cast<std::ptrdiff_t>(std::ceil(6.0 * h / m_width));
        for (std::size_t p = 0; p < points; ++p) {
            const double x = x0 + (x1 - x0) * static_cast<double>(p) / static_cast<double>(points - 1);
            const auto centre = static_cast<std::ptrdiff_t>((x - m_lo) / m_width);
            double sum = 0.0;
            for (std::ptrdiff_t k = std::max<std::ptrdiff_t>(0, centre - reach);
                 k <= std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(K) - 1, centre + reach); ++k) {
                const double c = m_counts[static_cast<std::size_t>(k)];
                if (c == 0.0)
                    continue;
                const double u = (x - (m_lo + (static_cast<double>(k) + 0.5) * m_width)) / h;
                sum += c * std::exp(-0.5 * u * u);
            }
            s.kde.x.push_back(x);
            s.kde.density.push_back(sum * norm);
        }
    }
    return s;
}

} // namespace dtop::design
