// SPDX-License-Identifier: GPL-3.0-or-later
// Mode-shape datasets (docs/tools/profiles.md, "Mode shapes"): a UFF file of datasets 55 (with
// its 15/2411 nodes) imported into the workspace keeps every value bit for bit, exports back to
// UFF 55 that re-reads to the same values, and bad files are refused with what is wrong.
#include "../workspace_test_support.h"
#include "data/uff.h"
#include "data/uff_conversion.h"
#include "data/uff_import.h"
#include "io/atomic_file.h"
#include "io/dataset_library.h"
#include "io/mode_shapes_json.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace dtop;
using dtop::test::TempDir;
using C = std::complex<double>;

namespace {

std::string fixturePath(const std::string& name)
{
    return std::string(DTOP_TEST_DATA_DIR) + "/crossval/" + name;
}

std::string fixture(const std::string& name)
{
    std::string text, error;
    if (!io::readFile(fixturePath(name), text, error))
        throw std::runtime_error(error);
    return text;
}

// The mode shapes of `text` as modeShapesFromUff() reads them (direction 0: the largest).
io::ModeShapeData modesOf(const std::string& text, int direction = 0)
{
    const auto file = data::parseUff(text, "test.uff");
    REQUIRE(file.ok());
    auto modes = data::modeShapesFromUff(file.value(), "test.uff", direction);
    if (!modes.ok())
        FAIL(modes.error().text());
    return std::move(modes).value();
}

} // namespace

TEST_CASE("A hand-written UFF 55 file of lab modes is stored in the workspace bit for bit",
          "[uff-modes]")
{
    TempDir dir;
    io::Workspace ws = io::Workspace::open(dir.file("w.dtop"));
    io::DatasetImportOptions options;
    options.rig = "southampton";
    const auto stored =
        data::importUffDatasets(ws, nullptr, fixturePath("lab_modes55.uff"), options);
    REQUIRE(stored.ok());
    REQUIRE(stored.value().size() == 1);
    const io::Dataset& d = stored.value()[0];
    CHECK(d.info.id == "lab-modes55");
    CHECK(d.kind() == io::DatasetKind::ModeShapes);
    CHECK(d.info.title == "Southampton rig, modes identified by LSCF (hand-written test file)");
    CHECK(d.info.rig == "southampton");
    CHECK(d.info.notes.find("UFF direction 1 (X), the translation with the largest values") !=
          std::string::npos);

    // What the file says, typed from tests/data/crossval/lab_modes55.uff.
    const auto read = io::loadDataset(nullptr, &ws, "lab-modes55");
    REQUIRE(read.ok());
    REQUIRE(read.value().isModeShapes());
    const io::ModeShapeData& m = read.value().modeShapes();
    CHECK(m.direction == 1);
    CHECK_FALSE(m.complex);
    CHECK(m.nodes == std::vector<int>{101, 3, 1, 2}); // the file's order, kept
    CHECK(m.modeNumbers == std::vector<int>{1, 2, 3}); // sorted from 2, 1, 3
    CHECK(m.frequenciesHz == std::vector<double>{6.15, 17.9, 26.2});
    CHECK(m.dampingRatios == std::vector<double>{0.0041, 0.0079, 0.0065});
    CHECK(m.modalMasses == std::vector<double>{5.0, 5.0, 5.0});
    CHECK(m.shapes(1, 0) == C(1.0, 0.0));   // node 3, mode 1, X
    CHECK(m.shapes(2, 1) == C(1.0, 0.0));   // node 1, mode 2
    CHECK(m.shapes(3, 2) == C(1.0, 0.0));   // node 2, mode 3
    CHECK(m.shapes(0, 0) == C(0.002, 0.0)); // the ground sensor
    REQUIRE(m.coordinatesM.size() == 4);
    CHECK(m.coordinatesM[1][2] == 0.4599); // node 3 from dataset 15
    // Bit for bit what the parser read, and the same after reopening the file.
    CHECK(m == modesOf(fixture("lab_modes55.uff")));
    io::Workspace again = io::Workspace::open(dir.file("w.dtop"));
    CHECK(io::loadDataset(nullptr, &again, "lab-modes55").value().modeShapes() == m);

    // The list knows the kind and the frequency range without reading the record.
    const auto list = io::listDatasets(nullptr, &again);
    REQUIRE(list.size() == 1);
    CHECK(list[0].info.kind == io::DatasetKind::ModeShapes);
    CHECK(list[0].info.frequencyMinHz == 6.15);
    CHECK(list[0].info.frequencyMaxHz == 26.2);

    // Export (datasets 55 in X + 2411) and read back: identical values, the ground node too.
    const data::UffFile out = data::uffFromModeShapeDataset(m, d.info.title);
    const std::string text = data::formatUff(out);
    CHECK(text.find("  2411") != std::string::npos);
    CHECK(modesOf(text) == m);
    CHECK(modesOf(text, 1) == m);
}

