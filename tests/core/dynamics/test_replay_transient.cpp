// SPDX-License-Identifier: GPL-3.0-or-later
// A recorded impact replayed with its whole impulse and transient spectra (first-use issue #18,
// item 4): th-impulse is one 10 N sample at t = 0 (0.01 N·s at 1 kHz). A linear hold from rest
// keeps half that impulse, and a Hann-windowed Welch segment starting at the impulse gives it a
// force spectrum of ~1e-40 N²/Hz.
#include "dynamics/excitation.h"
#include "dynamics/replay.h"
#include "io/dataset_catalogue.h"
#include "io/dataset_library.h"
#include "io/replay_record.h"
#include "signal/spectral_plan.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace dtop;
using dynamics::SampleHold;

namespace {

dynamics::ReplayInput impulseReplay()
{
    auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR);
    REQUIRE(catalogue);
    auto read = io::loadDataset(&catalogue.value(), nullptr, "th-impulse");
    REQUIRE(read);
    dynamics::ReplayInput in;
    REQUIRE(io::fillReplayFromDataset(read.value(), in).empty());
    return in;
}

double peakAbs(const std::vector<double>& v)
{
    double p = 0.0;
    for (double x : v)
        p = std::max(p, std::abs(x));
    return p;
}

} // namespace

TEST_CASE("The automatic hold keeps a record's impulse", "[simulate][replay][hold]")
{
    const std::vector<double> impulse = {10.0, 0.0, 0.0, 0.0, 0.0};
    CHECK(dynamics::resolveSampleHold(SampleHold::Auto, impulse) == SampleHold::ZeroOrder);
    CHECK(dynamics::heldIntegralPerStep(SampleHold::Linear, impulse) == 5.0);
    CHECK(dynamics::heldIntegralPerStep(SampleHold::ZeroOrder, impulse) == 10.0);
    CHECK(dynamics::heldIntegralPerStep(SampleHold::Auto, impulse) == 10.0);
    // A record that starts and ends at rest: both holds keep ΣF, linear is kept.
    const std::vector<double> pulse = {0.0, 2.0, 4.0, 2.0, 0.0};
    CHECK(dynamics::resolveSampleHold(SampleHold::Auto, pulse) == SampleHold::Linear);
    CHECK(dynamics::heldIntegralPerStep(SampleHold::Linear, pulse) == 8.0);
    // A long random-like record whose end samples are a small part of Σ|F|: linear.
    std::vector<double> noise(1000);
    for (std::size_t i = 0; i < noise.size(); ++i)
        noise[i] = std::sin(0.37 * static_cast<double>(i)) + 0.5;
    CHECK(dynamics::resolveSampleHold(SampleHold::Auto, noise) == SampleHold::Linear);
    // An explicit choice is kept.
    CHECK(dynamics::resolveSampleHold(SampleHold::Linear, impulse) == SampleHold::Linear);
    SampleHold parsed = SampleHold::Linear;
    REQUIRE(dynamics::parseSampleHold("auto", parsed));
    CHECK(parsed == SampleHold::Auto);
    CHECK(std::string(dynamics::sampleHoldName(SampleHold::Auto)) == "auto");
}

TEST_CASE("Replay of the impulse record keeps its 0.01 N s and gives the force a flat spectrum",
          "[simulate][replay][hold]")
{
    const dynamics::ReplayInput in = impulseReplay();
    REQUIRE(in.forceHold == SampleHold::Auto);
    const dynamics::ReplayResult r = dynamics::runReplay(in);
    CHECK(r.forceHold == SampleHold::ZeroOrder);
    CHECK(r.recordImpulseNs == Approx(0.01).epsilon(1e-9));
    CHECK(r.heldImpulseNs == Approx(0.01).epsilon(1e-9));
    CHECK(r.transient);
    REQUIRE(r.notes.size() == 2);
    CHECK(r.notes[0].find("zero-order hold") != std::string::npos);
    CHECK(r.notes[1].find("Transient record") != std::string::npos);

    // One sample F0 at n = 0, rectangular window over the whole record of N samples: |X(f)| =
    // F0 at every frequency, so the one-sided PSD is 2·F0²/(fs·N) between DC and Nyquist.
    const double fs = 1000.0;
    const double n = static_cast<double>(in.timeS.size());
    const double expected = 2.0 * 10.0 * 10.0 / (fs * n);
    REQUIRE(r.forcePsd.density.size() > 100);
    for (std::size_t k = 1; k + 1 < r.forcePsd.density.size(); k += 997)
        CHECK(r.forcePsd.density[k] == Approx(expected).epsilon(1e-9));

    // Peaks of the simulated velocity now match the measured ones in size (floor 3 measured
    // 1.49 mm/s; the linear hold gave 0.76 mm/s, half).
    const double measured = peakAbs(in.measuredVelocityMS[2]);
    const double simulated = peakAbs(r.simulated.velocity[2]);
    CHECK(simulated / measured == Approx(1.0).margin(0.1));
}

TEST_CASE("An explicit linear hold of the impulse record is replayed with a warning",
          "[simulate][replay][hold]")
{
    dynamics::ReplayInput in = impulseReplay();
    in.forceHold = SampleHold::Linear;
    const dynamics::ReplayResult r = dynamics::runReplay(in);
    CHECK(r.forceHold == SampleHold::Linear);
    CHECK(r.heldImpulseNs == Approx(0.005).epsilon(1e-9));
    REQUIRE_FALSE(r.notes.empty());
    CHECK(r.notes[0].rfind("Warning: the linear hold gives the force an impulse of 0.005 N·s", 0) ==
          0);
    // The held impulse scales the response: half the impulse, half the peak.
    const dynamics::ReplayResult automatic = dynamics::runReplay(impulseReplay());
    CHECK(peakAbs(r.simulated.velocity[2]) / peakAbs(automatic.simulated.velocity[2]) ==
          Approx(0.5).margin(0.02));
}

TEST_CASE("Recorded noise is not treated as a transient", "[simulate][replay][hold]")
{
    std::vector<double> force(2000, 0.0);
    force[0] = 10.0;
    CHECK(signal::isTransientInput(force));
    for (std::size_t i = 0; i < force.size(); ++i)
        force[i] = std::cos(0.9 * static_cast<double>(i));
    CHECK_FALSE(signal::isTransientInput(force));
    CHECK_FALSE(signal::isTransientInput(std::vector<double>(100, 0.0)));
    const std::vector<double> w = signal::exponentialWindow(101);
    CHECK(w.front() == 1.0);
    CHECK(w.back() == Approx(0.01).epsilon(1e-12));
}
