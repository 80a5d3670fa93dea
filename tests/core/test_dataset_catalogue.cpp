// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled catalogue (data/manifest.json and the converted Cristallo records): it loads,
// every entry reads, and the data are what the prototype (docs/tools/*.md,
// data/README.md) says they are.
#include "io/atomic_file.h"
#include "io/dataset_catalogue.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

using namespace dtop::io;
using dtop::dynamics::FrfQuantity;

namespace {

const Catalogue& bundled()
{
    static const Catalogue catalogue = [] {
        ReadResult<Catalogue> c = loadBundledCatalogue(DTOP_DATA_DIR);
        if (!c)
            FAIL(c.error().text());
        return std::move(c).value();
    }();
    return catalogue;
}

Dataset load(const std::string& id)
{
    ReadResult<Dataset> d = readCatalogueDataset(bundled(), id);
    INFO(id << ": " << (d ? std::string() : d.error().text()));
    REQUIRE(d.ok());
    return std::move(d).value();
}

// Frequency of the largest magnitude within [lo, hi].
double peakIn(const FrfChannel& c, double lo, double hi)
{
    double best = -1.0, at = 0.0;
    for (std::size_t i = 0; i < c.size(); ++i)
        if (c.frequencyHz[i] >= lo && c.frequencyHz[i] <= hi && c.magnitude[i] > best) {
            best = c.magnitude[i];
            at = c.frequencyHz[i];
        }
    return at;
}

double meanMagnitude(const FrfChannel& c, double lo, double hi)
{
    double sum = 0.0;
    int n = 0;
    for (std::size_t i = 0; i < c.size(); ++i)
        if (c.frequencyHz[i] >= lo && c.frequencyHz[i] <= hi) {
            sum += c.magnitude[i];
            ++n;
        }
    return sum / n;
}

double maxAbs(const std::vector<double>& v)
{
    double m = 0.0;
    for (double x : v)
        m = std::max(m, std::abs(x));
    return m;
}

// Frequency of the largest |DFT| of x (sampled at fs) on a fine grid in [lo, hi]: an
// independent check of the modes without an FFT library.
double dftPeak(const std::vector<double>& x, double fs, double lo, double hi, double step)
{
    double best = -1.0, at = lo;
    for (double f = lo; f <= hi; f += step) {
        const std::complex<double> rotate = std::polar(1.0, -2.0 * std::numbers::pi * f / fs);
        std::complex<double> phasor(1.0, 0.0), sum(0.0, 0.0);
        for (std::size_t i = 0; i < x.size(); ++i) {
            sum += x[i] * phasor;
            phasor *= rotate;
        }
        if (std::abs(sum) > best) {
            best = std::abs(sum);
            at = f;
        }
    }
    return at;
}

} // namespace

TEST_CASE("The bundled catalogue loads completely and every entry reads", "[io][datasets]")
{
    const Catalogue& c = bundled();
    CHECK(c.datasets.size() == 12);
    CHECK(c.licenceFile == "LICENSE-data");
    std::string licence, error;
    REQUIRE(readFile(c.pathOf(c.licenceFile), licence, error));
    CHECK(licence.find("BSD 3-Clause License") != std::string::npos);
    CHECK(licence.find("Copyright (c) 2021, Digital-Twin-Operational-Platform") != std::string::npos);

    for (const DatasetInfo& entry : c.datasets) {
        INFO(entry.id);
        const Dataset d = load(entry.id);
        CHECK(d.kind() == entry.kind);
        CHECK(d.info.id == entry.id);
        CHECK_FALSE(entry.title.empty());
        CHECK_FALSE(entry.source.empty());
        CHECK(entry.licence.find("BSD-3-Clause") != std::string::npos);
        CHECK(d.info.file == c.pathOf(entry.file));
        // The sampling the manifest lists is the sampling of the data.
        DatasetInfo read = d.info;
        read.file = entry.file;
        CHECK(read == entry);
        // The file's own "# key: value" lines agree with the manifest.
        const ReadResult<Dataset> direct = readDataset(c.pathOf(entry.file));
        REQUIRE(direct.ok());
        DatasetInfo own = direct.value().info;
        own.file = entry.file;
        CHECK(own == entry);
    }
    for (const CatalogueFile& f : c.otherFiles) {
        std::string text;
        CHECK(readFile(c.pathOf(f.file), text, error));
        CHECK(text.size() == 45185); // the nonlinear reference run, unchanged
    }
}

