// SPDX-License-Identifier: GPL-3.0-or-later
// Identification of synthetic FRFs of known chains: exact poles from the state matrix.
#include "identification/identify.h"
#include "identification/lscf.h"
#include "identify_test_support.h"

using namespace dtop;
using namespace dtop::identification;
using test::relative;

namespace {

IdentifyInput syntheticInput(const model::Profile& p, double noise, unsigned seed = 7)
{
    IdentifyInput in;
    in.dataset = "synthetic";
    in.data = test::frfDataset(
        test::chainFrf(p, 1, dynamics::FrfQuantity::Accelerance, 3.0, 35.0, 0.03125, noise, seed),
        "synthetic");
    return in;
}

} // namespace

TEST_CASE("Global fit recovers the exact poles and chain of a noise-free synthetic FRF", "[identify]")
{
    const model::Profile p = test::rigLikeChain();
    const auto exact = dynamics::dampedModes(dynamics::ShearBuilding(p));
    const IdentifyResult r = runIdentify(syntheticInput(p, 0.0));
    REQUIRE(r.modes.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(r.modes[i].frequencyHz, exact.naturalFrequenciesHz[i]) < 1e-9);
        CHECK(relative(r.modes[i].dampingRatio, exact.dampingRatios[i]) < 1e-7);
        CHECK(r.modes[i].massNormalised);
    }
    for (double e : r.resynthesisError)
        CHECK(e < 1e-8);
    REQUIRE(r.physical);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(r.physical->masses[i], p.masses[i]) < 1e-7);
        CHECK(relative(r.physical->stiffnessChain.storeyValues[i], p.stiffnesses[i]) < 1e-7);
    }
    CHECK(r.physical->stiffnessChain.tridiagonal);
    CHECK(r.physical->stiffnessChain.droppedRelative < 1e-8);
    CHECK(r.physical->completenessCheck < 1e-8);
}

TEST_CASE("Proportionally damped chain gives exact M K and C", "[identify]")
{
    model::Profile p = test::rigLikeChain();
    p.damping = model::DampingModel::RayleighCoefficients;
    p.rayleighAlpha = 0.2;
    p.rayleighBeta = 5e-5;
    // Storey dampers equivalent to Rayleigh's βK part; the αM part is not a chain, so compare
    // the dense matrices instead.
    const dynamics::ShearBuilding b(p);
    const IdentifyResult r = runIdentify(syntheticInput(p, 0.0));
    REQUIRE(r.physical);
    const Eigen::MatrixXd c = b.dampingMatrix();
    CHECK((r.physical->damping - c).norm() / c.norm() < 1e-6);
    CHECK((r.physical->mass - b.massMatrix()).norm() / b.massMatrix().norm() < 1e-8);
}

TEST_CASE("Noisy synthetic FRF is identified within its noise", "[identify]")
{
    const model::Profile p = test::rigLikeChain();
    const auto exact = dynamics::dampedModes(dynamics::ShearBuilding(p));
    const IdentifyResult r = runIdentify(syntheticInput(p, 0.02));
    REQUIRE(r.modes.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(r.modes[i].frequencyHz, exact.naturalFrequenciesHz[i]) < 1e-4);
        CHECK(relative(r.modes[i].dampingRatio, exact.dampingRatios[i]) < 0.05);
    }
    REQUIRE(r.physical);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(r.physical->masses[i], p.masses[i]) < 0.02);
        CHECK(relative(r.physical->stiffnessChain.storeyValues[i], p.stiffnesses[i]) < 0.02);
    }
    // Every method agrees on the frequencies.
    for (const auto& c : r.comparison) {
        INFO(identificationMethodName(c.method));
        REQUIRE(c.frequenciesHz.size() == 3);
        for (std::size_t i = 0; i < 3; ++i)
            CHECK(relative(c.frequenciesHz[i], exact.naturalFrequenciesHz[i]) < 1e-3);
    }
}

TEST_CASE("Doubling every m k and c doubles the identified masses", "[identify]")
{
    const model::Profile p = test::rigLikeChain();
    model::Profile twice = p;
    for (auto* v : {&twice.masses, &twice.stiffnesses, &twice.dampers})
        for (double& x : *v)
            x *= 2.0;
    const IdentifyResult a = runIdentify(syntheticInput(p, 0.0));
    const IdentifyResult b = runIdentify(syntheticInput(twice, 0.0));
    REQUIRE(a.physical);
    REQUIRE(b.physical);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(b.physical->masses[i], 2.0 * a.physical->masses[i]) < 1e-7);
        CHECK(relative(b.physical->masses[i], twice.masses[i]) < 1e-7);
        CHECK(relative(b.modes[i].frequencyHz, a.modes[i].frequencyHz) < 1e-9);
    }
}

