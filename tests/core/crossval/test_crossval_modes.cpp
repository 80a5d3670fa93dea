// SPDX-License-Identifier: GPL-3.0-or-later
// MAC, mode pairing, peak picking and the exact modes of a profile.
#include "crossval/mac.h"
#include "crossval/mode_estimate.h"
#include "crossval/mode_pairing.h"
#include "crossval/peak_picking.h"
#include "dynamics/modal_analysis.h"
#include "dynamics/shear_building.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace dtop;
using namespace dtop::crossval;
using C = std::complex<double>;

TEST_CASE("MAC of the modes of a uniform chain is the identity", "[crossval]")
{
    // Equal masses and storeys: φ_r(i) = sin((2r − 1)iπ/(2n + 1)), mutually orthogonal in the
    // plain inner product, so MAC = I (closed form, no eigen-solver).
    const int n = 3;
    Eigen::MatrixXcd phi(n, n);
    for (int r = 1; r <= n; ++r)
        for (int i = 1; i <= n; ++i)
            phi(i - 1, r - 1) = std::sin((2.0 * r - 1.0) * i * std::numbers::pi / (2.0 * n + 1.0));
    const Eigen::MatrixXd mac = macMatrix(phi, phi);
    CHECK((mac - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff() < 1e-15);
    // Scaling a shape by any complex number leaves MAC unchanged.
    Eigen::MatrixXcd scaled = phi;
    scaled.col(1) *= C(-0.3, 2.0);
    CHECK((macMatrix(phi, scaled) - mac).cwiseAbs().maxCoeff() < 1e-14);
}

TEST_CASE("MAC of mass-orthogonal shapes with unequal masses is not zero but mass-weighted MAC is",
          "[crossval]")
{
    model::Profile p = *model::preset("sheffield-design"); // masses 4.87, 5.48, 5.69 kg
    const dynamics::UndampedModes modes = dynamics::undampedModes(dynamics::ShearBuilding(p));
    const Eigen::MatrixXcd phi = modes.shapes.cast<C>();
    const Eigen::VectorXd m = Eigen::Map<const Eigen::VectorXd>(p.masses.data(), 3);
    const Eigen::MatrixXd weighted = weightedMacMatrix(phi, phi, m);
    CHECK((weighted - Eigen::MatrixXd::Identity(3, 3)).cwiseAbs().maxCoeff() < 1e-12);
    const Eigen::MatrixXd mac = macMatrix(phi, phi);
    for (int i = 0; i < 3; ++i) {
        CHECK(mac(i, i) == Approx(1.0).epsilon(1e-14));
        for (int j = 0; j < 3; ++j) {
            // The definition, written out.
            const Eigen::VectorXd a = modes.shapes.col(i), b = modes.shapes.col(j);
            const double expected = std::pow(a.dot(b), 2) / (a.squaredNorm() * b.squaredNorm());
            CHECK(mac(i, j) == Approx(expected).epsilon(1e-12).margin(1e-15));
        }
    }
    CHECK(mac(0, 1) > 1e-4); // unequal masses: M-orthogonal is not orthogonal
    CHECK_THROWS_AS(weightedMacMatrix(phi, phi, Eigen::Vector3d(1.0, 0.0, 1.0)),
                    std::invalid_argument);
    CHECK_THROWS_AS(macMatrix(phi, phi.topRows(2)), std::invalid_argument);
}

TEST_CASE("Modes are paired by MAC or by frequency one to one", "[crossval]")
{
    Eigen::MatrixXd mac(3, 3);
    mac << 0.05, 0.97, 0.10, //
        0.92, 0.02, 0.30,    //
        0.01, 0.20, 0.88;
    const std::vector<double> fr = {6.5, 17.5, 26.5}, fc = {17.9, 6.3, 26.6};
    const auto byMac = pairModes(mac, fr, fc, PairingRule::Mac);
    REQUIRE(byMac.size() == 3);
    CHECK(byMac[0].candidate == 1);
    CHECK(byMac[1].candidate == 0);
    CHECK(byMac[2].candidate == 2);
    const auto byF = pairModes(mac, fr, fc, PairingRule::Frequency);
    REQUIRE(byF.size() == 3);
    CHECK(byF[0].candidate == 1);
    CHECK(byF[1].candidate == 0);
    // Fewer candidates than references: the best pairs are kept.
    const auto partial = pairModes(mac.leftCols(1), fr, {17.9}, PairingRule::Mac);
    REQUIRE(partial.size() == 1);
    CHECK(partial[0].reference == 1);
}

TEST_CASE("Exact profile modes agree with the modal analysis and are restricted to the band",
          "[crossval]")
{
    const model::Profile p = *model::preset("southampton-lpm");
    const ModeEstimate all = profileModes(p, {1, 2, 3}, 0.0, 1000.0);
    const dynamics::ModalResult modal = dynamics::runModal({p});
    REQUIRE(all.size() == 3);
    for (std::size_t r = 0; r < 3; ++r) {
        CHECK(all.frequenciesHz[r] == modal.damped.naturalFrequenciesHz[r]);
        CHECK(all.dampingRatios[r] == modal.damped.dampingRatios[r]);
    }
    // Reference values from an independent numpy state-space solution (docs/tools/crossval.md).
    CHECK(all.frequenciesHz[0] == Approx(6.20357731).epsilon(1e-8));
    CHECK(all.frequenciesHz[1] == Approx(17.80020243).epsilon(1e-8));
    CHECK(all.frequenciesHz[2] == Approx(26.40217249).epsilon(1e-8));
    CHECK(all.dampingRatios[0] == Approx(0.0034493).epsilon(1e-4));
    const ModeEstimate band = profileModes(p, {1, 3}, 10.0, 20.0);
    REQUIRE(band.size() == 1);
    CHECK(band.shapes.rows() == 2);
    CHECK(band.frequenciesHz[0] == all.frequenciesHz[1]);
    CHECK_THROWS_AS(profileModes(p, {4}, 0.0, 100.0), std::invalid_argument);
}

TEST_CASE("Peak picking finds the vertex of a parabola on a non-uniform grid", "[crossval]")
{
    // y = 10 − 3(f − 7.04)² on uneven samples: the three-point vertex is exact.
    const std::vector<double> f = {6.0, 6.5, 6.9, 7.0, 7.12, 7.5, 8.2};
    std::vector<double> y;
    for (double v : f)
        y.push_back(10.0 - 3.0 * (v - 7.04) * (v - 7.04));
    const auto peaks = findPeaks(f, y, 0.0, 100.0, 0, {0.0});
    REQUIRE(peaks.size() == 1);
    CHECK(peaks[0].index == 3);
    CHECK(peaks[0].frequencyHz == Approx(7.04).epsilon(1e-13));
    CHECK(peaks[0].levelDb == Approx(10.0).epsilon(1e-13));
    // Prominence: the peak sample (10 − 3·0.04² dB) above its higher base y(6.0) = 6.7552 dB.
    REQUIRE(peaks[0].prominenceDb == Approx(3.2448 - 3.0 * 0.04 * 0.04).epsilon(1e-12));
    CHECK(findPeaks(f, y, 0.0, 100.0, 0, {3.2}).size() == 1);
    CHECK(findPeaks(f, y, 0.0, 100.0, 0, {3.3}).empty());
    // The band edges are never peaks, a flat top gives its middle sample.
    const std::vector<double> g = {0, 1, 2, 3, 4, 5, 6};
    const std::vector<double> flat = {0, 5, 9, 9, 9, 5, 0};
    const auto top = findPeaks(g, flat, 0.0, 6.0, 0, {1.0});
    REQUIRE(top.size() == 1);
    CHECK(top[0].index == 3);
    CHECK(findPeaks(g, {9, 5, 1, 0, 1, 5, 9}, 0.0, 6.0, 0, {0.0}).empty());
}

TEST_CASE("Peak picking keeps the most prominent peaks in frequency order", "[crossval]")
{
    const std::vector<double> f = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const std::vector<double> y = {0, 3, 0, 10, 0, 1, 0, 7, 0, 20, 0};
    const auto two = findPeaks(f, y, 0.0, 10.0, 2, {0.5});
    REQUIRE(two.size() == 2);
    CHECK(two[0].index == 3);
    CHECK(two[1].index == 9);
    CHECK(two[0].prominenceDb == 10.0);
    // Restricting the band changes what an edge is: sample 3 becomes the first one.
    const auto inner = findPeaks(f, y, 2.5, 8.5, 0, {0.5});
    REQUIRE(inner.size() == 2);
    CHECK(inner[0].index == 5);
    CHECK(inner[1].index == 7);
    CHECK(inner[1].prominenceDb == 7.0);
}

TEST_CASE("Half-power damping of a single-degree-of-freedom receptance", "[crossval]")
{
    // |H|² = 1/((ωn² − ω²)² + (2ζωnω)²): the half-power bandwidth gives ζ to O(ζ²).
    const double fn = 10.0, zeta = 0.01;
    std::vector<double> f, power;
    for (int k = 0; k <= 20000; ++k) {
        const double v = 5.0 + k * 0.0005;
        const double w = v / fn;
        f.push_back(v);
        power.push_back(1.0 / ((1 - w * w) * (1 - w * w) + 4 * zeta * zeta * w * w));
    }
    std::vector<double> db;
    for (double p : power)
        db.push_back(10.0 * std::log10(p));
    const auto peaks = findPeaks(f, db, 0.0, 100.0, 1, {});
    REQUIRE(peaks.size() == 1);
    CHECK(peaks[0].frequencyHz == Approx(fn * std::sqrt(1 - 2 * zeta * zeta)).epsilon(1e-6));
    const double z = halfPowerDampingRatio(f, power, peaks[0].index, peaks[0].frequencyHz,
                                           std::pow(10.0, peaks[0].levelDb / 10.0));
    CHECK(z == Approx(zeta).epsilon(0.01));
    // A side that never falls to half power gives NaN.
    std::vector<double> plateau(f.size(), 1.0);
    plateau[10000] = 1.5;
    CHECK(std::isnan(halfPowerDampingRatio(f, plateau, 10000, 10.0, 1.5)));
}
