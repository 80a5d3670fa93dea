// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace dtop::design {

// A partition of an n-dimensional output space into K_1·…·K_n cells by sequential conditional
// quantiles: axis 1 is cut at quantiles of the pilot sample; inside each axis-1 bin, axis 2 at
// quantiles of the pilot points in that bin; and so on, so the cells follow the dependence
// between the coordinates. The quantile levels are equally spaced in normal scores (equal
// probability in the bulk, finer in the tails, see edgeLevel in the .cpp), which is what a
// binned estimate of a density-derived quantity needs. Built once from an independent pilot
// sample, so the partition is fixed while the main sample is counted into it.
class CellPartition {
public:
    CellPartition() = default;
    // pilot[d] holds the pilot sample's coordinate d (all the same length); binsPerAxis[d] >= 1.
    // If axis0Edge is set and lies strictly inside the pilot's axis-0 range, the axis-0 edge
    // nearest to it is moved onto it, so {coordinate 0 < edge} is a union of cells.
    CellPartition(const std::vector<std::vector<double>>& pilot, std::vector<std::size_t> binsPerAxis,
                  std::optional<double> axis0Edge = std::nullopt);

    std::size_t dims() const { return m_bins.size(); }
    std::size_t cells() const { return m_cells; }
    const std::vector<std::size_t>& binsPerAxis() const { return m_bins; }
    // Whether the axis-0 edge was placed (see the constructor).
    bool hasAxis0Edge() const { return m_axis0EdgePlaced; }

    // Cell of each point; coords[d] points to `count` values of coordinate d. A value equal to
    // an edge goes to the upper bin, so "coordinate < edge" selects the lower bins.
    void locate(const double* const* coords, std::size_t count, std::uint32_t* cell) const;

    // For a coarser partition with binsPerAxis[d] / factor[d] bins (factors are powers of two
    // dividing the bins), the coarse cell of every fine cell: merging 2^r neighbouring bins of
    // an axis (whatever their children's cuts) still partitions the space.
    std::vector<std::uint32_t> coarseMap(const std::vector<std::size_t>& factor) const;

private:
    std::vector<std::size_t> m_bins;
    std::size_t m_cells = 1;
    // m_edges[d]: for each cell of axes < d (prefix index), K_d − 1 ascending edges.
    std::vector<std::vector<double>> m_edges;
    bool m_axis0EdgePlaced = false;
};

} // namespace dtop::design
