// SPDX-License-Identifier: GPL-3.0-or-later
// The optimised inner bound ("best found") reaches the global extreme: the verified stage's
// branch and bound feeds its incumbent (corners, local searches restarted inside its most
// promising boxes) into it. Checked against dense grids refined by nested grids on 2- and
// 3-parameter boxes, and for inner <= outer on random 9-parameter boxes (docs/tools/uncertainty.md).
#include "dynamics/frf.h"
#include "uq/chain_frf.h"
#include "uq/uncertainty.h"
#include "uq/uq_frequency_grid.h"
#include "uq/verified_frf_bounds.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numbers>
#include <random>

using namespace dtop;
using namespace dtop::uq;
using cd = std::complex<double>;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

namespace {

// |H_{d,input}| for every floor d at the point of the box given in unit coordinates of `dims`.
class BoxFrf {
public:
    BoxFrf(const ChainModel& model, const ParameterBox& box, std::vector<std::size_t> dims,
           std::size_t input, double omega)
        : m_frf(model), m_box(box), m_dims(std::move(dims)), m_input(input), m_omega(omega),
          m_point(box.nominal), m_column(model.storeys)
    {
    }
    std::size_t dimensions() const { return m_dims.size(); }
    const std::vector<cd>& operator()(const std::vector<double>& t)
    {
        for (std::size_t i = 0; i < m_dims.size(); ++i)
            m_point[m_dims[i]] = m_box.lower[m_dims[i]] + t[i] * m_box.width(m_dims[i]);
        m_frf.evaluate(m_point.data(), m_omega);
        m_frf.column(m_input, m_column.data());
        return m_column;
    }

private:
    ChainFrf m_frf;
    const ParameterBox& m_box;
    std::vector<std::size_t> m_dims;
    std::size_t m_input;
    double m_omega;
    std::vector<double> m_point;
    std::vector<cd> m_column;
};

// Index i of a k-dimensional grid of `steps` + 1 points per side -> unit coordinates.
std::vector<double> gridPoint(std::size_t i, std::size_t k, int steps)
{
    std::vector<double> t(k);
    for (std::size_t s = 0; s < k; ++s) {
        t[s] = static_cast<double>(i % static_cast<std::size_t>(steps + 1)) / steps;
        i /= static_cast<std::size_t>(steps + 1);
    }
    return t;
}

// The global extreme of |H_d| over the box by brute force: a dense grid, then each of its best
// local extremes (grid points no worse than their neighbours: 16 for k = 2, 8 for k = 3)
// refined by a pattern search on nested grids (9^k points for k = 2, 5^k for k = 3) in a window
// of ±2 grid steps around the best point so far: the window moves to a better point and doubles
// (up to ±8 steps), and halves only when its centre is best, so it follows a resonance ridge
// that is narrower than the grid (which leaves many local extremes along it).
double gridExtreme(BoxFrf& f, std::size_t floor, bool upper, int steps)
{
    const std::size_t k = f.dimensions();
    const std::size_t side = static_cast<std::size_t>(steps + 1);
    std::size_t total = 1;
    for (std::size_t s = 0; s < k; ++s)
        total *= side;
    const double sign = upper ? 1.0 : -1.0;
    std::vector<double> value(total);
    for (std::size_t i = 0; i < total; ++i)
        value[i] = sign * std::abs(f(gridPoint(i, k, steps))[floor]);
    // Local extremes of the grid.
    std::vector<std::size_t> peaks;
    for (std::size_t i = 0; i < total; ++i) {
        bool peak = true;
        std::size_t stride = 1;
        for (std::size_t s = 0; s < k && peak; ++s, stride *= side) {
            const std::size_t c = (i / stride) % side;
            if (c > 0 && value[i - stride] > value[i])
                peak = false;
            if (c + 1 < side && value[i + stride] > value[i])
                peak = false;
        }
        if (peak)
            peaks.push_back(i);
    }
    std::sort(peaks.begin(), peaks.end(), [&](std::size_t a, std::size_t b) { return value[a] > value[b]; });
    peaks.resize(std::min<std::size_t>(peaks.size(), k == 2 ? 16 : 8));
    double best = -INFINITY;
    const int kSub = k == 2 ? 8 : 4; // points per side - 1
    std::size_t subTotal = 1;
    for (std::size_t s = 0; s < k; ++s)
        subTotal *= kSub + 1;
    for (std::size_t peak : peaks) {
        std::vector<double> centre = gridPoint(peak, k, steps);
        double centreValue = value[peak];
        double half = 2.0 / steps;
        for (int move = 0; move < 20000 && half > 1e-12; ++move) {
            const std::vector<double> origin = centre;
            bool moved = false;
            for (std::size_t j = 0; j < subTotal; ++j) {
                std::vector<double> t = gridPoint(j, k, kSub);
                for (std::size_t s = 0; s < k; ++s)
                    t[s] = std::clamp(origin[s] + half * (2.0 * t[s] - 1.0), 0.0, 1.0);
                const double v = sign * std::abs(f(t)[floor]);
                if (v > centreValue) {
                    centreValue = v;
                    centre = t;
                    moved = true;
                }
            }
            half = moved ? std::min(2.0 * half, 8.0 / steps) : 0.5 * half;
        }
        best = std::max(best, centreValue);
    }
    return sign * best;
}

// The full-scale default case with only the named parameters uncertain (±percent), on an
// explicit grid: the nominal resonances, their half-power neighbourhoods and the issue's
// frequencies (102.99 and 122.59 rad/s).
UncertaintyInput fewParameterCase(const std::vector<std::size_t>& uncertain, double percent)
{
    UncertaintyInput in;
    in.parameters.assign(9, ParameterSpread::relative(0.0));
    for (std::size_t i : uncertain)
        in.parameters[i] = ParameterSpread::relative(percent);
    in.gridMode = UqGridMode::Explicit;
    const ChainModel model = ChainModel::fromProfile(in.profile);
    const std::vector<double> nominal = ChainModel::nominalParameters(in.profile);
    std::vector<double> omegas = {102.98994975, 122.5879397, 20.0};
    for (const ChainMode& m : chainModes(model, nominal.data()))
        for (double f : {0.97, 0.995, 1.0, 1.005, 1.03})
            omegas.push_back(m.omega * f);
    for (double w : omegas)
        in.frequenciesHz.push_back(w / kTwoPi);
    std::sort(in.frequenciesHz.begin(), in.frequenciesHz.end());
    return in;
}

void checkAgainstGrid(const UncertaintyInput& in, int steps)
{
    const UncertaintyResult r = runUncertainty(in);
    const MethodBounds* optimised = r.find(UqMethod::Optimised);
    const MethodBounds* verified = r.find(UqMethod::Verified);
    REQUIRE(optimised);
    REQUIRE(verified);
    const ChainModel model = ChainModel::fromProfile(in.profile);
    const std::size_t input = static_cast<std::size_t>(in.inputFloor - 1);
    for (std::size_t w = 0; w < r.frequencyHz.size(); ++w) {
        BoxFrf f(model, r.box, r.box.uncertainIndices(), input, kTwoPi * r.frequencyHz[w]);
        for (std::size_t d = 0; d < r.nominal.size(); ++d) {
            const double hi = gridExtreme(f, d, true, steps);
            const double lo = gridExtreme(f, d, false, steps);
            INFO("f = " << r.frequencyHz[w] << " Hz, floor " << d + 1 << std::setprecision(12)
                        << ": optimised [" << optimised->floors[d].lower[w] << ", "
                        << optimised->floors[d].upper[w] << "], grid [" << lo << ", " << hi << "]");
            CHECK(optimised->floors[d].upper[w] == Approx(hi).epsilon(1e-6).margin(0.0));
            CHECK(optimised->floors[d].lower[w] == Approx(lo).epsilon(1e-6).margin(0.0));
            // The grid's extremes are attained, so inside the verified bound.
            CHECK(verified->floors[d].lower[w] <= lo);
            CHECK(hi <= verified->floors[d].upper[w]);
        }
    }
    CHECK(r.worstGap <= in.verifiedTolerance * (1.0 + 1e-9));
}

} // namespace

