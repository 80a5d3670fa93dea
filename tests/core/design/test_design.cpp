// SPDX-License-Identifier: GPL-3.0-or-later
// Design under uncertainty (tool `design`): nominal model, legacy golden numbers, Sobol'
// indices (Ishigami, two estimators), Fisher information (Gaussian linear closed form, bound),
// probability gradient against common-random-number finite differences, six outputs, bad input.
#include "../test_support.h"

#include "design/cell_fisher.h"
#include "design/cell_partition.h"
#include "design/design.h"
#include "design/input_sampler.h"
#include "design/response_batch.h"
#include "design/sobol_indices.h"
#include "dynamics/frf.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <random>

using namespace dtop;
using namespace dtop::design;
using Catch::Matchers::Contains;

namespace {

bool closeRel(double a, double b, double rel) { return std::abs(a - b) <= rel * std::abs(b); }

DesignInput quickInput(std::size_t samples)
{
    DesignInput in;
    in.samples = samples;
    in.sobol = false;
    in.threads = 2;
    in.frfPoints = 100;
    return in;
}

Eigen::MatrixXd seedZeroSamples()
{
    const auto rows = test::readNumericCsv(test::testDataPath("design/samples_seed0.csv"));
    Eigen::MatrixXd Y(static_cast<Eigen::Index>(rows.size()), 12);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < 12; ++j)
            Y(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i].at(j);
    return Y;
}

