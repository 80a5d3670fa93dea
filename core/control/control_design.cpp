// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/control_design.h"

#include "control/riccati.h"

#include <array>
#include <cmath>
#include <stdexcept>

namespace dtop::control {

namespace {

struct StrategyEntry {
    Strategy strategy;
    const char* name;
    const char* label;
};

constexpr std::array<StrategyEntry, 6> kStrategies = {{
    {Strategy::None, "none", "uncontrolled"},
    {Strategy::Tmd, "tmd", "passive TMD"},
    {Strategy::Dvf, "dvf", "DVF (inertial actuator)"},
    {Strategy::DvfEc, "dvf-ec", "DVF + compensator"},
    {Strategy::Lqg, "lqg", "LQG (inertial actuator)"},
    {Strategy::IdealDvf, "ideal-dvf", "ideal DVF (skyhook)"},
}};

constexpr double kMaxWeight = 1e15;

} // namespace

const char* strategyName(Strategy s)
{
    for (const auto& e : kStrategies)
        if (e.strategy == s)
            return e.name;
    return "none";
}

const char* strategyLabel(Strategy s)
{
    for (const auto& e : kStrategies)
        if (e.strategy == s)
            return e.label;
    return "uncontrolled";
}

bool parseStrategy(const std::string& text, Strategy& s)
{
    for (const auto& e : kStrategies)
        if (text == e.name) {
            s = e.strategy;
            return true;
        }
    return false;
}

bool hasFeedback(Strategy s)
{
    return s == Strategy::Dvf || s == Strategy::DvfEc || s == Strategy::Lqg ||
           s == Strategy::IdealDvf;
}

bool usesGain(Strategy s)
{
    return s == Strategy::Dvf || s == Strategy::DvfEc || s == Strategy::IdealDvf;
}

bool usesDevice(Strategy s)
{
    return s == Strategy::Tmd || s == Strategy::Dvf || s == Strategy::DvfEc ||
           s == Strategy::Lqg;
}

InputIssues LqgWeights::validate() const
{
    InputIssues issues;
    auto positive = [&](double v, const char* field, const char* what, const char* unit) {
        if (!(std::isfinite(v) && v > 0.0 && v <= kMaxWeight))
            issues.push_back({field, std::string(what) + " must be > 0 and at most " +
                                         formatValue(kMaxWeight) + " " + unit + ", got " +
                                         formatValue(v)});
    };
    positive(stateWeight, "lqg_state_weight", "LQG state weight q", "1/J");
    positive(inputWeight, "lqg_input_weight", "LQG input weight r", "1/A²");
    positive(processNoise, "lqg_process_noise", "LQG process noise intensity", "N²·s");
    positive(measurementNoise, "lqg_measurement_noise", "LQG measurement noise intensity",
             "(m/s)²·s");
    return issues;
}

Eigen::MatrixXd ControlDesign::closedLoopAt(double k) const
{
    return hasLoop ? loop.closedLoop(k) : a;
}

ControlDesign closeLoop(Strategy strategy, ControlledStructure s, ControllerBlock k,
                        const Eigen::RowVectorXd& sensor, const Eigen::VectorXd& inputPerAmpere,
                        double gain)
{
    ControlDesign d;
    d.strategy = strategy;
    const Eigen::Index np = static_cast<Eigen::Index>(s.states());
    const Eigen::Index nk = k.states();
    const Eigen::Index nz = np + nk;
    auto pad = [&](const Eigen::MatrixXd& m) {
        Eigen::MatrixXd out = Eigen::MatrixXd::Zero(m.rows(), nz);
        out.leftCols(np) = m;
        return out;
    };
    auto padVector = [&](const Eigen::VectorXd& v) {
        Eigen::VectorXd out = Eigen::VectorXd::Zero(nz);
        out.head(np) = v;
        return out;
    };
    d.hasLoop = true;
    d.gain = gain;
    d.loop.a = Eigen::MatrixXd::Zero(nz, nz);
    d.loop.a.topLeftCorner(np, np) = s.a;
    if (nk > 0) {
        d.loop.a.bottomLeftCorner(nk, np) = k.b * sensor;
        d.loop.a.bottomRightCorner(nk, nk) = k.a;
    }
    d.loop.b = padVector(inputPerAmpere);
    d.loop.c = Eigen::RowVectorXd::Zero(nz);
    d.loop.c.head(np) = k.d * sensor;
    if (nk > 0)
        d.loop.c.tail(nk) = k.c;
    d.a = d.loop.closedLoop(gain);
    d.bPrimary = padVector(s.bPrimary);
    d.bGround = padVector(s.bGround);
    d.groundVelocityColumn = Eigen::VectorXd::Zero(nz);
    d.groundVelocityColumn.head(np) = -gain * k.d * inputPerAmpere;
    if (nk > 0)
        d.groundVelocityColumn.tail(nk) = k.b;
    d.currentPerGroundVelocity = -gain * k.d;
    d.cVelocity = pad(s.cVelocity);
    d.cDisplacement = pad(s.cDisplacement);
    d.cStroke = pad(s.cStroke);
    d.cCurrent = -gain * d.loop.c;
    d.keMasses = s.keMasses;
    d.controller = std::move(k);
    d.structure = std::move(s);
    return d;
}

ControlDesign buildDesign(const dynamics::ShearBuilding& building, const DesignParameters& p)
{
    const DeviceKind device = usesDevice(p.strategy)       ? DeviceKind::Inertial
                              : p.strategy == Strategy::IdealDvf ? DeviceKind::Skyhook
                                                                 : DeviceKind::None;
    ControlledStructure s =
        buildControlledStructure(building, device, p.actuator, p.floor, p.forceFloor);
    if (!hasFeedback(p.strategy)) {
        ControlDesign d;
        d.strategy = p.strategy;
        d.a = s.a;
        d.bPrimary = s.bPrimary;
        d.bGround = s.bGround;
        d.groundVelocityColumn = Eigen::VectorXd::Zero(s.a.rows());
        d.cVelocity = s.cVelocity;
        d.cDisplacement = s.cDisplacement;
        d.cStroke = s.cStroke;
        d.cCurrent = Eigen::RowVectorXd::Zero(s.a.rows());
        d.keMasses = s.keMasses;
        d.structure = std::move(s);
        return d;
    }
    const Eigen::VectorXd perAmpere = p.actuator.forceFactorNA * s.bActuator;
    const Eigen::RowVectorXd sensor = s.cSensor;
    ControllerBlock k;
    double gain = p.gain;
    std::string unit = "A·s/m";
    Eigen::MatrixXd lqr, kalman;
    switch (p.strategy) {
    case Strategy::Dvf:
    case Strategy::IdealDvf:
        k.a = Eigen::MatrixXd(0, 0);
        k.b = Eigen::VectorXd(0);
        k.c = Eigen::RowVectorXd(0);
        k.d = 1.0;
        break;
    case Strategy::DvfEc:
        k.a = p.compensator.a();
        k.b = p.compensator.b();
        k.c = p.compensator.c();
        k.d = p.compensator.d();
        break;
    case Strategy::Lqg: {
        // Regulator on the real input (the current), energy weights; Kalman filter driven by
        // the primary force, measuring the collocated velocity (docs/tools/control.md §5).
        const auto n = static_cast<Eigen::Index>(s.storeys);
        const auto dofs = static_cast<Eigen::Index>(s.dofs());
        Eigen::MatrixXd qe = Eigen::MatrixXd::Zero(2 * dofs, 2 * dofs);
        qe.topLeftCorner(n, n) = building.stiffnessMatrix();
        qe.block(dofs, dofs, n, n) = s.keMasses.asDiagonal();
        const Eigen::MatrixXd r = Eigen::MatrixXd::Constant(1, 1, p.lqg.inputWeight);
        lqr = lqrGain(s.a, perAmpere, p.lqg.stateWeight * qe, r);
        kalman = kalmanGain(s.a, s.bPrimary, sensor,
                            Eigen::MatrixXd::Constant(1, 1, p.lqg.processNoise),
                            Eigen::MatrixXd::Constant(1, 1, p.lqg.measurementNoise));
        k.a = s.a - perAmpere * lqr - kalman * sensor;
        k.b = kalman.col(0);
        k.c = lqr.row(0);
        k.d = 0.0;
        gain = 1.0;
        unit = "1";
        break;
    }
    case Strategy::None:
    case Strategy::Tmd:
        break;
    }
    ControlDesign d = closeLoop(p.strategy, std::move(s), std::move(k), sensor, perAmpere, gain);
    d.gainUnit = unit;
    d.lqrGain = std::move(lqr);
    d.kalmanGain = std::move(kalman);
    return d;
}

} // namespace dtop::control
