// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/sampling.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

using namespace dtop::uq;

namespace {
double correlation(const Eigen::VectorXd& a, const Eigen::VectorXd& b)
{
    const Eigen::VectorXd x = a.array() - a.mean();
    const Eigen::VectorXd y = b.array() - b.mean();
    return x.dot(y) / std::sqrt(x.squaredNorm() * y.squaredNorm());
}
} // namespace

TEST_CASE("Samples reproduce with a seed and differ with another", "[sampling]")
{
    for (auto m : {SamplingMethod::MonteCarlo, SamplingMethod::LatinHypercube}) {
        const auto a = uniformSamples(100, 4, m, 42);
        const auto b = uniformSamples(100, 4, m, 42);
        const auto c = uniformSamples(100, 4, m, 43);
        CHECK(a == b);
        CHECK((a - c).cwiseAbs().maxCoeff() > 0.1);
        CHECK(a.minCoeff() > 0.0);
        CHECK(a.maxCoeff() < 1.0);
    }
}

TEST_CASE("Columns are independent (no shared random stream)", "[sampling]")
{
    // The prototype reseeded before every parameter group, making m, k and c perfectly
    // correlated; here the sample correlation must be at the 1/sqrt(n) noise level.
    const std::vector<Distribution> d = {Distribution::normalCv(5.0, 0.02),
                                         Distribution::normalCv(4e4, 0.05),
                                         Distribution::normalCv(6.0, 0.1)};
    for (auto m : {SamplingMethod::MonteCarlo, SamplingMethod::LatinHypercube}) {
        const auto x = sampleParameters(d, 20000, m, 7);
        CHECK(std::abs(correlation(x.col(0), x.col(1))) < 0.03);
        CHECK(std::abs(correlation(x.col(1), x.col(2))) < 0.03);
        CHECK(std::abs(correlation(x.col(0), x.col(2))) < 0.03);
    }
}

TEST_CASE("Latin hypercube puts one sample in every stratum", "[sampling]")
{
    const auto u = uniformSamples(50, 3, SamplingMethod::LatinHypercube, 1);
    for (Eigen::Index j = 0; j < 3; ++j) {
        std::vector<int> hits(50, 0);
        for (Eigen::Index i = 0; i < 50; ++i)
            ++hits[static_cast<std::size_t>(u(i, j) * 50.0)];
        for (int h : hits)
            CHECK(h == 1);
    }
}

TEST_CASE("Distributions have the requested moments", "[sampling]")
{
    const auto check = [](const Distribution& d, double mean, double sd) {
        const auto x = sampleParameters({d}, 200000, SamplingMethod::LatinHypercube, 3);
        const double m = x.col(0).mean();
        const double s = std::sqrt((x.col(0).array() - m).square().mean());
        CHECK(m == Approx(mean).epsilon(2e-3));
        CHECK(s == Approx(sd).epsilon(1e-2));
    };
    check(Distribution::normalCv(10.0, 0.1), 10.0, 1.0);
    check(Distribution::logNormalCv(10.0, 0.3), 10.0, 3.0);
    check(Distribution::uniform(2.0, 4.0), 3.0, 2.0 / std::sqrt(12.0));
    const Distribution t{DistributionKind::TruncatedNormal, 0.0, 1.0, -1.0, 1.0};
    const auto x = sampleParameters({t}, 10000, SamplingMethod::MonteCarlo, 3);
    CHECK(x.minCoeff() >= -1.0);
    CHECK(x.maxCoeff() <= 1.0);
    CHECK(Distribution::fixed(3.5).quantile(0.9) == 3.5);
}

TEST_CASE("Distribution validation names the parameter", "[sampling][validation]")
{
    const Distribution bad{DistributionKind::Normal, 1.0, -0.1, 0, 0};
    const auto issues = bad.validate("k2", "N/m");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].message == "k2: standard deviation must be >= 0 N/m, got -0.1");
    const auto ln = Distribution::logNormalCv(-1.0, 0.1).validate("m1", "kg");
    REQUIRE(ln.size() == 1);
    CHECK(ln[0].message == "m1: a lognormal parameter needs a mean > 0 kg, got -1");
    const auto un = Distribution::uniform(2.0, 1.0).validate("c1", "N·s/m");
    REQUIRE(un.size() == 1);
    CHECK(un[0].field == "c1");
}

namespace {
// The 32-bit integer behind a Sobol' coordinate (the generator maps x to (x + 1/2)·2^-32).
std::uint32_t sobolBits(double u)
{
    return static_cast<std::uint32_t>(std::floor(u * 0x1.0p32));
}
} // namespace

TEST_CASE("Sobol' points are the Joe-Kuo sequence under a seeded digital shift", "[sampling]")
{
    const auto a = uniformSamples(8, 3, SamplingMethod::Sobol, 5);
    const auto b = uniformSamples(8, 3, SamplingMethod::Sobol, 5);
    const auto c = uniformSamples(8, 3, SamplingMethod::Sobol, 6);
    CHECK(a == b);
    CHECK((a - c).cwiseAbs().maxCoeff() > 0.01);
    // XOR with row 0 (the shifted origin) removes the shift: the rows are then the unshifted
    // sequence, whose first points in 3-D are published by Joe and Kuo (2008).
    const double expected[7][3] = {{0.5, 0.5, 0.5},     {0.75, 0.25, 0.25},
                                   {0.25, 0.75, 0.75},  {0.375, 0.375, 0.625},
                                   {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875},
                                   {0.125, 0.625, 0.375}};
    for (Eigen::Index i = 1; i < 8; ++i)
        for (Eigen::Index j = 0; j < 3; ++j) {
            const std::uint32_t raw = sobolBits(a(i, j)) ^ sobolBits(a(0, j));
            CHECK(static_cast<double>(raw) * 0x1.0p-32 == expected[i - 1][j]);
        }
}

TEST_CASE("Sobol' points form a (0, m, 2)-net in the first two coordinates", "[sampling]")
{
    // 2^m points: every elementary box of area 2^-m holds exactly one point, for every shape.
    constexpr int m = 8;
    const auto u = uniformSamples(1U << m, 9, SamplingMethod::Sobol, 11);
    CHECK(u.minCoeff() > 0.0);
    CHECK(u.maxCoeff() < 1.0);
    for (int a = 0; a <= m; ++a) {
        std::vector<int> hits(1U << m, 0);
        for (Eigen::Index i = 0; i < u.rows(); ++i) {
            const auto x = static_cast<unsigned>(u(i, 0) * (1U << a));
            const auto y = static_cast<unsigned>(u(i, 1) * (1U << (m - a)));
            ++hits[(x << (m - a)) + y];
        }
        CHECK(*std::min_element(hits.begin(), hits.end()) == 1);
        CHECK(*std::max_element(hits.begin(), hits.end()) == 1);
    }
    // Every coordinate is stratified into 2^m equal cells.
    for (Eigen::Index j = 0; j < 9; ++j) {
        std::vector<int> hits(1U << m, 0);
        for (Eigen::Index i = 0; i < u.rows(); ++i)
            ++hits[static_cast<std::size_t>(u(i, j) * (1U << m))];
        CHECK(*std::max_element(hits.begin(), hits.end()) == 1);
    }
    SamplingMethod parsed = SamplingMethod::MonteCarlo;
    CHECK(parseSamplingMethod("sobol", parsed));
    CHECK(parsed == SamplingMethod::Sobol);
}
