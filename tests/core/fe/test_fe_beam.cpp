// SPDX-License-Identifier: GPL-3.0-or-later
// The Timoshenko element against closed forms: Euler–Bernoulli cantilever and fixed-guided
// beams, and the exact Timoshenko frequency equations of the same two beams.
#include "fe/generalized_eigen_solver.h"
#include "fe/timoshenko_beam.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

using namespace dtop::fe;

namespace {

constexpr double kPi = std::numbers::pi;

enum class Tip { Free, Guided };

// A straight beam along z of `elements` equal elements, clamped at z = 0; the tip free or
// guided (rotations held, translations free). Returns the lowest frequencies [Hz].
std::vector<double> beamFrequencies(const BeamProperties& p, double length, int elements, Tip tip,
                                    int count, EigenSolverKind solver = EigenSolverKind::Dense) {
    const int nodes = elements + 1;
    const int total = 6 * nodes;
    std::vector<Eigen::Triplet<double>> kt, mt;
    const double le = length / elements;
    for (int e = 0; e < elements; ++e) {
        const Eigen::Vector3d a(0, 0, e * le), b(0, 0, (e + 1) * le);
        const Eigen::Matrix3d axes = beamAxes(a, b, Eigen::Vector3d::UnitX());
        const Matrix12d k = toGlobal(timoshenkoLocalStiffness(p, le), axes);
        const Matrix12d m = toGlobal(timoshenkoLocalMass(p, le), axes);
        for (int i = 0; i < 12; ++i)
            for (int j = 0; j < 12; ++j) {
                kt.emplace_back(6 * e + i, 6 * e + j, k(i, j));
                mt.emplace_back(6 * e + i, 6 * e + j, m(i, j));
            }
    }
    // Keep DOFs: drop node 0, and the tip rotations if guided.
    std::vector<int> map(static_cast<std::size_t>(total), -1);
    int kept = 0;
    for (int d = 6; d < total; ++d) {
        const bool tipRotation = d >= 6 * elements + 3;
        if (tip == Tip::Guided && tipRotation)
            continue;
        map[static_cast<std::size_t>(d)] = kept++;
    }
    std::vector<Eigen::Triplet<double>> kr, mr;
    for (const auto& t : kt)
        if (map[static_cast<std::size_t>(t.row())] >= 0 &&
            map[static_cast<std::size_t>(t.col())] >= 0)
            kr.emplace_back(map[static_cast<std::size_t>(t.row())],
                            map[static_cast<std::size_t>(t.col())], t.value());
    for (const auto& t : mt)
        if (map[static_cast<std::size_t>(t.row())] >= 0 &&
            map[static_cast<std::size_t>(t.col())] >= 0)
            mr.emplace_back(map[static_cast<std::size_t>(t.row())],
                            map[static_cast<std::size_t>(t.col())], t.value());
    Eigen::SparseMatrix<double> k(kept, kept), m(kept, kept);
    k.setFromTriplets(kr.begin(), kr.end());
    m.setFromTriplets(mr.begin(), mr.end());
    EigenRequest request;
    request.minCount = static_cast<std::size_t>(count);
    request.maxCount = static_cast<std::size_t>(count);
    const EigenPairs pairs = lowestEigenpairs(k, m, request, solver);
    std::vector<double> f;
    for (Eigen::Index i = 0; i < pairs.eigenvalues.size(); ++i)
        f.push_back(std::sqrt(pairs.eigenvalues(i)) / (2 * kPi));
    return f;
}

// Frequencies of bending along local axis 3 (the weak direction, deflection along global y)
// from the exact Timoshenko frequency equation (Huang, J. Appl. Mech. 28, 1961): w = C1 cosh αx
// + C2 sinh αx + C3 cos βx + C4 sin βx, with ψ from the first equation of motion, and the
// 4 × 4 boundary determinant scanned for sign changes below the second spectrum's cut-off.
std::vector<double> timoshenkoExact(const BeamProperties& p, double length, Tip tip, int count) {
    const double ei = p.youngModulusPa * p.bendingI3M4;
    const double kga = p.shearFactor * p.shearModulusPa * p.areaM2;
    const double rhoA = p.densityKgM3 * p.areaM2, rhoI = p.densityKgM3 * p.bendingI3M4;
    auto det = [&](double omega) {
        const double w2 = omega * omega;
        // EI κGA s⁴ + ω²(EI ρA + ρI κGA) s² + ρA ω² (ρI ω² − κGA) = 0
        const double a = ei * kga, b = w2 * (ei * rhoA + rhoI * kga),
                     c = rhoA * w2 * (rhoI * w2 - kga);
        const double disc = std::sqrt(b * b - 4 * a * c);
        const double alpha = std::sqrt((-b + disc) / (2 * a));
        const double beta = std::sqrt((b + disc) / (2 * a));
        const double cc = rhoA * w2 / kga;
        const double ra = alpha + cc / alpha, rb = beta - cc / beta;
        const double l = length;
        // Rows: w(0) = 0, ψ(0) = 0, then the tip conditions.
        Eigen::Matrix4d m;
        m.row(0) << 1, 0, 1, 0;
        m.row(1) << 0, ra, 0, rb;
        const double ch = std::cosh(alpha * l), sh = std::sinh(alpha * l);
        const double cb = std::cos(beta * l), sb = std::sin(beta * l);
        // Shear: w' − ψ
        m.row(2) << (alpha - ra) * sh, (alpha - ra) * ch, (rb - beta) * sb, (beta - rb) * cb;
        if (tip == Tip::Free) // moment: ψ' = 0
            m.row(3) << ra * alpha * ch, ra * alpha * sh, -rb * beta * cb, -rb * beta * sb;
        else // guided: ψ = 0
            m.row(3) << ra * sh, ra * ch, -rb * sb, rb * cb;
        // Scale the hyperbolic columns to keep the determinant finite.
        m.col(0) /= ch;
        m.col(1) /= ch;
        return m.determinant();
    };
    std::vector<double> roots;
    const double cutoff = std::sqrt(kga / rhoI);
    const double step = cutoff * 1e-5;
    double previous = det(step);
    for (double w = 2 * step; w < cutoff && static_cast<int>(roots.size()) < count; w += step) {
        const double value = det(w);
        if (std::signbit(value) != std::signbit(previous)) {
            double lo = w - step, hi = w;
            for (int i = 0; i < 200; ++i) {
                const double mid = 0.5 * (lo + hi);
                (std::signbit(det(mid)) == std::signbit(det(lo)) ? lo : hi) = mid;
            }
            roots.push_back(0.5 * (lo + hi) / (2 * kPi));
        }
        previous = value;
    }
    return roots;
}

// Euler–Bernoulli: ω = (βL)² √(EI/(ρA L⁴)).
double eulerBernoulli(const BeamProperties& p, double length, double betaL) {
    return betaL * betaL *
           std::sqrt(p.youngModulusPa * p.bendingI3M4 /
                     (p.densityKgM3 * p.areaM2 * std::pow(length, 4))) /
           (2 * kPi);
}

// The rig's column: 25.4 × 3.175 mm aluminium, 6 in long.
BeamProperties rigColumn() {
    return BeamProperties::rectangle(0.0254, 0.003175, 69.98e9, 0.33, 2700.0);
}

} // namespace

