// SPDX-License-Identifier: GPL-3.0-or-later
// Invalid inputs (prototype spec §3) and the JSON codec of the control tool.
#include "control/control.h"
#include "control/control_json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

using namespace dtop;

namespace {

bool hasIssue(const InputIssues& issues, const std::string& field)
{
    return std::any_of(issues.begin(), issues.end(),
                       [&](const InputIssue& i) { return i.field == field; });
}

control::ControlInput quick(control::Strategy s)
{
    control::ControlInput in;
    in.strategy = s;
    in.rootLocus = false;
    in.bestGain = false;
    return in;
}

} // namespace

TEST_CASE("Default control input is valid and is the prototype's", "[control]")
{
    const control::ControlInput in;
    CHECK(in.validate().empty());
    CHECK(in.profile.name == "southampton-design");
    CHECK(in.strategy == control::Strategy::Tmd);
    CHECK(in.gain == 5.0);
    CHECK(in.actuator.suspensionStiffnessNM == 1670.0);
}

TEST_CASE("Invalid control inputs are refused field by field and never crash", "[control]")
{
    struct Case {
        const char* field;
        void (*set)(control::ControlInput&);
    };
    const Case cases[] = {
        {"proof_mass", [](control::ControlInput& in) { in.actuator.proofMassKg = 0.0; }},
        {"suspension_stiffness",
         [](control::ControlInput& in) { in.actuator.suspensionStiffnessNM = 0.0; }},
        {"base_mass", [](control::ControlInput& in) { in.actuator.baseMassKg = -1.0; }},
        {"suspension_damping",
         [](control::ControlInput& in) { in.actuator.suspensionDampingNsM = std::numeric_limits<double>::quiet_NaN(); }},
        {"floor", [](control::ControlInput& in) { in.floor = 4; }},
        {"floor", [](control::ControlInput& in) { in.floor = 0; }},
        {"force_floor", [](control::ControlInput& in) { in.forceFloor = 4; }},
        {"gain", [](control::ControlInput& in) { in.gain = std::numeric_limits<double>::infinity(); }},
        {"force_factor",
         [](control::ControlInput& in) {
             in.strategy = control::Strategy::Dvf;
             in.actuator.forceFactorNA = 0.0;
         }},
        {"ec_target_hz", [](control::ControlInput& in) { in.compensator.targetHz = 0.0; }},
        {"ec_target_damping", [](control::ControlInput& in) { in.compensator.targetDamping = 0.0; }},
        {"ec_estimate_damping",
         [](control::ControlInput& in) { in.compensator.estimateDamping = -0.1; }},
        {"lqg_input_weight", [](control::ControlInput& in) { in.lqg.inputWeight = 0.0; }},
        {"tune",
         [](control::ControlInput& in) {
             in.strategy = control::Strategy::Dvf;
             in.tune = control::TmdTuning::DenHartog;
         }},
        {"band_step_hz", [](control::ControlInput& in) { in.band.stepHz = 1e-9; }},
        {"band_high_hz", [](control::ControlInput& in) { in.band.highHz = 0.5; }},
        {"legacy",
         [](control::ControlInput& in) {
             in.legacy = true;
             in.band.highHz = 50.0;
         }},
        {"root_locus_gains", [](control::ControlInput& in) { in.rootLocusGains = 1; }},
        {"time_duration",
         [](control::ControlInput& in) {
             in.timeDomain.enabled = true;
             in.timeDomain.durationS = -1.0;
         }},
    };
    for (const auto& c : cases) {
        control::ControlInput in;
        c.set(in);
        const InputIssues issues = in.validate();
        INFO("field " << c.field);
        CHECK(hasIssue(issues, c.field));
        for (const auto& issue : issues)
            CHECK_FALSE(issue.message.empty());
        CHECK_THROWS_AS(control::runControl(in), std::invalid_argument);
    }
    // Messages name the field, the unit and the bad value.
    control::ControlInput in;
    in.actuator.proofMassKg = 0.0;
    const auto issues = in.validate();
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].message == "proof mass must be > 0 and at most 1000000 kg, got 0");
}

TEST_CASE("Every strategy runs at every floor of the default rig", "[control]")
{
    for (auto s : {control::Strategy::None, control::Strategy::Tmd, control::Strategy::Dvf,
                   control::Strategy::DvfEc, control::Strategy::Lqg, control::Strategy::IdealDvf})
        for (int floor = 1; floor <= 3; ++floor) {
            control::ControlInput in = quick(s);
            in.floor = floor;
            in.forceFloor = 4 - floor;
            const auto r = control::runControl(in);
            INFO(control::strategyName(s) << " floor " << floor);
            CHECK(r.controlled.ke.size() == 9901);
            CHECK(std::isfinite(r.controlled.bandIntegral));
            CHECK(r.stable.has_value() == control::hasFeedback(s));
        }
}

TEST_CASE("Corrected LQG is stable and driven by the primary force", "[control]")
{
    const auto r = control::runControl(quick(control::Strategy::Lqg));
    REQUIRE(r.stable);
    CHECK(*r.stable);
    CHECK(r.gainUnit == "1");
    CHECK(r.lqrGain.size() == 8);
    CHECK(r.kalmanGain.size() == 8);
    REQUIRE(r.margins->gainMarginDb);
    CHECK(*r.margins->gainMarginDb > 0.0);
    CHECK(*r.keReductionDb > 10.0);
}

