// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/number_format.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using dtop::test::runDtop;
using nlohmann::json;

namespace {
std::vector<std::vector<std::string>> parseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::stringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

double num(const std::string& s)
{
    double v = 0;
    REQUIRE(dtop::io::parseNumber(s, v));
    return v;
}
} // namespace

TEST_CASE("dtop --version, --help and modal --help", "[cli]")
{
    auto r = runDtop({"--version"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.rfind("dtop ", 0) == 0);
    r = runDtop({"--help"});
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("modal") && Catch::Contains("frf"));
    r = runDtop({"modal", "--help"});
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("--profile") && Catch::Contains("[kg]"));
    r = runDtop({"frf", "--help"});
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("--fmin") && Catch::Contains("[Hz]") &&
                          Catch::Contains("(=50)"));
}

TEST_CASE("dtop modal --profile southampton-design prints the S6 frequencies", "[cli]")
{
    const auto r = runDtop({"modal", "--profile", "southampton-design"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.empty());
    const json j = json::parse(r.out);
    CHECK(j["tool"] == "modal");
    CHECK(j.contains("version"));
    CHECK(j["input"]["profile"]["name"] == "southampton-design");
    const auto& f = j["result"]["frequencies_hz"];
    REQUIRE(f.size() == 3);
    CHECK(f[0].get<double>() == Approx(7.113695).epsilon(1e-7));
    CHECK(f[1].get<double>() == Approx(19.932131).epsilon(1e-7));
    CHECK(f[2].get<double>() == Approx(28.802763).epsilon(1e-7));
    CHECK(j["result"]["damping_ratios"].size() == 3);
    CHECK(j["result"]["mode_shapes"].size() == 3);
    CHECK(j["result"]["mode_shapes"][0][0].get<double>() == Approx(0.143817).margin(1e-6));
}

TEST_CASE("Overrides set n and the values", "[cli]")
{
    const auto r = runDtop({"modal", "--mass", "1,1,1,1", "--stiffness", "100,100,100,100",
                            "--damping", "0,0,0,0"});
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["result"]["frequencies_hz"].size() == 4);
    CHECK(j["input"]["profile"]["masses_kg"].size() == 4);
}

TEST_CASE("modal --format csv parses back to the JSON numbers", "[cli]")
{
    const auto rj = runDtop({"modal", "--profile", "southampton-lpm"});
    const auto rc = runDtop({"modal", "--profile", "southampton-lpm", "--format", "csv"});
    REQUIRE(rj.exitCode == 0);
    REQUIRE(rc.exitCode == 0);
    const json j = json::parse(rj.out);
    const auto rows = parseCsv(rc.out);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][1] == "frequency_hz");
    CHECK(rows[0][3] == "damping_ratio");
    for (std::size_t mode = 0; mode < 3; ++mode) {
        CHECK(num(rows[mode + 1][1]) == j["result"]["frequencies_hz"][mode].get<double>());
        CHECK(num(rows[mode + 1][3]) == j["result"]["damping_ratios"][mode].get<double>());
        for (std::size_t floor = 0; floor < 3; ++floor)
            CHECK(num(rows[mode + 1][4 + floor]) ==
                  j["result"]["mode_shapes"][mode][floor].get<double>());
    }
}

TEST_CASE("frf JSON keys and --format csv parse back exactly", "[cli]")
{
    const std::vector<std::string> args = {"frf", "--fmin", "1", "--fmax", "40", "--points",
                                           "57", "--input-floor", "2", "--quantity", "mobility"};
    const auto rj = runDtop(args);
    auto csvArgs = args;
    csvArgs.insert(csvArgs.end(), {"--format", "csv"});
    const auto rc = runDtop(csvArgs);
    REQUIRE(rj.exitCode == 0);
    REQUIRE(rc.exitCode == 0);
    const json j = json::parse(rj.out);
    const auto& res = j["result"];
    CHECK(res["quantity"] == "mobility");
    CHECK(j["input"]["input_floor"] == 2);
    REQUIRE(res["frequency_hz"].size() == 57);
    REQUIRE(res["floors"].size() == 3);
    const auto rows = parseCsv(rc.out);
    REQUIRE(rows.size() == 58);
    CHECK(rows[0][0] == "frequency_hz");
    CHECK(rows[0][1] == "floor1_re");
    CHECK(rows[0][9] == "floor3_abs");
    for (std::size_t k = 0; k < 57; ++k) {
        CHECK(num(rows[k + 1][0]) == res["frequency_hz"][k].get<double>());
        for (std::size_t f = 0; f < 3; ++f) {
            CHECK(num(rows[k + 1][1 + 3 * f]) == res["floors"][f]["re"][k].get<double>());
            CHECK(num(rows[k + 1][2 + 3 * f]) == res["floors"][f]["im"][k].get<double>());
            CHECK(num(rows[k + 1][3 + 3 * f]) == res["floors"][f]["abs"][k].get<double>());
        }
    }
}