TEST_CASE("Shear factor and torsion constant of the rig column", "[fe]") {
    CHECK(rectangleShearFactor(0.33) == Approx(0.8509).epsilon(1e-4));
    // J ≈ 5.998e-4 in⁴ for the 1 × 0.125 in bar.
    CHECK(rectangleTorsionConstant(1.0, 0.125) == Approx(5.998e-4).epsilon(1e-3));
    CHECK(rectangleTorsionConstant(0.125, 1.0) == Approx(5.998e-4).epsilon(1e-3));
}

TEST_CASE("Slender cantilever converges to Euler-Bernoulli", "[fe]") {
    const BeamProperties p = rigColumn();
    const double l = 0.1524;
    // Bending along y (weak) and x (strong) both appear; the weak ones are the lowest.
    const auto f = beamFrequencies(p, l, 24, Tip::Free, 2);
    const double betas[] = {1.875104069, 4.694091133};
    // Shear and rotary inertia of the 48:1 bar lower mode 1 by 0.04 % and mode 2 by 0.24 %.
    CHECK(f[0] == Approx(eulerBernoulli(p, l, betas[0])).epsilon(5e-4));
    CHECK(f[1] == Approx(eulerBernoulli(p, l, betas[1])).epsilon(3e-3));
    CHECK(f[1] < eulerBernoulli(p, l, betas[1]));
    // And the exact Timoshenko frequencies of the same bar agree far more closely.
    const auto exact = timoshenkoExact(p, l, Tip::Free, 2);
    REQUIRE(exact.size() == 2);
    CHECK(f[0] == Approx(exact[0]).epsilon(1e-6));
    CHECK(f[1] == Approx(exact[1]).epsilon(2e-5));
}