TEST_CASE("Control input JSON round-trips and names bad keys", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::DvfEc;
    in.floor = 2;
    in.forceFloor = 3;
    in.gain = 7.25;
    in.actuator.baseMassKg = 0.25;
    in.actuator.coilResistanceOhm = 4.0;
    in.compensator.targetHz = 2.0;
    in.compensator.estimateDamping = 0.05;
    in.tune = control::TmdTuning::None;
    in.legacy = true;
    in.lqg.stateWeight = 3.0;
    in.timeDomain.enabled = true;
    in.timeDomain.excitation.kind = dynamics::ExcitationKind::Random;
    in.timeDomain.excitation.random.rmsN = 2.5;
    in.timeDomain.seed = 42;
    in.rootLocusGains = 300;
    const nlohmann::json j = control::controlInputToJson(in);
    for (const char* key : {"strategy", "floor", "force_floor", "gain", "base_mass", "proof_mass",
                            "suspension_stiffness", "suspension_damping", "force_factor",
                            "coil_resistance", "ec_estimate_hz", "ec_estimate_damping",
                            "ec_target_hz", "ec_target_damping", "tune", "legacy"})
        CHECK(j.contains(key));
    CHECK(j["strategy"] == "dvf-ec");
    CHECK(j["ec_estimate_hz"].is_null());
    CHECK(j["ec_target_hz"] == 2.0);
    const control::ControlInput back = control::controlInputFromJson(j);
    CHECK(control::controlInputToJson(back) == j);
    CHECK(back.compensator.targetHz == 2.0);
    CHECK_FALSE(back.compensator.estimateHz);
    CHECK(back.timeDomain.excitation.random.rmsN == 2.5);
    CHECK(back.timeDomain.seed == 42u);

    // Missing keys keep defaults.
    const control::ControlInput partial = control::controlInputFromJson({{"strategy", "lqg"}});
    CHECK(partial.strategy == control::Strategy::Lqg);
    CHECK(partial.gain == 5.0);
    // Wrong types and unknown names throw, naming the key.
    auto message = [](const nlohmann::json& bad) {
        try {
            (void)control::controlInputFromJson(bad);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(message({{"strategy", "skyhook"}}).find("'strategy'") != std::string::npos);
    CHECK(message({{"gain", "5"}}).find("'gain'") != std::string::npos);
    CHECK(message({{"floor", 1.5}}).find("'floor'") != std::string::npos);
    CHECK(message({{"legacy", 1}}).find("'legacy'") != std::string::npos);
    CHECK(message({{"tune", "optimal"}}).find("'tune'") != std::string::npos);
    CHECK(message({{"ec_target_hz", "auto"}}).find("'ec_target_hz'") != std::string::npos);
    CHECK(message({{"excitation", {{"kind", "quake"}}}}).find("'excitation'") != std::string::npos);
    CHECK(message(nlohmann::json::array()).find("JSON object") != std::string::npos);
}

TEST_CASE("Control result JSON has the issue's keys and nulls what does not exist", "[control]")
{
    control::ControlInput in = quick(control::Strategy::Dvf);
    in.gain = 6.0; // unstable
    auto j = control::controlResultToJson(control::runControl(in));
    for (const char* key :
         {"stable", "critical_gain", "gain_margin_db", "phase_margin_deg", "closed_loop_poles",
          "ke_reduction_db", "ke_band_integral", "ke_exact_integral", "ke_peaks",
          "control_effort_w"})
        CHECK(j.contains(key));
    CHECK(j["stable"] == false);
    CHECK(j["ke_reduction_db"].is_null());
    CHECK(j["control_effort_w"].is_null());
    CHECK(j["gain_margin_db"].is_null());
    CHECK(j["ke_exact_integral"].is_null());
    CHECK(j["critical_gain"].get<double>() > 5.4);
    for (const auto& p : j["closed_loop_poles"]) {
        CHECK(p.contains("frequency_hz"));
        CHECK(p.contains("damping_ratio"));
    }
    for (const auto& p : j["ke_peaks"]) {
        CHECK(p.contains("frequency_hz"));
        CHECK(p.contains("ke_db"));
    }
    // Passive: no feedback, so stable and the margins are null; tuned object on request.
    control::ControlInput tmd = quick(control::Strategy::Tmd);
    tmd.tune = control::TmdTuning::DenHartog;
    j = control::controlResultToJson(control::runControl(tmd));
    CHECK(j["stable"].is_null());
    CHECK(j["critical_gain"].is_null());
    CHECK(j["control_effort_w"].is_null());
    CHECK(j["ke_reduction_db"].is_number());
    for (const char* key : {"proof_stiffness_n_m", "proof_damping_ns_m", "frequency_hz", "damping_ratio"})
        CHECK(j["tuned"][key].is_number());
    // The JSON text is valid (no NaN or infinity anywhere).
    const std::string text = j.dump();
    CHECK(text.find("nan") == std::string::npos);
    CHECK(text.find("inf") == std::string::npos);
}

TEST_CASE("Control result table has one row per frequency", "[control]")
{
    const auto r = control::runControl(quick(control::Strategy::Dvf));
    const auto t = control::controlResultTable(r);
    CHECK(t.rows() == 9901);
    CHECK(t.headers.front() == "frequency_hz");
    CHECK(std::find(t.headers.begin(), t.headers.end(), "floor3_abs") != t.headers.end());
    CHECK(std::find(t.headers.begin(), t.headers.end(), "effort_w") != t.headers.end());
}

TEST_CASE("Cancelling a control run throws Cancelled", "[control]")
{
    Progress progress;
    progress.cancel();
    CHECK_THROWS_AS(control::runControl(quick(control::Strategy::Dvf), progress), Cancelled);
}
