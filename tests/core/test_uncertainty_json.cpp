// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/profile_json.h"
#include "io/uncertainty_json.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace dtop;
using namespace dtop::uq;
using nlohmann::json;

namespace {
// Field-by-field equality, exact (no tolerance): the round trip must not change one bit.
void requireSame(const UncertaintyInput& a, const UncertaintyInput& b)
{
    CHECK(io::profileToJson(a.profile) == io::profileToJson(b.profile));
    REQUIRE(a.parameters.size() == b.parameters.size());
    for (std::size_t i = 0; i < a.parameters.size(); ++i) {
        INFO("parameter " << i);
        CHECK(a.parameters[i].form == b.parameters[i].form);
        CHECK(a.parameters[i].shape == b.parameters[i].shape);
        if (a.parameters[i].form == ParameterSpread::Form::RelativePercent) {
            CHECK(a.parameters[i].percent == b.parameters[i].percent);
        } else {
            CHECK(a.parameters[i].lower == b.parameters[i].lower);
            CHECK(a.parameters[i].upper == b.parameters[i].upper);
        }
    }
    CHECK(a.scaleAll == b.scaleAll);
    CHECK(a.sdsPerHalfWidth == b.sdsPerHalfWidth);
    CHECK(a.inputFloor == b.inputFloor);
    CHECK(a.quantity == b.quantity);
    CHECK(a.gridMode == b.gridMode);
    if (a.gridMode == UqGridMode::Explicit) {
        CHECK(a.frequenciesHz == b.frequenciesHz);
    } else {
        CHECK(a.fminHz == b.fminHz);
        CHECK(a.fmaxHz == b.fmaxHz);
        CHECK(a.points == b.points);
    }
    CHECK(a.methods == b.methods);
    CHECK(a.sampling == b.sampling);
    CHECK(a.samples == b.samples);
    CHECK(a.seed == b.seed);
    CHECK(a.percentiles == b.percentiles);
    CHECK(a.maxVertices == b.maxVertices);
    CHECK(a.verifiedTolerance == b.verifiedTolerance);
    CHECK(a.maxBoxesPerBound == b.maxBoxesPerBound);
}

void requireRoundTrip(const UncertaintyInput& input)
{
    REQUIRE(input.validate().empty());
    const json j = io::uncertaintyInputToJson(input);
    InputIssues issues;
    // Through text as well: what a report file holds.
    const auto back = io::uncertaintyInputFromJson(json::parse(j.dump()), issues);
    REQUIRE(issues.empty());
    REQUIRE(back);
    requireSame(input, *back);
    CHECK(io::uncertaintyInputToJson(*back) == j);
}
} // namespace

TEST_CASE("Uncertainty input JSON: the default input round-trips exactly", "[uncertainty][json]")
{
    const UncertaintyInput input;
    requireRoundTrip(input);
    const json j = io::uncertaintyInputToJson(input);
    CHECK(j["parameters"][0]["percent"] == 10.0);
    CHECK(!j["parameters"][0].contains("interval"));
}

TEST_CASE("Uncertainty input JSON: every field set away from its default round-trips exactly",
          "[uncertainty][json]")
{
    UncertaintyInput input;
    input.profile = *model::preset("southampton-lpm");
    input.setUniformSpread(7.3);
    input.parameters[1] = ParameterSpread::relative(0.0);
    input.parameters[4] = ParameterSpread::interval(4.1e4 * 0.9, 4.5e4, SpreadShape::Normal);
    input.parameters[4].lower = input.profile.stiffnesses[1] * (1.0 - 1.0 / 3.0);
    input.parameters[4].upper = input.profile.stiffnesses[1] * (1.0 + 0.1 / 7.0);
    input.parameters[8].shape = SpreadShape::LogNormal;
    input.scaleAll = 0.1 + 0.2; // not exactly 0.3
    input.sdsPerHalfWidth = 2.5;
    input.inputFloor = 3;
    input.quantity = dynamics::FrfQuantity::Accelerance;
    input.gridMode = UqGridMode::Linear;
    input.fminHz = 1.0 / 3.0;
    input.fmaxHz = 41.7;
    input.points = 123;
    input.methods = {UqMethod::Optimised, UqMethod::Cartesian, UqMethod::Sampled};
    input.sampling = SamplingMethod::LatinHypercube;
    input.samples = 777;
    input.seed = std::numeric_limits<std::uint64_t>::max();
    input.percentiles = {2.5, 97.5};
    input.maxVertices = 33;
    input.verifiedTolerance = 0.0123;
    input.maxBoxesPerBound = 42;
    requireRoundTrip(input);

    const json j = io::uncertaintyInputToJson(input);
    CHECK(j["parameters"][4]["interval"][0] == input.parameters[4].lower);
    // The effective interval is scaled about the nominal value.
    const double k2 = input.profile.stiffnesses[1];
    CHECK(j["parameters"][4]["lower"].get<double>() ==
          Approx(k2 - (k2 - input.parameters[4].lower) * input.scaleAll));

    input.gridMode = UqGridMode::Explicit;
    input.frequenciesHz = {0.0, 1.0 / 7.0, 6.3, 17.95};
    requireRoundTrip(input);
}