bool hasIssue(const InputIssues& issues, const std::string& field, const std::string& text)
{
    for (const auto& i : issues)
        if (i.field == field && i.message.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("Design nominal model matches the prototype's deterministic numbers", "[design]")
{
    const DesignInput in;
    const NominalResponse r = nominalResponse(in);
    // Independent values (numpy/scipy generalised eigenproblem and complex 3x3 solve).
    REQUIRE(r.naturalFrequenciesHz.size() == 3);
    CHECK(closeRel(r.naturalFrequenciesHz[0], 1.9676323252155232, 1e-9));
    CHECK(closeRel(r.naturalFrequenciesHz[1], 5.933511765587945, 1e-9));
    CHECK(closeRel(r.naturalFrequenciesHz[2], 8.355868977964404, 1e-9));
    // The spec's rounded values.
    CHECK(std::abs(r.naturalFrequenciesHz[0] - 1.96763233) < 5e-9);
    CHECK(std::abs(r.naturalFrequenciesHz[1] - 5.93351177) < 5e-9);
    CHECK(std::abs(r.naturalFrequenciesHz[2] - 8.35586898) < 5e-9);
    REQUIRE(r.dampingRatios.size() == 3);
    CHECK(closeRel(r.dampingRatios[0], 0.00174224753720614, 1e-9));
    CHECK(closeRel(r.dampingRatios[1], 0.00352671380455626, 1e-9));
    CHECK(closeRel(r.dampingRatios[2], 0.00139915262722367, 1e-9));
    // Outputs at exactly 1.97 Hz: x1..x3, then the complex shears (damper force included).
    REQUIRE(r.outputs.size() == 6);
    CHECK(closeRel(r.outputs[0], 0.03017575891621484, 1e-9));
    CHECK(closeRel(r.outputs[1], 0.05545992126538282, 1e-9));
    CHECK(closeRel(r.outputs[2], 0.06689627021126247, 1e-9));
    CHECK(closeRel(r.outputs[3], 126.83145988899656, 1e-9));
    CHECK(closeRel(r.outputs[4], 104.870854693505, 1e-9));
    CHECK(closeRel(r.outputs[5], 58.34233058298235, 1e-9));
    // FRF grid 0 … 1.5 f_n3 with 10 000 points; |X| at 0 Hz = 1/k1; dB at the grid point
    // nearest 1.97 Hz.
    REQUIRE(r.frequencyHz.size() == 10000);
    CHECK(closeRel(r.frequencyHz.back(), 12.533803466946607, 1e-9));
    for (std::size_t f = 0; f < 3; ++f)
        CHECK(closeRel(r.floorsAbs[f][0], 0.00023792513861578, 1e-9));
    CHECK(closeRel(r.frequencyHz[1572], 1.9705109560996166, 1e-12));
    CHECK(std::abs(r.floorsDb[0][1572] - -31.035435287081107) < 1e-8);
    CHECK(std::abs(r.floorsDb[1][1572] - -25.744804097410913) < 1e-8);
    CHECK(std::abs(r.floorsDb[2][1572] - -24.11542169651003) < 1e-8);
}

TEST_CASE("Design prototype shear definition matches the prototype's nominal shears", "[design]")
{
    DesignInput in;
    in.shear = ShearDefinition::Prototype;
    const NominalResponse r = nominalResponse(in);
    CHECK(closeRel(r.outputs[3], 126.82879619940005, 1e-9));
    CHECK(closeRel(r.outputs[4], 104.87085469193939, 1e-9));
    CHECK(closeRel(r.outputs[5], 58.342330580393806, 1e-9));
}

TEST_CASE("Design legacy mode reproduces the prototype's golden numbers on NumPy seed-0 samples",
          "[design]")
{
    DesignInput in;
    in.legacy = true;
    in.legacyOptions.inputSamples = seedZeroSamples();
    in.outputs = {{OutputKind::Displacement, 3}};
    const DesignResult r = runDesign(in);
    const LegacyResult& L = r.legacyResult;
    REQUIRE(L.computed);
    REQUIRE(L.samples == 1000);
    // Output statistics and the page-2 histogram of x3 (20 bins).
    CHECK(closeRel(r.outputs[0].statistics.mean, 0.02986778367061517, 1e-10));
    CHECK(closeRel(r.outputs[0].statistics.std, 0.021412210971554355, 1e-9));
    CHECK(closeRel(r.outputs[0].statistics.min, 0.0041365784945022605, 1e-10));
    CHECK(closeRel(r.outputs[0].statistics.max, 0.11628349016091384, 1e-10));
    const std::vector<double> hist{21.400500150543238, 34.419137742123702, 25.145587676888304, 21.757175153052287,
                                   16.763725117925535, 9.4518875664899298, 8.5602000602172943, 8.9168750627263496,
                                   5.7068000401448629, 4.4584375313631748, 4.2801000301086525, 4.815112533872222,
                                   5.171787536381288, 3.0317375213269546, 2.1400500150543209, 1.4267000100362175,
                                   0.17833750125452719, 0.17833750125452677, 0.17833750125452677, 0.35667500250905437};
    REQUIRE(L.histograms.at(0).density.size() == 20);
    for (std::size_t b = 0; b < 20; ++b)
        CHECK(closeRel(L.histograms[0].density[b], hist[b], 1e-9));
    // Scaled FIM diagonal and sorted eigenvalues (to 1e-9 of max |F̃| = 147.41).
    const std::vector<double> diag{2.8583246426927693, 19.365214727847217, 31.847609670199311, 34.735644132758644,
                                   2.4970683613092426, 0.0020769363157308921, 0.0023610090885450084, 147.41265572706899,
                                   17.881261966473488, 22.23394280455344, 0.032240746722139627, 0.10634220389047579,
                                   0.025866390094547571, 0.0099480881809062838, 0.011107692194664455, 0.0023207199705375906,
                                   0.0024759237536550347, 0.017284058944569917, 0.022786265549143318, 0.14599149120102073};
    const std::vector<double> eig{195.51260896401445, 31.81304424948361, 20.622544361298498, 18.621915581178609,
                                  8.1698371471137481, 3.8600346075240077, 0.57003442199364007, 0.041349606452712212,
                                  0.0011546197497401915};
    const double scale = 147.412655727069;
    REQUIRE(L.diagonalScaled.size() == 20);
    for (std::size_t j = 0; j < 20; ++j)
        CHECK(std::abs(L.diagonalScaled[j] - diag[j]) <= 1e-9 * scale);
    for (std::size_t k = 0; k < eig.size(); ++k)
        CHECK(std::abs(L.eigenvaluesScaled[k] - eig[k]) <= 1e-9 * scale);
    for (std::size_t k = eig.size(); k < 20; ++k)
        CHECK(std::abs(L.eigenvaluesScaled[k]) <= 1e-9 * scale); // rank J − 1 = 9
    // Page 4 at the default slider (55.6 % -> grid index 5): threshold, P and b·∂P/∂b.
    CHECK(L.gridIndex == 5);
    CHECK(closeRel(L.thresholds.at(0), 0.066440418309175353, 1e-10));
    CHECK(L.probability == Approx(0.905).epsilon(1e-12));
    const std::vector<double> grad{-0.78937536020456989, -1.482453543629662, 1.7374006314239399, -1.4046103888362549,
                                   0.55091678590551685, 0.016053290060835106, -0.033546458106473442, -0.53230440544667745,
                                   -2.0833437332640217, 0.19900346237206923, -0.044274426525228963, 0.070778736656680163,
                                   0.017238108719985018, -0.0045800767092211191, 0.0020147533196446005, 0.0050943801844330209,
                                   -0.034682115202659701, -0.017660797203035657, 0.071439573894311353, -0.0052646421398910535};
    for (std::size_t j = 0; j < 20; ++j)
        CHECK(std::abs(L.gradientScaled[j] - grad[j]) <= 1e-9);
    // Σ ΔP² = ‖∇P‖² (orthonormal eigenvectors): 1013.72 for seed 0.
    double sum = 0.0;
    for (double d : L.deltaP)
        sum += d * d;
    CHECK(sum == Approx(1013.72).epsilon(1e-5));
}

TEST_CASE("Design legacy mode reproduces the prototype's three-output golden numbers", "[design]")
{
    DesignInput in;
    in.legacy = true;
    in.legacyOptions.inputSamples = seedZeroSamples();
    in.outputs = {{OutputKind::Displacement, 1}, {OutputKind::Displacement, 2}, {OutputKind::Displacement, 3}};
    const DesignResult r = runDesign(in);
    const LegacyResult& L = r.legacyResult;
    const std::vector<double> eig{560.29160140192926, 132.30227005194541, 102.21663430537771, 33.518455432200327,
                                  27.278848477460549, 14.219538734468131, 4.2097239472975261, 0.66153692168405287,
                                  0.064368754469393136, 0.044741620509380194, 0.028678106855179478, 0.019303671977227221,
                                  0.017609180759072862, 0.012634656529972626, 0.011543481510831014, 0.0088097792480943855,
                                  0.0027040787365693228, 0.0018925913345462441, 0.0010319736265734434, 0.00074358139932854906};
    REQUIRE(L.eigenvaluesScaled.size() == 20);
    for (std::size_t k = 0; k < 20; ++k)
        CHECK(std::abs(L.eigenvaluesScaled[k] - eig[k]) <= 1e-9 * 531.4374713949994);
    CHECK(std::abs(L.diagonalScaled[7] - 531.43747139499942) <= 1e-9 * 531.4374713949994);
    CHECK(closeRel(L.thresholds.at(0), 0.030610653702478979, 1e-10));
    CHECK(closeRel(L.thresholds.at(1), 0.055424968174663983, 1e-10));
    CHECK(L.probability == Approx(0.905).epsilon(1e-12));
    CHECK(std::abs(L.gradientScaled[8] - -2.0833437332640212) <= 1e-9);
}

TEST_CASE("Design Sobol indices of the Ishigami function lie within their bootstrap intervals", "[design]")
{
    // f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π), a = 7, b = 0.1 (Ishigami & Homma 1990).
    const double a = 7.0, b = 0.1, pi = M_PI;
    const double V1 = 0.5 * std::pow(1.0 + b * std::pow(pi, 4) / 5.0, 2);
    const double V2 = a * a / 8.0;
    const double V13 = std::pow(b, 2) * std::pow(pi, 8) * (1.0 / 18.0 - 1.0 / 50.0);
    const double V = V1 + V2 + V13;
    const double first[3] = {V1 / V, V2 / V, 0.0};
    const double total[3] = {(V1 + V13) / V, V2 / V, V13 / V};
    const std::size_t N = 1 << 16;
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> U(-pi, pi);
    std::vector<std::array<double, 3>> A(N), B(N);
    for (std::size_t i = 0; i < N; ++i)
        for (int d = 0; d < 3; ++d) {
            A[i][static_cast<std::size_t>(d)] = U(rng);
            B[i][static_cast<std::size_t>(d)] = U(rng);
        }
    auto f = [&](const std::array<double, 3>& x) {
        return std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) + b * std::pow(x[2], 4) * std::sin(x[0]);
    };
    std::vector<double> fA(N), fB(N);
    std::vector<std::vector<double>> fAB(3, std::vector<double>(N));
    for (std::size_t i = 0; i < N; ++i) {
        fA[i] = f(A[i]);
        fB[i] = f(B[i]);
        for (std::size_t d = 0; d < 3; ++d) {
            auto x = A[i];
            x[d] = B[i][d];
            fAB[d][i] = f(x);
        }
    }
    const SobolIndices s = sobolIndices(fA, fB, fAB, 1000, 0.99, 7);
    REQUIRE(s.inputs.size() == 3);
    CHECK(s.variance == Approx(V).epsilon(0.03));
    for (std::size_t d = 0; d < 3; ++d) {
        INFO("input " << d << ": S " << s.inputs[d].first << " [" << s.inputs[d].firstLow << ", "
                      << s.inputs[d].firstHigh << "], ST " << s.inputs[d].total);
        CHECK(s.inputs[d].firstLow <= first[d]);
        CHECK(first[d] <= s.inputs[d].firstHigh);
        CHECK(s.inputs[d].totalLow <= total[d]);
        CHECK(total[d] <= s.inputs[d].totalHigh);
        // A real interval, not a point.
        CHECK(s.inputs[d].totalHigh - s.inputs[d].totalLow > 1e-4);
        CHECK(s.inputs[d].totalHigh - s.inputs[d].totalLow < 0.05);
    }
    // Two independent estimator pairs agree (Saltelli vs Jansen first order, Jansen vs
    // Homma–Saltelli total).
    for (std::size_t d = 0; d < 3; ++d) {
        CHECK(std::abs(s.inputs[d].first - s.inputs[d].firstJansen) < 0.03);
        CHECK(std::abs(s.inputs[d].total - s.inputs[d].totalHomma) < 0.03);
    }
    CHECK(s.sumFirst == Approx(first[0] + first[1]).margin(0.03));
}

TEST_CASE("Design Sobol estimators agree on the building and their intervals meet the tolerance", "[design]")
{
    DesignInput in = quickInput(20000);
    in.fisher = false;
    in.probability = false;
    in.sobol = true;
    in.sobolSamples = 1 << 15;
    in.sobolMaxSamples = 1 << 15;
    in.bootstrapResamples = 300;
    const DesignResult r = runDesign(in);
    REQUIRE(r.sobol.computed);
    REQUIRE(r.sobol.outputs.size() == 1);
    const auto& out = r.sobol.outputs[0];
    REQUIRE(out.inputs.size() == 12);
    for (const auto& s : out.inputs) {
        INFO(s.input << " S " << s.first << " SJ " << s.firstJansen << " ST " << s.total << " STH " << s.totalHomma);
        if (!s.random) {
            CHECK(s.first == 0.0);
            CHECK(s.total == 0.0);
            continue;
        }
        // Jansen's first-order form is the noisier one (variance of (f_B − f_ABi)² ~ V²).
        CHECK(std::abs(s.first - s.firstJansen) < 0.03);
        CHECK(std::abs(s.total - s.totalHomma) < 0.03);
        CHECK(s.firstLow <= s.first);
        CHECK(s.first <= s.firstHigh);
    }
    // The resonance-crossing inputs dominate through interactions: k1 and m3 total ≈ 0.8,
    // the first-order sum is small.
    CHECK(out.inputs[3].total > 0.7);
    CHECK(out.inputs[11].total > 0.7);
    CHECK(out.sumFirst < 0.3);
    CHECK(out.convergence.rows.size() >= 3);
    CHECK(out.convergence.rows.back() == r.sobol.rows);
}

TEST_CASE("Design Fisher information of a Gaussian linear model matches the closed form", "[design]")
{
    // Y_i ~ N(mu_i, s_i²) independent; Z = A·Y (two outputs). Output FIM (Slepian–Bangs):
    // F_jk = ∂mᵀ Σ⁻¹ ∂m + ½ tr(Σ⁻¹ ∂_jΣ Σ⁻¹ ∂_kΣ), m = A·mu, Σ = A diag(s²) Aᵀ.
    const std::vector<double> mu{1.0, 2.0, -1.0}, sd{0.5, 1.0, 0.8};
    Eigen::MatrixXd A(2, 3);
    A << 1.0, 1.0, 0.5, 0.3, -1.0, 1.0;
    const Eigen::MatrixXd Sigma = A * Eigen::Vector3d(sd[0] * sd[0], sd[1] * sd[1], sd[2] * sd[2]).asDiagonal() * A.transpose();
    const Eigen::MatrixXd Si = Sigma.inverse();
    Eigen::MatrixXd exact(6, 6);
    for (int j = 0; j < 6; ++j)
        for (int k = 0; k < 6; ++k) {
            Eigen::Vector2d dmj = Eigen::Vector2d::Zero(), dmk = Eigen::Vector2d::Zero();
            Eigen::Matrix2d dSj = Eigen::Matrix2d::Zero(), dSk = Eigen::Matrix2d::Zero();
            if (j < 3)
                dmj = A.col(j);
            else
                dSj = 2.0 * sd[static_cast<std::size_t>(j - 3)] * A.col(j - 3) * A.col(j - 3).transpose();
            if (k < 3)
                dmk = A.col(k);
            else
                dSk = 2.0 * sd[static_cast<std::size_t>(k - 3)] * A.col(k - 3) * A.col(k - 3).transpose();
            exact(j, k) = dmj.dot(Si * dmk) + 0.5 * (Si * dSj * Si * dSk).trace();
        }
    for (std::size_t outputs : {1, 2}) {
        INFO("outputs " << outputs);
        Eigen::MatrixXd expected = exact;
        if (outputs == 1) {
            const double v = Sigma(0, 0);
            for (int j = 0; j < 6; ++j)
                for (int k = 0; k < 6; ++k) {
                    const double dmj = j < 3 ? A(0, j) : 0.0, dmk = k < 3 ? A(0, k) : 0.0;
                    const double dvj = j >= 3 ? 2.0 * sd[static_cast<std::size_t>(j - 3)] * A(0, j - 3) * A(0, j - 3) : 0.0;
                    const double dvk = k >= 3 ? 2.0 * sd[static_cast<std::size_t>(k - 3)] * A(0, k - 3) * A(0, k - 3) : 0.0;
                    expected(j, k) = dmj * dmk / v + 0.5 * dvj * dvk / (v * v);
                }
        }
        std::vector<InputDistribution> dists;
        for (int i = 0; i < 3; ++i)
            dists.push_back(InputDistribution::normal(mu[static_cast<std::size_t>(i)], sd[static_cast<std::size_t>(i)]));
        const InputSampler sampler(dists);
        const std::size_t chunk = 4096;
        auto outputsOf = [&](std::uint64_t stream, std::uint64_t c, std::vector<std::vector<double>>& y,
                             std::vector<std::vector<double>>& z) {
            std::vector<double*> yp{y[0].data(), y[1].data(), y[2].data()};
            sampler.monteCarlo(99, stream, c, chunk, yp.data());
            for (std::size_t o = 0; o < outputs; ++o)
                for (std::size_t i = 0; i < chunk; ++i)
                    z[o][i] = A(static_cast<Eigen::Index>(o), 0) * y[0][i] + A(static_cast<Eigen::Index>(o), 1) * y[1][i] +
                              A(static_cast<Eigen::Index>(o), 2) * y[2][i];
        };
        std::vector<std::vector<double>> y(3, std::vector<double>(chunk)), z(outputs, std::vector<double>(chunk));
        std::vector<std::vector<double>> pilot(outputs);
        for (std::uint64_t c = 0; c < 64; ++c) {
            outputsOf(1000, c, y, z);
            for (std::size_t o = 0; o < outputs; ++o)
                pilot[o].insert(pilot[o].end(), z[o].begin(), z[o].end());
        }
        const std::vector<std::size_t> bins = outputs == 1 ? std::vector<std::size_t>{256} : std::vector<std::size_t>{32, 32};
        const CellPartition part(pilot, bins);
        std::vector<CellScoreSums> groups(8, CellScoreSums(part.cells(), 6));
        std::vector<std::vector<double>> u(6, std::vector<double>(chunk));
        std::vector<const double*> up;
        for (auto& v : u)
            up.push_back(v.data());
        std::vector<std::uint32_t> cell(chunk);
        for (std::uint64_t c = 0; c < 512; ++c) {
            outputsOf(2000, c, y, z);
            for (std::size_t i = 0; i < 3; ++i)
                sampler.kernel(i).scores(y[i].data(), chunk, u[i].data(), u[3 + i].data());
            std::vector<const double*> zp;
            for (auto& v : z)
                zp.push_back(v.data());
            part.locate(zp.data(), chunk, cell.data());
            groups[c % 8].add(cell.data(), chunk, up.data());
        }
        const Eigen::MatrixXd F = crossFittedFisher(groups, {}, {}, part.cells());
        INFO("estimate\n" << F << "\nexact\n" << expected);
        // Binning lowers the information slightly (data processing); noise ~1 %.
        const double big = expected.cwiseAbs().maxCoeff();
        CHECK((F - expected).cwiseAbs().maxCoeff() < 0.04 * big);
        for (int j = 0; j < 6; ++j)
            CHECK(F(j, j) == Approx(expected(j, j)).epsilon(0.05).margin(0.01 * big));
    }
}

TEST_CASE("Design input scores have zero mean and the stated Fisher information", "[design]")
{
    for (const auto& d : {InputDistribution::normal(2.0, 0.3), InputDistribution::gamma(0.6018186, 0.0015333),
                          InputDistribution::gamma(2.5, 1.2), InputDistribution::logNormal(3.0, 0.9),
                          InputDistribution::truncatedNormal(1.0, 0.8, 0.0, 2.5)}) {
        INFO(inputDistributionKindName(d.kind) << " " << d.a << " " << d.b);
        const DistributionKernel k(d);
        const std::size_t N = 1 << 20;
        std::vector<double> y(N), ua(N), ub(N);
        SampleEngine rng(5);
        k.sample(rng, y.data(), N);
        k.scores(y.data(), N, ua.data(), ub.data());
        double m = 0, ma = 0, mb = 0, aa = 0, ab = 0, bb = 0;
        for (std::size_t i = 0; i < N; ++i) {
            m += y[i];
            ma += ua[i];
            mb += ub[i];
            aa += ua[i] * ua[i];
            ab += ua[i] * ub[i];
            bb += ub[i] * ub[i];
        }
        const double n = static_cast<double>(N);
        const Eigen::Matrix2d I = k.fisherInformation();
        CHECK(m / n == Approx(d.mean()).epsilon(0.01));
        CHECK(std::abs(ma / n) < 5.0 * std::sqrt(I(0, 0) / n));
        CHECK(std::abs(mb / n) < 5.0 * std::sqrt(I(1, 1) / n));
        CHECK(aa / n == Approx(I(0, 0)).epsilon(0.03));
        CHECK(bb / n == Approx(I(1, 1)).epsilon(0.05));
        CHECK(ab / n == Approx(I(0, 1)).margin(0.03 * std::sqrt(I(0, 0) * I(1, 1))));
    }
}

TEST_CASE("Design likelihood-ratio gradient agrees with finite differences under common random numbers",
          "[design]")
{
    DesignInput base = quickInput(1 << 20);
    base.fisher = false;
    base.threshold = 0.0668962702; // fixed, so P(b) is a function of the parameters only
    const DesignResult r = runDesign(base);
    REQUIRE(r.probability.computed);
    struct Case {
        std::string parameter;
        std::size_t input;
        bool second;
        double h; // relative step
    };
    for (const Case& c : {Case{"mu_c1", 6, false, 0.05}, Case{"mu_k1", 3, false, 0.004},
                          Case{"sigma_k1", 3, true, 0.15}, Case{"mu_f1", 0, false, 0.03}}) {
        INFO(c.parameter);
        std::size_t j = 0;
        while (r.parameters[j].name != c.parameter)
            ++j;
        auto P = [&](double factor) {
            DesignInput in = base;
            double& v = c.second ? in.inputs[c.input].b : in.inputs[c.input].a;
            v *= factor;
            return runDesign(in).probability.value;
        };
        // Central difference of the same-seed estimates; scaled by the parameter value.
        const double fd = (P(1.0 + c.h) - P(1.0 - c.h)) / (2.0 * c.h);
        const double lr = r.probability.gradientScaled[j];
        const double se = r.probability.gradientStdError[j];
        INFO("LR " << lr << " ± " << se << ", FD " << fd);
        CHECK(std::abs(lr - fd) < 4.0 * se + 0.02 * std::abs(fd));
    }
}

TEST_CASE("Design default run respects the information bounds and converges", "[design]")
{
    DesignInput in = quickInput(2'000'000);
    const DesignResult r = runDesign(in);
    const FisherResult& F = r.fisher;
    REQUIRE(F.computed);
    REQUIRE(F.parameters.size() == 20);
    CHECK(F.parameters[0] == "mu_f1");
    CHECK(F.parameters[5] == "kappa_c2");
    CHECK(F.parameters[15] == "theta_c2");
    // Data-processing inequality: output information below the input information.
    CHECK(F.boundRatio <= 1.0);
    CHECK(F.withinBound);
    for (std::size_t j = 0; j < 20; ++j)
        CHECK(F.diagonalScaled[j] <= F.upperBoundDiagonal[j] + 3.0 * F.diagonalStdErrors[j]);
    // Converged leading eigenvalues (≈ 92 and 5 for x3) well below the prototype's noise-driven
    // 158.6 ± 68.5, and μ_m1 is not the top parameter (the prototype's artefact).
    CHECK(F.eigenvaluesScaled[0] > 80.0);
    CHECK(F.eigenvaluesScaled[0] < 105.0);
    CHECK(F.eigenvaluesScaled[1] == Approx(5.1).margin(0.5));
    CHECK(F.diagonalScaled[7] < 5.0);
    CHECK(F.levels.size() >= 3);
    CHECK(F.relativeChange < 0.03);
    const ProbabilityResult& P = r.probability;
    CHECK(P.thresholdFromNominal);
    CHECK(P.threshold == Approx(0.06689627021126247).epsilon(1e-12));
    CHECK(P.value == Approx(0.903).margin(0.003));
    CHECK(P.stdError < 0.001);
    CHECK(P.withinBound);
    CHECK(P.informationRatio <= 1.05);
    for (std::size_t k = 0; k < 3; ++k)
        CHECK(std::abs(P.projections[k]) <= P.projectionBounds[k] * 1.05 + 0.05);
    // Statistics against an independent N = 4·10^6 plain Monte Carlo reference: mean 3.0362e-2, std 2.2213e-2.
    const SampleStatistics& s = r.outputs[0].statistics;
    CHECK(std::abs(s.mean - 3.0362e-2) < 4.0 * s.stdError + 2e-5);
    CHECK(s.std == Approx(2.2213e-2).epsilon(0.01));
    CHECK(s.quantiles[3] == Approx(2.2276e-2).epsilon(0.01));
    CHECK(!s.histogram.density.empty());
    CHECK(s.kde.x.size() == s.kde.density.size());
}

TEST_CASE("Design results do not depend on the number of threads", "[design][threads]")
{
    DesignInput in = quickInput(60000);
    in.sobol = true;
    in.sobolSamples = 4096;
    in.sobolMaxSamples = 4096;
    in.threads = 1;
    const DesignResult a = runDesign(in);
    in.threads = 3;
    const DesignResult b = runDesign(in);
    CHECK(a.outputs[0].statistics.mean == b.outputs[0].statistics.mean);
    CHECK(a.fisher.eigenvaluesScaled == b.fisher.eigenvaluesScaled);
    CHECK(a.probability.gradientScaled == b.probability.gradientScaled);
    CHECK(a.sobol.outputs[0].inputs[3].total == b.sobol.outputs[0].inputs[3].total);
    in.seed = 2;
    const DesignResult c = runDesign(in);
    CHECK(c.outputs[0].statistics.mean != a.outputs[0].statistics.mean);
}

TEST_CASE("Design runs with all six outputs", "[design]")
{
    DesignInput in = quickInput(200000);
    REQUIRE(parseOutputList("x1,x2,x3,s1,s2,s3", 3, in.outputs).empty());
    in.sobol = true;
    in.sobolSamples = 4096;
    in.sobolMaxSamples = 4096;
    const DesignResult r = runDesign(in);
    REQUIRE(r.outputs.size() == 6);
    REQUIRE(r.sobol.outputs.size() == 6);
    REQUIRE(r.fisher.computed);
    CHECK(r.fisher.binsPerAxis.size() == 6);
    CHECK(r.fisher.coordinates == "x1, x2/x1, x3/x1, s1/x1, s2/x1, s3/x1");
    for (double l : r.fisher.eigenvaluesScaled)
        CHECK(std::isfinite(l));
    CHECK(r.fisher.eigenvaluesScaled[0] > 0.0);
    CHECK(r.fisher.boundRatio <= 1.0);
    for (const auto& o : r.outputs)
        CHECK(o.statistics.mean > 0.0);
    // Legacy mode also runs six outputs (the prototype crashed) on a small grid.
    DesignInput legacy = in;
    legacy.legacy = true;
    legacy.legacyOptions.gridPoints = 6;
    const DesignResult L = runDesign(legacy);
    CHECK(L.legacyResult.eigenvaluesScaled.size() == 20);
}

TEST_CASE("Design bad inputs give clear errors", "[design]")
{
    DesignInput in;
    in.inputs[3] = InputDistribution::normal(4203.0, -1.0);
    CHECK(hasIssue(in.validate(), "k1", "sigma must be >= 0"));
    CHECK_THROWS_WITH(runDesign(in), Contains("k1"));

    in = DesignInput();
    REQUIRE(applyInputSpec(in, "c2=gamma:0.6:0").empty());
    CHECK(hasIssue(in.validate(), "c2", "theta = 0"));

    in = DesignInput();
    const InputIssues unknown = applyInputSpec(in, "q7=normal:1:2");
    CHECK(hasIssue(unknown, "input", "unknown input name 'q7'"));
    CHECK(hasIssue(applyInputSpec(in, "k1=weibull:1:2"), "k1", "unknown distribution type"));
    CHECK(hasIssue(applyInputSpec(in, "k1=normal:abc:2"), "k1", "not a number"));
    REQUIRE(applyInputSpec(in, "k1=lognormal:4203:84").empty());
    CHECK(in.inputs[3].kind == InputDistributionKind::LogNormal);
    CHECK(in.validate().empty());

    in = DesignInput();
    in.samples = 1;
    CHECK(hasIssue(in.validate(), "samples", "between 2"));
    in.samples = 2;
    CHECK(in.validate().empty());
    const DesignResult tiny = runDesign(quickInput(2)); // the smallest sample still runs
    CHECK(tiny.outputs[0].statistics.samples == 2);

    in = DesignInput();
    std::vector<OutputId> outs;
    CHECK(hasIssue(parseOutputList("x1,x4", 3, outs), "outputs", "unknown output 'x4'"));
    in.outputs.clear();
    CHECK(hasIssue(in.validate(), "outputs", "at least one"));

    in = DesignInput();
    in.inputs[9] = InputDistribution::normal(4.87, 1.0); // m1 with sigma > mean/6
    CHECK(hasIssue(in.validate(), "m1", "truncated-normal"));
    in.inputs[9] = InputDistribution::truncatedNormal(4.87, 1.0);
    CHECK(in.validate().empty());

    in = DesignInput();
    in.inputs[0] = InputDistribution::fixed(0.0);
    CHECK(hasIssue(in.validate(), "f1", "all fixed at 0"));

    // Sizes are refused before anything is allocated: 20 storeys, 160 parameters, 2^18 cells.
    model::Profile big;
    big.masses.assign(20, 5.0);
    big.stiffnesses.assign(20, 4000.0);
    big.dampers.assign(20, 2.0);
    in = DesignInput();
    in.inputs = DesignInput::inputsForProfile(big);
    in.outputs = {{OutputKind::Displacement, 20}};
    CHECK(in.validate().empty());
    in.fisherMaxCells = kMaxFisherCells;
    CHECK(hasIssue(in.validate(), "fisher_max_cells", "MiB"));

    in = DesignInput();
    in.frequencyHz = -1.0;
    CHECK(hasIssue(in.validate(), "frequency_hz", "-1"));
}

TEST_CASE("Design zero-mean random force keeps its parameter through the spread scale", "[design]")
{
    DesignInput in = quickInput(100000);
    in.inputs[1] = InputDistribution::normal(0.0, 0.2); // f2 ~ N(0, 0.2) N
    const DesignResult r = runDesign(in);
    std::size_t j = 0;
    while (r.parameters[j].name != "mu_f2")
        ++j;
    CHECK(r.parameters[j].scaleIsSpread);
    CHECK(r.parameters[j].scale == 0.2);
    CHECK(r.fisher.diagonalScaled[j] > 0.0);
}

namespace {
// Cancels as soon as the propagation has started.
class CancelEarly : public Progress {
public:
    int reports = 0;
    double last = -1.0;
    bool monotone = true;

protected:
    void onReport(double fraction, const std::string&) override
    {
        ++reports;
        monotone = monotone && fraction >= last;
        last = fraction;
        if (fraction > 0.05)
            cancel();
    }
};

class Recorder : public Progress {
public:
    std::vector<double> fractions;

protected:
    void onReport(double fraction, const std::string&) override { fractions.push_back(fraction); }
};
} // namespace

TEST_CASE("Design run reports progress and stops on cancel", "[design]")
{
    DesignInput in = quickInput(20'000'000);
    in.sobol = true;
    CancelEarly cancel;
    CHECK_THROWS_AS(runDesign(in, cancel), Cancelled);
    CHECK(cancel.reports > 1);
    CHECK(cancel.monotone);

    DesignInput small = quickInput(50000);
    Recorder rec;
    runDesign(small, rec);
    REQUIRE(rec.fractions.size() > 3);
    CHECK(rec.fractions.back() == 1.0);
}

TEST_CASE("Design histogram and KDE integrate to one", "[design]")
{
    DesignInput in = quickInput(200000);
    in.fisher = false;
    in.probability = false;
    const DesignResult r = runDesign(in);
    const SampleStatistics& s = r.outputs[0].statistics;
    double area = 0.0;
    for (std::size_t b = 0; b < s.histogram.density.size(); ++b)
        area += s.histogram.density[b] * (s.histogram.edges[b + 1] - s.histogram.edges[b]);
    CHECK(area == Approx(1.0).epsilon(1e-9));
    double kde = 0.0;
    for (std::size_t k = 1; k < s.kde.x.size(); ++k)
        kde += 0.5 * (s.kde.density[k] + s.kde.density[k - 1]) * (s.kde.x[k] - s.kde.x[k - 1]);
    CHECK(kde == Approx(1.0).epsilon(0.01));
    CHECK(s.histogram.density.size() <= 100);
    CHECK(s.min <= s.quantiles[0]);
    CHECK(s.quantiles[6] <= s.max);
}

TEST_CASE("Design quasi-Monte Carlo propagation agrees with Monte Carlo", "[design]")
{
    DesignInput in = quickInput(1 << 16);
    in.fisher = false;
    in.inputs[3] = InputDistribution::logNormal(4203.0027, 83.760278);
    in.inputs[4] = InputDistribution::truncatedNormal(4147.6895, 69.627281);
    in.sampling = uq::SamplingMethod::Sobol;
    const DesignResult q = runDesign(in);
    in.sampling = uq::SamplingMethod::MonteCarlo;
    in.samples = 1 << 20;
    const DesignResult m = runDesign(in);
    const auto& a = q.outputs[0].statistics;
    const auto& b = m.outputs[0].statistics;
    CHECK(std::abs(a.mean - b.mean) < 4.0 * (a.stdError + b.stdError));
    CHECK(a.std == Approx(b.std).epsilon(0.03));
    CHECK(std::abs(q.probability.value - m.probability.value) < 4.0 * (q.probability.stdError + m.probability.stdError));
}

TEST_CASE("Design vectorised response matches the pivoted FRF solver for five storeys", "[design]")
{
    // Independent check of the tile solver (no pivoting, structure of arrays) against
    // dynamics::FrfEvaluator (pivoted tridiagonal elimination) on random 5-storey buildings,
    // forces on two floors, at frequencies around the modes.
    const std::size_t n = 5, count = 300;
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> U(0.5, 1.5);
    std::vector<std::vector<double>> cols(4 * n, std::vector<double>(count));
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            cols[j][i] = j == 1 ? 0.7 * U(rng) : (j == 4 ? -0.3 * U(rng) : 0.0);
            cols[n + j][i] = 4000.0 * U(rng);
            cols[2 * n + j][i] = 2.0 * U(rng);
            cols[3 * n + j][i] = 5.0 * U(rng);
        }
    std::vector<const double*> in;
    for (auto& c : cols)
        in.push_back(c.data());
    const std::vector<OutputId> outs = allOutputs(n);
    for (double fHz : {0.0, 1.3, 4.1, 7.7, 12.0}) {
        const double w = 2.0 * M_PI * fHz;
        ResponseBatch batch(n, w, ShearDefinition::Complex);
        std::vector<std::vector<double>> z(outs.size(), std::vector<double>(count));
        std::vector<double*> zp;
        for (auto& v : z)
            zp.push_back(v.data());
        batch.evaluate(in.data(), count, outs, zp.data());
        for (std::size_t i = 0; i < count; ++i) {
            model::Profile p;
            for (std::size_t j = 0; j < n; ++j) {
                p.stiffnesses.push_back(cols[n + j][i]);
                p.dampers.push_back(cols[2 * n + j][i]);
                p.masses.push_back(cols[3 * n + j][i]);
            }
            const dynamics::ShearBuilding b(p);
            const dynamics::FrfEvaluator frf(b);
            std::vector<std::complex<double>> h(n), x(n, 0.0);
            for (std::size_t j = 0; j < n; ++j) {
                if (cols[j][i] == 0.0)
                    continue;
                frf.receptance(w, j, h.data());
                for (std::size_t k = 0; k < n; ++k)
                    x[k] += cols[j][i] * h[k];
            }
            for (std::size_t k = 0; k < n; ++k) {
                CHECK(z[k][i] == Approx(std::abs(x[k])).epsilon(1e-9));
                const std::complex<double> drift = x[k] - (k > 0 ? x[k - 1] : 0.0);
                const std::complex<double> storey(cols[n + k][i], w * cols[2 * n + k][i]);
                CHECK(z[n + k][i] == Approx(std::abs(storey * drift)).epsilon(1e-9));
            }
        }
    }
}

