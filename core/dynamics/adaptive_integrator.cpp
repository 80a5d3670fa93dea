// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/adaptive_integrator.h"

#include <boost/numeric/odeint.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace dtop::dynamics {

namespace {
std::vector<double> toStd(const Eigen::VectorXd& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
}
constexpr std::size_t kCancelCheckInterval = 1024;
constexpr std::size_t kMaxSteps = 200'000'000;
} // namespace

EquationsOfMotion::EquationsOfMotion(const ShearBuilding& building, const ExcitationSignal& signal)
    : m_n(building.dofs()), m_signal(signal), m_invMass(toStd(building.masses().cwiseInverse())),
      m_kDiag(toStd(building.stiffness().diagonal)),
      m_kOff(toStd(building.stiffness().offDiagonal)), m_cDiag(toStd(building.damping().diagonal)),
      m_cOff(toStd(building.damping().offDiagonal)), m_cubic(toStd(building.cubicStiffnesses())),
      m_nonlinear(building.isNonlinear()) {}

void EquationsOfMotion::acceleration(const double* z, double u, double* out) const {
    const std::size_t n = m_n;
    const double* x = z;
    const double* v = z + n;
    for (std::size_t i = 0; i < n; ++i) {
        double f = -m_kDiag[i] * x[i] - m_cDiag[i] * v[i];
        if (i > 0)
            f -= m_kOff[i - 1] * x[i - 1] + m_cOff[i - 1] * v[i - 1];
        if (i + 1 < n)
            f -= m_kOff[i] * x[i + 1] + m_cOff[i] * v[i + 1];
        out[i] = f;
    }
    if (m_nonlinear) {
        for (std::size_t i = 0; i < n; ++i) {
            const double drift = x[i] - (i > 0 ? x[i - 1] : 0.0);
            const double f = m_cubic[i] * drift * drift * drift;
            out[i] -= f;
            if (i > 0)
                out[i - 1] += f;
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        out[i] *= m_invMass[i];
    if (m_signal.isBaseMotion()) {
        for (std::size_t i = 0; i < n; ++i)
            out[i] -= u;
    } else {
        out[m_signal.floorIndex()] += u * m_invMass[m_signal.floorIndex()];
    }
}

void EquationsOfMotion::derivative(const double* z, double t, double* dz) const {
    for (std::size_t i = 0; i < m_n; ++i)
        dz[i] = z[m_n + i];
    acceleration(z, m_signal.value(t), dz + m_n);
}

Eigen::MatrixXd integrateAdaptive(const ShearBuilding& building, const ExcitationSignal& signal,
                                  const TimeGrid& grid, const Eigen::VectorXd& z0,
                                  double relativeTolerance, double absoluteTolerance,
                                  const Progress& progress, std::size_t& steps) {
    namespace odeint = boost::numeric::odeint;
    using State = std::vector<double>;
    const EquationsOfMotion eom(building, signal);
    const Eigen::Index dim = z0.size();
    Eigen::MatrixXd states(dim, static_cast<Eigen::Index>(grid.samples));
    steps = 0;
    if (grid.samples == 0)
        return states;
    states.col(0) = z0;

    // A quarter of a pulse width or period; one sample spacing for records and the random
    // force, whose kinks the error control then resolves.
    const bool sampled = signal.kind() == ExcitationKind::Random ||
                         signal.kind() == ExcitationKind::BaseMotion ||
                         signal.kind() == ExcitationKind::RecordedForce;
    const double maxStep = (sampled ? 1.0 : 0.25) * signal.shortestTimeScale();
    auto stepper = odeint::make_dense_output(absoluteTolerance, relativeTolerance, maxStep,
                                             odeint::runge_kutta_dopri5<State>());
    auto rhs = [&eom](const State& z, State& dz, double t) {
        eom.derivative(z.data(), t, dz.data());
    };
    stepper.initialize(toStd(z0), grid.at(0), std::min(maxStep, grid.stepS) * 1e-2);
    State z(static_cast<std::size_t>(dim));
    std::size_t sinceCheck = 0;
    try {
        for (std::size_t k = 1; k < grid.samples; ++k) {
            const double t = grid.at(k);
            while (stepper.current_time() < t) {
                stepper.do_step(rhs);
                ++steps;
                if (++sinceCheck >= kCancelCheckInterval) {
                    progress.checkCancelled();
                    sinceCheck = 0;
                }
                if (steps > kMaxSteps)
                    throw std::runtime_error("more than " + std::to_string(kMaxSteps) + " steps");
            }
            stepper.calc_state(t, z);
            for (Eigen::Index i = 0; i < dim; ++i) {
                if (!std::isfinite(z[static_cast<std::size_t>(i)]))
                    throw std::runtime_error("the response is no longer finite");
                states(i, static_cast<Eigen::Index>(k)) = z[static_cast<std::size_t>(i)];
            }
        }
    } catch (const odeint::step_adjustment_error& e) {
        throw std::runtime_error(std::string("adaptive integration failed: ") + e.what());
    } catch (const odeint::no_progress_error& e) {
        throw std::runtime_error(std::string("adaptive integration failed: ") + e.what());
    } catch (const std::runtime_error& e) {
        if (dynamic_cast<const Cancelled*>(&e))
            throw;
        throw std::runtime_error(std::string("adaptive integration failed near t = ") +
                                 formatValue(stepper.current_time()) + " s: " + e.what());
    }
    return states;
}

} // namespace dtop::dynamics