TEST_CASE("The catalogue says that Sheffield and Bristol measurements do not exist",
          "[io][datasets]")
{
    const Catalogue& c = bundled();
    for (const char* rig : {"sheffield", "bristol"}) {
        INFO(rig);
        const auto it = std::find_if(c.unavailable.begin(), c.unavailable.end(),
                                     [rig](const UnavailableData& u) {
                                         return u.rig == rig && u.what == "measured FRFs";
                                     });
        REQUIRE(it != c.unavailable.end());
        CHECK(it->note.find("never published") != std::string::npos);
        CHECK(std::none_of(c.datasets.begin(), c.datasets.end(), [rig](const DatasetInfo& d) {
            return d.rig == rig && d.id.find("-exp-") != std::string::npos;
        }));
    }
    const DatasetInfo* sheffield = c.find("sheffield-num-db");
    REQUIRE(sheffield);
    CHECK(sheffield->suspect);
    CHECK(sheffield->notes.find("copy of the Swansea model") != std::string::npos);
}

TEST_CASE("Southampton measured FRFs (Experimental.csv, test_2.csv, test_3.csv)",
          "[io][datasets]")
{
    const char* ids[] = {"southampton-exp-force1", "southampton-exp-force2",
                         "southampton-exp-force3"};
    // Mean driving-point |H_pp| over 60-128 Hz (crossval_fea_lpm S12: 0.1922, 0.2122, 0.2092).
    const double massLine[] = {0.1922, 0.2122, 0.2092};
    for (int p = 1; p <= 3; ++p) {
        INFO(ids[p - 1]);
        const Dataset d = load(ids[p - 1]);
        CHECK(d.info.quantity == FrfQuantity::Accelerance);
        CHECK(d.info.units == "(m/s²)/N");
        CHECK(d.info.excitationFloor == p);
        CHECK(d.info.frequencyMinHz == 0.03125);
        CHECK(d.info.frequencyMaxHz == 128.0);
        CHECK(d.info.frequencyStepHz == 0.03125);
        const FrfData& frf = d.frf();
        REQUIRE(frf.channels.size() == 3);
        for (const FrfChannel& c : frf.channels) {
            CHECK(c.size() == 4096);
            CHECK(c.hasPhase());
            // Peaks on the grid: 6.500, 17.469, 26.500 Hz (crossval_fea_lpm C.5).
            CHECK(peakIn(c, 5.9, 7.0) == 6.5);
            CHECK(peakIn(c, 17.0, 19.0) == 17.46875);
            CHECK(peakIn(c, 25.0, 27.5) == 26.5);
        }
        CHECK(meanMagnitude(*frf.floor(p), 60.0, 128.0) == Approx(massLine[p - 1]).epsilon(5e-4));
    }
    const Dataset force1 = load("southampton-exp-force1");
    const FrfChannel& h11 = *force1.frf().floor(1);
    CHECK(h11.values[0] == std::complex<double>(-0.0549712181091309, 0.0508308112621307));
    CHECK(1.0 / meanMagnitude(h11, 60.0, 128.0) == Approx(5.20).epsilon(1e-3));
}

TEST_CASE("ExpDataSo is the dB magnitude of Experimental.csv", "[io][datasets]")
{
    const Dataset db = load("southampton-exp-db");
    const Dataset complex = load("southampton-exp-force1");
    CHECK(db.info.frequencyMinHz == 0.0);
    CHECK(db.info.frequencyMaxHz == 128.0);
    CHECK(db.info.frequencyStepHz == 0.03125);
    CHECK(db.info.quantity == FrfQuantity::Accelerance);
    for (int floor = 1; floor <= 3; ++floor) {
        const FrfChannel& a = *db.frf().floor(floor);
        const FrfChannel& b = *complex.frf().floor(floor);
        REQUIRE(a.size() == 4097);
        REQUIRE(a.fromDecibels());
        double worst = 0.0;
        for (std::size_t i = 0; i < b.size(); ++i) {
            REQUIRE(a.frequencyHz[i + 1] == b.frequencyHz[i]);
            worst = std::max(worst, std::abs(a.decibels[i + 1] - 20.0 * std::log10(b.magnitude[i])));
        }
        CHECK(worst < 5e-4); // crossval_fea_lpm A.5
    }
}

