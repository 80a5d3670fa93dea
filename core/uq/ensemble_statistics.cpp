// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/ensemble_statistics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace dtop::uq {

namespace {
// How many of the smallest (resp. largest) values the percentile at q among n needs.
std::size_t lowKeep(std::size_t n, double q) {
    if (n == 0)
        return 0;
    const auto j = static_cast<std::size_t>(std::floor(q * static_cast<double>(n - 1)));
    return std::min(n, j + 2);
}
std::size_t highKeep(std::size_t n, double q) {
    if (n == 0)
        return 0;
    const auto j = static_cast<std::size_t>(std::floor(q * static_cast<double>(n - 1)));
    return n - j; // order statistics j .. n-1
}

void prefetchList(const double* list, std::size_t length) {
    for (std::size_t i = 0; i < length; i += 8) // one cache line holds 8 doubles
        __builtin_prefetch(list + i, 1);
}

// Sorts every point's list (`keep` values from `lists`) by `before` and mirrors its last
// entry, the one a new value must beat, into `tops`.
template <typename Before>
void sortLists(std::vector<double>& lists, std::size_t keep, std::vector<double>& tops,
               Before before) {
    for (std::size_t p = 0; p < tops.size(); ++p) {
        double* list = lists.data() + p * keep;
        std::sort(list, list + keep, before);
        tops[p] = list[keep - 1];
    }
}

// Inserts values[p] into point p's sorted list wherever it comes before the last entry (which
// drops out). A predictable shifting loop beats a heap on lists this short. The lists are far
// apart in memory, so the points that need an insertion are collected first and their lists
// prefetched a few points ahead: the cache misses then overlap instead of queueing.
template <typename Before>
void insertExtremes(const double* values, std::vector<double>& lists, std::size_t keep,
                    std::vector<double>& tops, std::vector<std::size_t>& pending, Before before) {
    constexpr std::size_t kAhead = 8;
    pending.clear();
    for (std::size_t p = 0; p < tops.size(); ++p)
        if (before(values[p], tops[p]))
            pending.push_back(p);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (i + kAhead < pending.size())
            prefetchList(lists.data() + pending[i + kAhead] * keep, keep);
        const std::size_t p = pending[i];
        const double v = values[p];
        double* list = lists.data() + p * keep;
        std::size_t j = keep - 1;
        while (j > 0 && before(v, list[j - 1])) {
            list[j] = list[j - 1];
            --j;
        }
        list[j] = v;
        tops[p] = list[keep - 1];
    }
}

// Percentile at q from the order statistics j and j+1 (0-based) of n values.
double interpolate(double q, std::size_t n, double xj, double xj1) {
    const double pos = q * static_cast<double>(n - 1);
    const double frac = pos - std::floor(pos);
    return frac == 0.0 ? xj : xj + frac * (xj1 - xj);
}
} // namespace

EnsembleStatistics::EnsembleStatistics(std::size_t points, std::size_t members,
                                       double lowerQuantile, double upperQuantile)
    : m_points(points), m_members(members), m_qLow(lowerQuantile), m_qHigh(upperQuantile) {
    if (!(lowerQuantile >= 0.0 && lowerQuantile <= upperQuantile && upperQuantile <= 1.0))
        throw std::invalid_argument("EnsembleStatistics: quantiles must satisfy 0 <= lower <= "
                                    "upper <= 1");
    m_lowKeep = lowKeep(members, lowerQuantile);
    m_highKeep = highKeep(members, upperQuantile);
    m_shift.assign(points, 0.0);
    m_sum.assign(points, 0.0);
    m_sumSq.assign(points, 0.0);
    m_min.assign(points, std::numeric_limits<double>::infinity());
    m_max.assign(points, -std::numeric_limits<double>::infinity());
    m_low.resize(points * m_lowKeep);
    m_high.resize(points * m_highKeep);
    m_lowTop.resize(points);
    m_highTop.resize(points);
}

