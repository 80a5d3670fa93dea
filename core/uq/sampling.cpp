// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/sampling.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace dtop::uq {

const char* samplingMethodName(SamplingMethod method)
{
    return method == SamplingMethod::LatinHypercube ? "latin-hypercube" : "monte-carlo";
}

bool parseSamplingMethod(const std::string& text, SamplingMethod& method)
{
    for (auto m : {SamplingMethod::MonteCarlo, SamplingMethod::LatinHypercube})
        if (text == samplingMethodName(m)) {
            method = m;
            return true;
        }
    return false;
}

namespace {
// (0, 1) exclusive on both ends: 53 random bits offset by half a step.
double openUniform(std::mt19937_64& rng)
{
    return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
}
} // namespace

Eigen::MatrixXd uniformSamples(std::size_t n, std::size_t dims, SamplingMethod method,
                               std::uint64_t seed)
{
    const auto rows = static_cast<Eigen::Index>(n);
    const auto cols = static_cast<Eigen::Index>(dims);
    Eigen::MatrixXd u(rows, cols);
    std::mt19937_64 rng(seed);
    if (method == SamplingMethod::MonteCarlo) {
        // Row by row, so that the first k samples do not depend on n.
        for (Eigen::Index i = 0; i < rows; ++i)
            for (Eigen::Index j = 0; j < cols; ++j)
                u(i, j) = openUniform(rng);
        return u;
    }
    std::vector<Eigen::Index> strata(n);
    for (Eigen::Index j = 0; j < cols; ++j) {
        std::iota(strata.begin(), strata.end(), Eigen::Index{0});
        std::shuffle(strata.begin(), strata.end(), rng);
        for (Eigen::Index i = 0; i < rows; ++i)
            u(i, j) = (static_cast<double>(strata[static_cast<std::size_t>(i)]) + openUniform(rng)) /
                      static_cast<double>(n);
    }
    return u;
}

Eigen::MatrixXd sampleParameters(const std::vector<Distribution>& distributions, std::size_t n,
                                 SamplingMethod method, std::uint64_t seed)
{
    Eigen::MatrixXd x = uniformSamples(n, distributions.size(), method, seed);
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const Distribution& d = distributions[static_cast<std::size_t>(j)];
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            x(i, j) = d.quantile(x(i, j));
    }
    return x;
}

} // namespace dtop::uq
