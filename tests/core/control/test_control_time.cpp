// SPDX-License-Identifier: GPL-3.0-or-later
// Time-domain response of the control tool against the `simulate` core and the FRF.
#include "control/control.h"
#include "dynamics/excitation_signal.h"
#include "dynamics/time_response.h"
#include "rig_model.h"
#include "uq/seed_streams.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace dtop;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

double peakOf(const std::vector<double>& v, std::size_t from = 0)
{
    double p = 0.0;
    for (std::size_t k = from; k < v.size(); ++k)
        p = std::max(p, std::abs(v[k]));
    return p;
}

void checkSame(const std::vector<double>& a, const std::vector<double>& b)
{
    REQUIRE(a.size() == b.size());
    const double scale = peakOf(b);
    double worst = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k)
        worst = std::max(worst, std::abs(a[k] - b[k]));
    CHECK(worst <= 1e-9 * scale);
}

} // namespace

TEST_CASE("Uncontrolled time response equals the simulate core under a hammer blow", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::Dvf;
    in.forceFloor = 2;
    in.rootLocus = false;
    in.bestGain = false;
    in.timeDomain.enabled = true;
    in.timeDomain.durationS = 2.0;
    in.timeDomain.sampleRateHz = 512.0;
    const auto r = control::runControl(in);
    REQUIRE(r.timeResponse);
    const auto& t = *r.timeResponse;

    const dynamics::ShearBuilding b(in.profile);
    const auto grid = dynamics::TimeGrid::fromDuration(2.0, 512.0);
    dynamics::Excitation e = in.timeDomain.excitation;
    e.floor = 2;
    const dynamics::ExcitationSignal signal(e, grid, uq::deriveSeed(1, 2, 0));
    dynamics::IntegrationOptions exact;
    exact.method = dynamics::IntegrationMethod::Exact;
    const auto sim = dynamics::simulateResponse(b, signal, grid, {}, exact);
    checkSame(t.excitation, sim.excitation);
    for (std::size_t i = 0; i < 3; ++i) {
        std::vector<double> drift(sim.displacement[i]);
        if (i > 0)
            for (std::size_t k = 0; k < drift.size(); ++k)
                drift[k] -= sim.displacement[i - 1][k];
        checkSame(t.uncontrolled.driftM[i], drift);
        checkSame(t.uncontrolled.accelerationMS2[i], sim.acceleration[i]);
        CHECK_THAT(t.uncontrolled.indices.peakDriftM[i], WithinRel(peakOf(drift), 1e-12));
    }
    CHECK(t.uncontrolled.currentA.empty());
    CHECK(t.uncontrolled.strokeM.empty());
    // The DVF (stable at h = 5) lowers the peak top-floor acceleration and drives a current.
    CHECK_FALSE(t.controlled.diverging);
    CHECK(t.controlled.indices.rmsAccelerationMS2[2] < t.uncontrolled.indices.rmsAccelerationMS2[2]);
    CHECK(t.controlled.indices.peakCurrentA > 0.0);
    CHECK(t.controlled.indices.peakStrokeM > 0.0);
}

TEST_CASE("Uncontrolled time response equals the simulate core under ground motion", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::IdealDvf;
    in.gain = 20.0;
    in.rootLocus = false;
    in.bestGain = false;
    in.timeDomain.enabled = true;
    in.timeDomain.durationS = 3.0;
    in.timeDomain.sampleRateHz = 500.0;
    auto& e = in.timeDomain.excitation;
    e.kind = dynamics::ExcitationKind::BaseMotion;
    for (int k = 0; k <= 2000; ++k) {
        const double t = k * 1e-3;
        e.baseAcceleration.timeS.push_back(t);
        e.baseAcceleration.values.push_back(3.0 * std::sin(kTwoPi * 5.0 * t) * std::exp(-t));
    }
    const auto r = control::runControl(in);
    const auto& t = *r.timeResponse;
    CHECK(t.excitationUnit == std::string("m/s²"));
    const dynamics::ShearBuilding b(in.profile);
    const auto grid = dynamics::TimeGrid::fromDuration(3.0, 500.0);
    const dynamics::ExcitationSignal signal(e, grid, 1);
    dynamics::IntegrationOptions exact;
    exact.method = dynamics::IntegrationMethod::Exact;
    const auto sim = dynamics::simulateResponse(b, signal, grid, {}, exact);
    for (std::size_t i = 0; i < 3; ++i)
        checkSame(t.uncontrolled.accelerationMS2[i], sim.absoluteAcceleration[i]);
    // Skyhook damping on absolute velocity lowers the response after the record ends.
    CHECK(t.controlled.indices.rmsDriftM[0] < t.uncontrolled.indices.rmsDriftM[0]);
}

TEST_CASE("Controlled steady-state sine response matches the closed-loop FRF", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::Dvf;
    in.gain = 3.0;
    in.rootLocus = false;
    in.bestGain = false;
    in.timeDomain.enabled = true;
    in.timeDomain.durationS = 24.0;
    in.timeDomain.sampleRateHz = 2000.0;
    auto& e = in.timeDomain.excitation;
    e.kind = dynamics::ExcitationKind::Sine;
    e.sine.amplitudeN = 10.0;
    e.sine.frequencyHz = 10.0;
    const auto r = control::runControl(in);
    const auto& t = *r.timeResponse;
    const test::RigModel rig(1);
    const double w = kTwoPi * 10.0;
    const Eigen::Vector4cd v = rig.velocity(w, 3.0 * 10.0);
    const std::size_t last = t.timeS.size() - 2001; // the last second
    // Absolute acceleration of floor 3: 10 N · ω|v₃|; current: 10 N · h|v₁|.
    CHECK_THAT(peakOf(t.controlled.accelerationMS2[2], last), WithinRel(10.0 * w * std::abs(v[2]), 2e-3));
    CHECK_THAT(peakOf(t.controlled.currentA, last), WithinRel(10.0 * 3.0 * std::abs(v[0]), 2e-3));
    // Stroke: 10 N · |v_p − v₁|/ω.
    CHECK_THAT(peakOf(t.controlled.strokeM, last), WithinRel(10.0 * std::abs(v[3] - v[0]) / w, 2e-3));
}

TEST_CASE("An unstable design's time response is flagged as diverging", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::Dvf;
    in.gain = 8.0;
    in.rootLocus = false;
    in.bestGain = false;
    in.timeDomain.enabled = true;
    in.timeDomain.durationS = 1.0;
    in.timeDomain.sampleRateHz = 256.0;
    const auto r = control::runControl(in);
    CHECK(r.timeResponse->controlled.diverging);
    CHECK_FALSE(r.timeResponse->uncontrolled.diverging);
}
