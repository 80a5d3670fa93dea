// SPDX-License-Identifier: GPL-3.0-or-later
// Profile diff and twin history (docs/tools/profiles.md).
#include "crossval/profile_diff.h"
#include "crossval/profile_diff_json.h"
#include "crossval/profile_history.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace dtop;
using namespace dtop::crossval;

namespace {
const ParameterChange& field(const ProfileDiff& d, const std::string& name)
{
    for (const auto& c : d.parameters)
        if (c.field == name)
            return c;
    throw std::runtime_error("no field " + name);
}
bool hasField(const ProfileDiff& d, const std::string& name)
{
    for (const auto& c : d.parameters)
        if (c.field == name)
            return true;
    return false;
}
} // namespace

TEST_CASE("Diff of two versions after an edit of one stiffness", "[profiles]")
{
    const model::Profile v1 = *model::preset("southampton-lpm");
    model::Profile v2 = v1;
    v2.stiffnesses[1] *= 1.1;
    const ProfileDiff d = diffProfiles(v1, v2);
    CHECK(d.changedParameters == 1);
    CHECK_FALSE(d.identical());
    const ParameterChange& k2 = field(d, "k2");
    CHECK(k2.changed);
    CHECK(k2.unit == "N/m");
    CHECK(*k2.oldValue == 43195.1237);
    CHECK(*k2.newValue == 43195.1237 * 1.1);
    CHECK(k2.relativeChangePct == Approx(10.0).epsilon(1e-12));
    for (const char* name :
         {"name", "storeys", "m1", "m2", "m3", "k1", "k3", "c1", "c2", "c3", "damping_model"})
        CHECK_FALSE(field(d, name).changed);
    CHECK_FALSE(hasField(d, "kc1"));
    CHECK_FALSE(hasField(d, "rayleigh_alpha"));
    // Modes of both versions (numpy state-space eigenvalues for the edited one).
    REQUIRE(d.modes.size() == 3);
    const double oldF[3] = {6.20357731, 17.80020243, 26.40217249};
    const double newF[3] = {6.289749259233, 17.933575487867, 27.108340319188};
    const double newZ[3] = {0.00350602756, 0.008425846792, 0.00938168517};
    for (int r = 0; r < 3; ++r) {
        CHECK(d.modes[r].mode == r + 1);
        CHECK(*d.modes[r].oldFrequencyHz == Approx(oldF[r]).epsilon(1e-8));
        CHECK(*d.modes[r].newFrequencyHz == Approx(newF[r]).epsilon(1e-10));
        CHECK(*d.modes[r].newDampingRatio == Approx(newZ[r]).epsilon(1e-8));
        CHECK(d.modes[r].frequencyChangePct ==
              Approx(100.0 * (newF[r] - oldF[r]) / oldF[r]).epsilon(1e-6));
    }
    CHECK(diffProfiles(v1, v1).identical());
}

TEST_CASE("Diff across storey counts and damping models lists what each side lacks", "[profiles]")
{
    model::Profile a = *model::preset("southampton-lpm");
    model::Profile b = *model::preset("southampton-design"); // Rayleigh from a ratio
    b.masses.pop_back();
    b.stiffnesses.pop_back();
    b.targetModeB = 2;
    const ProfileDiff d = diffProfiles(a, b);
    CHECK(field(d, "storeys").changed);
    CHECK(*field(d, "storeys").oldValue == 3.0);
    CHECK(*field(d, "storeys").newValue == 2.0);
    const ParameterChange& m3 = field(d, "m3");
    CHECK(m3.oldValue.has_value());
    CHECK_FALSE(m3.newValue.has_value());
    CHECK(m3.changed);
    CHECK(std::isnan(m3.relativeChangePct));
    const ParameterChange& c1 = field(d, "c1");
    CHECK(c1.oldValue.has_value());
    CHECK_FALSE(c1.newValue.has_value());
    CHECK(field(d, "damping_model").oldText == "dampers");
    CHECK(field(d, "damping_model").newText == "rayleigh-ratio");
    CHECK_FALSE(field(d, "damping_ratio").oldValue.has_value());
    CHECK(*field(d, "damping_ratio").newValue == 0.002);
    REQUIRE(d.modes.size() == 3);
    CHECK(d.modes[2].oldFrequencyHz.has_value());
    CHECK_FALSE(d.modes[2].newFrequencyHz.has_value());
    CHECK(std::isnan(d.modes[2].frequencyChangePct));
    // The profile with the ratio gets exactly that ratio on its first mode.
    CHECK(*d.modes[0].newDampingRatio == Approx(0.002).epsilon(1e-9));

    const nlohmann::json j = profileDiffToJson(d);
    CHECK(j["changed_parameters"] == d.changedParameters);
    bool sawM3 = false;
    for (const auto& p : j["parameters"]) {
        if (p["field"] == "m3") {
            sawM3 = true;
            CHECK(p["old"] == 4.9693);
            CHECK(p["new"].is_null());
            CHECK(p["unit"] == "kg");
            CHECK(p["changed"] == true);
        }
        if (p["field"] == "damping_model")
            CHECK(p["new"] == "rayleigh-ratio");
    }
    CHECK(sawM3);
    CHECK(j["modes"].size() == 3);
    CHECK(j["modes"][2]["new_frequency_hz"].is_null());
    CHECK(j["modes"][0]["old_frequency_hz"].get<double>() == Approx(6.20357731).epsilon(1e-8));
}

