// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dtop::design {

// Variance-based (Sobol') sensitivity indices of one scalar output from a pick-freeze design:
// two independent sample matrices A and B and, for each input i, A with column i taken from B
// (A_B^i). Estimators (Saltelli et al. 2010, "Variance based sensitivity analysis of model
// output", Comput. Phys. Commun. 181, Table 2):
//   first order  S_i  = mean(f_B·(f_ABi − f_A)) / V                    (Saltelli 2010)
//   total effect ST_i = mean((f_A − f_ABi)²) / (2V)                      (Jansen 1999)
// and, as a second, independent pair for cross-checks:
//   first order  S_i  = 1 − mean((f_B − f_ABi)²) / (2V)                  (Jansen 1999)
//   total effect ST_i = mean(f_A·(f_A − f_ABi)) / V                      (Homma & Saltelli 1996)
// V is the variance of f over the rows of A and B together. The products are taken about the
// mean of f, which leaves the estimators' expectation unchanged and removes the variance a
// large mean would add (Saltelli et al. 2010, §3).
struct SobolIndex {
    double first = 0.0;
    double total = 0.0;
    double firstLow = 0.0, firstHigh = 0.0; // bootstrap percentile interval
    double totalLow = 0.0, totalHigh = 0.0;
    double firstJansen = 0.0;
    double totalHomma = 0.0;
};

struct SobolIndices {
    std::size_t rows = 0;
    double mean = 0.0;
    double variance = 0.0;
    std::vector<SobolIndex> inputs;
    double sumFirst = 0.0;
    double sumFirstLow = 0.0, sumFirstHigh = 0.0;
    // Largest CI half-width over all first and total indices.
    double maxHalfWidth() const;
};

// The design's sums over consecutive blocks of rows. Confidence intervals come from a bootstrap
// over blocks: the rows are independent, so blocks of them are too, and every estimator above
// is a smooth function of block means; resampling 10^3–10^4 blocks instead of 10^5–10^6 rows
// gives the same bootstrap distribution at a tiny fraction of the cost.
class SobolAccumulator {
public:
    explicit SobolAccumulator(std::size_t inputs, std::size_t blockRows = 64);

    std::size_t inputs() const { return m_inputs; }
    std::size_t blockRows() const { return m_blockRows; }
    std::size_t rows() const { return m_rows; }
    std::size_t blocks() const { return m_blockCount; }
    // Appends `count` rows: f(A), f(B) and f(A_B^i) for each input i. A partial last block is
    // completed by the next call.
    void add(const double* fA, const double* fB, const double* const* fAB, std::size_t count);
    // Appends another accumulator's rows (same inputs and block size; this one must hold whole
    // blocks only).
    void append(const SobolAccumulator& other);

    // Indices from the first `blocks` whole blocks (0 = all), with `level` (e.g. 0.95)
    // percentile intervals from `resamples` bootstrap resamples drawn with `seed`
    // (resamples = 0: no intervals).
    SobolIndices estimate(std::size_t blocks, std::size_t resamples, double level,
                          std::uint64_t seed) const;

private:
    std::size_t stride() const { return 4 + 5 * m_inputs; }
    void flushPartial();

    std::size_t m_inputs;
    std::size_t m_blockRows;
    std::size_t m_rows = 0;
    std::size_t m_blockCount = 0;
    // Per block: Σa, Σa², Σb, Σb², then per input: Σb(ab−a), Σ(ab−a), Σ(a−ab)², Σ(b−ab)², Σa(a−ab).
    std::vector<double> m_sums;
    std::vector<double> m_partial;
    std::size_t m_partialRows = 0;
};

// Convenience for whole vectors (tests, small designs): fAB[i] holds f(A_B^i).
SobolIndices sobolIndices(const std::vector<double>& fA, const std::vector<double>& fB,
                          const std::vector<std::vector<double>>& fAB, std::size_t resamples,
                          double level, std::uint64_t seed, std::size_t blockRows = 64);

} // namespace dtop::design
