// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/shear_building.h"
#include "io/profile_json.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace dtop;

namespace {
model::Profile base()
{
    return *model::preset("southampton-lpm");
}

void expectOne(const model::Profile& p, const std::string& field, const std::string& message)
{
    const auto issues = p.validate();
    INFO(message);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].field == field);
    CHECK(issues[0].message == message);
}
} // namespace

TEST_CASE("Every preset is valid and has the requested storeys", "[profile]")
{
    const auto names = model::presetNames();
    REQUIRE(names.size() == 5);
    CHECK(names.front() == "southampton-lpm");
    for (const auto& name : names) {
        const auto p = model::preset(name);
        REQUIRE(p);
        CHECK(p->name == name);
        CHECK(p->storeys() == 3);
        CHECK(p->validate().empty());
        CHECK_FALSE(p->provenance.empty());
        CHECK_FALSE(model::presetDescription(name).empty());
    }
    CHECK_FALSE(model::preset("nope"));
    CHECK(model::preset("cbc-demo")->isNonlinear());
    CHECK_FALSE(model::preset("southampton-lpm")->isNonlinear());
}

TEST_CASE("southampton-design stiffness from the leg geometry", "[profile]")
{
    CHECK(model::fixedGuidedLegStiffness(70e9, 25e-3, 3e-3, 153.3e-3) ==
          Approx(52460.852007).epsilon(1e-10));
    CHECK(model::preset("southampton-design")->stiffnesses[1] == Approx(52460.852007));
}

TEST_CASE("Profile validation messages name the field, unit and value", "[profile][validation]")
{
    auto p = base();
    p.masses[1] = -3.0;
    expectOne(p, "m2", "mass m2 must be > 0 kg, got -3");
    p = base();
    p.masses[0] = 0.0;
    expectOne(p, "m1", "mass m1 must be > 0 kg, got 0");
    p = base();
    p.stiffnesses[1] = -3.0;
    expectOne(p, "k2", "stiffness k2 must be > 0 N/m, got -3");
    p = base();
    p.stiffnesses[2] = std::numeric_limits<double>::quiet_NaN();
    expectOne(p, "k3", "stiffness k3 must be a finite number, got nan");
    p = base();
    p.dampers[0] = -0.5;
    expectOne(p, "c1", "damper c1 must be >= 0 N·s/m, got -0.5");
    p = base();
    p.dampers[2] = std::numeric_limits<double>::infinity();
    expectOne(p, "c3", "damper c3 must be a finite number, got inf");
    p = base();
    p.stiffnesses.pop_back();
    expectOne(p, "k", "stiffness list has 2 values but the building has 3 storeys");
    p = base();
    p.cubicStiffnesses = {1.0};
    expectOne(p, "kc", "cubic stiffness list has 1 values but the building has 3 storeys");
    p = base();
    p.cubicStiffnesses = {1.0, std::nan(""), -5.0};
    expectOne(p, "kc2", "cubic stiffness kc2 must be a finite number, got nan");
    p = base();
    p.name.clear();
    expectOne(p, "name", "profile name must not be empty");

    p = base();
    p.masses.assign(21, 1.0);
    expectOne(p, "storeys", "number of storeys must be between 1 and 20, got 21");
    p.masses.clear();
    expectOne(p, "storeys", "number of storeys must be between 1 and 20, got 0");

    p = base();
    p.damping = model::DampingModel::RayleighCoefficients;
    p.rayleighAlpha = -1.0;
    expectOne(p, "alpha", "Rayleigh alpha must be >= 0 1/s, got -1");
    p.rayleighAlpha = 0.0;
    p.rayleighBeta = std::nan("");
    expectOne(p, "beta", "Rayleigh beta must be >= 0 s, got nan");

    p = base();
    p.damping = model::DampingModel::RayleighModalRatio;
    p.targetDampingRatio = 1.5;
    expectOne(p, "zeta", "target damping ratio zeta must be in [0, 1), got 1.5");
    p.targetDampingRatio = 0.01;
    p.targetModeB = 4;
    expectOne(p, "mode_b", "second Rayleigh target mode must be between 1 and 3, got 4");
    p.targetModeB = 2;
    p.targetModeA = 0;
    expectOne(p, "mode_a", "first Rayleigh target mode must be between 1 and 3, got 0");
    p.targetModeA = 2;
    expectOne(p, "mode_b", "the two Rayleigh target modes must differ, both are 2");
    p.masses = {1.0};
    p.stiffnesses = {1.0};
    p.targetModeA = 1;
    p.targetModeB = 2;
    const auto issues = p.validate();
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].field == "zeta");
}

TEST_CASE("Several bad fields are all reported", "[profile][validation]")
{
    auto p = base();
    p.masses[0] = -1;
    p.stiffnesses[2] = 0;
    p.dampers[1] = -2;
    CHECK(p.validate().size() == 3);
}

TEST_CASE("ShearBuilding refuses an invalid profile with the messages", "[profile]")
{
    auto p = base();
    p.masses[1] = -3.0;
    CHECK_THROWS_WITH(dynamics::ShearBuilding(p), Catch::Contains("mass m2 must be > 0 kg"));
}

