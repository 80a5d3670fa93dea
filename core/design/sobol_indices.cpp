// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/sobol_indices.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace dtop::design {

double SobolIndices::maxHalfWidth() const
{
    double w = 0.0;
    for (const auto& s : inputs)
        w = std::max({w, 0.5 * (s.firstHigh - s.firstLow), 0.5 * (s.totalHigh - s.totalLow)});
    return w;
}

SobolAccumulator::SobolAccumulator(std::size_t inputs, std::size_t blockRows)
    : m_inputs(inputs), m_blockRows(blockRows), m_partial(4 + 5 * inputs, 0.0)
{
    if (blockRows == 0)
        throw std::invalid_argument("Sobol' accumulator: block size must be > 0");
}

void SobolAccumulator::flushPartial()
{
    m_sums.insert(m_sums.end(), m_partial.begin(), m_partial.end());
    std::fill(m_partial.begin(), m_partial.end(), 0.0);
    m_partialRows = 0;
    ++m_blockCount;
}

void SobolAccumulator::add(const double* fA, const double* fB, const double* const* fAB,
                           std::size_t count)
{
    std::size_t r = 0;
    while (r < count) {
        const std::size_t take = std::min(count - r, m_blockRows - m_partialRows);
        double* s = m_partial.data();
        for (std::size_t t = r; t < r + take; ++t) {
            s[0] += fA[t];
            s[1] += fA[t] * fA[t];
            s[2] += fB[t];
            s[3] += fB[t] * fB[t];
        }
        for (std::size_t i = 0; i < m_inputs; ++i) {
            double* q = s + 4 + 5 * i;
            const double* ab = fAB[i];
            double q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0;
            for (std::size_t t = r; t < r + take; ++t) {
                const double d = ab[t] - fA[t];
                const double e = fB[t] - ab[t];
                q0 += fB[t] * d;
                q1 += d;
                q2 += d * d;
                q3 += e * e;
                q4 -= fA[t] * d;
            }
            q[0] += q0;
            q[1] += q1;
            q[2] += q2;
            q[3] += q3;
            q[4] += q4;
        }
        m_partialRows += take;
        m_rows += take;
        r += take;
        if (m_partialRows == m_blockRows)
            flushPartial();
    }
}

void SobolAccumulator::append(const SobolAccumulator& other)
{
    if (other.m_inputs != m_inputs || other.m_blockRows != m_blockRows || m_partialRows != 0)
        throw std::invalid_argument("Sobol' accumulator: incompatible append");
    m_sums.insert(m_sums.end(), other.m_sums.begin(), other.m_sums.end());
    m_blockCount += other.m_blockCount;
    m_rows += other.m_blockCount * m_blockRows;
    if (other.m_partialRows) {
        m_partial = other.m_partial;
        m_partialRows = other.m_partialRows;
        m_rows += other.m_partialRows;
    }
}

namespace {
// Indices from totals T (one block's layout) over `rows` rows.
void indicesFromTotals(const double* T, std::size_t inputs, double rows, std::vector<double>& first,
                       std::vector<double>& total, std::vector<double>& firstJ,
                       std::vector<double>& totalH, double& mean, double& variance)
{
    const double n = rows;
    mean = (T[0] + T[2]) / (2.0 * n);
    variance = (T[1] + T[3]) / (2.0 * n) - mean * mean;
    const double inv = variance > 0.0 ? 1.0 / variance : 0.0;
    for (std::size_t i = 0; i < inputs; ++i) {
        const double* q = T + 4 + 5 * i;
        // Σ(b − c)(ab − a) = Σb(ab − a) − cΣ(ab − a), c = mean; likewise for a(a − ab).
        first[i] = (q[0] - mean * q[1]) / n * inv;
        total[i] = 0.5 * q[2] / n * inv;
        firstJ[i] = 1.0 - 0.5 * q[3] / n * inv;
        totalH[i] = (q[4] + mean * q[1]) / n * inv;
    }
}

double percentile(std::vector<double>& v, double q)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}
} // namespace