TEST_CASE("Diff refuses an invalid profile and compares cubic springs", "[profiles]")
{
    model::Profile a = *model::preset("cbc-demo");
    model::Profile b = a;
    b.cubicStiffnesses = {};
    const ProfileDiff d = diffProfiles(a, b);
    CHECK(*field(d, "kc1").oldValue == 200.0);
    CHECK(*field(d, "kc1").newValue == 0.0);
    CHECK(d.changedParameters == 1);
    b.masses[0] = -1.0;
    CHECK_THROWS_WITH(diffProfiles(a, b), Catch::Contains("new profile 'cbc-demo'"));
    CHECK(checkProfilesForDiff(b, a).front().field.rfind("old.", 0) == 0);
}

TEST_CASE("Twin history lists versions with provenance and the evolution of each mode",
          "[profiles]")
{
    std::vector<io::ProfileVersion> versions(3);
    model::Profile p = *model::preset("southampton-lpm");
    p.name = "rig";
    versions[2].profile = p;
    versions[2].version = 1;
    versions[2].note = "saved from the preset southampton-lpm";
    versions[0].profile = p;
    versions[0].profile.stiffnesses[1] *= 1.1;
    versions[0].version = 2;
    versions[0].note = "identified from dataset southampton-exp-force1";
    versions[1].profile = versions[0].profile;
    versions[1].profile.masses = {5.0, 5.0, 5.0};
    versions[1].version = 3;
    versions[1].note = "edited m1..m3";
    const ProfileHistory h = summariseHistory(versions);
    CHECK(h.name == "rig");
    REQUIRE(h.versions.size() == 3);
    CHECK(h.versions[0].version == 1);
    CHECK(h.versions[0].provenance == ProvenanceKind::Preset);
    CHECK(h.versions[1].provenance == ProvenanceKind::Identified);
    CHECK(h.versions[2].provenance == ProvenanceKind::Edited);
    CHECK(h.versions[0].changedParameters == 0);
    CHECK(h.versions[1].changedParameters == 1);
    CHECK(h.versions[2].changedParameters == 3);
    REQUIRE(h.modeFrequenciesHz.size() == 3);
    CHECK(h.modeFrequenciesHz[0][0] == Approx(6.20357731).epsilon(1e-8));
    CHECK(h.modeFrequenciesHz[0][1] == Approx(6.289749259233).epsilon(1e-10));
    CHECK(h.modeFrequenciesHz[2][1] == Approx(27.108340319188).epsilon(1e-10));
    CHECK(classifyProvenance("", "Condensed from the frame FE model") ==
          ProvenanceKind::FeCondensation);
    CHECK(classifyProvenance("Imported from x.json", "") == ProvenanceKind::Imported);
    const nlohmann::json j = profileHistoryToJson(h);
    CHECK(j["versions"][1]["provenance"] == "identified");
    CHECK(j["mode_frequencies_hz"].size() == 3);
    versions[1].profile.name = "other";
    CHECK_THROWS_AS(summariseHistory(versions), std::invalid_argument);
}