TEST_CASE("Matrices of a 3-storey profile", "[profile]")
{
    const dynamics::ShearBuilding b(base());
    const Eigen::MatrixXd k = b.stiffnessMatrix();
    CHECK(k(0, 0) == Approx(34958.3691 + 43195.1237));
    CHECK(k(0, 1) == Approx(-43195.1237));
    CHECK(k(2, 2) == Approx(43295.9086));
    CHECK(k(0, 2) == 0.0);
    const Eigen::MatrixXd c = b.dampingMatrix();
    CHECK(c(1, 1) == Approx(4.0129 + 5.4905));
    CHECK(b.massMatrix()(1, 1) == 4.9919);
    // Rayleigh matrix of southampton-design (docs/presets.md).
    const dynamics::ShearBuilding d(*model::preset("southampton-design"));
    CHECK(d.dampingMatrix()(0, 0) == Approx(3.1549974).epsilon(1e-7));
    CHECK(d.dampingMatrix()(0, 1) == Approx(-1.2348529).epsilon(1e-7));
    CHECK(d.dampingMatrix()(2, 2) == Approx(1.9201445).epsilon(1e-7));
}

TEST_CASE("Profile JSON round trip for every damping model", "[profile][json]")
{
    for (const auto& name : model::presetNames()) {
        const auto p = *model::preset(name);
        InputIssues issues;
        const auto back = io::profileFromJson(io::profileToJson(p), issues);
        REQUIRE(issues.empty());
        REQUIRE(back);
        CHECK(back->name == p.name);
        CHECK(back->masses == p.masses);
        CHECK(back->stiffnesses == p.stiffnesses);
        CHECK(back->dampers == p.dampers);
        CHECK(back->cubicStiffnesses == p.cubicStiffnesses);
        CHECK(back->damping == p.damping);
        CHECK(back->targetDampingRatio == p.targetDampingRatio);
    }
    auto p = base();
    p.damping = model::DampingModel::RayleighCoefficients;
    p.rayleighAlpha = 0.5;
    p.rayleighBeta = 1e-4;
    InputIssues issues;
    const auto back = io::profileFromJson(io::profileToJson(p), issues);
    REQUIRE(back);
    CHECK(back->rayleighAlpha == 0.5);
    CHECK(back->rayleighBeta == 1e-4);
}

TEST_CASE("Profile JSON errors name the key", "[profile][json]")
{
    auto check = [](const char* text, const std::string& field, const std::string& fragment) {
        InputIssues issues;
        const auto p = io::profileFromJson(nlohmann::json::parse(text), issues);
        CHECK_FALSE(p);
        REQUIRE_FALSE(issues.empty());
        CHECK(issues[0].field == field);
        CHECK_THAT(issues[0].message, Catch::Contains(fragment));
    };
    check("[1,2]", "profile", "must be a JSON object");
    check(R"({"masses_kg":[1],"stiffnesses_n_m":[1],"damping":{"model":"dampers","dampers_n_s_m":[0]}})",
          "name", "needs a string 'name'");
    check(R"({"name":"a","stiffnesses_n_m":[1],"damping":{"model":"dampers","dampers_n_s_m":[0]}})",
          "masses_kg", "has no key 'masses_kg'");
    check(R"({"name":"a","masses_kg":[1,"x"],"stiffnesses_n_m":[1],"damping":{"model":"dampers","dampers_n_s_m":[0]}})",
          "masses_kg", "item 2 must be a number, got \"x\"");
    check(R"({"name":"a","masses_kg":5,"stiffnesses_n_m":[1],"damping":{"model":"dampers","dampers_n_s_m":[0]}})",
          "masses_kg", "must be an array of numbers");
    check(R"({"name":"a","masses_kg":[1],"stiffnesses_n_m":[1],"damping":{"model":"magic"}})",
          "damping", "unknown damping model 'magic'");
    check(R"({"name":"a","masses_kg":[1],"stiffnesses_n_m":[1],"damping":{"model":"rayleigh","alpha_1_s":1}})",
          "beta_s", "needs a number 'beta_s'");
    check(R"({"name":"a","masses_kg":[1],"stiffnesses_n_m":[1]})", "damping", "has no key 'damping'");
}

TEST_CASE("A profile whose stiffness or damping over mass overflows the model is refused by name",
          "[profile][validation]")
{
    dtop::model::Profile p = *dtop::model::preset("southampton-lpm");
    p.masses = {1e-300, 1e-300, 1e-300};
    p.stiffnesses = {1e300, 1e300, 1e300};
    auto issues = p.validate();
    REQUIRE(issues.size() == 1);
    CHECK(issues.front().field == "k1");
    CHECK_THAT(issues.front().message, Catch::Contains("beyond what the model can represent"));

    p.masses = {1e-100, 1e-100, 1e-100};
    p.stiffnesses = {1.0, 1.0, 1.0};
    p.damping = dtop::model::DampingModel::StoreyDampers;
    p.dampers = {1.0, 1e200, 1.0};
    issues = p.validate();
    REQUIRE(issues.size() == 1);
    CHECK(issues.front().field == "c1");
    // Extreme but representable values stay valid.
    p.dampers = {1.0, 1.0, 1.0};
    p.masses = {1e-100, 1e-100, 1e-100};
    p.stiffnesses = {1e40, 1e40, 1e40};
    CHECK(p.validate().empty());
}
