// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/distribution.h"

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace dtop::uq {

enum class SamplingMethod {
    MonteCarlo,     // independent pseudo-random uniforms (std::mt19937_64 seeded)
    LatinHypercube, // one sample per stratum in every dimension, strata independently permuted
};

const char* samplingMethodName(SamplingMethod method); // "monte-carlo", "latin-hypercube"
bool parseSamplingMethod(const std::string& text, SamplingMethod& method);

// n × dims uniforms in (0, 1), columns mutually independent, reproducible from `seed`.
Eigen::MatrixXd uniformSamples(std::size_t n, std::size_t dims, SamplingMethod method,
                               std::uint64_t seed);

// n × p samples: column j follows distributions[j]; columns are independent.
Eigen::MatrixXd sampleParameters(const std::vector<Distribution>& distributions, std::size_t n,
                                 SamplingMethod method, std::uint64_t seed);

} // namespace dtop::uq
