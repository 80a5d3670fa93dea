// SPDX-License-Identifier: GPL-3.0-or-later
// Every validation message of the virtual test, and the replay of recorded tests.
#include "dynamics/replay.h"
#include "dynamics/simulate.h"
#include "io/time_series_csv.h"
#include "model/presets.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>

using namespace dtop;
using namespace dtop::dynamics;

namespace {
const double kNan = std::numeric_limits<double>::quiet_NaN();

struct Case {
    const char* what;
    std::function<void(SimulateInput&)> change;
    const char* field;
    const char* message;
};

void checkCases(const std::vector<Case>& cases)
{
    for (const auto& c : cases) {
        SimulateInput in;
        c.change(in);
        const InputIssues issues = in.validate();
        INFO(c.what);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].field == c.field);
        CHECK(issues[0].message == c.message);
        CHECK_THROWS_AS(runSimulate(in), std::invalid_argument);
    }
}

SampledSignal record(std::vector<double> t, std::vector<double> v)
{
    return {std::move(t), std::move(v), SampleHold::Linear};
}
} // namespace

TEST_CASE("The default input is valid and is the prototype's hammer test", "[simulate]")
{
    const SimulateInput in;
    CHECK(in.validate().empty());
    CHECK(in.profile.name == "southampton-lpm");
    CHECK(in.excitation.kind == ExcitationKind::Hammer);
    CHECK(in.excitation.hammer.peakN == 300.0);
    CHECK(in.excitation.hammer.centreS == 0.5);
    CHECK(in.excitation.hammer.widthS == 0.01);
    CHECK(in.excitation.floor == 1);
    CHECK(in.durationS == 5.0);
    CHECK(in.sampleRateHz == 2048.0);
    CHECK(in.grid().samples == 10241);
}

