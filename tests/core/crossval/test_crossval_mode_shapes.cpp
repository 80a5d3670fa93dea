// SPDX-License-Identifier: GPL-3.0-or-later
// Cross-validation with a mode-shape dataset as one side (docs/tools/crossval.md, "Mode-shape
// datasets"): only the modes are compared, node k is floor k, and the numbers agree with the
// profile's own exported modes and with an independent computation of the lab file's MAC.
#include "crossval/crossval.h"
#include "crossval/crossval_json.h"
#include "crossval_test_support.h"
#include "data/uff.h"
#include "data/uff_conversion.h"
#include "io/atomic_file.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace dtop;
using namespace dtop::crossval;
using C = std::complex<double>;

namespace {

io::Dataset modeDataset(io::ModeShapeData modes, const std::string& id)
{
    io::Dataset d;
    d.info.id = id;
    d.info.title = id;
    d.data = std::move(modes);
    io::describeSampling(d);
    return d;
}

// A profile's undamped modes as DTOP's UFF export writes them, read back (E13.5 values).
io::Dataset exportedModes(const model::Profile& p, const std::string& id)
{
    data::UffFile file = data::uffFromModeShapes(data::modeShapesFromProfile(p), p.name);
    file.datasets.emplace_back(data::shearBuildingNodes(p.storeys(), 0.1533));
    const auto read = data::parseUff(data::formatUff(file), id);
    REQUIRE(read.ok());
    return modeDataset(data::modeShapesFromUff(read.value(), id, 0).value(), id);
}

io::Dataset labModes()
{
    std::string text, error;
    REQUIRE(io::readFile(std::string(DTOP_TEST_DATA_DIR) + "/crossval/lab_modes55.uff", text,
                         error));
    return modeDataset(
        data::modeShapesFromUff(data::parseUff(text, "lab").value(), "lab", 0).value(), "lab");
}

CrossvalResult run(CrossvalSource reference, CrossvalSource candidate)
{
    CrossvalInput in;
    in.reference = std::move(reference);
    in.candidates.push_back(std::move(candidate));
    return runCrossval(in);
}

std::string allIssues(const InputIssues& issues)
{
    std::string s;
    for (const auto& i : issues)
        s += i.field + ": " + i.message + "\n";
    return s;
}

} // namespace

TEST_CASE("The profile's own exported mode shapes match it: MAC 1 and frequency error 0",
          "[crossval][uff-modes]")
{
    // Rayleigh damping keeps the undamped shapes and |λ| = ω: the export equals the exact
    // modes to the six digits of E13.5 (relative 5e-6 = 5e-4 %).
    const model::Profile design = *model::preset("southampton-design");
    for (bool reversed : {false, true}) {
        const CrossvalSource profile = CrossvalSource::fromProfile(design);
        const CrossvalSource modes = CrossvalSource::fromDataset(exportedModes(design, "design"));
        const CrossvalResult r = reversed ? run(modes, profile) : run(profile, modes);
        REQUIRE(r.pairs.size() == 1);
        const CrossvalPair& p = r.pairs[0];
        CHECK_FALSE(p.frfCompared);
        CHECK(p.gridSource == "none");
        CHECK(p.responses.empty());
        CHECK(p.frequencyHz.empty());
        CHECK(p.floors == std::vector<int>{1, 2, 3});
        CHECK(p.pairing == PairingRule::Mac);
        REQUIRE(p.modes.size() == 3);
        for (std::size_t k = 0; k < 3; ++k) {
            CHECK(p.modes[k].referenceMode == k);
            CHECK(p.modes[k].candidateMode == k);
            CHECK(p.modes[k].mac == Approx(1.0).margin(1e-9));
            CHECK(std::abs(p.modes[k].frequencyErrorPct) < 5e-4);
            CHECK(std::abs(p.modes[k].dampingDifference) < 1e-7);
        }
    }
    // The same set without the file: exact to rounding.
    CrossvalSource exact = CrossvalSource::fromDataset(
        modeDataset(data::modeShapesFromProfile(design), "design-exact"));
    const CrossvalResult r = run(CrossvalSource::fromProfile(design), exact);
    for (const ModeCorrelation& m : r.pairs[0].modes) {
        CHECK(m.mac == Approx(1.0).margin(1e-12));
        CHECK(std::abs(m.frequencyErrorPct) < 1e-9);
    }

    // southampton-lpm has non-proportional dampers: its state-space modes differ from the
    // undamped export by O(ζ²) (ζ < 1 %), well inside these bounds.
    const model::Profile lpm = *model::preset("southampton-lpm");
    const CrossvalResult l = run(CrossvalSource::fromProfile(lpm),
                                 CrossvalSource::fromDataset(exportedModes(lpm, "lpm")));
    REQUIRE(l.pairs[0].modes.size() == 3);
    for (const ModeCorrelation& m : l.pairs[0].modes) {
        CHECK(m.mac > 1.0 - 1e-4);
        CHECK(std::abs(m.frequencyErrorPct) < 1e-2);
    }
}

