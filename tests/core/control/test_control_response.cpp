// SPDX-License-Identifier: GPL-3.0-or-later
// The fast frequency sweep of a design (pole–residue sums over blocks of frequencies) against a
// direct complex solve of (jωI − A) x = b at every frequency of the 9901-point KE grid.
#include "control/control.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace dtop;

namespace {

// C (jωI − A)⁻¹ b by a pivoted LU, the textbook definition.
Eigen::VectorXcd directResponse(const Eigen::MatrixXd& a, const Eigen::VectorXd& b,
                                const Eigen::MatrixXd& c, double omega)
{
    Eigen::MatrixXcd m = -a.cast<std::complex<double>>();
    m.diagonal().array() += std::complex<double>(0.0, omega);
    return c.cast<std::complex<double>>() *
           m.fullPivLu().solve(b.cast<std::complex<double>>());
}

struct Case {
    control::Strategy strategy;
    int floor;
};

} // namespace

TEST_CASE("Fast KE sweep equals the direct solve at every grid frequency", "[control]")
{
    const dynamics::ShearBuilding building(*model::preset("southampton-design"));
    const control::FrequencyBand band;
    const std::vector<double> w = band.omegas();
    REQUIRE(w.size() == 9901);
    for (const auto s : {control::Strategy::None, control::Strategy::Tmd, control::Strategy::Dvf,
                         control::Strategy::DvfEc, control::Strategy::Lqg,
                         control::Strategy::IdealDvf})
        for (int floor = 1; floor <= 3; ++floor) {
            control::DesignParameters p;
            p.strategy = s;
            p.floor = floor;
            p.gain = 2.0;
            p.compensator = control::effectiveCompensator({}, p.actuator, 3.0, false);
            const auto design = control::buildDesign(building, p);
            const auto response = control::primaryResponse(design);
            INFO(control::strategyName(s) << " at floor " << floor);
            REQUIRE(response.modal());
            const auto ke = response.kineticEnergy(w, design.keMasses);
            const auto outputs = response.outputs();
            Eigen::ArrayXXd re, im;
            double worstOutput = 0.0, worstKe = 0.0;
            for (std::size_t start = 0; start < w.size(); start += 1000) {
                const auto len = static_cast<Eigen::Index>(std::min<std::size_t>(1000, w.size() - start));
                response.evaluateBlock(w.data() + start, len, outputs, re, im);
                for (Eigen::Index k = 0; k < len; ++k) {
                    const double omega = w[start + static_cast<std::size_t>(k)];
                    Eigen::MatrixXd c(design.cVelocity.rows() + 1, design.states());
                    c << design.cVelocity, design.cCurrent;
                    const Eigen::VectorXcd y = directResponse(design.a, design.bPrimary, c, omega);
                    Eigen::VectorXcd fast(outputs);
                    for (Eigen::Index i = 0; i < outputs; ++i)
                        fast[i] = {re(k, i), im(k, i)};
                    worstOutput = std::max(worstOutput, (fast - y).norm() / y.norm());
                    double t = 0.0;
                    for (Eigen::Index i = 0; i < design.keMasses.size(); ++i)
                        t += 0.25 * design.keMasses[i] * std::norm(y[i]);
                    worstKe = std::max(
                        worstKe, std::abs(ke[start + static_cast<std::size_t>(k)] - t) / t);
                }
            }
            CHECK(worstOutput < 1e-9);
            CHECK(worstKe < 1e-9);
        }
}

TEST_CASE("Fast single-frequency and block evaluations give the same numbers", "[control]")
{
    const dynamics::ShearBuilding building(*model::preset("southampton-design"));
    control::DesignParameters p;
    p.strategy = control::Strategy::Lqg;
    const auto design = control::buildDesign(building, p);
    const auto response = control::primaryResponse(design);
    const std::vector<double> w = {0.5, 6.3, 40.0, 125.0, 628.0};
    Eigen::ArrayXXd re, im;
    response.evaluateBlock(w.data(), static_cast<Eigen::Index>(w.size()), response.outputs(), re,
                           im);
    for (std::size_t k = 0; k < w.size(); ++k) {
        const auto y = response.evaluate(w[k]);
        for (Eigen::Index i = 0; i < response.outputs(); ++i) {
            CHECK(re(static_cast<Eigen::Index>(k), i) == y[static_cast<std::size_t>(i)].real());
            CHECK(im(static_cast<Eigen::Index>(k), i) == y[static_cast<std::size_t>(i)].imag());
        }
    }
}

TEST_CASE("A design's KE curve, floor FRFs and effort equal the direct solve", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::DvfEc;
    in.gain = 4.0;
    in.rootLocus = false;
    in.bestGain = false;
    const auto r = control::runControl(in);
    const dynamics::ShearBuilding building(in.profile);
    control::DesignParameters p;
    p.strategy = in.strategy;
    p.gain = in.gain;
    p.compensator = *r.compensator;
    const auto design = control::buildDesign(building, p);
    Eigen::MatrixXd c(design.cVelocity.rows() + 1, design.states());
    c << design.cVelocity, design.cCurrent;
    const auto w = in.band.omegas();
    for (std::size_t k = 0; k < w.size(); k += 37) {
        const Eigen::VectorXcd y = directResponse(design.a, design.bPrimary, c, w[k]);
        double t = 0.0;
        for (Eigen::Index i = 0; i < 3; ++i) {
            t += 0.25 * design.keMasses[i] * std::norm(y[i]);
            CHECK(std::abs(r.floors[static_cast<std::size_t>(i)].controlled[k] - y[i]) <=
                  1e-9 * y.head(3).norm());
        }
        CHECK(std::abs(r.controlled.ke[k] - t) <= 1e-9 * t);
        const double effort = 0.5 * in.actuator.coilResistanceOhm * std::norm(y[3]);
        CHECK(std::abs(r.effortSpectrumW[k] - effort) <= 1e-9 * effort);
    }
}