TEST_CASE("Slender fixed-guided column converges to Euler-Bernoulli", "[fe]") {
    const BeamProperties p = rigColumn();
    const double l = 0.1524;
    const auto f = beamFrequencies(p, l, 24, Tip::Guided, 2);
    // tan βL + tanh βL = 0
    const double betas[] = {2.365020372, 5.497803905};
    CHECK(f[0] == Approx(eulerBernoulli(p, l, betas[0])).epsilon(1e-3));
    CHECK(f[1] == Approx(eulerBernoulli(p, l, betas[1])).epsilon(4e-3));
    CHECK(f[1] < eulerBernoulli(p, l, betas[1]));
    const auto exact = timoshenkoExact(p, l, Tip::Guided, 2);
    REQUIRE(exact.size() == 2);
    CHECK(f[0] == Approx(exact[0]).epsilon(1e-6));
    CHECK(f[1] == Approx(exact[1]).epsilon(2e-5));
}

TEST_CASE("Thick cantilever matches the exact Timoshenko frequency equation", "[fe]") {
    // L/h = 5 in the weak direction: shear and rotary inertia lower f1 by several per cent.
    const BeamProperties p = BeamProperties::rectangle(0.05, 0.02, 70e9, 0.33, 2700.0);
    const double l = 0.1;
    const auto exact = timoshenkoExact(p, l, Tip::Free, 3);
    REQUIRE(exact.size() == 3);
    // The weak-direction (deflection along y) frequencies among the FE modes: pick by nearness.
    const auto fe = beamFrequencies(p, l, 40, Tip::Free, 12);
    for (double e : exact) {
        double best = 1e300;
        for (double f : fe)
            best = std::min(best, std::abs(f - e) / e);
        CHECK(best < 1e-3);
    }
    // And the Timoshenko correction is real: Euler–Bernoulli is > 3 % higher for mode 1.
    CHECK(eulerBernoulli(p, l, 1.875104069) > 1.03 * exact[0]);
}

TEST_CASE("Thick fixed-guided beam matches the exact Timoshenko frequency equation", "[fe]") {
    const BeamProperties p = BeamProperties::rectangle(0.05, 0.02, 70e9, 0.33, 2700.0);
    const double l = 0.1;
    const auto exact = timoshenkoExact(p, l, Tip::Guided, 2);
    REQUIRE(exact.size() == 2);
    const auto fe = beamFrequencies(p, l, 40, Tip::Guided, 12);
    for (double e : exact) {
        double best = 1e300;
        for (double f : fe)
            best = std::min(best, std::abs(f - e) / e);
        CHECK(best < 1e-3);
    }
    CHECK(eulerBernoulli(p, l, 2.365020372) > 1.05 * exact[0]);
}

TEST_CASE("One Timoshenko element has the exact static tip stiffness", "[fe]") {
    // Cantilever tip stiffness with shear: 1/k = L³/(3EI) + L/(κGA).
    const BeamProperties p = BeamProperties::rectangle(0.05, 0.02, 70e9, 0.33, 2700.0);
    const double l = 0.1;
    const Matrix12d k = timoshenkoLocalStiffness(p, l);
    // Condense the tip rotation about axis 2 for deflection along axis 3: DOFs (8, 10).
    Eigen::Matrix2d kk;
    kk << k(8, 8), k(8, 10), k(10, 8), k(10, 10);
    const double tip = 1.0 / kk.inverse()(0, 0);
    const double ei = p.youngModulusPa * p.bendingI3M4;
    const double expected =
        1.0 / (l * l * l / (3 * ei) + l / (p.shearFactor * p.shearModulusPa * p.areaM2));
    CHECK(tip == Approx(expected).epsilon(1e-12));
    // Same along axis 2 (DOFs 7, 11).
    kk << k(7, 7), k(7, 11), k(11, 7), k(11, 11);
    const double ei2 = p.youngModulusPa * p.bendingI2M4;
    CHECK(1.0 / kk.inverse()(0, 0) ==
          Approx(1.0 / (l * l * l / (3 * ei2) + l / (p.shearFactor * p.shearModulusPa * p.areaM2)))
              .epsilon(1e-12));
}

TEST_CASE("Dense and sparse eigensolvers agree on a fine beam", "[fe]") {
    const BeamProperties p = rigColumn();
    const auto dense = beamFrequencies(p, 0.1524, 60, Tip::Free, 10, EigenSolverKind::Dense);
    const auto sparse =
        beamFrequencies(p, 0.1524, 60, Tip::Free, 10, EigenSolverKind::SparseShiftInvert);
    REQUIRE(sparse.size() == dense.size());
    for (std::size_t i = 0; i < dense.size(); ++i)
        CHECK(sparse[i] == Approx(dense[i]).epsilon(1e-9));
}