TEST_CASE("DTOP's own complex mode export re-reads to the stored values", "[uff-modes]")
{
    // Complex shapes written as complex-eigenvalue datasets (λ from f and ζ): the frequency
    // and damping come back from the rounded λ identically, so a second round trip is exact.
    io::ModeShapeData m;
    m.nodes = {1, 2};
    m.modeNumbers = {1, 2};
    m.frequenciesHz = {4.0, 11.5};
    m.dampingRatios = {0.01, 0.02};
    m.modalMasses = {std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::quiet_NaN()};
    m.shapes.resize(2, 2);
    m.shapes << C(0.5, 0.1), C(1.0, 0.0), C(1.0, 0.0), C(-0.5, -0.05);
    m.complex = true;
    const io::ModeShapeData once = modesOf(data::formatUff(data::uffFromModeShapeDataset(m, "c")));
    CHECK(once.complex);
    CHECK(once.frequenciesHz[1] == Approx(11.5).epsilon(1e-5));
    CHECK(once.dampingRatios[1] == Approx(0.02).epsilon(1e-5));
    CHECK(once.shapes(1, 1) == C(-0.5, -0.05));
    const io::ModeShapeData twice =
        modesOf(data::formatUff(data::uffFromModeShapeDataset(once, "c")));
    CHECK(twice == once);
}

TEST_CASE("A UFF file with FRFs and mode shapes stores both with ID and ID-modes", "[uff-modes]")
{
    TempDir dir;
    io::Workspace ws = io::Workspace::open(dir.file("w.dtop"));
    const std::string both = dir.file("rig test.uff");
    test::writeBytes(both, fixture("frf58_complex_even.uff") + fixture("lab_modes55.uff"));
    const auto stored = data::importUffDatasets(ws, nullptr, both, {});
    REQUIRE(stored.ok());
    REQUIRE(stored.value().size() == 2);
    CHECK(stored.value()[0].info.id == "rig-test");
    CHECK(stored.value()[0].isFrf());
    CHECK(stored.value()[1].info.id == "rig-test-modes");
    CHECK(stored.value()[1].isModeShapes());
    CHECK(stored.value()[1].info.quantity == std::nullopt); // the FRF options are not applied

    io::DatasetImportOptions named;
    named.id = "hammer";
    named.modeDirection = 2; // asked for Y: the small cross-talk is read
    const auto again = data::importUffDatasets(ws, nullptr, both, named);
    REQUIRE(again.ok());
    CHECK(again.value()[0].info.id == "hammer");
    CHECK(again.value()[1].info.id == "hammer-modes");
    const io::ModeShapeData& y = again.value()[1].modeShapes();
    CHECK(y.direction == 2);
    CHECK(y.shapes(1, 0) == C(0.02, 0.0));
    CHECK(again.value()[1].info.notes.find("UFF direction 2 (Y).") != std::string::npos);
}