TEST_CASE("Optimised inner bound equals the dense-grid global extreme on 2-parameter boxes",
          "[uncertainty][inner]")
{
    // k1 with m2, and m1 with c3 (±10 %), force on floor 2 (the default case's box, cut down).
    checkAgainstGrid(fewParameterCase({3, 1}, 10.0), 200);
    checkAgainstGrid(fewParameterCase({0, 8}, 10.0), 200);
}

TEST_CASE("Optimised inner bound equals the dense-grid global extreme on 3-parameter boxes",
          "[uncertainty][inner]")
{
    // m2, k2 and k3 (±10 %): the second and third modes move across the box.
    checkAgainstGrid(fewParameterCase({1, 4, 5}, 10.0), 40);
}

TEST_CASE("Inner bounds never exceed the verified outer bound on random 9-parameter boxes",
          "[uncertainty][inner]")
{
    std::mt19937_64 rng(41);
    std::uniform_real_distribution<double> u(0.6, 1.4);
    std::uniform_real_distribution<double> pct(2.0, 25.0);
    for (int trial = 0; trial < 4; ++trial) {
        UncertaintyInput in;
        for (std::size_t i = 0; i < 3; ++i) {
            in.profile.masses[i] = 5.0 * u(rng);
            in.profile.stiffnesses[i] = 4e4 * u(rng);
            in.profile.dampers[i] = 6.0 * u(rng);
        }
        in.parameters.clear();
        for (std::size_t i = 0; i < 9; ++i)
            in.parameters.push_back(ParameterSpread::relative(pct(rng)));
        in.inputFloor = 1 + trial % 3;
        in.quantity = trial % 2 ? dynamics::FrfQuantity::Accelerance : dynamics::FrfQuantity::Receptance;
        in.gridMode = UqGridMode::Linear;
        in.fminHz = 0.5;
        in.fmaxHz = 30.0;
        in.points = 40;
        in.samples = 2000;
        in.seed = static_cast<std::uint64_t>(trial);
        const UncertaintyResult r = runUncertainty(in);
        const MethodBounds* verified = r.find(UqMethod::Verified);
        REQUIRE(verified);
        for (const MethodBounds& m : r.methods) {
            if (m.method == UqMethod::Verified)
                continue;
            for (std::size_t d = 0; d < 3; ++d)
                for (std::size_t w = 0; w < r.frequencyHz.size(); ++w) {
                    INFO(m.label << ", floor " << d + 1 << ", " << r.frequencyHz[w] << " Hz");
                    CHECK(verified->floors[d].lower[w] <= m.floors[d].lower[w]);
                    CHECK(m.floors[d].upper[w] <= verified->floors[d].upper[w]);
                    CHECK(m.floors[d].lower[w] <= m.floors[d].upper[w]);
                }
        }
        // The gap is measured, never negative, and what the summary states as the worst.
        double worst = 0.0;
        for (const auto& floor : r.gap)
            for (double g : floor) {
                CHECK(g >= 0.0);
                worst = std::max(worst, g);
            }
        CHECK(worst == r.worstGap);
    }
}