TEST_CASE("Every simulate validation message names the field, unit and value", "[simulate]")
{
    using K = ExcitationKind;
    checkCases({
        {"duration", [](auto& i) { i.durationS = -1; }, "duration", "duration must be > 0 s, got -1"},
        {"rate", [](auto& i) { i.sampleRateHz = kNan; }, "sample_rate",
         "sample rate must be > 0 Hz, got nan"},
        {"too few samples", [](auto& i) { i.durationS = 0.001; i.sampleRateHz = 100; }, "duration",
         "duration × sample rate must give at least 2 samples, got 0.001 s × 100 Hz"},
        {"too many samples", [](auto& i) { i.durationS = 1e5; i.sampleRateHz = 1e3; }, "duration",
         "duration × sample rate gives 100000001 samples per channel; at most 20000000 are allowed"},
        {"floor", [](auto& i) { i.excitation.floor = 0; }, "input_floor",
         "input floor must be between 1 and 3, got 0"},
        {"hammer peak", [](auto& i) { i.excitation.hammer.peakN = kNan; }, "hammer_peak",
         "hammer peak force must be a finite number of N, got nan"},
        {"hammer centre", [](auto& i) { i.excitation.hammer.centreS = -0.1; }, "hammer_centre",
         "hammer pulse centre time must be >= 0 s, got -0.1"},
        {"hammer width", [](auto& i) { i.excitation.hammer.widthS = 0; }, "hammer_width",
         "hammer pulse width sigma must be > 0 s, got 0"},
        {"halfsine peak", [](auto& i) { i.excitation.kind = K::HalfSine; i.excitation.halfSine.peakN = INFINITY; },
         "halfsine_peak", "half-sine peak force must be a finite number of N, got inf"},
        {"halfsine start", [](auto& i) { i.excitation.kind = K::HalfSine; i.excitation.halfSine.startS = -1; },
         "halfsine_start", "half-sine start time must be >= 0 s, got -1"},
        {"halfsine duration", [](auto& i) { i.excitation.kind = K::HalfSine; i.excitation.halfSine.durationS = 0; },
         "halfsine_duration", "half-sine duration must be > 0 s, got 0"},
        {"random rms", [](auto& i) { i.excitation.kind = K::Random; i.excitation.random.rmsN = -2; },
         "random_rms", "random force RMS must be >= 0 N, got -2"},
        {"random f1", [](auto& i) { i.excitation.kind = K::Random; i.excitation.random.bandLowHz = -1; },
         "random_f1", "random band lower edge f1 must be >= 0 Hz, got -1"},
        {"random f2 <= f1", [](auto& i) { i.excitation.kind = K::Random; i.excitation.random.bandHighHz = 1; },
         "random_f2", "random band upper edge f2 must be > f1 = 1 Hz, got 1"},
        {"random f2 > Nyquist", [](auto& i) { i.excitation.kind = K::Random; i.excitation.random.bandHighHz = 2000; },
         "random_f2", "random band upper edge f2 must be <= half the sample rate, 1024 Hz, got 2000"},
        {"random band without lines",
         [](auto& i) { i.excitation.kind = K::Random; i.durationS = 1; i.excitation.random.bandLowHz = 10.1; i.excitation.random.bandHighHz = 10.2; },
         "random_f2", "random band 10.1–10.2 Hz holds no spectral line of a 1 s record; widen the band or lengthen the duration"},
        {"sine amplitude", [](auto& i) { i.excitation.kind = K::Sine; i.excitation.sine.amplitudeN = kNan; },
         "sine_amplitude", "sine amplitude must be a finite number of N, got nan"},
        {"sine frequency", [](auto& i) { i.excitation.kind = K::Sine; i.excitation.sine.frequencyHz = 0; },
         "sine_frequency", "sine frequency must be > 0 Hz, got 0"},
        {"sine above Nyquist", [](auto& i) { i.excitation.kind = K::Sine; i.excitation.sine.frequencyHz = 1024; },
         "sine_frequency", "sine frequency must be < half the sample rate, 1024 Hz, got 1024"},
        {"sine phase", [](auto& i) { i.excitation.kind = K::Sine; i.excitation.sine.phaseRad = kNan; },
         "sine_phase", "sine phase must be a finite number of rad, got nan"},
        {"sweep amplitude", [](auto& i) { i.excitation.kind = K::Sweep; i.excitation.sweep.amplitudeN = kNan; },
         "sweep_amplitude", "sweep amplitude must be a finite number of N, got nan"},
        {"sweep f0", [](auto& i) { i.excitation.kind = K::Sweep; i.excitation.sweep.startHz = -3; },
         "sweep_f0", "sweep start frequency f0 must be > 0 Hz, got -3"},
        {"sweep f1", [](auto& i) { i.excitation.kind = K::Sweep; i.excitation.sweep.endHz = 5000; },
         "sweep_f1", "sweep end frequency f1 must be < half the sample rate, 1024 Hz, got 5000"},
        {"sweep start", [](auto& i) { i.excitation.kind = K::Sweep; i.excitation.sweep.startS = -1; },
         "sweep_start", "sweep start time must be >= 0 s, got -1"},
        {"sweep duration", [](auto& i) { i.excitation.kind = K::Sweep; i.excitation.sweep.durationS = 0; },
         "sweep_duration", "sweep duration must be > 0 s, got 0"},
        {"base record length", [](auto& i) { i.excitation.kind = K::BaseMotion; i.excitation.baseAcceleration = record({0}, {1}); },
         "base_record", "base acceleration record needs at least 2 samples, got 1"},
        {"base record sizes", [](auto& i) { i.excitation.kind = K::BaseMotion; i.excitation.baseAcceleration = record({0, 1}, {1}); },
         "base_record", "base acceleration record has 2 times but 1 values"},
        {"base record order", [](auto& i) { i.excitation.kind = K::BaseMotion; i.excitation.baseAcceleration = record({0, 1, 1}, {1, 2, 3}); },
         "base_record", "base acceleration record: times must increase strictly, sample 3 is at 1 s after 1 s"},
        {"base record time", [](auto& i) { i.excitation.kind = K::BaseMotion; i.excitation.baseAcceleration = record({0, kNan}, {1, 2}); },
         "base_record", "base acceleration record: time of sample 2 must be a finite number of s, got nan"},
        {"base record value", [](auto& i) { i.excitation.kind = K::BaseMotion; i.excitation.baseAcceleration = record({0, 1}, {1, INFINITY}); },
         "base_record", "base acceleration record: value of sample 2 must be a finite number of m/s², got inf"},
        {"force record", [](auto& i) { i.excitation.kind = K::RecordedForce; },
         "force_record", "force record needs at least 2 samples, got 0"},
        {"x0 length", [](auto& i) { i.initial.displacementM = {0.0}; }, "x0",
         "initial displacement needs 3 values (one per floor), got 1"},
        {"v0 value", [](auto& i) { i.initial.velocityMS = {0.0, kNan, 0.0}; }, "v0",
         "initial velocity of floor 2 must be a finite number of m/s, got nan"},
        {"exact on cbc", [](auto& i) { i.profile = *model::preset("cbc-demo"); i.integration.method = IntegrationMethod::Exact; },
         "integrator", "the exact integrator needs a linear profile; 'cbc-demo' has cubic storey springs, use auto or adaptive"},
        {"rtol", [](auto& i) { i.integration.relativeTolerance = 0; }, "rtol",
         "relative tolerance must be in (0, 1), got 0"},
        {"atol", [](auto& i) { i.integration.absoluteTolerance = -1; }, "atol",
         "absolute tolerance must be > 0 m, got -1"},
        {"scenarios", [](auto& i) { i.scenarios = 10001; }, "scenarios",
         "scenarios must be between 0 and 10000, got 10001"},
        {"kept", [](auto& i) { i.scenarios = 3; i.keptScenarios = 4; }, "keep_scenarios",
         "kept scenarios must be between 0 and 3 (the number of scenarios, at most 100), got 4"},
        {"mass distribution", [](auto& i) { i.scatter.mass.kind = uq::DistributionKind::Uniform; },
         "mass_distribution", "mass scatter distribution must be normal, truncated-normal or lognormal, got uniform"},
        {"mass cv", [](auto& i) { i.scatter.mass.spread = -0.1; }, "mass_spread",
         "mass coefficient of variation must be >= 0, got -0.1"},
        {"stiffness sd", [](auto& i) { i.scatter.stiffness.relative = false; i.scatter.stiffness.spread = -5; },
         "stiffness_spread", "stiffness standard deviation must be >= 0 N/m, got -5"},
        {"truncation", [](auto& i) { i.scatter.damping.kind = uq::DistributionKind::TruncatedNormal; i.scatter.damping.truncationSds = 0; },
         "damping_truncation", "damping truncation must be > 0 standard deviations, got 0"},
        {"damping scatter on Rayleigh", [](auto& i) { i.profile = *model::preset("southampton-design"); i.scatter.damping.spread = 0.1; },
         "damping_spread", "damping scatter needs storey dampers; profile 'southampton-design' uses Rayleigh damping"},
        {"x0 sd", [](auto& i) { i.scatter.initialDisplacementSdM = -1; }, "x0_sd",
         "initial displacement standard deviation must be >= 0 m, got -1"},
        {"v0 sd", [](auto& i) { i.scatter.initialVelocitySdMS = kNan; }, "v0_sd",
         "initial velocity standard deviation must be >= 0 m/s, got nan"},
        {"psd segment", [](auto& i) { i.welch.segmentLength = 20000; }, "psd_segment",
         "PSD segment length must not exceed the record's 10241 samples, got 20000"},
        {"psd overlap", [](auto& i) { i.welch.overlap = -0.5; }, "psd_overlap",
         "PSD overlap must be between 0 and 0.95 (a fraction of a segment), got -0.5"},
        {"too many steps", [](auto& i) { i.excitation.kind = K::Sine; i.excitation.sine.frequencyHz = 500; i.durationS = 2000; i.sampleRateHz = 1024; i.spectra = false; },
         "duration", "this test needs about 3143640655 integration steps (at most 2000000000); shorten the duration or use fewer scenarios"},
        // 9 channels × 409601 samples × (7 + 101 + 101) values of 8 bytes, plus the spectra's.
        {"memory", [](auto& i) { i.durationS = 200; i.scenarios = 2000; }, "scenarios",
         "the scenario statistics of 2000 scenarios × 409601 samples need 9246 MB (at most 2000 MB); reduce the scenarios, duration or sample rate"},
        {"non-physical draw", [](auto& i) { i.scenarios = 5; i.scatter.stiffness.spread = 2.0; },
         "stiffness_spread", "with seed 1, scenario 1 draws k1 = -91907.17179 N/m, which is not physical; use a truncated-normal or lognormal stiffness scatter or a smaller spread"},
    });
    // Profile problems come through unchanged.
    SimulateInput in;
    in.profile.masses[1] = -1;
    REQUIRE(in.validate().size() == 1);
    CHECK(in.validate()[0].message == "mass m2 must be > 0 kg, got -1");
}

