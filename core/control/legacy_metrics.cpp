// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/legacy_metrics.h"

#include "control/feedback_loop.h"
#include "control/riccati.h"
#include "control/state_response.h"

#include <cmath>
#include <limits>

namespace dtop::control {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// The prototype's fixed LQG settings (its form fields were disabled and ignored).
constexpr double kLegacyQ = 200.0;
constexpr double kLegacyR = 0.1;
constexpr double kLegacyQn = 1.0;
constexpr double kLegacyRn = 1e-12;

// The state the prototype's output selector picked: one before the collocated velocity.
Eigen::RowVectorXd legacySensor(const ControlledStructure& s)
{
    Eigen::RowVectorXd c = Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(s.states()));
    c[s.velocityState(s.deviceFloor) - 1] = 1.0;
    return c;
}

} // namespace

double legacyGainMargin(const dynamics::ShearBuilding& building, const DesignParameters& p)
{
    if (p.gain == 0.0)
        return kInf;
    DesignParameters q = p;
    q.gain = 1.0;
    const ControlDesign d = buildDesign(building, q);
    FeedbackLoop loop = d.loop;
    const Eigen::RowVectorXd wrong = legacySensor(d.structure);
    const Eigen::Index np = wrong.size();
    loop.c.head(np) = d.controller.d * wrong;
    if (d.controller.states() > 0) {
        loop.a.bottomLeftCorner(d.controller.states(), np) = d.controller.b * wrong;
        loop.c.tail(d.controller.states()) = d.controller.c;
    }
    // Negative feedback u = −h·y: the prototype's L is h·Bl·C·G with the sign of G.
    double best = kInf;
    for (const AxisCrossing& c : axisCrossings(loop)) {
        const double l = -p.gain / c.gain; // h·L₀(jω) (real at a crossing)
        if (!(l < 0.0))
            continue;
        const double gm = 1.0 / std::abs(l);
        if (!std::isfinite(best) || std::abs(std::log(gm)) < std::abs(std::log(best)))
            best = gm;
    }
    return best;
}

ControlDesign legacyLqgDesign(const dynamics::ShearBuilding& building, const DesignParameters& p)
{
    ControlledStructure s =
        buildControlledStructure(building, DeviceKind::Inertial, p.actuator, p.floor, p.forceFloor);
    const auto dofs = static_cast<Eigen::Index>(s.dofs());
    const Eigen::Index nx = 2 * dofs;
    const double bl = p.actuator.forceFactorNA;
    Eigen::MatrixXd q = kLegacyQ * Eigen::MatrixXd::Identity(nx, nx);
    q(dofs - 1, dofs - 1) = 0.0; // proof-mass displacement and velocity not weighted
    q(nx - 1, nx - 1) = 0.0;
    const Eigen::MatrixXd r = Eigen::MatrixXd::Constant(1, 1, kLegacyR);
    const Eigen::MatrixXd k = lqrGain(s.a, s.bActuator, q, r);
    const Eigen::RowVectorXd sensor = legacySensor(s);
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(nx, nx);
    g.col(dofs) = bl * s.bActuator;
    g.col(nx - 1) = -s.bActuator;
    const Eigen::MatrixXd l =
        kalmanGain(s.a, g, sensor, kLegacyQn * Eigen::MatrixXd::Identity(nx, nx),
                   Eigen::MatrixXd::Constant(1, 1, kLegacyRn));
    const Eigen::VectorXd perAmpere = bl * s.bActuator;
    ControllerBlock c;
    c.a = s.a - perAmpere * k - l * sensor;
    c.b = l.col(0);
    c.c = k.row(0);
    c.d = 0.0;
    const Eigen::VectorXd disturbance = -s.bActuator;
    ControlDesign d = closeLoop(Strategy::Lqg, std::move(s), std::move(c), sensor, perAmpere, 1.0);
    d.bPrimary.head(nx) = disturbance;
    d.gainUnit = "1";
    d.lqrGain = k;
    d.kalmanGain = l;
    return d;
}

std::optional<LegacyMetrics> legacyMetrics(const dynamics::ShearBuilding& building,
                                           const DesignParameters& p, const FrequencyBand& band,
                                           const std::vector<double>& uncontrolledKe)
{
    if (p.strategy == Strategy::IdealDvf)
        return std::nullopt;
    const std::vector<double> f = band.frequenciesHz();
    const std::vector<double> w = band.omegas();
    LegacyMetrics m;
    m.label = kLegacyLabel;
    m.uncontrolledBandIntegral = trapezoid(w, uncontrolledKe);
    std::vector<double> ke = uncontrolledKe;
    if (p.strategy != Strategy::None) {
        const ControlDesign d =
            p.strategy == Strategy::Lqg ? legacyLqgDesign(building, p) : buildDesign(building, p);
        Eigen::MatrixXd c(d.cVelocity.rows() + 1, d.states());
        c << d.cVelocity, d.cCurrent;
        const StateResponse r(d.a, d.bPrimary, c);
        ke = r.kineticEnergy(w, d.keMasses);
        m.keBandIntegral = trapezoid(w, ke);
        m.keReductionDb = -10.0 * std::log10(m.keBandIntegral / m.uncontrolledBandIntegral);
        if (hasFeedback(p.strategy)) {
            std::vector<double> i2(w.size());
            const auto row = d.cVelocity.rows();
            for (std::size_t k = 0; k < w.size(); ++k)
                i2[k] = std::norm(r.evaluate(w[k])[static_cast<std::size_t>(row)]);
            const double factor = p.strategy == Strategy::Lqg ? 1.0 : 2.0;
            m.controlEffort = factor * p.actuator.coilResistanceOhm * trapezoid(w, i2);
        }
        switch (p.strategy) {
        case Strategy::Dvf:
        case Strategy::DvfEc: {
            const double gm = legacyGainMargin(building, p);
            m.rawGainMargin = gm;
            m.stableShown = gm > 1.0 ? "Yes" : "No";
            m.gainMarginDbShown = gm > 1.0 ? 20.0 * std::log10(gm) : -kInf;
            m.note = "stability verdict and gain margin of the prototype: margin() on the state "
                     "one before the collocated velocity (defect D1)";
            break;
        }
        case Strategy::Lqg:
            m.stableShown = "--";
            m.note = "the prototype's LQG: fixed q = 200, r = 0.1, Qn = 1, Rn = 1e-12, driven by "
                     "minus the actuator force instead of the primary force (defect D3)";
            break;
        default:
            break;
        }
    } else {
        m.keBandIntegral = m.uncontrolledBandIntegral;
    }
    m.keDb.resize(ke.size());
    for (std::size_t k = 0; k < ke.size(); ++k)
        m.keDb[k] = 20.0 * std::log10(ke[k]);
    m.bandMaxima = bandMaxima(f, ke, 20.0);
    return m;
}

} // namespace dtop::control