TEST_CASE("Numerical model FRFs of the rigs", "[io][datasets]")
{
    SECTION("Southampton (NumDataSo): 100000 points, mobility, restored axis")
    {
        const Dataset d = load("southampton-num-db");
        CHECK(d.info.quantity == FrfQuantity::Mobility);
        const FrfChannel& f1 = *d.frf().floor(1);
        REQUIRE(f1.size() == 100000);
        CHECK(f1.frequencyHz.front() == 0.1);
        CHECK(f1.frequencyHz.back() == 1000.0);
        const double step = (1000.0 - 0.1) / 99999.0;
        CHECK(d.info.frequencyStepHz == Approx(step).epsilon(1e-12));
        CHECK(f1.frequencyHz[16666] == 0.1 + 16666 * step); // was printed 166.75 twice
        CHECK(f1.decibels[1] == -59.907);
        // Peaks 6.319, 17.938, 26.508 Hz (crossval_fea_lpm A.5), grid step 0.01 Hz.
        for (const FrfChannel& c : d.frf().channels) {
            CHECK(peakIn(c, 5.0, 10.0) == Approx(6.319).margin(0.006));
            CHECK(peakIn(c, 15.0, 22.0) == Approx(17.938).margin(0.006));
            CHECK(peakIn(c, 24.0, 30.0) == Approx(26.508).margin(0.006));
        }
        // Mobility: +20 dB/decade at low frequency (0.2 -> 2 Hz).
        const auto dbAt = [&](double f) {
            const auto it = std::lower_bound(f1.frequencyHz.begin(), f1.frequencyHz.end(), f);
            return f1.decibels[static_cast<std::size_t>(it - f1.frequencyHz.begin())];
        };
        CHECK(dbAt(2.0) - dbAt(0.2) == Approx(20.0).margin(2.0));
    }
    SECTION("Swansea (NumDataSw): floor 2 on the second frequency column")
    {
        const Dataset d = load("swansea-num-db");
        CHECK_FALSE(d.info.quantity.has_value());
        const FrfData& frf = d.frf();
        CHECK_FALSE(frf.sharesOneAxis());
        const FrfChannel& f1 = *frf.floor(1);
        const FrfChannel& f2 = *frf.floor(2);
        REQUIRE(f1.size() == 4000);
        CHECK(f1.frequencyHz.front() == 0.19975);
        CHECK(f1.frequencyHz.back() == 40.086);
        CHECK(f2.frequencyHz.front() == 0.84);
        CHECK(f2.frequencyHz.back() == 42.826);
        double residual = 0.0;
        for (std::size_t i = 0; i < f1.size(); ++i)
            residual = std::max(residual, std::abs(f2.frequencyHz[i] -
                                                   (1.052727 * f1.frequencyHz[i] + 0.62976)));
        CHECK(residual < 0.0085); // spec: max residual 0.008
        CHECK(peakIn(f1, 5.0, 10.0) == Approx(7.072).margin(0.01));
        CHECK(peakIn(f1, 15.0, 22.0) == Approx(19.759).margin(0.01));
        CHECK(peakIn(f1, 25.0, 32.0) == Approx(28.728).margin(0.01));
        CHECK(peakIn(f2, 5.0, 10.0) == Approx(7.370).margin(0.011));
        CHECK(peakIn(f2, 15.0, 22.0) == Approx(19.570).margin(0.011));
        CHECK(peakIn(f2, 25.0, 32.0) == Approx(28.568).margin(0.011));
    }
    SECTION("'Sheffield' (NumDataSh) is the Swansea model shifted by +0.9 / +0.7 Hz")
    {
        const Dataset sh = load("sheffield-num-db");
        const Dataset sw = load("swansea-num-db");
        CHECK(sh.info.suspect);
        for (int floor = 1; floor <= 3; ++floor) {
            const FrfChannel& a = *sh.frf().floor(floor);
            const FrfChannel& b = *sw.frf().floor(floor);
            CHECK(a.decibels == b.decibels);
            const double shift = floor == 2 ? 0.7 : 0.9;
            double worst = 0.0;
            for (std::size_t i = 0; i < a.size(); ++i)
                worst = std::max(worst, std::abs(a.frequencyHz[i] - b.frequencyHz[i] - shift));
            CHECK(worst < 6e-4); // 5 significant digits
        }
    }
    SECTION("Bristol (NumDataBr): accelerance, 0.1-40 Hz")
    {
        const Dataset d = load("bristol-num-db");
        CHECK(d.info.quantity == FrfQuantity::Accelerance);
        CHECK(d.info.frequencyMinHz == 0.1);
        CHECK(d.info.frequencyMaxHz == 40.0);
        CHECK(d.info.frequencyStepHz == Approx(0.1).epsilon(1e-9));
        const FrfChannel& f1 = *d.frf().floor(1);
        REQUIRE(f1.size() == 400);
        CHECK(f1.decibels[99] == -14.1062134537591); // 10 Hz
        CHECK(peakIn(f1, 5.0, 10.0) == Approx(6.7).margin(1e-9));
        CHECK(peakIn(f1, 15.0, 22.0) == Approx(18.6).margin(1e-9));
        CHECK(peakIn(f1, 24.0, 30.0) == Approx(26.5).margin(1e-9));
        // Accelerance: +40 dB/decade at low frequency (0.2 -> 2 Hz).
        CHECK(f1.decibels[19] - f1.decibels[1] == Approx(40.0).margin(2.0));
    }
    SECTION("Swansea measured (ExpDataSw): 0-100 Hz, peaks 7.000, 19.375, 29.125 Hz")
    {
        const Dataset d = load("swansea-exp-db");
        CHECK(d.info.frequencyStepHz == 0.125);
        for (const FrfChannel& c : d.frf().channels) {
            REQUIRE(c.size() == 801);
            CHECK(peakIn(c, 5.0, 10.0) == 7.0);
            CHECK(peakIn(c, 15.0, 22.0) == 19.375);
            CHECK(peakIn(c, 25.0, 32.0) == 29.125);
        }
    }
}

