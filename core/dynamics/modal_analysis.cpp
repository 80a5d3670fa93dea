// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/modal_analysis.h"

#include "dynamics/state_space.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace dtop::dynamics {

std::vector<double> UndampedModes::frequenciesHz() const
{
    std::vector<double> f(static_cast<std::size_t>(angularFrequencies.size()));
    for (Eigen::Index r = 0; r < angularFrequencies.size(); ++r)
        f[static_cast<std::size_t>(r)] = angularFrequencies[r] / (2.0 * std::numbers::pi);
    return f;
}

UndampedModes undampedModes(const Eigen::VectorXd& masses, const SymmetricTridiagonal& stiffness)
{
    // M is diagonal, so M^-1/2 K M^-1/2 is symmetric tridiagonal: a cheap, accurate
    // symmetric eigenproblem instead of a general generalised one.
    const Eigen::Index n = masses.size();
    const Eigen::VectorXd invSqrtM = masses.cwiseSqrt().cwiseInverse();
    Eigen::VectorXd diag = stiffness.diagonal.cwiseProduct(invSqrtM).cwiseProduct(invSqrtM);
    Eigen::VectorXd sub(std::max<Eigen::Index>(n - 1, 0));
    for (Eigen::Index i = 0; i + 1 < n; ++i)
        sub[i] = stiffness.offDiagonal[i] * invSqrtM[i] * invSqrtM[i + 1];

    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver;
    solver.computeFromTridiagonal(diag, sub, Eigen::ComputeEigenvectors);

    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        return solver.eigenvalues()[a] < solver.eigenvalues()[b];
    });

    UndampedModes modes;
    modes.angularFrequencies.resize(n);
    modes.shapes.resize(n, n);
    for (Eigen::Index r = 0; r < n; ++r) {
        const Eigen::Index src = order[static_cast<std::size_t>(r)];
        // K is positive definite for a validated profile; clamp rounding noise anyway.
        modes.angularFrequencies[r] = std::sqrt(std::max(solver.eigenvalues()[src], 0.0));
        Eigen::VectorXd phi = solver.eigenvectors().col(src).cwiseProduct(invSqrtM);
        // In an irreducible tridiagonal chain no mode has a node at floor 1, so this sign
        // convention is always well defined.
        if (phi[0] < 0.0)
            phi = -phi;
        modes.shapes.col(r) = phi;
    }
    return modes;
}

UndampedModes undampedModes(const ShearBuilding& building)
{
    return undampedModes(building.masses(), building.stiffness());
}

DampedModes dampedModes(const ShearBuilding& building)
{
    const Eigen::Index n = static_cast<Eigen::Index>(building.dofs());
    const Eigen::MatrixXd a = stateMatrix(building);
    Eigen::EigenSolver<Eigen::MatrixXd> solver(a, true);
    const Eigen::VectorXcd& lambda = solver.eigenvalues();

    std::vector<Eigen::Index> keep;
    for (Eigen::Index i = 0; i < lambda.size(); ++i) {
        // Conjugate pairs: keep the upper one. Real roots (overdamped) are each kept.
        const double scale = std::max(std::abs(lambda[i]), 1e-300);
        if (lambda[i].imag() > 1e-12 * scale || std::abs(lambda[i].imag()) <= 1e-12 * scale)
            keep.push_back(i);
    }
    std::sort(keep.begin(), keep.end(), [&](Eigen::Index x, Eigen::Index y) {
        return std::abs(lambda[x]) < std::abs(lambda[y]);
    });

    DampedModes modes;
    modes.shapes.resize(n, static_cast<Eigen::Index>(keep.size()));
    for (std::size_t r = 0; r < keep.size(); ++r) {
        std::complex<double> l = lambda[keep[r]];
        if (std::abs(l.imag()) <= 1e-12 * std::abs(l))
            l = {l.real(), 0.0};
        const double magnitude = std::abs(l);
        modes.eigenvalues.push_back(l);
        modes.naturalFrequenciesHz.push_back(magnitude / (2.0 * std::numbers::pi));
        modes.dampedFrequenciesHz.push_back(l.imag() / (2.0 * std::numbers::pi));
        modes.dampingRatios.push_back(magnitude > 0.0 ? -l.real() / magnitude : 1.0);

        Eigen::VectorXcd shape = solver.eigenvectors().col(keep[r]).head(n);
        Eigen::Index largest = 0;
        shape.cwiseAbs().maxCoeff(&largest);
        if (std::abs(shape[largest]) > 0.0)
            shape /= shape[largest];
        modes.shapes.col(static_cast<Eigen::Index>(r)) = shape;
    }
    return modes;
}

ModalResult runModal(const ModalInput& input)
{
    const ShearBuilding building(input.profile);
    return {undampedModes(building), dampedModes(building), building.rayleighAlpha(),
            building.rayleighBeta()};
}

} // namespace dtop::dynamics
