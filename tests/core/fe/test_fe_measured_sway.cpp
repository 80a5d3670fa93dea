// SPDX-License-Identifier: GPL-3.0-or-later
// Measured sway modes of a rig from its FRF dataset (the fe tool's --calibrate-to).
#include "fe/fe_analysis.h"
#include "fe/measured_sway.h"
#include "model/presets.h"
#include "io/dataset_library.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace dtop;
using namespace dtop::fe;

namespace {

io::Dataset bundled(const std::string& id) {
    auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR);
    REQUIRE(catalogue);
    auto read = io::loadDataset(&catalogue.value(), nullptr, id);
    REQUIRE(read);
    return std::move(read).value();
}

} // namespace

TEST_CASE("Southampton measured sway modes from its FRFs", "[fe]") {
    const MeasuredSway m = measuredSwayFromDataset(bundled("southampton-exp-force1"), 3, 100.0);
    CHECK(m.dataset == "southampton-exp-force1");
    REQUIRE(m.frequenciesHz.size() == 3);
    // The peaks the manifest lists (6.500, 17.469, 26.500 Hz on the 0.03125-Hz grid).
    CHECK(m.frequenciesHz[0] == Approx(6.50).margin(0.04));
    CHECK(m.frequenciesHz[1] == Approx(17.47).margin(0.04));
    CHECK(m.frequenciesHz[2] == Approx(26.50).margin(0.04));
    REQUIRE(m.shapes.size() == 3);
    // Shear-building shapes: mode 1 all one sign, mode 2 one sign change, mode 3 two.
    auto signChanges = [](const std::vector<double>& s) {
        int n = 0;
        for (std::size_t i = 1; i < s.size(); ++i)
            n += (s[i] > 0.0) != (s[i - 1] > 0.0);
        return n;
    };
    for (int r = 0; r < 3; ++r) {
        REQUIRE(m.shapes[static_cast<std::size_t>(r)].size() == 3);
        CHECK(signChanges(m.shapes[static_cast<std::size_t>(r)]) == r);
    }

    // Against the rigid model: the weak sway modes pair with MAC near 1 and are too stiff.
    FeInput in;
    in.convergence = false;
    in.calibration = JointCalibration::Off;
    in.calibrateToHz = m.frequenciesHz;
    in.measuredModeShapes = m.shapes;
    REQUIRE(in.validate().empty());
    const FeResult r = runFe(in);
    REQUIRE(r.comparison);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(r.comparison->mac[i] > 0.95);
        CHECK(r.comparison->errorsPct[i] > 10.0);
    }
}

TEST_CASE("Measured sway modes need an FRF dataset with peaks", "[fe]") {
    CHECK_THROWS_WITH(measuredSwayFromDataset(bundled("th-impulse"), 3, 100.0),
                      Catch::Contains("time history"));
    const io::Dataset frf = bundled("southampton-exp-force1");
    CHECK_THROWS_WITH(measuredSwayFromDataset(frf, 3, 1.0), Catch::Contains("no resonance peak"));
    // Fewer storeys than measured floors: the strongest peaks, and no shapes.
    const MeasuredSway one = measuredSwayFromDataset(frf, 1, 100.0);
    CHECK(one.frequenciesHz.size() == 1);
    CHECK(one.shapes.empty());
}

TEST_CASE("A profile's undamped modes stand for the measured sway modes", "[fe]") {
    const model::Profile p = *model::preset("southampton-lpm");
    const MeasuredSway m = measuredSwayFromProfile(p, "profile:southampton-lpm", 3, 100.0);
    CHECK(m.dataset == "profile:southampton-lpm");
    // The preset's modes (docs/tools/structure.md): 6.2036, 17.8002, 26.4022 Hz.
    REQUIRE(m.frequenciesHz.size() == 3);
    CHECK(m.frequenciesHz[0] == Approx(6.20355733364265).epsilon(1e-12));
    CHECK(m.frequenciesHz[2] == Approx(26.402206286763708).epsilon(1e-12));
    REQUIRE(m.shapes.size() == 3);
    // Mass-orthonormal shapes: Σ m_i φ_ri φ_si = δ_rs.
    for (std::size_t r = 0; r < 3; ++r)
        for (std::size_t s = 0; s < 3; ++s) {
            double dot = 0.0;
            for (std::size_t i = 0; i < 3; ++i)
                dot += p.masses[i] * m.shapes[r][i] * m.shapes[s][i];
            CHECK(dot == Approx(r == s ? 1.0 : 0.0).margin(1e-12));
        }
    // A lower limit keeps the modes below it; a frame of another storey count is refused.
    CHECK(measuredSwayFromProfile(p, "x", 3, 20.0).frequenciesHz.size() == 2);
    CHECK_THROWS_WITH(measuredSwayFromProfile(p, "x", 2, 100.0),
                      Catch::Contains("has 3 storeys, the frame 2"));
    CHECK_THROWS_WITH(measuredSwayFromProfile(p, "x", 3, 1.0), Catch::Contains("no mode below"));
}