TEST_CASE("Positive-support scatter never draws a non-physical structure", "[simulate]")
{
    SimulateInput in;
    in.scenarios = 500;
    in.scatter.stiffness.spread = 0.6;
    for (auto kind : {uq::DistributionKind::TruncatedNormal, uq::DistributionKind::LogNormal}) {
        in.scatter.stiffness.kind = kind;
        CHECK(in.validate().empty());
        for (const auto& s : drawScenarios(in))
            for (double k : s.stiffnesses)
                CHECK(k > 0.0);
    }
}

TEST_CASE("NRMSE is the RMS of the difference over the RMS of the measurement", "[simulate]")
{
    const std::vector<double> m = {1.0, -2.0, 3.0, -1.0};
    CHECK(nrmse(m, m) == 0.0);
    CHECK(nrmse({0, 0, 0, 0}, m) == 1.0);
    CHECK(nrmse({1.1, -2.2, 3.3, -1.1}, m) == Approx(0.1).epsilon(1e-12));
    CHECK(std::isnan(nrmse({1, 2}, m)));
    CHECK(std::isnan(nrmse({0, 0}, {0, 0})));
}

namespace {
// A synthetic "recorded test": the random force of a structure and its floor velocities at
// 1 kHz. (The prerecorded rig records arrive in data/ with the dataset catalogue; the lead's
// --record wiring replays those.)
ReplayInput syntheticRecord(const model::Profile& rig, double durationS)
{
    SimulateInput test;
    test.profile = rig;
    test.excitation.kind = ExcitationKind::Random;
    test.excitation.random = {2.0, 0.5, 200.0, false};
    test.durationS = durationS;
    test.sampleRateHz = 1000.0;
    test.spectra = false;
    const auto r = runSimulate(test);
    ReplayInput replay;
    replay.timeS = r.nominal.timeS;
    replay.forceN = r.nominal.excitation;
    replay.measuredVelocityMS = r.nominal.velocity;
    return replay;
}
} // namespace

