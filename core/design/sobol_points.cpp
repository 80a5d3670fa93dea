// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/sobol_points.h"

#include <boost/random/sobol.hpp>

#include <random>
#include <stdexcept>
#include <string>

namespace dtop::design {

namespace {
// Boost ships direction numbers for this many dimensions.
constexpr std::size_t kMaxDims = 3667;
} // namespace

SobolPoints::SobolPoints(std::size_t dims, std::uint64_t seed) : m_dims(dims), m_shift(dims)
{
    if (dims == 0 || dims > kMaxDims)
        throw std::invalid_argument("a Sobol' sequence has 1 to " + std::to_string(kMaxDims) +
                                    " dimensions, asked for " + std::to_string(dims));
    std::mt19937_64 rng(seed);
    for (auto& s : m_shift)
        s = static_cast<std::uint32_t>(rng() >> 32);
}

void SobolPoints::fill(std::uint64_t first, std::size_t count, double* out) const
{
    if (count == 0)
        return;
    if (first + count > (1ULL << 32))
        throw std::invalid_argument("a Sobol' sequence holds at most 2^32 points");
    boost::random::sobol_engine<std::uint32_t, 32> engine(static_cast<unsigned>(m_dims));
    std::size_t row = 0;
    if (first == 0) {
        for (std::size_t j = 0; j < m_dims; ++j)
            out[j] = (static_cast<double>(m_shift[j]) + 0.5) * 0x1.0p-32;
        row = 1;
    } else {
        // Boost's engine starts at the sequence's point 1: its state k is point k + 1.
        engine.seed(first - 1);
    }
    for (; row < count; ++row)
        for (std::size_t j = 0; j < m_dims; ++j)
            out[row * m_dims + j] =
                (static_cast<double>(engine() ^ m_shift[j]) + 0.5) * 0x1.0p-32;
}

} // namespace dtop::design
