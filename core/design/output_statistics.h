// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace dtop::design {

struct Histogram {
    std::vector<double> edges;   // bins + 1 edges [output unit]
    std::vector<double> density; // count / (N · width) [1/unit]
};

// Gaussian kernel density estimate on a grid.
struct KernelDensity {
    std::vector<double> x;       // [output unit]
    std::vector<double> density; // [1/unit]
    double bandwidth = 0.0;      // [output unit], Silverman's rule of thumb
};

// Sample statistics of one scalar output with their standard errors.
struct SampleStatistics {
    std::size_t samples = 0;
    double mean = 0.0;
    double std = 0.0;         // sample standard deviation (n − 1)
    double stdError = 0.0;    // standard error of the mean, std/√n
    double stdStdError = 0.0; // standard error of std (delta method with the 4th moment)
    double skewness = 0.0;
    double min = 0.0;
    double max = 0.0;
    std::vector<double> quantileLevels; // 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99
    std::vector<double> quantiles;      // from the fine histogram (resolution in `resolution`)
    double resolution = 0.0;            // fine-bin width: the quantiles' accuracy
    Histogram histogram;
    KernelDensity kde;
};

// Streams the samples of one output into moments (about a fixed shift, for accuracy) and a fine
// histogram of `fineBins` bins over [lo, hi] (values outside counted apart and in min/max);
// the display histogram (Freedman–Diaconis width, snapped to fine bins, at most 100 bins), the
// quantiles and a binned Gaussian KDE (Silverman 1986, §3.4.2 bandwidth; Wand & Jones 1995 §D
// binning) come from it at the end, so 10^7 samples need no storage.
class OutputAccumulator {
public:
    OutputAccumulator() = default;
    OutputAccumulator(double lo, double hi, std::size_t fineBins, double shift);

    void add(const double* z, std::size_t count);
    void merge(const OutputAccumulator& other);
    SampleStatistics finish() const;

private:
    double m_lo = 0.0, m_hi = 1.0, m_width = 1.0, m_shift = 0.0;
    std::size_t m_n = 0;
    double m_s1 = 0.0, m_s2 = 0.0, m_s3 = 0.0, m_s4 = 0.0;
    double m_min = 0.0, m_max = 0.0;
    std::vector<double> m_counts;
    double m_below = 0.0, m_above = 0.0;
};

} // namespace dtop::design
