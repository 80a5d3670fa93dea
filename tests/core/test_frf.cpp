// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/frequency_grid.h"
#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"
#include "model/presets.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace dtop;
using Catch::Matchers::WithinRel;
using cd = std::complex<double>;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

namespace {
// Independent second method: dense complex LU of K − ω²M + jωC.
Eigen::VectorXcd denseReceptance(const dynamics::ShearBuilding& b, double omega, int input)
{
    const Eigen::MatrixXcd z = b.stiffnessMatrix().cast<cd>() -
                               omega * omega * b.massMatrix().cast<cd>() +
                               cd(0.0, omega) * b.dampingMatrix().cast<cd>();
    Eigen::VectorXcd rhs = Eigen::VectorXcd::Zero(z.rows());
    rhs[input] = 1.0;
    return z.fullPivLu().solve(rhs);
}
} // namespace

TEST_CASE("FRF of full-scale reproduces the prototype's nominal table to 1e-9", "[frf]")
{
    const auto rows = test::readNumericCsv(test::testDataPath("reference/uq_nominal_exci2_350.csv"));
    REQUIRE(rows.size() == 350);
    dynamics::FrfInput input;
    input.profile = *model::preset("full-scale");
    input.inputFloor = 2;
    // The file prints ω with 11 digits, too few near a resonance of ζ = 0.07 %; the prototype's
    // grid was numpy.linspace(5, 200, 350) rad/s, so rebuild it exactly and check the print.
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const double omega = 5.0 + (200.0 - 5.0) * static_cast<double>(k) / 349.0;
        REQUIRE_THAT(rows[k][0], WithinRel(omega, 1e-10));
        input.frequenciesHz.push_back(omega / kTwoPi);
    }
    const auto result = dynamics::runFrf(input);
    REQUIRE(result.floors.size() == 3);
    for (std::size_t k = 0; k < rows.size(); ++k)
        for (std::size_t floor = 0; floor < 3; ++floor)
            REQUIRE_THAT(std::abs(result.floors[floor][k]), WithinRel(rows[k][floor + 1], 1e-9));
}

TEST_CASE("FRF complex values of the spec table §5.5(a)", "[frf]")
{
    const dynamics::ShearBuilding b(*model::preset("full-scale"));
    const dynamics::FrfEvaluator e(b);
    std::array<cd, 3> x;
    e.receptance(10.0, 0, x.data());
    CHECK_THAT(x[0].real(), WithinRel(2.709612e-09, 1e-6));
    CHECK_THAT(x[0].imag(), WithinRel(-1.248694e-12, 1e-6));
    e.receptance(100.0, 2, x.data());
    CHECK_THAT(x[0].real(), WithinRel(-3.556102e-09, 1e-6));
    CHECK_THAT(x[0].imag(), WithinRel(4.912010e-11, 1e-6));
}

TEST_CASE("Single-DOF FRF equals its closed form", "[frf]")
{
    model::Profile p;
    const double m = 2.0, k = 8000.0, c = 3.0;
    p.masses = {m};
    p.stiffnesses = {k};
    p.dampers = {c};
    dynamics::FrfInput input;
    input.profile = p;
    input.fminHz = 0.0;
    input.fmaxHz = 40.0;
    input.points = 4001;
    for (auto q : {dynamics::FrfQuantity::Receptance, dynamics::FrfQuantity::Mobility,
                   dynamics::FrfQuantity::Accelerance}) {
        input.quantity = q;
        const auto r = dynamics::runFrf(input);
        for (std::size_t i = 0; i < r.frequencyHz.size(); ++i) {
            const double w = kTwoPi * r.frequencyHz[i];
            cd h = 1.0 / cd(k - w * w * m, w * c);
            if (q == dynamics::FrfQuantity::Mobility)
                h *= cd(0.0, w);
            if (q == dynamics::FrfQuantity::Accelerance)
                h *= -w * w;
            REQUIRE(std::abs(r.floors[0][i] - h) <= 1e-13 * std::abs(h) + 1e-300);
        }
    }
}

TEST_CASE("Mobility = jω·receptance and accelerance = −ω²·receptance", "[frf]")
{
    dynamics::FrfInput input;
    input.profile = *model::preset("southampton-lpm");
    input.inputFloor = 3;
    input.fminHz = 0.5;
    input.fmaxHz = 100.0;
    input.points = 500;
    input.logarithmic = true;
    const auto h = dynamics::runFrf(input);
    input.quantity = dynamics::FrfQuantity::Mobility;
    const auto y = dynamics::runFrf(input);
    input.quantity = dynamics::FrfQuantity::Accelerance;
    const auto a = dynamics::runFrf(input);
    for (std::size_t f = 0; f < 3; ++f)
        for (std::size_t i = 0; i < h.frequencyHz.size(); ++i) {
            const double w = kTwoPi * h.frequencyHz[i];
            CHECK(std::abs(y.floors[f][i] - cd(0, w) * h.floors[f][i]) <=
                  1e-14 * std::abs(y.floors[f][i]));
            CHECK(std::abs(a.floors[f][i] + w * w * h.floors[f][i]) <=
                  1e-14 * std::abs(a.floors[f][i]));
        }
}