TEST_CASE("Mode shapes at no floor or no mode at all are refused and nothing is stored",
          "[uff-modes]")
{
    TempDir dir;
    io::Workspace ws = io::Workspace::open(dir.file("w.dtop"));

    // Floor nodes relabelled 201..203 beside the ground node 101: none is a floor (node k is
    // floor k, 1..20).
    std::string text = fixture("lab_modes55.uff");
    for (const char* from : {"\n         1\n", "\n         2\n", "\n         3\n"}) {
        const std::string to = std::string("\n       20") + from[10] + "\n";
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at))
            text.replace(at, 12, to);
    }
    const std::string noFloor = dir.file("no_floor.uff");
    test::writeBytes(noFloor, text);
    const auto r = data::importUffDatasets(ws, nullptr, noFloor, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text().find("no_floor.uff") != std::string::npos);
    CHECK(r.error().message.find("given at nodes 101, 203, 201, 202,") != std::string::npos);
    CHECK(r.error().message.find("none of which is a floor: node k is floor k") !=
          std::string::npos);

    // Only nodes (dataset 15), no dataset 55: a mode count of zero.
    const std::string nodes = fixture("lab_modes55.uff").substr(0, 400);
    const std::string onlyNodes = dir.file("only_nodes.uff");
    test::writeBytes(onlyNodes, nodes.substr(0, nodes.find("    -1\n    55")));
    const auto z = data::importUffDatasets(ws, nullptr, onlyNodes, {});
    REQUIRE_FALSE(z.ok());
    CHECK(z.error().message.find("no frequency response function") != std::string::npos);
    CHECK(z.error().message.find("no mode shape (dataset 55") != std::string::npos);

    // Shapes that are zero in the direction asked for.
    io::DatasetImportOptions alongZ;
    alongZ.modeDirection = 3;
    const auto zero = data::importUffDatasets(ws, nullptr, fixturePath("lab_modes55.uff"), alongZ);
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.error().message.find("every mode shape is zero in UFF direction 3") !=
          std::string::npos);
    CHECK(ws.datasets().empty());
}

TEST_CASE("The stored mode-shape record keeps NaN and signed zeros and refuses bad edits",
          "[uff-modes]")
{
    io::ModeShapeData m;
    m.nodes = {1, 2, 3};
    m.modeNumbers = {7};
    m.frequenciesHz = {1.0 / 3.0};
    m.dampingRatios = {std::numeric_limits<double>::quiet_NaN()};
    m.modalMasses = {1e-300};
    m.shapes.resize(3, 1);
    m.shapes << C(-0.0, 0.0), C(0.1, -0.2), C(std::nextafter(1.0, 2.0), 0.0);
    m.direction = 3;
    m.coordinatesM = {{0.0, 0.0, 0.1}, {0.0, 0.0, 0.2}, {0.0, 0.0, 0.30000000000000004}};
    const std::string text = io::modeShapesToJson(m).dump();
    const auto back = io::modeShapesFromJson(text, "workspace dataset 'x'");
    REQUIRE(back.ok());
    CHECK(back.value() == m);
    CHECK(std::signbit(back.value().shapes(0, 0).real()));

    auto bad = [](nlohmann::json j) {
        const auto r = io::modeShapesFromJson(j.dump(), "workspace dataset 'x'");
        REQUIRE_FALSE(r.ok());
        return r.error().text();
    };
    const nlohmann::json good = io::modeShapesToJson(m);
    nlohmann::json j = good;
    j["modes"][0].erase("shape_im");
    CHECK(bad(j).find("modes[0]: key 'shape_im' is missing") != std::string::npos);
    j = good;
    j["modes"][0]["shape_re"] = {1.0, 2.0};
    CHECK(bad(j).find("modes[0].shape_re must be an array of 3 numbers") != std::string::npos);
    j = good;
    j["modes"] = nlohmann::json::array();
    CHECK(bad(j).find("modes must be a non-empty array") != std::string::npos);
    j = good;
    j["direction"] = 4;
    CHECK(bad(j).find("direction must be 1, 2 or 3") != std::string::npos);
    CHECK(io::modeShapesFromJson("{", "workspace dataset 'x'").error().text().find(
              "not valid JSON") != std::string::npos);
}