TEST_CASE("Verified bounds and raised inner values do not depend on the number of threads",
          "[uncertainty][inner][threads]")
{
    UncertaintyInput in;
    in.gridMode = UqGridMode::Linear;
    in.points = 24;
    const ParameterBox box = in.box();
    const ChainModel model = ChainModel::fromProfile(in.profile);
    std::vector<double> omegas;
    for (std::size_t i = 0; i < in.points; ++i)
        omegas.push_back(30.0 + 150.0 * static_cast<double>(i) / static_cast<double>(in.points - 1));
    // Seeds: the nominal values, so that the search has inner values to raise.
    std::vector<FloorBounds> inner(3);
    std::vector<cd> x(3);
    for (double w : omegas) {
        ChainFrf(model, box.nominal.data(), w).column(1, x.data());
        for (std::size_t d = 0; d < 3; ++d) {
            inner[d].lower.push_back(std::abs(x[d]));
            inner[d].upper.push_back(std::abs(x[d]));
        }
    }
    VerifiedFrfOptions options;
    options.tolerance = 0.001;
    options.maxBoxes = 300;
    options.threads = 1;
    const VerifiedFrfBounds one = verifiedFrfBounds(model, box, 1, omegas, dynamics::FrfQuantity::Receptance,
                                                    inner, options, Progress::none());
    options.threads = 2;
    const VerifiedFrfBounds two = verifiedFrfBounds(model, box, 1, omegas, dynamics::FrfQuantity::Receptance,
                                                    inner, options, Progress::none());
    for (std::size_t d = 0; d < 3; ++d) {
        CHECK(one.outer[d].lower == two.outer[d].lower);
        CHECK(one.outer[d].upper == two.outer[d].upper);
        CHECK(one.inner[d].lower == two.inner[d].lower);
        CHECK(one.inner[d].upper == two.inner[d].upper);
    }
    CHECK(one.statistics.boxes == two.statistics.boxes);
    CHECK(one.statistics.searches == two.statistics.searches);
    CHECK(one.statistics.raised == two.statistics.raised);
    // Starting from the nominal values, the search raises most points.
    CHECK(one.statistics.raised > omegas.size());
    CHECK(one.statistics.largestRaise > 0.01);
}