TEST_CASE("Replay of a recorded test reproduces it when the twin is the rig", "[simulate]")
{
    const model::Profile rig = *model::preset("southampton-lpm");
    ReplayInput in = syntheticRecord(rig, 10.0);
    in.profile = rig;
    const auto same = runReplay(in);
    REQUIRE(same.nrmse.size() == 3);
    for (double e : same.nrmse)
        CHECK(e < 1e-12);
    CHECK(same.simulated.steps == in.timeS.size() - 1); // one step per sample: knots on the grid
    REQUIRE(same.measuredVelocityPsd.size() == 3);
    CHECK(same.measuredVelocityPsd[0].unit == "(m/s)²/Hz");
    CHECK(same.simulatedVelocityPsd[0].density == same.measuredVelocityPsd[0].density);
    CHECK(same.forcePsd.unit == "N²/Hz");
    CHECK(same.displayRange.maxHz == 50.0);

    // A twin 5 % too stiff no longer matches: the error is of order one.
    in.profile.stiffnesses = {rig.stiffnesses[0] * 1.05, rig.stiffnesses[1] * 1.05,
                              rig.stiffnesses[2] * 1.05};
    const auto off = runReplay(in);
    for (double e : off.nrmse)
        CHECK(e > 0.3);

    // Rounded record times (as in a CSV with 6 digits) still count as uniform.
    for (double& t : in.timeS)
        t = std::round(t * 1e6) / 1e6;
    CHECK(in.validate().empty());
}