TEST_CASE("frf --frequencies-hz evaluates exactly there, --out writes a file", "[cli]")
{
    const auto path = std::filesystem::temp_directory_path() / "dtop_frf_out_test.json";
    std::filesystem::remove(path);
    const auto r = runDtop({"frf", "--frequencies-hz", "6.2,17.8", "--out", path.string()});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.empty());
    const json j = json::parse(dtop::test::slurp(path));
    CHECK(j["result"]["frequency_hz"] == json({6.2, 17.8}));
    std::filesystem::remove(path);
}

TEST_CASE("Every command-line error exits 2, names the field, prints nothing on stdout",
          "[cli][validation]")
{
    struct Case {
        std::vector<std::string> args;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {{"frobnicate"}, "unknown command 'frobnicate'"},
        {{"modal", "--bogus"}, "bogus"},
        {{"modal", "--mass"}, "mass"},
        {{"modal", "--mass", "5,abc,5"}, "--mass: item 2 ('abc') is not a number"},
        {{"modal", "--mass", "5,,5"}, "--mass: item 2 ('') is not a number"},
        {{"modal", "--mass", "-1,5,5"}, "mass m1 must be > 0 kg, got -1"},
        {{"modal", "--stiffness", "1e4,0,1e4"}, "stiffness k2 must be > 0 N/m, got 0"},
        {{"modal", "--damping", "1,-2,1"}, "damper c2 must be >= 0 N·s/m, got -2"},
        {{"modal", "--stiffness", "1e4,1e4"}, "--stiffness"},
        {{"modal", "--mass", "1,1,1,1"}, "stiffness list has 3 values but the building has 4"},
        {{"modal", "--mass", "nan,1,1"}, "mass m1 must be a finite number, got nan"},
        {{"modal", "--mass", "1e400,1,1"}, "item 1 ('1e400') is not a number in the range of a double"},
        {{"modal", "--profile", "nope"}, "unknown profile 'nope'"},
        {{"modal", "--format", "xml"}, "--format must be json or csv"},
        {{"modal", "extra"}, "extra"},
        {{"frf", "--fmin", "abc"}, "fmin"},
        {{"frf", "--fmin", "-1"}, "fmin must be >= 0 Hz, got -1"},
        {{"frf", "--fmax", "0"}, "fmax must be a finite number > fmin"},
        {{"frf", "--points", "0"}, "--points must be between 2 and"},
        {{"frf", "--points", "-5"}, "--points must be between 2 and"},
        {{"frf", "--points", "1.5"}, "points"},
        {{"frf", "--input-floor", "9"}, "input floor must be between 1 and 3, got 9"},
        {{"frf", "--quantity", "velocity"}, "--quantity must be receptance, mobility or accelerance"},
        {{"frf", "--log"}, "fmin must be > 0 Hz on a logarithmic grid"},
        {{"frf", "--frequencies-hz", "1,-2"}, "frequency 2 must be a finite number >= 0 Hz"},
    };
    for (const auto& c : cases) {
        const auto r = runDtop(c.args);
        INFO("args: " << c.args.back() << " -> " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Catch::Contains(c.expected));
    }
}

TEST_CASE("An unwritable --out is a file error (exit 3)", "[cli]")
{
    const auto r = runDtop({"modal", "--out", "/nonexistent-dir/x.json"});
    CHECK(r.exitCode == 3);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("/nonexistent-dir/x.json"));
}
