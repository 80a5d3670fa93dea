// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dtop::design {

// Rows of the Sobol' low-discrepancy sequence (Joe–Kuo direction numbers, Boost.Random), with
// a seeded random digital shift, readable from any starting row so that a long design can be
// generated chunk by chunk on several threads. Row 0 is the origin (before the shift), as in
// uq::uniformSamples, so the first 2^m rows are a complete (t, m, s)-net. Values lie in the
// open interval (0, 1). Thread-safe for concurrent fill() calls.
class SobolPoints {
public:
    SobolPoints(std::size_t dims, std::uint64_t seed);

    std::size_t dims() const { return m_dims; }
    // rows [first, first + count) into out (row-major, count × dims).
    void fill(std::uint64_t first, std::size_t count, double* out) const;

private:
    std::size_t m_dims;
    std::vector<std::uint32_t> m_shift;
};

} // namespace dtop::design
