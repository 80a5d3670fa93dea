// SPDX-License-Identifier: GPL-3.0-or-later
// The inter-lab view and the prototype's four pages on the bundled data.
#include "crossval/interlab.h"
#include "crossval/interlab_json.h"
#include "crossval/prototype_views.h"
#include "crossval_test_support.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace dtop;
using namespace dtop::crossval;

namespace {
io::Catalogue catalogue()
{
    return io::loadBundledCatalogue(DTOP_DATA_DIR).value();
}
} // namespace

TEST_CASE("The prototype's rigs are read with the Bristol model from its own file", "[crossval]")
{
    std::vector<std::string> problems;
    const InterlabInput in = prototypeInterlabInput(catalogue(), &problems);
    CHECK(problems.empty());
    REQUIRE(in.rigs.size() == 4);
    CHECK(in.rigs[0].rig == "swansea");
    CHECK(in.rigs[0].measured->info.id == "swansea-exp-db");
    CHECK(in.rigs[1].model->info.id == "southampton-num-db");
    CHECK_FALSE(in.rigs[2].measured.has_value());
    CHECK(in.rigs[2].model->info.suspect);
    CHECK(in.rigs[2].missingNote.find("ExpDataSh.csv") != std::string::npos);
    REQUIRE(in.rigs[3].model.has_value());
    CHECK(in.rigs[3].model->info.id == "bristol-num-db"); // A.7 #1 fixed
    CHECK(in.rigs[3].prototype == 4);
}

TEST_CASE("Inter-lab spread of the measured natural frequencies on floor 1", "[crossval]")
{
    const InterlabInput in = prototypeInterlabInput(catalogue());
    const InterlabResult r = runInterlab(in);
    REQUIRE(r.spreadSources == std::vector<std::string>{"swansea-exp-db", "southampton-exp-db"});
    REQUIRE(r.spread.size() == 3);
    // Floor-1 peaks of the two measurements (the specification's table, scipy's picking).
    const double sw[3] = {7.003838, 19.319079, 29.101529};
    const double so[3] = {6.511205, 17.465338, 26.508366};
    for (int m = 0; m < 3; ++m) {
        const ModeSpread& s = r.spread[m];
        CHECK(s.count == 2);
        CHECK(s.perSourceHz[0] == Approx(sw[m]).margin(2e-6));
        CHECK(s.perSourceHz[1] == Approx(so[m]).margin(2e-6));
        CHECK(s.meanHz == Approx((sw[m] + so[m]) / 2).margin(2e-6));
        CHECK(s.minHz == s.perSourceHz[1]);
        CHECK(s.maxHz == s.perSourceHz[0]);
        CHECK(s.rangeHz == Approx(sw[m] - so[m]).margin(4e-6));
        CHECK(s.rangePct == Approx(100.0 * s.rangeHz / s.meanHz));
    }
    CHECK(r.spread[0].rangePct == Approx(7.29).margin(0.01)); // "about 8 %" in the specification
    // Curves: cut at 45 Hz, floor 2 of the Swansea model on its own axis.
    const InterlabRigResult& swansea = r.rigs[0];
    REQUIRE(swansea.model.size() == 3);
    CHECK_FALSE(swansea.model[0].ownAxis);
    CHECK(swansea.model[1].ownAxis);
    CHECK(swansea.model[1].frequencyHz.front() == 0.84);
    CHECK(swansea.model[1].peaksHz[0] == Approx(7.369453).margin(2e-6));
    CHECK(swansea.measured[0].frequencyHz.back() <= 45.0);
    CHECK(swansea.measured[0].magnitudeDb[0] == -16.751); // the source's own dB values
    CHECK(r.rigs[3].measured.empty());

    InterlabInput withModels = in;
    withModels.includeModels = true;
    const InterlabResult all = runInterlab(withModels);
    CHECK(all.spreadSources.size() == 6);
    bool suspectNote = false;
    for (const auto& n : all.notes)
        suspectNote =
            suspectNote || n.find("'sheffield-num-db' is marked suspect") != std::string::npos;
    CHECK(suspectNote);
    // The Bristol model's peaks on its 0.1 Hz grid (about 6.7, 18.6, 26.5 Hz).
    const auto& bristol = all.rigs[3].model[0].peaksHz;
    REQUIRE(bristol.size() == 3);
    CHECK(bristol[0] == Approx(6.7).margin(0.1));
    CHECK(bristol[1] == Approx(18.6).margin(0.1));
    CHECK(bristol[2] == Approx(26.5).margin(0.1));
}

TEST_CASE("The prototype's four pages are reproduced with its bugs fixed", "[crossval]")
{
    const InterlabResult r = runInterlab(prototypeInterlabInput(catalogue()));
    const std::vector<PrototypeView> views = prototypeViews(r);
    REQUIRE(views.size() == 4);
    CHECK(views[0].id == "experimental");
    REQUIRE(views[0].panels.size() == 4);
    CHECK(views[0].panels[0].title == "Prototype 1 (Swansea)");
    CHECK(views[0].panels[0].traces.size() == 3);
    CHECK(views[0].panels[1].traces[0].name == "floor 1 (accelerance)");
    CHECK(views[0].panels[2].traces.empty());
    CHECK(views[0].panels[2].note.find("never published") != std::string::npos);
    const PrototypeView& numerical = views[1];
    CHECK(numerical.panels[0].note.find("Floor 2 is drawn on its own frequency axis") !=
          std::string::npos);
    CHECK(numerical.panels[3].traces.at(0).datasetId == "bristol-num-db");
    CHECK(numerical.panels[2].note.find("suspect") != std::string::npos);
    const PrototypeView& both = views[2];
    REQUIRE(both.panels[1].traces.size() == 2);
    CHECK(both.panels[1].traces[1].markers);
    CHECK(both.panels[3].traces.size() == 1); // Bristol: model only
    const PrototypeView& inter = views[3];
    REQUIRE(inter.panels.size() == 1);
    CHECK(inter.panels[0].traces.size() == 2);
    CHECK(inter.panels[0].note.find("Mode 1: 6.758 Hz mean, 6.511–7.004 Hz") != std::string::npos);

    const nlohmann::json j = interlabResultToJson(r, false);
    CHECK(j["spread"][0]["mean_hz"].get<double>() == r.spread[0].meanHz);
    CHECK_FALSE(j["rigs"][0]["measured"][0].contains("frequency_hz"));
    CHECK(prototypeViewsToJson(views)[3]["panels"][0]["traces"].size() == 2);
}

TEST_CASE("Bad inter-lab inputs are refused", "[crossval]")
{
    InterlabInput in;
    CHECK_FALSE(in.validate().empty());
    in.rigs.push_back({"x", 0, dtop::test::bundledDataset("th-noise"), std::nullopt, ""});
    in.floor = 0;
    in.bandLoHz = 50.0;
    in.modes = 0;
    const InputIssues issues = in.validate();
    auto has = [&](const std::string& field, const std::string& text) {
        for (const auto& i : issues)
            if (i.field == field && i.message.find(text) != std::string::npos)
                return true;
        return false;
    };
    CHECK(has("floor", "got 0"));
    CHECK(has("band_hz", "got 50, 40"));
    CHECK(has("modes", "got 0"));
    CHECK(has("rigs", "'th-noise' is a time history"));
    CHECK_THROWS_AS(runInterlab(in), std::invalid_argument);
}
