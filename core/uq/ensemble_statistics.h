// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace dtop::uq {

// Pointwise statistics of an ensemble of curves (one value per point per member).
struct Envelope {
    std::vector<double> mean;
    std::vector<double> sd; // sample standard deviation (n - 1), 0 for one member
    std::vector<double> min;
    std::vector<double> max;
    std::vector<double> lower; // lowerQuantile percentile
    std::vector<double> upper; // upperQuantile percentile
    double lowerQuantile = 0.05;
    double upperQuantile = 0.95;
    std::size_t members = 0;
};

// Streams the members of an ensemble into exact pointwise statistics without storing them:
// mean, sd, min, max and two percentiles (linear interpolation between order statistics at
// position q·(n-1), numpy's default). Per point it keeps only the few smallest and largest
// values the percentiles need, so N = 1000 curves of 10⁵ points take ~100 values per point
// instead of 1000.
class EnsembleStatistics {
public:
    // `members` is the number of curves that will be added (needed to know which order
    // statistics the percentiles use). Quantiles in [0, 1] with lower <= upper.
    EnsembleStatistics(std::size_t points, std::size_t members, double lowerQuantile = 0.05,
                       double upperQuantile = 0.95);

    std::size_t points() const { return m_points; }
    std::size_t added() const { return m_added; }
    // Values of the next member at every point; at most `members` calls.
    void add(const double* values);
    void add(const std::vector<double>& values) { add(values.data()); }
    // Valid once all `members` curves have been added.
    Envelope envelope() const;

    // Bytes of working memory for an ensemble of this shape (to refuse absurd requests).
    static double memoryBytes(std::size_t points, std::size_t members, double lowerQuantile = 0.05,
                              double upperQuantile = 0.95);

private:
    std::size_t m_points;
    std::size_t m_members;
    std::size_t m_added = 0;
    double m_qLow, m_qHigh;
    std::size_t m_lowKeep;       // smallest values kept per point
    std::size_t m_highKeep;      // largest values kept per point
    std::vector<double> m_shift; // first member's values: sums are taken about them
    std::vector<double> m_sum, m_sumSq, m_min, m_max;
    // Per point the m_lowKeep smallest values (sorted ascending once full) and the m_highKeep
    // largest (sorted descending); their innermost entries are mirrored in m_lowTop /
    // m_highTop so the common case, a value that changes neither, reads sequential memory.
    std::vector<double> m_low;
    std::vector<double> m_high;
    std::vector<double> m_lowTop;
    std::vector<double> m_highTop;
    std::vector<std::size_t> m_pending; // scratch: points whose list takes the new value
};

} // namespace dtop::uq