TEST_CASE("Uncertainty input JSON: missing keys keep their values", "[uncertainty][json]")
{
    UncertaintyInput input;
    input.samples = 99;
    InputIssues issues;
    io::readUncertaintyInput(json{{"seed", 7}, {"fmax_hz", 30.5}}, input, issues);
    CHECK(issues.empty());
    CHECK(input.seed == 7);
    CHECK(input.fmaxHz == 30.5);
    CHECK(input.samples == 99);
    CHECK(input.parameters.size() == 9);

    // A four-storey profile resets the spreads to ±10 % of its 12 parameters.
    model::Profile four = *model::preset("southampton-lpm");
    four.masses.push_back(5.0);
    four.stiffnesses.push_back(4e4);
    four.dampers.push_back(5.0);
    io::readUncertaintyInput(json{{"profile", io::profileToJson(four)}}, input, issues);
    CHECK(issues.empty());
    REQUIRE(input.parameters.size() == 12);
    CHECK(input.parameters[11].percent == 10.0);
    CHECK(input.validate().empty());

    // lower/upper alone are read as an explicit interval.
    json p = json::array();
    for (int i = 0; i < 12; ++i)
        p.push_back({{"percent", 5}});
    p[0] = {{"name", "m1"}, {"lower", 4.0}, {"upper", 6.0}};
    io::readUncertaintyInput(json{{"parameters", p}}, input, issues);
    CHECK(issues.empty());
    CHECK(input.parameters[0].form == ParameterSpread::Form::Explicit);
    CHECK(input.parameters[0].lower == 4.0);
    CHECK(input.parameters[1].percent == 5.0);
}

TEST_CASE("Uncertainty input JSON: malformed keys are named and leave the field alone",
          "[uncertainty][json]")
{
    auto issuesOf = [](const json& j) {
        UncertaintyInput input;
        InputIssues issues;
        io::readUncertaintyInput(j, input, issues);
        return issues;
    };
    auto firstField = [&](const json& j) {
        const auto issues = issuesOf(j);
        return issues.empty() ? std::string() : issues.front().field;
    };
    CHECK(firstField(json{{"samples", -3}}) == "samples");
    CHECK(firstField(json{{"samples", 2.5}}) == "samples");
    CHECK(firstField(json{{"seed", "one"}}) == "seed");
    CHECK(firstField(json{{"methods", {"sampled", "exact"}}}) == "methods");
    CHECK(firstField(json{{"quantity", "velocity"}}) == "quantity");
    CHECK(firstField(json{{"grid", "log"}}) == "grid");
    CHECK(firstField(json{{"fmin_hz", "5"}}) == "fmin_hz");
    CHECK(firstField(json{{"frequencies_hz", {1, "x"}}}) == "frequencies_hz");
    CHECK(firstField(json{{"parameters", json::array({{{"percent", 1}}})}}) == "parameters");
    json wrongName = json::array();
    for (int i = 0; i < 9; ++i)
        wrongName.push_back({{"percent", 1}});
    wrongName[3]["name"] = "m4";
    CHECK(firstField(json{{"parameters", wrongName}}) == "parameters");
    CHECK(firstField(json{{"profile", {{"name", "x"}}}}) == "masses_kg");
    CHECK(firstField(json::array()) == "input");
    CHECK(issuesOf(json{{"samples", -3}}).front().message.find("'samples'") != std::string::npos);

    UncertaintyInput input;
    InputIssues issues;
    io::readUncertaintyInput(json{{"samples", -3}, {"seed", 9}}, input, issues);
    CHECK(input.samples == UncertaintyInput().samples);
    CHECK(input.seed == 9);
    CHECK(!io::uncertaintyInputFromJson(json{{"samples", -3}}, issues));
}