double EnsembleStatistics::memoryBytes(std::size_t points, std::size_t members,
                                       double lowerQuantile, double upperQuantile) {
    return static_cast<double>(points) * 8.0 *
           static_cast<double>(7 + lowKeep(members, lowerQuantile) +
                               highKeep(members, upperQuantile));
}

void EnsembleStatistics::add(const double* values) {
    if (m_added >= m_members)
        throw std::logic_error("EnsembleStatistics: more members added than announced");
    const std::size_t filled = m_added; // every point holds min(filled, keep) extreme values
    if (filled == 0)
        std::copy_n(values, m_points, m_shift.begin());
    for (std::size_t p = 0; p < m_points; ++p) {
        const double v = values[p];
        const double d = v - m_shift[p];
        m_sum[p] += d;
        m_sumSq[p] += d * d;
        m_min[p] = std::min(m_min[p], v);
        m_max[p] = std::max(m_max[p], v);
    }
    // Filling: append; each list is sorted once when full.
    if (filled < m_lowKeep)
        for (std::size_t p = 0; p < m_points; ++p)
            m_low[p * m_lowKeep + filled] = values[p];
    if (filled < m_highKeep)
        for (std::size_t p = 0; p < m_points; ++p)
            m_high[p * m_highKeep + filled] = values[p];
    if (filled + 1 == m_lowKeep)
        sortLists(m_low, m_lowKeep, m_lowTop, std::less<>());
    if (filled + 1 == m_highKeep)
        sortLists(m_high, m_highKeep, m_highTop, std::greater<>());
    if (filled >= m_lowKeep)
        insertExtremes(values, m_low, m_lowKeep, m_lowTop, m_pending, std::less<>());
    if (filled >= m_highKeep)
        insertExtremes(values, m_high, m_highKeep, m_highTop, m_pending, std::greater<>());
    ++m_added;
}

Envelope EnsembleStatistics::envelope() const {
    if (m_added != m_members)
        throw std::logic_error("EnsembleStatistics: envelope requested before all members "
                               "were added");
    Envelope e;
    e.lowerQuantile = m_qLow;
    e.upperQuantile = m_qHigh;
    e.members = m_members;
    const std::size_t n = m_members;
    if (n == 0)
        return e;
    const double dn = static_cast<double>(n);
    e.mean.resize(m_points);
    e.sd.resize(m_points);
    e.min = m_min;
    e.max = m_max;
    e.lower.resize(m_points);
    e.upper.resize(m_points);
    const auto jLow = static_cast<std::size_t>(std::floor(m_qLow * (dn - 1.0)));
    std::vector<double> low(m_lowKeep), high(m_highKeep);
    for (std::size_t p = 0; p < m_points; ++p) {
        const double meanShift = m_sum[p] / dn;
        e.mean[p] = m_shift[p] + meanShift;
        e.sd[p] =
            n > 1 ? std::sqrt(std::max(0.0, (m_sumSq[p] - dn * meanShift * meanShift) / (dn - 1.0)))
                  : 0.0;
        std::copy_n(m_low.begin() + static_cast<std::ptrdiff_t>(p * m_lowKeep), m_lowKeep,
                    low.begin());
        std::sort(low.begin(), low.end()); // order statistics 0 .. lowKeep-1
        e.lower[p] = interpolate(m_qLow, n, low[jLow], low[std::min(jLow + 1, m_lowKeep - 1)]);
        std::copy_n(m_high.begin() + static_cast<std::ptrdiff_t>(p * m_highKeep), m_highKeep,
                    high.begin());
        std::sort(high.begin(), high.end()); // order statistics jHigh .. n-1
        e.upper[p] =
            interpolate(m_qHigh, n, high[0], high[std::min<std::size_t>(1, m_highKeep - 1)]);
    }
    return e;
}

} // namespace dtop::uq
