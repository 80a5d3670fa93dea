// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/design.h"
#include "design/design_json.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace dtop;
using namespace dtop::design;
using nlohmann::json;
using Catch::Matchers::Contains;

TEST_CASE("Design input JSON round-trips every field", "[design][json]")
{
    DesignInput in;
    in.inputs[3] = InputDistribution::truncatedNormal(4203.0, 84.0, 100.0, 9000.0);
    in.inputs[10] = InputDistribution::logNormal(5.47, 0.1);
    in.frequencyHz = 5.9;
    REQUIRE(parseOutputList("x1,s3", 3, in.outputs).empty());
    in.shear = ShearDefinition::Prototype;
    in.sampling = uq::SamplingMethod::Sobol;
    in.samples = 12345;
    in.seed = 77;
    in.threshold = 0.05;
    in.sobolSamples = 4096;
    in.sobolMaxSamples = 8192;
    in.sobolTolerance = 0.02;
    in.bootstrapResamples = 100;
    in.fisherMaxCells = 512;
    in.fisherTolerance = 0.05;
    in.frfPoints = 500;
    in.threads = 2;
    in.legacy = true;
    in.legacyOptions.gridPoints = 8;
    in.legacyOptions.sliderPercent = 22.2;
    const json j = designInputToJson(in);
    const DesignInput back = designInputFromJson(json::parse(j.dump()));
    CHECK(designInputToJson(back) == j);
    CHECK(back.inputs[3].lower == 100.0);
    CHECK(back.inputs[3].upper == 9000.0);
    CHECK(back.outputs.size() == 2);
    CHECK(back.threshold.value() == 0.05);
    CHECK(j["inputs"]["k1"]["type"] == "truncated-normal");
    CHECK(j["inputs"]["c2"]["type"] == "gamma");
    CHECK(j["inputs"]["c2"]["unit"] == "N·s/m");
    // Defaults survive an empty object; the threshold default is null (= nominal).
    const DesignInput empty = designInputFromJson(json::object());
    CHECK(designInputToJson(empty) == designInputToJson(DesignInput()));
    CHECK(designInputToJson(DesignInput())["threshold"].is_null());
}

TEST_CASE("Design input JSON names the offending key", "[design][json]")
{
    CHECK_THROWS_WITH(designInputFromJson(json{{"samples", "many"}}), Contains("'samples'"));
    CHECK_THROWS_WITH(designInputFromJson(json{{"outputs", {"x9"}}}), Contains("'outputs'"));
    CHECK_THROWS_WITH(designInputFromJson(json{{"inputs", {{"q1", {{"type", "normal"}, {"a", 1}}}}}}),
                      Contains("inputs.q1"));
    CHECK_THROWS_WITH(designInputFromJson(json{{"inputs", {{"k1", {{"type", "weibull"}, {"a", 1}}}}}}),
                      Contains("inputs.k1.type"));
    CHECK_THROWS_WITH(designInputFromJson(json{{"frobnicate", 1}}), Contains("'frobnicate'"));
    // A complete set for two storeys changes the storey count.
    json two = json::object();
    for (const char* name : {"f1", "f2", "k1", "k2", "c1", "c2", "m1", "m2"})
        two[name] = {{"type", "normal"}, {"a", 1.0}, {"b", 0.0}};
    two["f1"]["b"] = 0.1;
    const DesignInput in = designInputFromJson(json{{"inputs", two}, {"outputs", {"x2"}}});
    CHECK(in.storeys() == 2);
    CHECK(in.validate().empty());
}

TEST_CASE("Design result JSON carries the issue's key names", "[design][json]")
{
    DesignInput in;
    in.samples = 40000;
    in.sobolSamples = 2048;
    in.sobolMaxSamples = 2048;
    in.bootstrapResamples = 50;
    in.frfPoints = 50;
    const DesignResult r = runDesign(in);
    const json j = designResultToJson(r);
    REQUIRE(j["outputs"].contains("x3"));
    for (const char* k : {"mean", "std", "std_error"})
        CHECK(j["outputs"]["x3"][k].is_number());
    REQUIRE(j["sobol"]["x3"].contains("k1"));
    REQUIRE(j["sobol"]["x3"].contains("m3"));
    REQUIRE(j["sobol"]["x3"].contains("f2")); // fixed inputs listed with zeros
    for (const char* k : {"first", "total"})
        CHECK(j["sobol"]["x3"]["k1"][k].is_number());
    CHECK(j["sobol"]["x3"]["k1"]["first_ci"].size() == 2);
    CHECK(j["sobol"]["x3"]["k1"]["total_ci"].size() == 2);
    CHECK(j["fisher"]["parameters"][0] == "mu_f1");
    CHECK(j["fisher"]["parameters"][5] == "kappa_c2");
    CHECK(j["fisher"]["parameters"][15] == "theta_c2");
    const auto& eig = j["fisher"]["eigenvalues_scaled"];
    REQUIRE(eig.size() == 20);
    CHECK(eig[0].get<double>() >= eig[1].get<double>());
    CHECK(j["fisher"]["diagonal_scaled"].contains("sigma_k1"));
    CHECK(j["fisher"]["converged"].is_boolean());
    for (const char* k : {"value", "std_error", "threshold"})
        CHECK(j["probability"][k].is_number());
    CHECK(j["probability"]["gradient_scaled"].contains("mu_m1"));
    CHECK(j["probability"]["gradient_std_error"].contains("theta_c3"));
    CHECK(j["nominal"]["natural_frequencies_hz"].size() == 3);
    // Tables.
    std::ostringstream csv;
    designParameterTable(r).write(csv);
    CHECK_THAT(csv.str(), Contains("gradient_scaled"));
    CHECK(designNominalTable(r).rows() == 50);
}
