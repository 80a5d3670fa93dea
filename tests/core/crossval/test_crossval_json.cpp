// SPDX-License-Identifier: GPL-3.0-or-later
// The crossval JSON codec: the key names, input round trip and bad keys.
#include "crossval/crossval_json.h"
#include "crossval_test_support.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace dtop;
using namespace dtop::crossval;

TEST_CASE("Cross-validation input round trips through JSON with the command-line key names",
          "[crossval]")
{
    CrossvalInput in;
    in.reference =
        CrossvalSource::fromDataset(dtop::test::bundledDataset("southampton-exp-force1"));
    in.candidates = {
        CrossvalSource::fromProfile(*model::preset("southampton-lpm"), "profile:southampton-lpm@3"),
        CrossvalSource::unresolved("swansea-exp-db")};
    in.bandLoHz = 3.5;
    in.bandHiHz = 35.25;
    in.inputFloor = 1;
    in.quantity = dynamics::FrfQuantity::Mobility;
    in.responseFloors = {1, 3};
    in.fdacPoints = 50;
    const nlohmann::json j = crossvalInputToJson(in);
    CHECK(j["reference"] == "southampton-exp-force1");
    CHECK(j["candidates"] == nlohmann::json({"profile:southampton-lpm@3", "swansea-exp-db"}));
    CHECK(j["band_hz"] == nlohmann::json({3.5, 35.25}));
    CHECK(j["input_floor"] == 1);
    CHECK(j["quantity"] == "mobility");
    const CrossvalInput back = crossvalInputFromJson(j);
    CHECK(back.reference.name == "southampton-exp-force1");
    CHECK_FALSE(back.reference.isLoaded());
    REQUIRE(back.candidates.size() == 2);
    CHECK(back.candidates[0].name == "profile:southampton-lpm@3");
    CHECK(back.bandLoHz == 3.5);
    CHECK(back.bandHiHz == 35.25);
    CHECK(back.quantity == dynamics::FrfQuantity::Mobility);
    CHECK(back.responseFloors == std::vector<int>{1, 3});
    CHECK(back.fdacPoints == 50);
    CHECK(crossvalInputToJson(back) == j);
    // Missing keys keep the defaults; null quantity = from the sources.
    const CrossvalInput defaults = crossvalInputFromJson({{"quantity", nullptr}});
    CHECK(defaults.bandLoHz == 2.0);
    CHECK(defaults.bandHiHz == 40.0);
    CHECK_FALSE(defaults.quantity.has_value());
}

TEST_CASE("Cross-validation JSON input refuses wrong types naming the key", "[crossval]")
{
    using nlohmann::json;
    CHECK_THROWS_WITH(crossvalInputFromJson({{"band_hz", {1.0}}}), Catch::Contains("'band_hz'"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"band_hz", "2,40"}}), Catch::Contains("'band_hz'"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"quantity", "velocity"}}),
                      Catch::Contains("'quantity'") && Catch::Contains("velocity"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"input_floor", 2.5}}),
                      Catch::Contains("'input_floor'"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"input_floor", 99}}),
                      Catch::Contains("'input_floor'") && Catch::Contains("got 99"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"candidates", "a"}}),
                      Catch::Contains("'candidates'"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"candidates", {1, 2}}}),
                      Catch::Contains("'candidates'"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"reference", 3}}), Catch::Contains("'reference'"));
    CHECK_THROWS_WITH(crossvalInputFromJson({{"min_prominence_db", -1}}),
                      Catch::Contains("'min_prominence_db'"));
    CHECK_THROWS_AS(crossvalInputFromJson(json::array()), std::invalid_argument);
}

TEST_CASE("Cross-validation JSON result carries the issue's keys", "[crossval]")
{
    CrossvalInput in;
    in.reference =
        CrossvalSource::fromDataset(dtop::test::bundledDataset("southampton-exp-force1"));
    in.candidates = {CrossvalSource::fromProfile(*model::preset("southampton-lpm")),
                     CrossvalSource::fromDataset(dtop::test::bundledDataset("southampton-exp-db"))};
    in.fdacPoints = 20;
    const CrossvalResult r = runCrossval(in);
    const nlohmann::json j = crossvalResultToJson(r);
    REQUIRE(j["pairs"].size() == 2);
    const auto& p = j["pairs"][0];
    CHECK(p["candidate"] == "profile:southampton-lpm");
    REQUIRE(p["responses"].size() == 3);
    for (int i = 0; i < 3; ++i) {
        const auto& resp = p["responses"][i];
        CHECK(resp["floor"] == i + 1);
        CHECK(resp["frac"].get<double>() == r.pairs[0].responses[i].frac);
        CHECK(resp["frac_basis"] == "complex");
        CHECK(resp["rms_db_difference"].is_number());
    }
    CHECK(j["pairs"][1]["responses"][0]["frac_basis"] == "magnitude");
    CHECK(p["frequency_hz"].size() == r.pairs[0].frequencyHz.size());
    CHECK(p["csac"].size() == p["frequency_hz"].size());
    CHECK(p["csf"].size() == p["frequency_hz"].size());
    REQUIRE(p["modes"].size() == 3);
    const auto& m = p["modes"][0];
    for (const char* key : {"reference_frequency_hz", "candidate_frequency_hz",
                            "frequency_error_pct", "mac", "damping_difference"})
        CHECK(m[key].is_number());
    CHECK(m["frequency_error_pct"].get<double>() ==
          Approx(100.0 *
                 (m["candidate_frequency_hz"].get<double>() -
                  m["reference_frequency_hz"].get<double>()) /
                 m["reference_frequency_hz"].get<double>()));
    CHECK(p["mac_matrix"].size() == 3);
    CHECK(p["mac_matrix"][0].size() == 3);
    CHECK(p["fdac"]["values"].size() == 20);
    CHECK(j["quantity"] == "accelerance");
    CHECK(j["input_floor"] == 1);

    std::ostringstream csv;
    crossvalResultTable(r).write(csv);
    CHECK(csv.str().rfind("pair1_frequency_hz,pair1_csac,pair1_csf,pair1_reference_floor1_db", 0) ==
          0);
}