TEST_CASE("Time histories: 60 s at 1 kHz, force on floor 1, floor velocities", "[io][datasets]")
{
    for (const char* id : {"th-impulse", "th-harmonic", "th-noise"}) {
        INFO(id);
        const Dataset d = load(id);
        const TimeHistoryData& th = d.timeHistory();
        CHECK(th.samples() == 60001);
        CHECK(th.timeS.front() == 0.0);
        CHECK(th.timeS.back() == 60.0);
        CHECK(th.samplingRateHz == Approx(1000.0).epsilon(1e-12));
        CHECK(d.info.durationS == 60.0);
        CHECK(d.info.excitationFloor == 1);
        CHECK(th.response == ResponseQuantity::Velocity);
        CHECK(th.hasForce());
        CHECK(th.channels.size() == 3);
    }
    // Reference numbers of simulator_uq.md section 7.
    const Dataset impulse = load("th-impulse");
    const TimeHistoryData& th = impulse.timeHistory();
    CHECK(th.forceN[0] == 10.0);
    CHECK(std::count(th.forceN.begin(), th.forceN.end(), 0.0) == 60000);
    CHECK((*th.floor(1))[1] == 1.8772e-3);
    CHECK(maxAbs(*th.floor(1)) == 1.8772e-3);
    CHECK(maxAbs(*th.floor(2)) == 1.4965e-3);
    CHECK(maxAbs(*th.floor(3)) == 1.4849e-3);
    // Modes from the 60 s record: 6.5205, 18.2700, 26.4034 Hz.
    const double modes[] = {6.5205, 18.2700, 26.4034};
    for (double f : modes)
        CHECK(dftPeak(*th.floor(1), th.samplingRateHz, f - 0.02, f + 0.02, 0.0005) ==
              Approx(f).margin(0.0011));

    const Dataset harmonic = load("th-harmonic");
    const TimeHistoryData& h = harmonic.timeHistory();
    CHECK(h.forceN[1] == 0.75327);
    CHECK(*std::max_element(h.forceN.begin(), h.forceN.end()) == 9.9992);
    CHECK(maxAbs(*h.floor(1)) == 0.022238);
    CHECK(maxAbs(*h.floor(2)) == 0.016906);
    CHECK(maxAbs(*h.floor(3)) == 0.032473);

    const Dataset noise = load("th-noise");
    const TimeHistoryData& n = noise.timeHistory();
    double squares = 0.0;
    for (double f : n.forceN)
        squares += f * f;
    CHECK(std::sqrt(squares / static_cast<double>(n.samples())) == Approx(1.7139).epsilon(1e-4));
    CHECK(*std::max_element(n.forceN.begin(), n.forceN.end()) == 6.0806);
    CHECK(*std::min_element(n.forceN.begin(), n.forceN.end()) == -6.6451);
    CHECK(maxAbs(*n.floor(3)) == 0.077314);
}

