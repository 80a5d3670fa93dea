// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/feedback_loop.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::control {

namespace {

using Complex = std::complex<double>;

// Candidates closer to the imaginary axis than this (relative to |z|) are polished; spurious
// ones fail to converge and are dropped.
constexpr double kAxisTolerance = 1e-3;
// Largest relative residual (|Im L₀|/|L₀|, or |ln|κL₀||) accepted after polishing.
constexpr double kAcceptResidual = 1e-8;

// Newton's method on a smooth real function of ω with a bracket-free safeguard: a step that
// does not reduce |f| is halved (up to 30 times). Returns false if it does not converge.
template <typename F>
bool polish(double& omega, F&& f, double relTol)
{
    double value = 0.0, slope = 0.0;
    f(omega, value, slope);
    for (int iteration = 0; iteration < 60; ++iteration) {
        if (std::abs(value) <= relTol)
            return true;
        if (slope == 0.0 || !std::isfinite(slope))
            return false;
        double step = value / slope;
        bool improved = false;
        for (int halving = 0; halving < 30; ++halving) {
            const double trial = omega - step;
            if (trial >= 0.0) {
                double v = 0.0, s = 0.0;
                f(trial, v, s);
                if (std::isfinite(v) && std::abs(v) < std::abs(value)) {
                    omega = trial;
                    value = v;
                    slope = s;
                    improved = true;
                    break;
                }
            }
            step *= 0.5;
        }
        if (!improved)
            break; // rounding floor reached
    }
    // Converged as far as rounding allows; a candidate that is not a crossing (a near miss of
    // the axis) stalls well above this.
    return std::abs(value) <= kAcceptResidual;
}

void addUnique(std::vector<double>& omegas, double omega)
{
    for (double w : omegas)
        if (std::abs(w - omega) <= 1e-9 * std::max(1.0, omega))
            return;
    omegas.push_back(omega);
}

} // namespace

std::complex<double> FeedbackLoop::response(double omega) const
{
    Complex derivative;
    return response(omega, derivative);
}

std::complex<double> FeedbackLoop::response(double omega, std::complex<double>& derivative) const
{
    Eigen::MatrixXcd m = -a.cast<Complex>();
    m.diagonal().array() += Complex(0.0, omega);
    const Eigen::PartialPivLU<Eigen::MatrixXcd> lu(m);
    const Eigen::VectorXcd x = lu.solve(b.cast<Complex>());
    const Eigen::VectorXcd y = lu.solve(x);
    // d/dω (jωI − A)⁻¹ b = −j (jωI − A)⁻² b.
    derivative = -Complex(0.0, 1.0) * (c.cast<Complex>() * y)(0);
    return (c.cast<Complex>() * x)(0);
}

double maxRealPart(const Eigen::MatrixXd& a)
{
    if (a.rows() == 0)
        return -std::numeric_limits<double>::infinity();
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(a, false);
    return eig.eigenvalues().real().maxCoeff();
}

double closedLoopAbscissa(const FeedbackLoop& loop, double gain)
{
    return maxRealPart(loop.closedLoop(gain));
}

std::vector<AxisCrossing> axisCrossings(const FeedbackLoop& loop)
{
    const Eigen::Index n = loop.states();
    std::vector<AxisCrossing> crossings;
    // ω = 0: L₀(0) is real; a real pole passes through the origin at κ = −1/L₀(0).
    {
        const Complex l0 = loop.response(0.0);
        // Velocity feedback has L₀(0) = 0, computed as rounding noise: compare with the size of
        // L₀ at the open-loop resonances.
        double typical = 0.0;
        if (n > 0) {
            const Eigen::EigenSolver<Eigen::MatrixXd> eig(loop.a, false);
            for (Eigen::Index k = 0; k < n; ++k)
                if (const double v = std::abs(loop.response(std::abs(eig.eigenvalues()[k])));
                    std::isfinite(v))
                    typical = std::max(typical, v);
        }
        if (std::isfinite(l0.real()) && std::abs(l0.real()) > 1e-10 * typical)
            crossings.push_back({0.0, -1.0 / l0.real()});
    }
    // Rosenbrock pencil of L₀(s) − L₀(−s) = [c c] (sI − diag(A, −A))⁻¹ [b; b].
    const Eigen::Index m = 2 * n + 1;
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(m, m);
    Eigen::MatrixXd e = Eigen::MatrixXd::Zero(m, m);
    p.topLeftCorner(n, n) = loop.a;
    p.block(n, n, n, n) = -loop.a;
    p.block(0, 2 * n, n, 1) = loop.b;
    p.block(n, 2 * n, n, 1) = loop.b;
    p.block(2 * n, 0, 1, n) = loop.c;
    p.block(2 * n, n, 1, n) = loop.c;
    e.topLeftCorner(2 * n, 2 * n).setIdentity();
    Eigen::GeneralizedEigenSolver<Eigen::MatrixXd> qz;
    qz.setMaxIterations(400 * m);
    qz.compute(p, e, false);
    if (qz.info() != Eigen::Success)
        return crossings;
    std::vector<double> omegas;
    for (Eigen::Index k = 0; k < m; ++k) {
        const Complex alpha = qz.alphas()[k];
        const double beta = qz.betas()[k];
        if (std::abs(beta) <= 1e-14 * std::abs(alpha) || beta == 0.0)
            continue; // infinite zero
        const Complex z = alpha / beta;
        if (!(z.imag() > 0.0) || std::abs(z.real()) > kAxisTolerance * std::abs(z))
            continue;
        double omega = z.imag();
        auto f = [&](double w, double& value, double& slope) {
            Complex d;
            const Complex l = loop.response(w, d);
            const double mag = std::abs(l);
            value = mag > 0.0 ? l.imag() / mag : l.imag();
            slope = mag > 0.0 ? d.imag() / mag : d.imag();
        };
        if (polish(omega, f, 1e-13) && omega > 0.0)
            addUnique(omegas, omega);
    }
    std::sort(omegas.begin(), omegas.end());
    for (double omega : omegas) {
        const Complex l = loop.response(omega);
        if (l.real() != 0.0 && std::isfinite(l.real()))
            crossings.push_back({omega, -1.0 / l.real()});
    }
    return crossings;
}

std::vector<double> unitGainFrequencies(const FeedbackLoop& loop, double gain)
{
    std::vector<double> omegas;
    if (gain == 0.0 || !std::isfinite(gain))
        return omegas;
    const Eigen::Index n = loop.states();
    Eigen::MatrixXd h(2 * n, 2 * n);
    const Eigen::MatrixXd bc = loop.b * loop.c;
    h << loop.a, bc, -gain * gain * bc, -loop.a;
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(h, false);
    if (eig.info() != Eigen::Success)
        return omegas;
    const double logGain = std::log(std::abs(gain));
    for (Eigen::Index k = 0; k < 2 * n; ++k) {
        const Complex z = eig.eigenvalues()[k];
        if (!(z.imag() > 0.0) || std::abs(z.real()) > kAxisTolerance * std::abs(z))
            continue;
        double omega = z.imag();
        auto f = [&](double w, double& value, double& slope) {
            Complex d;
            const Complex l = loop.response(w, d);
            value = logGain + std::log(std::abs(l));
            slope = (d / l).real();
        };
        if (polish(omega, f, 1e-13) && omega > 0.0)
            addUnique(omegas, omega);
    }
    std::sort(omegas.begin(), omegas.end());
    return omegas;
}

} // namespace dtop::control