TEST_CASE("Design runs on a five-storey building", "[design]")
{
    model::Profile p;
    p.masses.assign(5, 5.0);
    p.stiffnesses.assign(5, 4000.0);
    p.dampers.assign(5, 2.0);
    DesignInput in = quickInput(50000);
    in.inputs = DesignInput::inputsForProfile(p);
    in.frequencyHz = 3.0;
    REQUIRE(parseOutputList("x5,s1", 5, in.outputs).empty());
    in.sobol = true;
    in.sobolSamples = 2048;
    in.sobolMaxSamples = 2048;
    REQUIRE(in.validate().empty());
    const DesignResult r = runDesign(in);
    CHECK(r.storeys == 5);
    CHECK(r.nominal.naturalFrequenciesHz.size() == 5);
    CHECK(r.parameters.size() == 32); // f1 and the 15 k, c, m inputs are random
    CHECK(r.parameters.back().name == "sigma_m5");
    CHECK(r.sobol.outputs.at(1).inputs.size() == 20);
    CHECK(std::isfinite(r.fisher.eigenvaluesScaled[0]));
    CHECK(r.fisher.boundRatio <= 1.0);
    CHECK(r.outputs[0].statistics.mean > 0.0);
}

TEST_CASE("Design legacy mode with its own sampling matches the prototype's seed statistics", "[design]")
{
    // Over 40 seeds of N = 1000 the prototype's estimator gave mean λ̃₁({x3}) = 158.6 (sd 68.5)
    // and mean F̃(μ_m1) = 125.8 (sd 69.3): the same biased estimator on this tool's own samples
    // must land within 3 standard errors of those means.
    DesignInput in;
    in.legacy = true;
    const int seeds = 40;
    double lambda = 0.0, m1 = 0.0, p = 0.0;
    for (int s = 0; s < seeds; ++s) {
        in.seed = static_cast<std::uint64_t>(100 + s);
        const DesignResult r = runDesign(in);
        lambda += r.legacyResult.eigenvaluesScaled[0];
        m1 += r.legacyResult.diagonalScaled[7];
        p += r.legacyResult.probability;
    }
    lambda /= seeds;
    m1 /= seeds;
    p /= seeds;
    CHECK(std::abs(lambda - 158.6) < 3.0 * 68.5 / std::sqrt(seeds));
    CHECK(std::abs(m1 - 125.8) < 3.0 * 69.3 / std::sqrt(seeds));
    CHECK(std::abs(p - 0.897) < 3.0 * 0.029 / std::sqrt(seeds));
}