TEST_CASE("Tridiagonal FRF agrees with a dense LU for any n and input floor", "[frf]")
{
    model::Profile p;
    p.masses = {3.0, 7.0, 1.0, 4.0, 2.0, 5.0, 1.5};
    p.stiffnesses = {5e4, 1e3, 2e4, 8e4, 3e3, 1e4, 6e4};
    p.dampers = {1.0, 0.0, 3.0, 0.2, 5.0, 0.0, 0.7};
    const dynamics::ShearBuilding b(p);
    const dynamics::FrfEvaluator e(b);
    std::array<cd, 7> x;
    for (int input = 0; input < 7; ++input)
        for (double w : {0.0, 1.0, 10.0, 31.6, 77.7, 150.0, 400.0, 2000.0}) {
            e.receptance(w, static_cast<std::size_t>(input), x.data());
            const Eigen::VectorXcd ref = denseReceptance(b, w, input);
            for (int i = 0; i < 7; ++i)
                REQUIRE(std::abs(x[static_cast<std::size_t>(i)] - ref[i]) <=
                        1e-10 * ref.norm());
        }
}

TEST_CASE("Pivoting: a zero leading pivot away from resonance is solved exactly", "[frf]")
{
    // Undamped uniform chain; at ω² = 2k/m the first pivot k1 + k2 − ω²m1 is exactly zero
    // while the matrix is regular. Without row interchanges this would divide by zero.
    model::Profile p;
    p.masses = {1.0, 1.0, 1.0};
    p.stiffnesses = {1.0, 1.0, 1.0};
    p.dampers = {0.0, 0.0, 0.0};
    const dynamics::ShearBuilding b(p);
    const dynamics::FrfEvaluator e(b);
    std::array<cd, 3> x;
    const double w = std::sqrt(2.0);
    REQUIRE(e.receptance(w, 0, x.data()));
    const Eigen::VectorXcd ref = denseReceptance(b, w, 0);
    for (int i = 0; i < 3; ++i)
        CHECK(std::abs(x[static_cast<std::size_t>(i)] - ref[i]) < 1e-12);
}

TEST_CASE("Static receptance is the flexibility matrix", "[frf]")
{
    const dynamics::ShearBuilding b(*model::preset("southampton-lpm"));
    const dynamics::FrfEvaluator e(b);
    const Eigen::MatrixXd flex = b.stiffnessMatrix().inverse();
    std::array<cd, 3> x;
    for (int j = 0; j < 3; ++j) {
        e.receptance(0.0, static_cast<std::size_t>(j), x.data());
        for (int i = 0; i < 3; ++i)
            CHECK_THAT(x[static_cast<std::size_t>(i)].real(), WithinRel(flex(i, j), 1e-13));
    }
}

TEST_CASE("Frequency grids are inclusive and exact at the ends", "[frf]")
{
    const auto lin = dynamics::linearGrid(0.0, 50.0, 2001);
    CHECK(lin.front() == 0.0);
    CHECK(lin.back() == 50.0);
    CHECK(lin[1000] == Approx(25.0));
    const auto lg = dynamics::logGrid(0.1, 1000.0, 5);
    CHECK(lg.front() == 0.1);
    CHECK(lg.back() == 1000.0);
    CHECK(lg[2] == Approx(10.0));
}

TEST_CASE("FRF input validation names each field", "[frf][validation]")
{
    dynamics::FrfInput input;
    input.profile = *model::preset("southampton-lpm");
    CHECK(input.validate().empty());
    auto expect = [](dynamics::FrfInput in, const std::string& field, const std::string& text) {
        const auto issues = in.validate();
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].field == field);
        CHECK_THAT(issues[0].message, Catch::Contains(text));
    };
    auto bad = input;
    bad.inputFloor = 4;
    expect(bad, "input_floor", "input floor must be between 1 and 3, got 4");
    bad = input;
    bad.fminHz = -1;
    expect(bad, "fmin", "fmin must be >= 0 Hz, got -1");
    bad = input;
    bad.logarithmic = true;
    expect(bad, "fmin", "fmin must be > 0 Hz on a logarithmic grid, got 0");
    bad = input;
    bad.fmaxHz = std::nan("");
    expect(bad, "fmax", "fmax must be a finite number > fmin (0 Hz), got nan");
    bad = input;
    bad.points = 1;
    expect(bad, "points", "points must be between 2 and 2000000, got 1");
    bad = input;
    bad.frequenciesHz = {1.0, -2.0};
    expect(bad, "frequencies", "frequency 2 must be a finite number >= 0 Hz, got -2");
}

TEST_CASE("Resonance-refined grid resolves the peak of a lightly damped mode", "[frf]")
{
    const auto modes = dynamics::runModal({*model::preset("southampton-lpm")});
    const auto grid = dynamics::resonanceRefinedGrid(0.0, 50.0, 101, modes.damped.naturalFrequenciesHz,
                                                     modes.damped.dampingRatios);
    CHECK(std::is_sorted(grid.begin(), grid.end()));
    CHECK(std::adjacent_find(grid.begin(), grid.end()) == grid.end());
    CHECK(grid.front() == 0.0);
    CHECK(grid.back() == 50.0);
    // The sampled peak of H11 near mode 1 is within 0.1 % of the true maximum (found densely).
    dynamics::FrfInput input;
    input.profile = *model::preset("southampton-lpm");
    input.frequenciesHz = grid;
    const auto coarse = dynamics::runFrf(input);
    input.frequenciesHz.clear();
    input.fminHz = 6.0;
    input.fmaxHz = 6.4;
    input.points = 400001;
    const auto dense = dynamics::runFrf(input);
    double coarsePeak = 0, densePeak = 0;
    for (std::size_t i = 0; i < grid.size(); ++i)
        if (grid[i] > 6.0 && grid[i] < 6.4)
            coarsePeak = std::max(coarsePeak, std::abs(coarse.floors[0][i]));
    for (const auto& v : dense.floors[0])
        densePeak = std::max(densePeak, std::abs(v));
    CHECK(coarsePeak <= densePeak * (1 + 1e-12));
    CHECK(coarsePeak >= densePeak * 0.999);
}
