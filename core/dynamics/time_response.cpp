// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/time_response.h"

#include "dynamics/adaptive_integrator.h"
#include "dynamics/exact_integrator.h"
#include "dynamics/state_space.h"

#include <cmath>
#include <stdexcept>

namespace dtop::dynamics {

const char* responseQuantityName(ResponseQuantity q) {
    switch (q) {
    case ResponseQuantity::Velocity:
        return "velocity";
    case ResponseQuantity::Acceleration:
        return "acceleration";
    case ResponseQuantity::Displacement:
        break;
    }
    return "displacement";
}

const char* responseQuantityUnit(ResponseQuantity q) {
    switch (q) {
    case ResponseQuantity::Velocity:
        return "m/s";
    case ResponseQuantity::Acceleration:
        return "m/s²";
    case ResponseQuantity::Displacement:
        break;
    }
    return "m";
}

bool parseResponseQuantity(const std::string& text, ResponseQuantity& q) {
    for (auto v : {ResponseQuantity::Displacement, ResponseQuantity::Velocity,
                   ResponseQuantity::Acceleration})
        if (text == responseQuantityName(v)) {
            q = v;
            return true;
        }
    return false;
}

const char* integrationMethodName(IntegrationMethod m) {
    switch (m) {
    case IntegrationMethod::Exact:
        return "exact";
    case IntegrationMethod::Adaptive:
        return "adaptive";
    case IntegrationMethod::Auto:
        break;
    }
    return "auto";
}

bool parseIntegrationMethod(const std::string& text, IntegrationMethod& m) {
    for (auto v : {IntegrationMethod::Auto, IntegrationMethod::Exact, IntegrationMethod::Adaptive})
        if (text == integrationMethodName(v)) {
            m = v;
            return true;
        }
    return false;
}

const std::vector<std::vector<double>>& TimeResponse::quantity(ResponseQuantity q) const {
    switch (q) {
    case ResponseQuantity::Velocity:
        return velocity;
    case ResponseQuantity::Acceleration:
        return acceleration;
    case ResponseQuantity::Displacement:
        break;
    }
    return displacement;
}

std::vector<double> TimeResponse::peakAbs(ResponseQuantity q) const {
    std::vector<double> peaks;
    for (const auto& floor : quantity(q)) {
        double peak = 0.0;
        for (double v : floor)
            peak = std::max(peak, std::abs(v));
        peaks.push_back(peak);
    }
    return peaks;
}

bool usesExactIntegrator(const ShearBuilding& building, IntegrationMethod method) {
    return method == IntegrationMethod::Exact ||
           (method == IntegrationMethod::Auto && !building.isNonlinear());
}

TimeResponse simulateResponse(const ShearBuilding& building, const ExcitationSignal& signal,
                              const TimeGrid& grid, const InitialState& initial,
                              const IntegrationOptions& options, const Progress& progress) {
    const std::size_t n = building.dofs();
    const auto ni = static_cast<Eigen::Index>(n);
    Eigen::VectorXd z0 = Eigen::VectorXd::Zero(2 * ni);
    if (!initial.displacementM.empty()) {
        if (initial.displacementM.size() != n)
            throw std::invalid_argument("initial displacement needs one value per floor");
        for (std::size_t i = 0; i < n; ++i)
            z0[static_cast<Eigen::Index>(i)] = initial.displacementM[i];
    }
    if (!initial.velocityMS.empty()) {
        if (initial.velocityMS.size() != n)
            throw std::invalid_argument("initial velocity needs one value per floor");
        for (std::size_t i = 0; i < n; ++i)
            z0[ni + static_cast<Eigen::Index>(i)] = initial.velocityMS[i];
    }
    if (!signal.isBaseMotion() && signal.floorIndex() >= n)
        throw std::invalid_argument("the force acts on a floor the building does not have");

    TimeResponse r;
    r.relativeToGround = signal.isBaseMotion();
    Eigen::MatrixXd states;
    if (usesExactIntegrator(building, options.method)) {
        if (building.isNonlinear())
            throw std::invalid_argument("the exact integrator needs a linear profile; this one "
                                        "has cubic storey springs (use the adaptive integrator)");
        const StateSpace ss = stateSpace(building);
        Eigen::VectorXd b = Eigen::VectorXd::Zero(2 * ni);
        if (signal.isBaseMotion())
            b.tail(ni).setConstant(-1.0); // relative coordinates: −1·a_g on every floor
        else
            b = ss.b.col(static_cast<Eigen::Index>(signal.floorIndex()));
        states = integrateExact(ss.a, b, signal, grid, z0, progress, r.steps, r.excitation);
        r.integrator = "exact-foh";
    } else {
        states = integrateAdaptive(building, signal, grid, z0, options.relativeTolerance,
                                   options.absoluteTolerance, progress, r.steps);
        r.integrator = "dopri5";
        r.excitation = signal.sample(grid);
    }

    r.timeS.resize(grid.samples);
    for (std::size_t k = 0; k < grid.samples; ++k)
        r.timeS[k] = grid.at(k);
    r.displacement.assign(n, std::vector<double>(grid.samples));
    r.velocity.assign(n, std::vector<double>(grid.samples));
    r.acceleration.assign(n, std::vector<double>(grid.samples));
    if (r.relativeToGround)
        r.absoluteAcceleration.assign(n, std::vector<double>(grid.samples));
    const EquationsOfMotion eom(building, signal);
    std::vector<double> acc(n);
    for (std::size_t k = 0; k < grid.samples; ++k) {
        const double* z = states.col(static_cast<Eigen::Index>(k)).data();
        eom.acceleration(z, r.excitation[k], acc.data());
        for (std::size_t i = 0; i < n; ++i) {
            r.displacement[i][k] = z[i];
            r.velocity[i][k] = z[n + i];
            r.acceleration[i][k] = acc[i];
            if (r.relativeToGround)
                r.absoluteAcceleration[i][k] = acc[i] + r.excitation[k];
        }
    }
    return r;
}

} // namespace dtop::dynamics
