// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

using dtop::test::runDtop;
using nlohmann::json;

TEST_CASE("dtop uncertainty: JSON with every method, nested bounds and the gap", "[cli]")
{
    const auto r = runDtop({"uncertainty", "--frequencies-hz", "2,6.3,12,17.9", "--samples", "400",
                            "--seed", "5", "--max-boxes", "400", "--methods",
                            "sampled,vertex,optimised,verified,cartesian"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["tool"] == "uncertainty");
    CHECK(j["input"]["profile"]["name"] == "full-scale");
    CHECK(j["input"]["input_floor"] == 2);
    CHECK(j["input"]["parameters"][3]["lower"].get<double>() == Approx(3.465e8));
    const json& res = j["result"];
    CHECK(res["seed"] == 5);
    CHECK(res["unit"] == "m/N");
    REQUIRE(res["frequency_hz"].size() == 4);
    CHECK(res["frequency_hz"][1].get<double>() == 6.3);
    REQUIRE(res["nominal"].size() == 3);
    for (const char* m : {"sampled", "vertex", "optimised", "verified", "cartesian"}) {
        REQUIRE(res["methods"].contains(m));
        CHECK(!res["methods"][m]["label"].get<std::string>().empty());
        REQUIRE(res["methods"][m]["floors"].size() == 3);
    }
    CHECK(res["methods"]["verified"]["label"] == "verified outer");
    CHECK(res["methods"]["sampled"]["label"] == "sampled envelope (inner)");
    CHECK(res["methods"]["optimised"]["label"] == "optimised (inner, best found)");
    for (std::size_t d = 0; d < 3; ++d)
        for (std::size_t w = 0; w < 4; ++w) {
            const double nominal = res["nominal"][d]["abs"][w];
            const json& v = res["methods"]["verified"]["floors"][d];
            const json& o = res["methods"]["optimised"]["floors"][d];
            const json& s = res["methods"]["sampled"]["floors"][d];
            CHECK(v["lower"][w].get<double>() <= o["lower"][w].get<double>());
            CHECK(o["lower"][w].get<double>() <= s["lower"][w].get<double>());
            CHECK(s["lower"][w].get<double>() <= nominal);
            CHECK(nominal <= s["upper"][w].get<double>());
            CHECK(s["upper"][w].get<double>() <= o["upper"][w].get<double>());
            CHECK(o["upper"][w].get<double>() <= v["upper"][w].get<double>());
        }
    CHECK(res["gap"]["worst"].get<double>() >= 0.0);
    CHECK(res["sampled"]["statement"].get<std::string>().find("1/(N+1)") != std::string::npos);
    CHECK(res["importance"]["dominant"][0].size() == 4);
}

TEST_CASE("dtop uncertainty: spread, input floor, quantity and CSV", "[cli]")
{
    const auto r = runDtop({"uncertainty", "--spread", "5", "--input-floor", "3", "--quantity",
                            "accelerance", "--methods", "vertex", "--frequencies-hz", "1,5,20",
                            "--format", "csv"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("frequency_hz,nominal_abs_floor1,vertex_lower_floor1,vertex_upper_floor1", 0) == 0);
    const auto j = json::parse(runDtop({"uncertainty", "--spread", "5", "--input-floor", "3",
                                        "--methods", "vertex", "--frequencies-hz", "1",
                                        "--spread-of", "k1=0", "--spread-of", "m3=5e4:5.2e4"})
                                   .out);
    CHECK(j["input"]["parameters"][0]["upper"].get<double>() == Approx(5.36e4 * 1.05));
    CHECK(j["input"]["parameters"][3]["upper"].get<double>() == 3.85e8);
    CHECK(j["input"]["parameters"][2]["lower"].get<double>() == 5e4);
    CHECK(j["result"]["input_floor"] == 3);
}

TEST_CASE("dtop uncertainty: bad input exits 2 naming the option", "[cli]")
{
    auto check = [](std::vector<std::string> args, const std::string& text) {
        args.insert(args.begin(), "uncertainty");
        const auto r = runDtop(args);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(text) != std::string::npos);
        CHECK(r.out.empty());
    };
    check({"--input-floor", "7"}, "--input-floor");
    check({"--spread", "-3"}, "--spread");
    check({"--spread", "150"}, "m1");
    check({"--samples", "0"}, "--samples");
    check({"--methods", "sampled,magic"}, "magic");
    check({"--quantity", "force"}, "--quantity");
    check({"--fmin", "10", "--fmax", "5"}, "--fmax");
    check({"--frequencies-hz", "1,x"}, "frequencies-hz");
    check({"--tolerance", "0"}, "--tolerance");
    check({"--spread-of", "q7=3"}, "q7");
    check({"--shape", "cauchy"}, "--shape");
    check({"--sampling", "halton"}, "--sampling");
}