TEST_CASE("Every replay validation message", "[simulate]")
{
    auto issuesOf = [](const std::function<void(ReplayInput&)>& change) {
        ReplayInput in;
        in.timeS = {0.0, 0.001, 0.002, 0.003};
        in.forceN = {1.0, 0.0, 0.0, 0.0};
        in.measuredVelocityMS = {{0.0, 1.0, 0.5, 0.1}};
        change(in);
        return in.validate();
    };
    CHECK(issuesOf([](auto&) {}).empty());
    auto single = [&](const std::function<void(ReplayInput&)>& change, const char* field,
                      const char* message) {
        const auto issues = issuesOf(change);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].field == field);
        CHECK(issues[0].message == message);
    };
    single([](auto& i) { i.timeS = {0.0}; i.forceN = {0.0}; i.measuredVelocityMS = {{1.0}}; },
           "record", "the record needs at least 2 samples, got 1");
    single([](auto& i) { i.timeS[2] = 0.001; }, "time",
           "record times must be finite and strictly increasing; sample 3 is at 0.001 s");
    single([](auto& i) { i.timeS[1] = 0.0012; }, "time",
           "record times must be uniformly spaced; sample 2 is at 0.0012 s instead of 0.001 s");
    single([](auto& i) { i.forceN.pop_back(); }, "force",
           "the force has 3 samples but the record has 4 times");
    single([](auto& i) { i.forceN[1] = kNan; }, "force",
           "force sample 2 must be a finite number of N, got nan");
    single([](auto& i) { i.forceFloor = 4; }, "force_floor",
           "force floor must be between 1 and 3, got 4");
    single([](auto& i) { i.measuredVelocityMS.clear(); }, "velocity",
           "the record needs measured velocities of 1 to 3 floors, got 0");
    single([](auto& i) { i.measuredVelocityMS[0].pop_back(); }, "velocity1",
           "measured velocity of floor 1 has 3 samples but the record has 4");
    single([](auto& i) { i.measuredVelocityMS[0][3] = INFINITY; }, "velocity1",
           "measured velocity of floor 1, sample 4 must be a finite number of m/s, got inf");
    single([](auto& i) { i.measuredVelocityMS[0] = {0, 0, 0, 0}; }, "velocity1",
           "measured velocity of floor 1 is zero throughout, so no error can be normalised by it");
    single([](auto& i) { i.profile = *model::preset("cbc-demo"); i.integration.method = IntegrationMethod::Exact; },
           "integrator", "the exact integrator needs a linear profile; 'cbc-demo' has cubic storey springs");
    single([](auto& i) { i.welch.segmentLength = 10; }, "psd_segment",
           "PSD segment length must not exceed the record's 4 samples, got 10");
    ReplayInput bad;
    CHECK_THROWS_AS(runReplay(bad), std::invalid_argument);
}

TEST_CASE("Two-column CSV reader: tolerant of BOM, CRLF, header, strict otherwise", "[simulate]")
{
    io::TimeSeries s;
    std::string error;
    REQUIRE(io::parseTimeSeriesCsv("\xEF\xBB\xBFtime_s,acceleration_m_s2\r\n0,1\r\n\r\n0.5,-2e-1\r\n",
                                   "a.csv", s, error));
    CHECK(s.timeS == std::vector<double>{0.0, 0.5});
    CHECK(s.values == std::vector<double>{1.0, -0.2});
    REQUIRE(io::parseTimeSeriesCsv("0,1\n1,2", "b.csv", s, error)); // no header, no final newline
    CHECK(s.timeS.size() == 2);
    const std::pair<const char*, const char*> bad[] = {
        {"t,a\n0,1\n1;2\n", "c.csv:3: expected two comma-separated numbers (time_s,value), got '1;2'"},
        {"t,a\n0,1\n1,x\n", "c.csv:3: expected two comma-separated numbers (time_s,value), got '1,x'"},
        {"t,a\n0,1\n1,2,3\n", "c.csv:3: expected two comma-separated numbers (time_s,value), got '1,2,3'"},
        {"t,a\n0,1\n1,nan\n", "c.csv:3: expected finite numbers, got '1,nan'"},
        {"t,a\n0,1\n0,2\n", "c.csv:3: time 0 s does not increase after 0 s"},
        {"t,a\n", "c.csv:1: expected at least 2 rows of time_s,value, found 0"},
        {"", "c.csv:0: expected at least 2 rows of time_s,value, found 0"},
        {"t,a\n0,1\n1,1e999\n", "c.csv:3: expected two comma-separated numbers (time_s,value), got '1,1e999'"},
    };
    for (const auto& [text, message] : bad) {
        CHECK_FALSE(io::parseTimeSeriesCsv(text, "c.csv", s, error));
        CHECK(error == message);
    }
    REQUIRE(io::readTimeSeriesCsv(test::testDataPath("simulate/ground_acceleration.csv"), s, error));
    CHECK(s.timeS.size() == 513);
    CHECK_FALSE(io::readTimeSeriesCsv(test::testDataPath("simulate/missing.csv"), s, error));
    CHECK_THAT(error, Catch::Contains("missing.csv"));
}
