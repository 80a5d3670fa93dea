// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/shooting.h"

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace dtop::nonlinear {

namespace odeint = boost::numeric::odeint;
using State = std::vector<double>;

Shooting::Shooting(const CubicChain& chain, double relativeTolerance, double absoluteTolerance)
    : m_chain(chain), m_rtol(relativeTolerance), m_atol(absoluteTolerance)
{
}

Eigen::VectorXd Shooting::flow(const Eigen::VectorXd& z0, double omega, double force,
                               Eigen::MatrixXd* monodromy) const
{
    const auto n = static_cast<Eigen::Index>(m_chain.dofs());
    const Eigen::Index dim = 2 * n;
    const bool variational = monodromy != nullptr;
    State y(static_cast<std::size_t>(variational ? dim + dim * dim : dim), 0.0);
    std::copy(z0.data(), z0.data() + dim, y.begin());
    if (variational)
        for (Eigen::Index i = 0; i < dim; ++i)
            y[static_cast<std::size_t>(dim + i * dim + i)] = 1.0;
    const Eigen::VectorXd& mass = m_chain.masses();
    const Eigen::MatrixXd& k = m_chain.stiffness();
    const Eigen::MatrixXd& c = m_chain.damping();
    Eigen::VectorXd s(n);
    auto rhs = [&](const State& state, State& d, double t) {
        m_chain.derivative(state.data(), force * std::cos(omega * t), d.data());
        if (!variational)
            return;
        // Φ' = A(t)Φ with A = [[0, I], [−M⁻¹(K + G(x)), −M⁻¹C]], column by column.
        m_chain.storeyTangent(state.data(), s.data());
        Eigen::Map<const Eigen::MatrixXd> phi(state.data() + dim, dim, dim);
        Eigen::Map<Eigen::MatrixXd> dphi(d.data() + dim, dim, dim);
        const auto px = phi.topRows(n);
        const auto pv = phi.bottomRows(n);
        dphi.topRows(n) = pv;
        Eigen::MatrixXd force2 = k * px + c * pv;
        for (Eigen::Index i = 0; i < n; ++i) {
            if (s(i) == 0.0)
                continue;
            // Storey i's tangent acts on the drift row px(i) − px(i−1).
            Eigen::RowVectorXd drift = px.row(i);
            if (i > 0)
                drift -= px.row(i - 1);
            force2.row(i) += s(i) * drift;
            if (i > 0)
                force2.row(i - 1) -= s(i) * drift;
        }
        dphi.bottomRows(n) = -(mass.cwiseInverse().asDiagonal() * force2);
    };
    const double period = 2.0 * std::numbers::pi / omega;
    auto stepper = odeint::make_controlled(m_atol, m_rtol, odeint::runge_kutta_fehlberg78<State>());
    odeint::integrate_adaptive(stepper, rhs, y, 0.0, period, period / 200.0);
    Eigen::VectorXd out(dim);
    for (Eigen::Index i = 0; i < dim; ++i)
        out(i) = y[static_cast<std::size_t>(i)];
    if (!out.allFinite())
        throw std::runtime_error("shooting: the orbit is no longer finite");
    if (variational)
        *monodromy = Eigen::Map<const Eigen::MatrixXd>(y.data() + dim, dim, dim);
    return out;
}

bool Shooting::solve(Eigen::VectorXd& z0, double omega, double force, int maxIterations,
                     double tolerance) const
{
    const Eigen::Index dim = z0.size();
    Eigen::MatrixXd mono;
    for (int it = 0; it < maxIterations; ++it) {
        const Eigen::VectorXd zt = flow(z0, omega, force, &mono);
        const Eigen::VectorXd step =
            (mono - Eigen::MatrixXd::Identity(dim, dim)).partialPivLu().solve(zt - z0);
        z0 -= step;
        if (!z0.allFinite())
            return false;
        if (step.norm() < tolerance * (1.0 + z0.norm()))
            return true;
    }
    return false;
}

std::vector<std::complex<double>> sortedEigenvalues(const Eigen::MatrixXd& matrix)
{
    const Eigen::EigenSolver<Eigen::MatrixXd> solver(matrix, false);
    std::vector<std::complex<double>> values(solver.eigenvalues().data(),
                                             solver.eigenvalues().data() +
                                                 solver.eigenvalues().size());
    std::sort(values.begin(), values.end(),
              [](auto a, auto b) { return std::abs(a) > std::abs(b); });
    return values;
}

std::vector<std::complex<double>> Shooting::multipliers(const Eigen::VectorXd& z0, double omega,
                                                        double force) const
{
    Eigen::MatrixXd mono;
    flow(z0, omega, force, &mono);
    return sortedEigenvalues(mono);
}

Eigen::MatrixXd Shooting::sample(const Eigen::VectorXd& z0, double omega, double force,
                                 int samples) const
{
    const Eigen::Index dim = z0.size();
    Eigen::MatrixXd out(dim, samples);
    State y(z0.data(), z0.data() + dim);
    auto rhs = [&](const State& state, State& d, double t) {
        m_chain.derivative(state.data(), force * std::cos(omega * t), d.data());
    };
    const double period = 2.0 * std::numbers::pi / omega;
    std::vector<double> times(static_cast<std::size_t>(samples));
    for (int k = 0; k < samples; ++k)
        times[static_cast<std::size_t>(k)] = period * k / samples;
    auto stepper = odeint::make_controlled(m_atol, m_rtol, odeint::runge_kutta_fehlberg78<State>());
    int column = 0;
    odeint::integrate_times(stepper, rhs, y, times.begin(), times.end(), period / 200.0,
                            [&](const State& state, double) {
                                for (Eigen::Index i = 0; i < dim; ++i)
                                    out(i, column) = state[static_cast<std::size_t>(i)];
                                ++column;
                            });
    return out;
}

} // namespace dtop::nonlinear