TEST_CASE("Lab mode shapes against the twin: MAC and frequency errors as computed by hand",
          "[crossval][uff-modes]")
{
    // Independent reference: the undamped modes of southampton-lpm by Jacobi rotations
    // (6.2035573, 17.8002370, 26.4022063 Hz) and MAC written out against the shapes typed into
    // lab_modes55.uff (X components at nodes 1, 2, 3). The twin's damped modes differ by O(ζ²).
    const std::vector<double> mac = {0.9999900493, 0.9997697814, 0.9998796924};
    const std::vector<double> error = {-0.8633326132, 0.5604589793, -0.7658688996};
    const std::vector<double> labZeta = {0.0041, 0.0079, 0.0065};
    const CrossvalResult r =
        run(CrossvalSource::fromProfile(*model::preset("southampton-lpm")),
            CrossvalSource::fromDataset(labModes()));
    const CrossvalPair& p = r.pairs[0];
    CHECK(p.floors == std::vector<int>{1, 2, 3}); // the ground node 101 is no floor
    REQUIRE(p.modes.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK(p.modes[k].candidateMode == k);
        CHECK(p.modes[k].mac == Approx(mac[k]).margin(2e-5));
        CHECK(p.modes[k].frequencyErrorPct == Approx(error[k]).margin(2e-3));
        CHECK(p.modes[k].candidateDampingRatio == labZeta[k]);
        CHECK(p.modes[k].dampingDifference ==
              p.modes[k].candidateDampingRatio - p.modes[k].referenceDampingRatio);
    }
    CHECK(p.macMatrix.rows() == 3);
    CHECK(p.macMatrix(0, 1) < 0.1); // distinct modes stay apart

    // The result file: FRF metrics absent (not zero) with a note saying why.
    const nlohmann::json j = crossvalResultToJson(r)["pairs"][0];
    CHECK(j["frf_compared"] == false);
    for (const char* key : {"responses", "frequency_hz", "csac", "csf", "fdac", "signature_basis"})
        CHECK_FALSE(j.contains(key));
    CHECK(j["modes"].size() == 3);
    CHECK(j["mac_matrix"].size() == 3);
    CHECK(j["notes"].dump().find("node k is floor k; FRF metrics") != std::string::npos);
    CHECK(crossvalResultTable(r).headers.empty());
}

TEST_CASE("Mode shapes against a measured FRF dataset: its peak-picked modes", "[crossval][uff-modes]")
{
    const CrossvalResult r =
        run(CrossvalSource::fromDataset(test::bundledDataset("southampton-exp-force1")),
            CrossvalSource::fromDataset(labModes()));
    const CrossvalPair& p = r.pairs[0];
    CHECK_FALSE(p.frfCompared);
    CHECK(p.referenceModes.method.find("peak picking") != std::string::npos);
    REQUIRE(p.modes.size() == 3);
    // The rig's measured peaks (6.51, 17.47, 26.51 Hz) against the hand-written LSCF file
    // (6.15, 17.9, 26.2 Hz): the file's first mode is typed 5.6 % low, so the errors are real.
    const std::vector<double> peaks = {6.5115, 17.4654, 26.5072};
    for (std::size_t k = 0; k < p.modes.size(); ++k) {
        const ModeCorrelation& m = p.modes[k];
        CHECK(m.referenceFrequencyHz == Approx(peaks[k]).margin(5e-3));
        CHECK(m.frequencyErrorPct ==
              Approx(100.0 * (m.candidateFrequencyHz - m.referenceFrequencyHz) /
                     m.referenceFrequencyHz));
        CHECK(m.mac > 0.999);
    }
}

TEST_CASE("Mode shapes at no floor of the other side or outside the band are refused",
          "[crossval][uff-modes]")
{
    io::ModeShapeData high = labModes().modeShapes();
    high.nodes = {101, 6, 4, 5}; // floors 4..6 of a three-storey twin
    CrossvalInput in;
    in.reference = CrossvalSource::fromProfile(*model::preset("southampton-lpm"));
    in.candidates.push_back(CrossvalSource::fromDataset(modeDataset(high, "high")));
    std::string issues = allIssues(in.validate());
    CHECK(issues.find("share no response floor (mode shapes: node k is floor k") !=
          std::string::npos);
    CHECK_THROWS_AS(runCrossval(in), std::invalid_argument);

    high.nodes = {101, 201, 202, 203};
    in.candidates[0] = CrossvalSource::fromDataset(modeDataset(high, "nowhere"));
    issues = allIssues(in.validate());
    CHECK(issues.find("'nowhere' has its mode shapes at nodes 101, 201, 202, 203, none of which "
                      "is a floor") != std::string::npos);

    in.candidates[0] = CrossvalSource::fromDataset(labModes());
    in.bandLoHz = 30.0;
    in.bandHiHz = 40.0;
    issues = allIssues(in.validate());
    CHECK(issues.find("candidates: candidate 1 'lab' has no mode between 30 and 40 Hz (its modes: "
                      "6.15, 17.9, 26.2 Hz)") != std::string::npos);

    io::ModeShapeData none = labModes().modeShapes();
    none.frequenciesHz.clear();
    none.shapes.resize(4, 0);
    in.bandLoHz = 2.0;
    in.candidates[0] = CrossvalSource::fromDataset(modeDataset(none, "empty"));
    CHECK(allIssues(in.validate()).find("'empty' holds no mode shape") != std::string::npos);
}
