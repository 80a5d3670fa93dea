// SPDX-License-Identifier: GPL-3.0-or-later
// Compatibility mode: the prototype's default run against its bundled download file, within
// the acceptance tolerances (2e-4 m, 2e-4 N, same jump indices, fold rows 59 and 93).
#include "model/presets.h"
#include "nonlinear/legacy_cbc.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace dtop;
using namespace dtop::nonlinear;

namespace {
std::string referencePath() { return std::string(DTOP_DATA_DIR) + "/nonlinear/data_download.txt"; }
} // namespace

TEST_CASE("The bundled reference download parses and writes back byte for byte", "[nonlinear]")
{
    std::ifstream in(referencePath(), std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    const LegacyRun ref = parseLegacyDownload(text.str());
    CHECK(ref.frequencyUp.size() == 200);
    CHECK(ref.frequencyDown.size() == 199);
    CHECK(ref.amplitudeUp.size() == 40);
    CHECK(ref.amplitudeDown.size() == 39);
    CHECK(ref.cbc.size() == 101);
    CHECK(legacyDownloadText(ref) == text.str());
    CHECK(pythonFloat(1.0) == "1.0");
    CHECK(pythonFloat(0.04995497407251341) == "0.04995497407251341");
    CHECK(pythonFloat(1e-05) == "1e-05");
    CHECK_THROWS_AS(parseLegacyDownload("//RESULTS//\n1.0 abc\n"), std::invalid_argument);
}

TEST_CASE("Legacy reproduction of the prototype's default run", "[nonlinear]")
{
    const CubicChain chain(*model::preset("cbc-demo"));
    const LegacyRun run = runLegacy(chain);
    const LegacyRun ref = readLegacyDownload(referencePath());
    const LegacyComparison c = compareLegacy(run, ref);
    CHECK(c.rowCountsMatch);
    CHECK(c.maxAmplitudeDifferenceM < 2e-4);
    CHECK(c.maxForceDifferenceN < 2e-4);
    CHECK(c.jumpIndices == c.referenceJumpIndices);
    CHECK(c.foldRowMax == 59);
    CHECK(c.foldRowMin == 93);
    CHECK(run.cbc[59][0] == Approx(57.193279).margin(2e-4));
    CHECK(run.cbc[93][0] == Approx(19.268372).margin(2e-4));
}
