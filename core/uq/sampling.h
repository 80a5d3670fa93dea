// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/distribution.h"

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace dtop::uq {

inline constexpr std::size_t kMaxSobolDimensions = 3667;

enum class SamplingMethod {
    MonteCarlo,     // independent pseudo-random uniforms (std::mt19937_64 seeded)
    LatinHypercube, // one sample per stratum in every dimension, strata independently permuted
    Sobol,          // Sobol' low-discrepancy points (Joe–Kuo 2008 direction numbers, as in
                    // Boost.Random), randomised by a seeded digital shift; point 0 included
};

const char* samplingMethodName(SamplingMethod method); // "monte-carlo", "latin-hypercube", "sobol"
bool parseSamplingMethod(const std::string& text, SamplingMethod& method);

// n × dims uniforms in (0, 1), reproducible from `seed`. Monte Carlo and Latin hypercube columns
// are mutually independent; Sobol' columns are the sequence's coordinates (n <= 2^32,
// dims <= kMaxSobolDimensions), each XOR-shifted by its own seeded 32-bit word.
Eigen::MatrixXd uniformSamples(std::size_t n, std::size_t dims, SamplingMethod method,
                               std::uint64_t seed);

// n × p samples: column j follows distributions[j]; columns are independent.
Eigen::MatrixXd sampleParameters(const std::vector<Distribution>& distributions, std::size_t n,
                                 SamplingMethod method, std::uint64_t seed);

} // namespace dtop::uq