SobolIndices SobolAccumulator::estimate(std::size_t blocks, std::size_t resamples, double level,
                                        std::uint64_t seed) const
{
    if (blocks == 0 || blocks > m_blockCount)
        blocks = m_blockCount;
    const std::size_t d = m_inputs;
    const std::size_t w = stride();
    SobolIndices out;
    out.inputs.resize(d);
    std::vector<double> T(w, 0.0);
    for (std::size_t k = 0; k < blocks; ++k)
        for (std::size_t c = 0; c < w; ++c)
            T[c] += m_sums[k * w + c];
    double rows = static_cast<double>(blocks * m_blockRows);
    if (blocks == m_blockCount && m_partialRows) {
        for (std::size_t c = 0; c < w; ++c)
            T[c] += m_partial[c];
        rows += static_cast<double>(m_partialRows);
    }
    out.rows = static_cast<std::size_t>(rows);
    if (rows < 2.0)
        return out;
    std::vector<double> s(d), st(d), sj(d), sh(d);
    indicesFromTotals(T.data(), d, rows, s, st, sj, sh, out.mean, out.variance);
    for (std::size_t i = 0; i < d; ++i) {
        out.inputs[i].first = s[i];
        out.inputs[i].total = st[i];
        out.inputs[i].firstJansen = sj[i];
        out.inputs[i].totalHomma = sh[i];
        out.sumFirst += s[i];
        out.inputs[i].firstLow = out.inputs[i].firstHigh = s[i];
        out.inputs[i].totalLow = out.inputs[i].totalHigh = st[i];
    }
    out.sumFirstLow = out.sumFirstHigh = out.sumFirst;
    if (resamples == 0 || blocks < 2)
        return out;

    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, blocks - 1);
    std::vector<std::vector<double>> bs(2 * d + 1, std::vector<double>(resamples));
    std::vector<std::uint32_t> counts(blocks);
    std::vector<double> R(w);
    double m, v;
    for (std::size_t r = 0; r < resamples; ++r) {
        std::fill(counts.begin(), counts.end(), 0U);
        for (std::size_t k = 0; k < blocks; ++k)
            ++counts[pick(rng)];
        std::fill(R.begin(), R.end(), 0.0);
        for (std::size_t k = 0; k < blocks; ++k) {
            if (!counts[k])
                continue;
            const double c = counts[k];
            const double* src = m_sums.data() + k * w;
            for (std::size_t j = 0; j < w; ++j)
                R[j] += c * src[j];
        }
        indicesFromTotals(R.data(), d, static_cast<double>(blocks * m_blockRows), s, st, sj, sh, m, v);
        double sum = 0.0;
        for (std::size_t i = 0; i < d; ++i) {
            bs[i][r] = s[i];
            bs[d + i][r] = st[i];
            sum += s[i];
        }
        bs[2 * d][r] = sum;
    }
    const double lo = 0.5 * (1.0 - level);
    const double hi = 1.0 - lo;
    for (std::size_t i = 0; i < d; ++i) {
        out.inputs[i].firstLow = percentile(bs[i], lo);
        out.inputs[i].firstHigh = percentile(bs[i], hi);
        out.inputs[i].totalLow = percentile(bs[d + i], lo);
        out.inputs[i].totalHigh = percentile(bs[d + i], hi);
    }
    out.sumFirstLow = percentile(bs[2 * d], lo);
    out.sumFirstHigh = percentile(bs[2 * d], hi);
    return out;
}

SobolIndices sobolIndices(const std::vector<double>& fA, const std::vector<double>& fB,
                          const std::vector<std::vector<double>>& fAB, std::size_t resamples,
                          double level, std::uint64_t seed, std::size_t blockRows)
{
    if (fB.size() != fA.size())
        throw std::invalid_argument("sobolIndices: f(A) and f(B) differ in length");
    std::vector<const double*> ab;
    for (const auto& v : fAB) {
        if (v.size() != fA.size())
            throw std::invalid_argument("sobolIndices: f(A_B^i) differs in length from f(A)");
        ab.push_back(v.data());
    }
    SobolAccumulator acc(fAB.size(), blockRows);
    acc.add(fA.data(), fB.data(), ab.data(), fA.size());
    return acc.estimate(0, resamples, level, seed);
}

} // namespace dtop::design
