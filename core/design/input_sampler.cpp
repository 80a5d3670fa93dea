// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/input_sampler.h"

#include "uq/seed_streams.h"

#include <algorithm>
#include <random>

namespace dtop::design {

InputSampler::InputSampler(const std::vector<InputDistribution>& inputs)
{
    m_kernels.reserve(inputs.size());
    for (std::size_t j = 0; j < inputs.size(); ++j) {
        m_kernels.emplace_back(inputs[j]);
        if (m_kernels.back().isRandom())
            m_random.push_back(j);
    }
}

void InputSampler::monteCarlo(std::uint64_t seed, std::uint64_t stream, std::uint64_t chunk,
                              std::size_t count, double* const* columns) const
{
    for (std::size_t j = 0; j < m_kernels.size(); ++j) {
        if (!m_kernels[j].isRandom()) {
            std::fill(columns[j], columns[j] + count, m_kernels[j].distribution().a);
            continue;
        }
        SampleEngine engine(uq::deriveSeed(seed, stream + j, chunk));
        m_kernels[j].sample(engine, columns[j], count);
    }
}

void InputSampler::quasiMonteCarlo(const SobolPoints& points, std::size_t dimOffset,
                                   std::uint64_t firstRow, std::size_t count,
                                   double* const* columns, std::vector<double>& scratch) const
{
    const std::size_t dims = points.dims();
    scratch.resize(count * dims);
    points.fill(firstRow, count, scratch.data());
    std::size_t dim = dimOffset;
    for (std::size_t j = 0; j < m_kernels.size(); ++j) {
        if (!m_kernels[j].isRandom()) {
            std::fill(columns[j], columns[j] + count, m_kernels[j].distribution().a);
            continue;
        }
        double* col = columns[j];
        for (std::size_t i = 0; i < count; ++i)
            col[i] = scratch[i * dims + dim];
        m_kernels[j].quantiles(col, count);
        ++dim;
    }
}

} // namespace dtop::design
