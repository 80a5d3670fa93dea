// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/cell_partition.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace dtop::design {

namespace {
// Probability level of edge k of K. Equal-probability bins leave the two outer bins wide where
// the conditional score means vary most (a Gaussian σ-score grows like z²), which biases the
// binned information downwards; instead the edges are equally spaced in normal scores
// t = Φ⁻¹(p) over [−c, c], c = Φ⁻¹(1 − 1/(2K)) + 0.5: the same bins as equal-probability ones
// in the bulk, much narrower ones in the tails (outer bins hold ~0.2/K each).
double edgeLevel(std::size_t k, std::size_t K)
{
    static const boost::math::normal standard(0.0, 1.0);
    if (K <= 2)
        return static_cast<double>(k) / static_cast<double>(K);
    const double c = boost::math::quantile(standard, 1.0 - 0.5 / static_cast<double>(K)) + 0.5;
    const double t = c * (2.0 * static_cast<double>(k) / static_cast<double>(K) - 1.0);
    return boost::math::cdf(standard, t);
}
} // namespace

CellPartition::CellPartition(const std::vector<std::vector<double>>& pilot,
                             std::vector<std::size_t> binsPerAxis, std::optional<double> axis0Edge)
    : m_bins(std::move(binsPerAxis))
{
    const std::size_t n = m_bins.size();
    if (n == 0 || pilot.size() != n)
        throw std::invalid_argument("cell partition: one pilot coordinate per axis is needed");
    const std::size_t m = pilot[0].size();
    for (const auto& p : pilot)
        if (p.size() != m)
            throw std::invalid_argument("cell partition: pilot coordinates differ in length");
    for (std::size_t k : m_bins)
        if (k == 0)
            throw std::invalid_argument("cell partition: every axis needs at least one bin");
    m_cells = std::accumulate(m_bins.begin(), m_bins.end(), std::size_t{1}, std::multiplies<>());
    if (m_cells > (std::size_t{1} << 31))
        throw std::invalid_argument("cell partition: too many cells");

    m_edges.resize(n);
    std::vector<std::uint32_t> prefix(m, 0); // pilot point's cell over the axes done so far
    std::size_t prefixCells = 1;
    std::vector<std::vector<std::size_t>> members;
    for (std::size_t d = 0; d < n; ++d) {
        const std::size_t K = m_bins[d];
        m_edges[d].assign(prefixCells * (K - 1), 0.0);
        members.assign(prefixCells, {});
        for (std::size_t i = 0; i < m; ++i)
            members[prefix[i]].push_back(i);
        std::vector<double> values;
        for (std::size_t p = 0; p < prefixCells; ++p) {
            values.clear();
            for (std::size_t i : members[p])
                values.push_back(pilot[d][i]);
            std::sort(values.begin(), values.end());
            double* e = m_edges[d].data() + p * (K - 1);
            for (std::size_t k = 1; k < K; ++k) {
                if (values.empty()) {
                    e[k - 1] = 0.0;
                    continue;
                }
                // Midway between the order statistics that straddle the level's quantile.
                const double pos = edgeLevel(k, K) * static_cast<double>(values.size());
                const auto hi = std::min(static_cast<std::size_t>(pos), values.size() - 1);
                const std::size_t lo = hi > 0 ? hi - 1 : 0;
                e[k - 1] = 0.5 * (values[lo] + values[hi]);
            }
            if (d == 0 && axis0Edge && K > 1 && !values.empty() && *axis0Edge > values.front() &&
                *axis0Edge < values.back()) {
                // Move the nearest edge onto the requested value, keeping the edges sorted.
                std::size_t best = 0;
                for (std::size_t k = 1; k + 1 < K; ++k)
                    if (std::abs(e[k] - *axis0Edge) < std::abs(e[best] - *axis0Edge))
                        best = k;
                e[best] = *axis0Edge;
                for (std::size_t k = 0; k < best; ++k)
                    e[k] = std::min(e[k], *axis0Edge);
                for (std::size_t k = best + 1; k + 1 < K; ++k)
                    e[k] = std::max(e[k], *axis0Edge);
                m_axis0EdgePlaced = true;
            }
        }
        // Advance the pilot points' prefix cells to include axis d.
        for (std::size_t i = 0; i < m; ++i) {
            const double* e = m_edges[d].data() + prefix[i] * (K - 1);
            const auto bin =
                static_cast<std::uint32_t>(std::upper_bound(e, e + (K - 1), pilot[d][i]) - e);
            prefix[i] = static_cast<std::uint32_t>(prefix[i] * K + bin);
        }
        prefixCells *= K;
    }
}

void CellPartition::locate(const double* const* coords, std::size_t count, std::uint32_t* cell) const
{
    std::fill(cell, cell + count, 0U);
    for (std::size_t d = 0; d < m_bins.size(); ++d) {
        const std::size_t K = m_bins[d];
        const double* base = m_edges[d].data();
        const double* x = coords[d];
        for (std::size_t i = 0; i < count; ++i) {
            const double* e = base + cell[i] * (K - 1);
            const auto bin = static_cast<std::uint32_t>(std::upper_bound(e, e + (K - 1), x[i]) - e);
            cell[i] = static_cast<std::uint32_t>(cell[i] * K + bin);
        }
    }
}

std::vector<std::uint32_t> CellPartition::coarseMap(const std::vector<std::size_t>& factor) const
{
    const std::size_t n = m_bins.size();
    if (factor.size() != n)
        throw std::invalid_argument("cell partition: one factor per axis is needed");
    std::vector<std::size_t> coarse(n);
    for (std::size_t d = 0; d < n; ++d) {
        if (factor[d] == 0 || m_bins[d] % factor[d] != 0)
            throw std::invalid_argument("cell partition: a factor must divide the bins");
        coarse[d] = m_bins[d] / factor[d];
    }
    std::vector<std::uint32_t> map(m_cells);
    std::vector<std::size_t> idx(n);
    for (std::size_t c = 0; c < m_cells; ++c) {
        std::size_t rest = c;
        for (std::size_t d = n; d-- > 0;) {
            idx[d] = rest % m_bins[d];
            rest /= m_bins[d];
        }
        std::size_t out = 0;
        for (std::size_t d = 0; d < n; ++d)
            out = out * coarse[d] + idx[d] / factor[d];
        map[c] = static_cast<std::uint32_t>(out);
    }
    return map;
}

} // namespace dtop::design
