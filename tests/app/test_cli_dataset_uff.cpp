// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop dataset import` of Universal File Format files and `dtop dataset export --format uff58`
// (docs/tools/profiles.md, "Universal File Format").
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using dtop::test::freshTempPath;
using dtop::test::runDtop;
using nlohmann::json;

namespace {

struct TempWorkspace {
    std::filesystem::path dir = freshTempPath("cli_uff", "ws");
    std::string workspace = (dir / "w.dtop").string();
    TempWorkspace() { std::filesystem::create_directories(dir); }
    ~TempWorkspace() { std::filesystem::remove_all(dir); }
    dtop::test::ProcessResult run(std::vector<std::string> args) const
    {
        args.push_back("--workspace");
        args.push_back(workspace);
        return runDtop(args);
    }
};

// The sample lines of `dtop dataset show ID --data` (the column header and the numbers, not
// the # metadata).
std::vector<std::string> sampleLines(const std::string& csv)
{
    std::vector<std::string> lines;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.front() != '#')
            lines.push_back(line);
    return lines;
}

} // namespace

TEST_CASE("dtop dataset export uff58 and import: every value bit for bit", "[cli][profiles]")
{
    TempWorkspace w;
    const std::string file = (w.dir / "force1.uff").string();
    const auto exported = w.run({"dataset", "export", "southampton-exp-force1", "--out", file});
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);
    CHECK(json::parse(exported.out)["functions"] == 3);
    const std::string bytes = dtop::test::slurp(file);
    CHECK(bytes.rfind("    -1\n    58b", 0) == 0); // binary IEEE doubles

    const auto imported = w.run({"dataset", "import", file, "--id", "roundtrip"});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    const json info = json::parse(imported.out);
    CHECK(info["id"] == "roundtrip");
    CHECK(info["quantity"] == "accelerance");
    CHECK(info["excitation_floor"] == 1);
    CHECK(info["channels"].size() == 3);

    const auto original = w.run({"dataset", "show", "southampton-exp-force1", "--data"});
    const auto back = w.run({"dataset", "show", "roundtrip", "--data"});
    REQUIRE(original.exitCode == 0);
    REQUIRE(back.exitCode == 0);
    const auto a = sampleLines(original.out), b = sampleLines(back.out);
    REQUIRE(a.size() == 4097);
    CHECK(a == b); // shortest round-trip numbers: equal text is equal bits
}

TEST_CASE("dtop dataset export uff58-ascii keeps 13 significant digits", "[cli][profiles]")
{
    TempWorkspace w;
    const std::string file = (w.dir / "force2.unv").string();
    REQUIRE(w.run({"dataset", "export", "southampton-exp-force2", "--format", "uff58-ascii",
                   "--out", file})
                .exitCode == 0);
    const std::string text = dtop::test::slurp(file);
    CHECK(text.rfind("    -1\n    58\n", 0) == 0);
    const auto imported = w.run({"dataset", "import", file, "--id", "ascii"});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    const auto original =
        sampleLines(w.run({"dataset", "show", "southampton-exp-force2", "--data"}).out);
    const auto back = sampleLines(w.run({"dataset", "show", "ascii", "--data"}).out);
    REQUIRE(original.size() == back.size());
    for (std::size_t row = 1; row < original.size(); row += 511) {
        std::istringstream x(original[row]), y(back[row]);
        for (std::string p, q; std::getline(x, p, ',') && std::getline(y, q, ',');)
            CHECK(std::stod(q) == Approx(std::stod(p)).epsilon(1e-12).margin(1e-300));
    }
}