TEST_CASE("Malformed manifests are reported with the file and what is wrong", "[io][datasets]")
{
    const auto error = [](const std::string& json) {
        const ReadResult<Catalogue> r = parseManifest(json, "m.json", ".");
        REQUIRE_FALSE(r.ok());
        return r.error().text();
    };
    CHECK(error("{\n  \"format_version\": 1,\n  \"datasets\": [,]\n}").rfind("m.json line 3: invalid JSON: ", 0) == 0);
    CHECK(error("{\"format_version\": 2}") == "m.json: the manifest: expected \"format_version\": 1");
    CHECK(error("[]") == "m.json: the manifest: expected a JSON object, found array");
    const std::string entry = R"({"id": "a", "title": "t", "rig": "r", "kind": "frf",
        "file": "f.csv", "format": "dtop-csv", "quantity": "mobility", "source": "s",
        "licence": "l"})";
    const auto manifest = [](const std::string& datasets) {
        return "{\"format_version\": 1, \"datasets\": [" + datasets + "]}";
    };
    REQUIRE(parseManifest(manifest(entry), "m.json", ".").ok());
    CHECK(error(manifest(entry + "," + entry)) == "m.json: dataset 2: id 'a' is listed twice");
    std::string noFile = entry;
    noFile.replace(noFile.find("\"file\""), 16, "");
    CHECK(error(manifest(noFile)) == "m.json: dataset 1 ('a'): missing key 'file'");
    std::string badKind = entry;
    badKind.replace(badKind.find("\"frf\""), 5, "\"png\"");
    CHECK(error(manifest(badKind)) ==
          "m.json: dataset 1 ('a'): key 'kind' must be \"frf\" or \"time_history\", found \"png\"");
    std::string badFloor = entry;
    badFloor.insert(1, "\"excitation_floor\": \"one\", ");
    CHECK(error(manifest(badFloor)) ==
          "m.json: dataset 1 ('a'): key 'excitation_floor' must be a whole number, found string");

    const ReadResult<Catalogue> missing = readManifest("/nonexistent/manifest.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().text() ==
          "/nonexistent/manifest.json: cannot read the file: No such file or directory");
    const ReadResult<Dataset> unknown = readCatalogueDataset(bundled(), "no-such-id");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message == "no dataset 'no-such-id' in the catalogue");
}

TEST_CASE("A manifest survives writing and reading back", "[io][datasets]")
{
    const Catalogue& c = bundled();
    const ReadResult<Catalogue> back = parseManifest(manifestToJson(c).dump(2), "m.json", c.directory);
    REQUIRE(back.ok());
    CHECK(back.value().datasets == c.datasets);
    CHECK(back.value().unavailable == c.unavailable);
    CHECK(back.value().otherFiles == c.otherFiles);
    CHECK(back.value().licenceFile == c.licenceFile);
}
