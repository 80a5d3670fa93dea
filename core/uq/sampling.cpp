// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/sampling.h"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

namespace dtop::uq {

const char* samplingMethodName(SamplingMethod method)
{
    switch (method) {
    case SamplingMethod::LatinHypercube:
        return "latin-hypercube";
    case SamplingMethod::Sobol:
        return "sobol";
    case SamplingMethod::MonteCarlo:
        break;
    }
    return "monte-carlo";
}

bool parseSamplingMethod(const std::string& text, SamplingMethod& method)
{
    for (auto m : {SamplingMethod::MonteCarlo, SamplingMethod::LatinHypercube, SamplingMethod::Sobol})
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

// Rows 0..n-1 of the Sobol' sequence. Boost's engine starts at index 1, so row 0 (the origin,
// which completes every (t, m, s)-net of 2^m points) is added here; the digital shift then moves
// every point, the origin included, into the open cube.
void fillSobol(Eigen::MatrixXd& u, std::mt19937_64& rng)
{
    const auto rows = u.rows();
    const auto cols = u.cols();
    if (static_cast<unsigned long long>(rows) > (1ULL << 32))
        throw std::invalid_argument("a Sobol' sequence holds at most 2^32 points");
    if (cols == 0 || rows == 0)
        return;
    if (static_cast<std::size_t>(cols) > kMaxSobolDimensions)
        throw std::invalid_argument("a Sobol' sequence has at most " +
                                    std::to_string(kMaxSobolDimensions) + " dimensions");
    std::vector<std::uint32_t> shift(static_cast<std::size_t>(cols));
    for (auto& s : shift)
        s = static_cast<std::uint32_t>(rng() >> 32);
    boost::random::sobol_engine<std::uint32_t, 32> engine(static_cast<unsigned>(cols));
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) {
            const std::uint32_t x = i == 0 ? 0U : engine();
            u(i, j) = (static_cast<double>(x ^ shift[static_cast<std::size_t>(j)]) + 0.5) *
                      0x1.0p-32;
        }
}
} // namespace

Eigen::MatrixXd uniformSamples(std::size_t n, std::size_t dims, SamplingMethod method,
                               std::uint64_t seed)
{
    const auto rows = static_cast<Eigen::Index>(n);
    const auto cols = static_cast<Eigen::Index>(dims);
    Eigen::MatrixXd u(rows, cols);
    std::mt19937_64 rng(seed);
    if (method == SamplingMethod::Sobol) {
        fillSobol(u, rng);
        return u;
    }
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
