// SPDX-License-Identifier: GPL-3.0-or-later
// Whole numbers in input JSON beyond the range of the field are refused by name, never wrapped
// into an acceptable value (2^32 + 3 must not become 3).
#include "identification/identify_json.h"
#include "io/profile_json.h"
#include "model/presets.h"
#include "nonlinear/nonlinear_json.h"

#include <catch2/catch.hpp>

using namespace dtop;
using nlohmann::json;

TEST_CASE("Profile JSON refuses Rayleigh mode numbers beyond any mode count", "[json][profile]")
{
    json j = io::profileToJson(*model::preset("southampton-lpm"));
    j["damping"] = {{"model", "rayleigh-ratio"}, {"ratio", 0.02}, {"modes", {4294967297LL, 2}}};
    InputIssues issues;
    CHECK_FALSE(io::profileFromJson(j, issues));
    REQUIRE_FALSE(issues.empty());
    CHECK(issues.front().field == "modes");
    CHECK_THAT(issues.front().message, Catch::Contains("4294967297"));

    j["damping"]["modes"] = {1, 2};
    InputIssues none;
    CHECK(io::profileFromJson(j, none));
    CHECK(none.empty());
}

TEST_CASE("Tool input JSON refuses integers beyond int by name", "[json]")
{
    CHECK_THROWS_WITH(nonlinear::nonlinearInputFromJson(json{{"harmonics", 4294967299LL}}),
                      Catch::Contains("harmonics"));
    CHECK_THROWS_WITH(nonlinear::nonlinearInputFromJson(json{{"mode", -4294967295LL}}),
                      Catch::Contains("mode"));
    CHECK(nonlinear::nonlinearInputFromJson(json{{"harmonics", 5}}).harmonics == 5);
    const json picks = {{"picks", {{{"order", 1000000000000LL}, {"frequency_hz", 3.0}}}}};
    CHECK_THROWS_WITH(identification::identifyInputFromJson(picks), Catch::Contains("picks"));
}