TEST_CASE("dtop dataset import detects a hand-written UFF 58 file", "[cli][profiles]")
{
    TempWorkspace w;
    const auto r = w.run({"dataset", "import",
                          std::string(DTOP_TEST_DATA_DIR) + "/crossval/frf58_complex_even.uff"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["id"] == "frf58-complex-even");
    CHECK(j["title"] == "H11 accelerance, hand-written test file");
    CHECK(j["quantity"] == "accelerance");
    CHECK(j["excitation_floor"] == 1);
    REQUIRE(j["channels"].size() == 2);
    CHECK(j["channels"][0]["complex"] == true);
    CHECK(j["channels"][0]["frequency_min_hz"] == 1.0);
    const auto data = w.run({"dataset", "show", "frf58-complex-even", "--data"});
    REQUIRE(data.exitCode == 0);
    // H11 at 1 Hz is 1 − 0.25j and H21 2 + 0j (the file's first values, even abscissa from 1 Hz).
    CHECK(data.out.find("\n1,1,-0.25,2,0\n") != std::string::npos);
}

TEST_CASE("dtop dataset export and UFF import: bad input exits 2, a bad file 3", "[cli][profiles]")
{
    TempWorkspace w;
    const std::string out = (w.dir / "x.uff").string();
    const std::vector<std::pair<std::vector<std::string>, std::string>> usage = {
        {{"dataset", "export", "southampton-exp-force1"}, "--out"},
        {{"dataset", "export", "southampton-exp-force1", "--format", "uff59", "--out", out},
         "--format"},
        {{"dataset", "export", "southampton-exp-force1", "--direction", "w", "--out", out},
         "--direction"},
        {{"dataset", "export", "th-impulse", "--out", out}, "time history"},
        {{"dataset", "export", "nothing", "--out", out}, "nothing"},
        {{"dataset", "export", "--out", out}, "give a dataset ID"},
    };
    for (const auto& [args, message] : usage) {
        const auto r = w.run(args);
        INFO(args[2] << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(message) != std::string::npos);
    }
    const std::string broken = (w.dir / "broken.uff").string();
    std::ofstream(broken) << "    -1\n    58\nonly a title\n";
    const auto r = w.run({"dataset", "import", broken});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("broken.uff") != std::string::npos);
    CHECK(r.err.find("line") != std::string::npos);
}

TEST_CASE("dtop profile export --format uff writes nodes and mode shapes", "[cli][profiles]")
{
    TempWorkspace w;
    const std::string file = (w.dir / "lpm.unv").string();
    const auto r = w.run({"profile", "export", "southampton-lpm", "--format", "uff", "--out", file,
                          "--storey-height", "0.25"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const std::string text = dtop::test::slurp(file);
    CHECK(text.rfind("    -1\n  2411\n", 0) == 0);
    std::size_t modes = 0;
    for (std::size_t at = 0; (at = text.find("    -1\n    55\n", at)) != std::string::npos; ++at)
        ++modes;
    CHECK(modes == 3);
    // Node 3 at z = 0.75 m, in the 2411 layout (1P3D25.16).
    CHECK(text.find("7.5000000000000000D-01") != std::string::npos);
    // Dataset 55 record 8 of mode 1: its undamped natural frequency (E13.5), modal mass 1
    // (mass-normalised) and damping ratio.
    CHECK(text.find("  6.20356E+00  1.00000E+00  3.44930E-03") != std::string::npos);

    const auto bad = w.run({"profile", "export", "southampton-lpm", "--format", "uff"});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find("--out") != std::string::npos);
    const auto height = w.run({"profile", "export", "southampton-lpm", "--format", "uff", "--out",
                               file, "--storey-height", "0"});
    CHECK(height.exitCode == 2);
    CHECK(height.err.find("--storey-height") != std::string::npos);
}

TEST_CASE("dtop dataset import of a UFF file of mode shapes stores them", "[cli][profiles]")
{
    TempWorkspace w;
    // The mode shapes DTOP itself writes (datasets 2411 and 55), as a lab's software would.
    // Once refused (exit 3, "nothing was stored"); now a mode-shape dataset
    // (tests/app/test_cli_dataset_modes.cpp has the rest).
    const std::string file = (w.dir / "lpm.unv").string();
    REQUIRE(w.run({"profile", "export", "southampton-lpm", "--format", "uff", "--out", file})
                .exitCode == 0);
    const auto r = w.run({"dataset", "import", file});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["id"] == "lpm");
    CHECK(j["kind"] == "mode_shapes");
    CHECK(j["mode_count"] == 3);
    CHECK(j["modes"][0]["frequency_hz"] == 6.20356);
    CHECK(j["nodes"] == json::array({1, 2, 3}));
    CHECK(r.err.find("nothing was stored") == std::string::npos);
    const auto list = w.run({"dataset", "list"});
    CHECK(json::parse(list.out)["datasets"].back()["id"] == "lpm");
}
