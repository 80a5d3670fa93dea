// SPDX-License-Identifier: GPL-3.0-or-later
// The suggested metrics of the prototype's specification (its table of peaks, FRAC and RMS dB
// differences) reproduced on the bundled files, and the tool's own numbers on the same pairs
// checked against an independent numpy implementation (docs/tools/crossval.md).
#include "crossval/crossval.h"
#include "crossval/frf_correlation.h"
#include "crossval/frf_interpolation.h"
#include "crossval/peak_picking.h"
#include "crossval_test_support.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace dtop;
using namespace dtop::crossval;
using dtop::test::bundledDataset;

namespace {

std::vector<double> dbOf(const io::FrfChannel& c)
{
    if (c.fromDecibels())
        return c.decibels;
    std::vector<double> db;
    for (double m : c.magnitude)
        db.push_back(20.0 * std::log10(m));
    return db;
}

std::vector<double> peakFrequencies(const io::FrfChannel& c)
{
    std::vector<double> out;
    for (const Peak& p : findPeaks(c.frequencyHz, dbOf(c), 2.0, 40.0, 3, {6.0}))
        out.push_back(p.frequencyHz);
    return out;
}

struct A6Row {
    int floor;
    double exp[3], num[3], frac, rmsDb;
};

// The prototype's metric: the numerical dB curve interpolated (in dB) onto the experimental
// grid over 2–40 Hz, FRAC on 10^(dB/20), RMS of the dB difference.
void checkA6Pair(const io::Dataset& e, const io::Dataset& n, const A6Row (&rows)[3],
                 double numPeakTolerance)
{
    for (const A6Row& row : rows) {
        CAPTURE(e.info.id, row.floor);
        const io::FrfChannel& ce = *e.frf().floor(row.floor);
        const io::FrfChannel& cn = *n.frf().floor(row.floor);
        const auto pe = peakFrequencies(ce), pn = peakFrequencies(cn);
        REQUIRE(pe.size() == 3);
        REQUIRE(pn.size() == 3);
        for (int r = 0; r < 3; ++r) {
            CHECK(pe[r] == Approx(row.exp[r]).margin(0.0015));
            CHECK(pn[r] == Approx(row.num[r]).margin(numPeakTolerance));
        }
        std::vector<double> grid;
        for (double f : ce.frequencyHz)
            if (f >= 2.0 && f <= 40.0 && f >= cn.frequencyHz.front())
                grid.push_back(f);
        const auto ye = interpolateLinear(ce.frequencyHz, dbOf(ce), grid);
        const auto yn = interpolateLinear(cn.frequencyHz, dbOf(cn), grid);
        std::vector<std::complex<double>> a, b;
        for (std::size_t k = 0; k < grid.size(); ++k) {
            a.emplace_back(std::pow(10.0, ye[k] / 20.0));
            b.emplace_back(std::pow(10.0, yn[k] / 20.0));
        }
        CHECK(frac(a, b, CorrelationBasis::Magnitude) == Approx(row.frac).margin(0.0011));
        CHECK(rmsDbDifference(a, b) == Approx(row.rmsDb).margin(0.0051));
    }
}

} // namespace

TEST_CASE("The specification's suggested-metrics table is reproduced on the bundled files",
          "[crossval]")
{
    // The suggested-metrics table of the prototype's specification (three decimals). The bundled
    // files carry the restored exact frequency grids (data/README.md), which moves a few printed
    // values by one unit in the last place; Swansea's numerical peaks differ by up to 0.004 Hz
    // because the specification's script put the parabola vertex on a forward step of that
    // non-uniform grid, where the three-point vertex is used here.
    const A6Row swansea[3] = {
        {1, {7.004, 19.319, 29.102}, {7.073, 19.762, 28.727}, 0.385, 19.06},
        {2, {7.006, 19.360, 29.096}, {7.369, 19.575, 28.565}, 0.026, 21.28},
        {3, {7.005, 19.314, 29.091}, {7.073, 19.761, 28.726}, 0.184, 19.84},
    };
    const A6Row southampton[3] = {
        {1, {6.511, 17.466, 26.508}, {6.318, 17.942, 26.507}, 0.154, 9.44},
        {2, {6.511, 17.466, 26.507}, {6.318, 17.943, 26.506}, 0.238, 9.64},
        {3, {6.512, 17.466, 26.506}, {6.319, 17.942, 26.505}, 0.078, 9.87},
    };
    checkA6Pair(bundledDataset("swansea-exp-db"), bundledDataset("swansea-num-db"), swansea,
                0.0045);
    checkA6Pair(bundledDataset("southampton-exp-db"), bundledDataset("southampton-num-db"),
                southampton, 0.0015);
}

