// SPDX-License-Identifier: GPL-3.0-or-later
// Model updating and closing the loop.
#include "identification/identify.h"
#include "identification/model_updating.h"
#include "identification/modal_indicators.h"
#include "identify_test_support.h"

using namespace dtop;
using namespace dtop::identification;
using test::relative;

namespace {

// Exact modal data of a profile as an update target (mass-normalised shapes, all floors).
UpdateTarget targetOf(const model::Profile& p)
{
    const dynamics::ShearBuilding b(p);
    const auto u = dynamics::undampedModes(b);
    const auto d = dynamics::dampedModes(b);
    UpdateTarget t;
    t.shapesMassNormalised = true;
    for (std::size_t i = 0; i < p.storeys(); ++i)
        t.floors.push_back(int(i) + 1);
    for (Eigen::Index r = 0; r < u.shapes.cols(); ++r) {
        t.frequenciesHz.push_back(u.frequenciesHz()[std::size_t(r)]);
        t.dampingRatios.push_back(d.dampingRatios[std::size_t(r)]);
        t.shapes.push_back(u.shapes.col(r));
    }
    return t;
}

model::Profile perturbed(model::Profile p)
{
    p.stiffnesses = {p.stiffnesses[0] * 1.12, p.stiffnesses[1] * 0.9, p.stiffnesses[2] * 1.05};
    p.masses = {p.masses[0] * 0.95, p.masses[1] * 1.06, p.masses[2] * 1.0};
    p.dampers = {p.dampers[0] * 1.5, p.dampers[1] * 0.7, p.dampers[2] * 1.2};
    return p;
}

} // namespace

TEST_CASE("Updating recovers a perturbed profile from exact modal data", "[identify]")
{
    const model::Profile truth = test::rigLikeChain();
    const model::Profile start = perturbed(truth);
    UpdateOptions o;
    o.tikhonov = 0.0;
    const UpdateResult r = updateProfile(start, targetOf(truth), o);
    CHECK(r.converged);
    REQUIRE(r.parameterNames.size() == 9);
    CHECK(r.parameterNames.front() == "k1");
    CHECK(r.parameterNames[3] == "m1");
    CHECK(r.parameterNames.back() == "c3");
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(r.after.stiffnesses[i], truth.stiffnesses[i]) < 1e-6);
        CHECK(relative(r.after.masses[i], truth.masses[i]) < 1e-6);
        CHECK(relative(r.after.dampers[i], truth.dampers[i]) < 1e-5);
        CHECK(relative(r.frequenciesAfterHz[i], targetOf(truth).frequenciesHz[i]) < 1e-8);
        CHECK(r.macAfter[i] > 1.0 - 1e-10);
    }
    CHECK(r.objectiveBefore > 1e-3);
    CHECK(r.objectiveAfter < 1e-12);
    REQUIRE(r.history.size() >= 2);
    CHECK(r.history.front().objective == Approx(r.objectiveBefore));
    CHECK(r.history.back().objective == Approx(r.objectiveAfter).margin(1e-15));
    for (std::size_t i = 1; i < r.history.size(); ++i)
        CHECK(r.history[i].objective <= r.history[i - 1].objective * (1.0 + 1e-12));
}

TEST_CASE("Updating without mass-normalised shapes keeps the masses", "[identify]")
{
    const model::Profile truth = test::rigLikeChain();
    model::Profile start = truth;
    start.stiffnesses[1] *= 0.85;
    UpdateTarget t = targetOf(truth);
    t.shapesMassNormalised = false;
    UpdateOptions o;
    o.damping = false;
    o.tikhonov = 0.0;
    const UpdateResult r = updateProfile(start, t, o);
    CHECK(r.parameterNames.size() == 3);
    CHECK(r.after.masses == truth.masses);
    CHECK_FALSE(r.notes.empty());
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(relative(r.after.stiffnesses[i], truth.stiffnesses[i]) < 1e-5);
}

TEST_CASE("Tikhonov regularisation pulls the update toward the start", "[identify]")
{
    const model::Profile truth = test::rigLikeChain();
    const model::Profile start = perturbed(truth);
    UpdateOptions weak, strong;
    weak.tikhonov = 0.0;
    strong.tikhonov = 1.0;
    const UpdateResult a = updateProfile(start, targetOf(truth), weak);
    const UpdateResult b = updateProfile(start, targetOf(truth), strong);
    // With a strong penalty the stiffness k1 stays measurably nearer its start value.
    CHECK(std::abs(b.after.stiffnesses[0] - start.stiffnesses[0]) <
          0.9 * std::abs(a.after.stiffnesses[0] - start.stiffnesses[0]));
    CHECK(b.objectiveAfter > a.objectiveAfter);
}

TEST_CASE("Identify with update moves the twin to a synthetic rig", "[identify]")
{
    const model::Profile truth = test::rigLikeChain();
    IdentifyInput in;
    in.dataset = "synthetic";
    in.data = test::frfDataset(
        test::chainFrf(truth, 1, dynamics::FrfQuantity::Accelerance, 3.0, 35.0, 0.03125), "synthetic");
    in.profile = perturbed(truth);
    in.profile.name = "twin";
    in.update = true;
    in.updating.tikhonov = 0.0;
    const IdentifyResult r = runIdentify(in);
    REQUIRE(r.update);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(relative(r.updatedProfile.stiffnesses[i], truth.stiffnesses[i]) < 1e-4);
        CHECK(relative(r.updatedProfile.masses[i], truth.masses[i]) < 1e-4);
        CHECK(relative(r.updatedProfile.dampers[i], truth.dampers[i]) < 0.02);
    }
    CHECK(r.updatedProfile.name == "twin");
    CHECK(r.updatedProfile.provenance.find("dataset 'synthetic'") != std::string::npos);
    CHECK(r.updatedProfile.provenance.find("global") != std::string::npos);
    CHECK(r.update->objectiveAfter < 1e-3 * r.update->objectiveBefore);
}

TEST_CASE("Closing the loop replay error falls after updating to the recorded structure", "[identify]")
{
    // Identify the rig from the impulse record (H1, one rectangular window over the 60 s),
    // update the default twin, then replay the random-force record with both twins: the
    // updated twin must be measurably closer.
    IdentifyInput in;
    in.dataset = "th-impulse";
    in.data = test::bundledDataset("th-impulse");
    in.update = true;
    const IdentifyResult r = runIdentify(in);
    REQUIRE(r.modes.size() == 3);
    // The record's modes by a 60 s FFT: 6.5205, 18.2700, 26.4034 Hz (data/manifest.json); its
    // floor mass by the impulse: 0.01 N·s / 1.8772e-3 m/s = 5.33 kg.
    CHECK(r.modes[0].frequencyHz == Approx(6.5205).epsilon(2e-4));
    CHECK(r.modes[1].frequencyHz == Approx(18.2700).epsilon(2e-4));
    CHECK(r.modes[2].frequencyHz == Approx(26.4034).epsilon(2e-4));
    REQUIRE(r.physical);
    for (double m : r.physical->masses)
        CHECK(m == Approx(5.33).epsilon(0.01));
    for (double e : r.resynthesisError)
        CHECK(e < 0.01);
    REQUIRE(r.update);
    const ReplayComparison c =
        compareReplay(test::bundledDataset("th-noise"), in.profile, r.updatedProfile);
    REQUIRE(c.nrmseBefore.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(c.nrmseBefore[i] > 1.0);
        CHECK(c.nrmseAfter[i] < 0.02);
    }
    CHECK(c.meanAfter < 0.02 * c.meanBefore);
}