TEST_CASE("Circle fit of an exact single-mode mobility is exact", "[identify]")
{
    // Y = jω A / (ω_r² − ω² + 2jζω_rω): a circle through the origin, diameter A/(2ζω_r).
    const double fr = 10.0, zeta = 0.004, a = 0.3;
    const double wr = 2.0 * std::numbers::pi * fr;
    MeasuredFrf m;
    m.quantity = dynamics::FrfQuantity::Mobility;
    m.floors = {1, 2};
    m.excitationFloor = 1;
    for (double f = 8.0; f <= 12.0; f += 0.01)
        m.frequencyHz.push_back(f);
    m.h.resize(Eigen::Index(m.frequencyHz.size()), 2);
    for (std::size_t k = 0; k < m.frequencyHz.size(); ++k) {
        const double w = 2.0 * std::numbers::pi * m.frequencyHz[k];
        const std::complex<double> y =
            std::complex<double>(0.0, w) * a / std::complex<double>(wr * wr - w * w, 2.0 * zeta * wr * w);
        m.h(Eigen::Index(k), 0) = y;
        m.h(Eigen::Index(k), 1) = -0.5 * y;
    }
    const CircleFitResult c = circleFit(m, {});
    REQUIRE(c.poles.size() == 1);
    const CircleFitMode& f0 = c.fits[0][0];
    CHECK(f0.valid);
    CHECK(f0.circle.converged);
    CHECK(f0.circle.rmsRelativeError < 1e-10);
    CHECK(relative(f0.circle.radius, a / (4.0 * zeta * wr)) < 1e-9);
    CHECK(relative(f0.naturalFrequencyHz, fr) < 1e-10);
    CHECK(relative(f0.dampingRatio, zeta) < 1e-8);
    CHECK(f0.lossFactor == Approx(2.0 * f0.dampingRatio));
    CHECK(f0.pairsUsed == 9);
    CHECK(std::abs(f0.modalConstant - std::complex<double>(a, 0.0)) < 1e-8 * a);
    CHECK(std::abs(c.fits[0][1].modalConstant - std::complex<double>(-0.5 * a, 0.0)) < 1e-8 * a);
}

TEST_CASE("Circle fit LSCF and global fit agree on a noisy synthetic chain", "[identify]")
{
    const model::Profile p = test::rigLikeChain();
    const auto exact = dynamics::dampedModes(dynamics::ShearBuilding(p));
    IdentifyInput in = syntheticInput(p, 0.005, 11);
    in.method = IdentificationMethod::Circle;
    const IdentifyResult r = runIdentify(in);
    REQUIRE(r.modes.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(r.modes[i].frequencyHz, exact.naturalFrequenciesHz[i]) < 5e-4);
        CHECK(relative(r.modes[i].dampingRatio, exact.dampingRatios[i]) < 0.1);
    }
}

TEST_CASE("Stabilisation diagram stabilises on the exact poles and a click picks a pole", "[identify]")
{
    const model::Profile p = test::rigLikeChain();
    const auto exact = dynamics::dampedModes(dynamics::ShearBuilding(p));
    const MeasuredFrf m =
        test::chainFrf(p, 2, dynamics::FrfQuantity::Receptance, 3.0, 35.0, 0.03125, 0.001, 3);
    const LscfOptions o;
    const StabilisationDiagram d = lscfStabilisation(m, o);
    CHECK(d.orders.front() == 2);
    CHECK(d.orders.back() == 40);
    const auto picked = pickStablePoles(d, o);
    REQUIRE(picked.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(picked[i].pole.naturalFrequencyHz(), exact.naturalFrequenciesHz[i]) < 1e-3);
        CHECK(picked[i].stableOrders >= 5);
    }
    // A click at order 20 near the second mode picks that mode's pole.
    const auto click = pickPole(d, 20, exact.naturalFrequenciesHz[1] + 0.3);
    REQUIRE(click);
    CHECK(click->order == 20);
    CHECK(relative(click->pole.naturalFrequencyHz(), exact.naturalFrequenciesHz[1]) < 1e-3);
    CHECK_FALSE(pickPole(d, 3, 10.0)); // not an order of the diagram
    const auto limited = pickStablePoles(d, o, 2);
    CHECK(limited.size() == 2);
}

TEST_CASE("Manual picks replace the automatic pick", "[identify]")
{
    const model::Profile p = test::rigLikeChain();
    IdentifyInput in = syntheticInput(p, 0.0);
    in.method = IdentificationMethod::Lscf;
    in.compareMethods = false;
    in.picks = {{30, 6.2}, {30, 25.6}};
    const IdentifyResult r = runIdentify(in);
    REQUIRE(r.modes.size() == 2);
    CHECK(r.modes[0].frequencyHz < 7.0);
    CHECK(r.modes[1].frequencyHz > 25.0);
    CHECK_FALSE(r.physical); // two modes cannot mass-normalise three floors
    CHECK(r.physicalNote.find("needs 3 modes") != std::string::npos);
}
