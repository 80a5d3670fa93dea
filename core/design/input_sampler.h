// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "design/input_distribution.h"
#include "design/sobol_points.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dtop::design {

// Samples of the physical inputs (structure of arrays, one column per input), reproducible
// chunk by chunk whatever the number of threads.
//  - Monte Carlo: the samples of input j in chunk c come from their own engine seeded with
//    uq::deriveSeed(seed, stream + j, c). Inputs never share a stream, so changing the
//    parameters of one input leaves the others' samples untouched (common random numbers).
//  - quasi-Monte Carlo: rows of a randomised Sobol' sequence whose dimensions are the random
//    inputs (from `dimOffset` on), mapped through each input's inverse CDF.
class InputSampler {
public:
    explicit InputSampler(const std::vector<InputDistribution>& inputs);

    std::size_t inputs() const { return m_kernels.size(); }
    const std::vector<std::size_t>& randomInputs() const { return m_random; }
    const DistributionKernel& kernel(std::size_t j) const { return m_kernels[j]; }

    void monteCarlo(std::uint64_t seed, std::uint64_t stream, std::uint64_t chunk,
                    std::size_t count, double* const* columns) const;
    // `scratch` is resized as needed (count × points.dims()).
    void quasiMonteCarlo(const SobolPoints& points, std::size_t dimOffset, std::uint64_t firstRow,
                         std::size_t count, double* const* columns,
                         std::vector<double>& scratch) const;

private:
    std::vector<DistributionKernel> m_kernels;
    std::vector<std::size_t> m_random;
};

} // namespace dtop::design