TEST_CASE("Swansea measured against its model with linear-magnitude interpolation and floor 2 on "
          "its own axis",
          "[crossval]")
{
    CrossvalInput in;
    in.reference = CrossvalSource::fromDataset(bundledDataset("swansea-exp-db"));
    in.candidates = {CrossvalSource::fromDataset(bundledDataset("swansea-num-db"))};
    const CrossvalResult r = runCrossval(in);
    REQUIRE(r.pairs.size() == 1);
    const CrossvalPair& p = r.pairs[0];
    CHECK(p.gridSource == "reference");
    REQUIRE(p.frequencyHz.size() == 305); // 2.0 … 40.0 Hz in 0.125 Hz steps
    CHECK(p.frequencyHz.front() == 2.0);
    CHECK(p.frequencyHz.back() == 40.0);
    // numpy: np.interp of 10^(dB/20) of each floor on its own axis onto the measured grid.
    const double fracs[3] = {0.3842345531, 0.0218117824, 0.1833917914};
    const double rms[3] = {19.0637285538, 21.2852701162, 19.8382214719};
    REQUIRE(p.responses.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(p.responses[i].fracBasis == CorrelationBasis::Magnitude);
        CHECK(p.responses[i].frac == Approx(fracs[i]).epsilon(1e-8));
        CHECK(p.responses[i].rmsDbDifference == Approx(rms[i]).epsilon(1e-9));
    }
    // Per-floor peaks are those of the table above (same files, same picking).
    CHECK(p.responses[1].candidatePeaksHz[0] == Approx(7.369).margin(0.001));
    CHECK(p.macBasis == CorrelationBasis::Magnitude);
    CHECK(p.pairing == PairingRule::Frequency);
    REQUIRE(p.modes.size() == 3);
    CHECK(p.modes[0].frequencyErrorPct == Approx(0.975).margin(0.01));
    bool ownAxisNote = false;
    for (const auto& n : p.notes)
        ownAxisNote =
            ownAxisNote || n.find("floor 2 has its own frequency axis") != std::string::npos;
    CHECK(ownAxisNote);
}

TEST_CASE("Southampton model file is converted from mobility before it is compared", "[crossval]")
{
    CrossvalInput in;
    in.reference = CrossvalSource::fromDataset(bundledDataset("southampton-exp-db"));
    in.candidates = {CrossvalSource::fromDataset(bundledDataset("southampton-num-db"))};
    const CrossvalResult r = runCrossval(in);
    CHECK(r.quantity == dynamics::FrfQuantity::Accelerance);
    CHECK(r.inputFloor == 1);
    const CrossvalPair& p = r.pairs.at(0);
    REQUIRE(p.frequencyHz.size() == 1217);
    // numpy: |H_num|·2πf interpolated linearly onto the measured grid, 2–40 Hz.
    const double fracs[3] = {0.2363970239, 0.6786788860, 0.1734915328};
    const double rms[3] = {34.1021942468, 34.3182551952, 33.9807315142};
    for (int i = 0; i < 3; ++i) {
        CHECK(p.responses[i].frac == Approx(fracs[i]).epsilon(1e-8));
        CHECK(p.responses[i].rmsDbDifference == Approx(rms[i]).epsilon(1e-9));
    }
    CHECK(p.frequencyHz[100] == 5.125);
    CHECK(p.csac[100] == Approx(0.9750105491781846).epsilon(1e-9));
    CHECK(p.csf[100] == Approx(0.0335630216934049).epsilon(1e-9));
    REQUIRE(p.modes.size() == 3);
    CHECK(p.modes[0].frequencyErrorPct == Approx(-2.963).margin(0.002));
    CHECK(p.modes[1].frequencyErrorPct == Approx(2.734).margin(0.002));
}

TEST_CASE("Southampton complex FRFs against the southampton-lpm twin", "[crossval]")
{
    CrossvalInput in;
    in.reference = CrossvalSource::fromDataset(bundledDataset("southampton-exp-force1"));
    in.candidates = {CrossvalSource::fromProfile(*model::preset("southampton-lpm"))};
    const CrossvalResult r = runCrossval(in);
    const CrossvalPair& p = r.pairs.at(0);
    CHECK(p.candidate == "profile:southampton-lpm");
    CHECK(p.signatureBasis == CorrelationBasis::Complex);
    // numpy: (K − ω²M + jωC)⁻¹e₁ times −ω², complex FRAC on the measured grid, 2–40 Hz.
    const double fracs[3] = {0.1505971202, 0.3519291103, 0.1042256659};
    const double rms[3] = {4.4641143089, 3.9273274758, 3.5877839010};
    for (int i = 0; i < 3; ++i) {
        CHECK(p.responses[i].fracBasis == CorrelationBasis::Complex);
        CHECK(p.responses[i].frac == Approx(fracs[i]).epsilon(1e-8));
        CHECK(p.responses[i].rmsDbDifference == Approx(rms[i]).epsilon(1e-9));
    }
    CHECK(p.frequencyHz[200] == 8.25);
    CHECK(p.csac[200] == Approx(0.994970317025).epsilon(1e-10));
    CHECK(p.csf[200] == Approx(0.987908422152).epsilon(1e-10));
    // Modes: peak picking on the measurement, exact on the twin, paired by complex MAC.
    CHECK(p.macBasis == CorrelationBasis::Complex);
    CHECK(p.pairing == PairingRule::Mac);
    REQUIRE(p.modes.size() == 3);
    const double twin[3] = {6.20357731, 17.80020243, 26.40217249};
    const double measured[3] = {6.5115, 17.4654, 26.5072};
    for (int i = 0; i < 3; ++i) {
        CHECK(p.modes[i].candidateFrequencyHz == Approx(twin[i]).epsilon(1e-8));
        CHECK(p.modes[i].referenceFrequencyHz == Approx(measured[i]).margin(0.0005));
        CHECK(p.modes[i].mac > 0.999);
    }
    CHECK(p.macMatrix(0, 1) < 0.01);
    CHECK(p.referenceModes.method.find("peak picking") != std::string::npos);
    CHECK(p.candidateModes.method.find("exact") != std::string::npos);
}
