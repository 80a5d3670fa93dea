// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/tmd_tuning.h"

#include "control/control_design.h"
#include "control/nelder_mead.h"
#include "dynamics/modal_analysis.h"

#include <cmath>
#include <numbers>

namespace dtop::control {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;

void fill(TunedAbsorber& t, double k, double c, double mp)
{
    t.proofStiffnessNM = k;
    t.proofDampingNsM = c;
    t.frequencyHz = std::sqrt(k / mp) / kTwoPi;
    t.dampingRatio = c / (2.0 * std::sqrt(k * mp));
}
} // namespace

const char* tmdTuningName(TmdTuning t)
{
    switch (t) {
    case TmdTuning::DenHartog:
        return "den-hartog";
    case TmdTuning::KeOptimal:
        return "ke-optimal";
    case TmdTuning::None:
        break;
    }
    return "none";
}

bool parseTmdTuning(const std::string& text, TmdTuning& t)
{
    for (auto v : {TmdTuning::None, TmdTuning::DenHartog, TmdTuning::KeOptimal})
        if (text == tmdTuningName(v)) {
            t = v;
            return true;
        }
    return false;
}

TunedAbsorber denHartogTuning(const dynamics::ShearBuilding& building,
                              const InertialActuator& actuator, int floor)
{
    Eigen::VectorXd masses = building.masses();
    masses[floor - 1] += actuator.baseMassKg;
    const dynamics::UndampedModes modes = dynamics::undampedModes(masses, building.stiffness());
    const double phi = modes.shapes(floor - 1, 0);
    TunedAbsorber t;
    t.method = TmdTuning::DenHartog;
    t.criterion = "Den Hartog fixed-point rule on mode 1 (undamped structure, harmonic force)";
    t.modalMassKg = 1.0 / (phi * phi);
    t.massRatio = actuator.proofMassKg / t.modalMassKg;
    t.structureFrequencyHz = modes.angularFrequencies[0] / kTwoPi;
    const double mu = t.massRatio;
    const double ft = t.structureFrequencyHz / (1.0 + mu);
    const double zeta = std::sqrt(3.0 * mu / (8.0 * std::pow(1.0 + mu, 3)));
    const double k = actuator.proofMassKg * std::pow(kTwoPi * ft, 2);
    fill(t, k, 2.0 * zeta * std::sqrt(k * actuator.proofMassKg), actuator.proofMassKg);
    return t;
}

TunedAbsorber keOptimalTuning(const dynamics::ShearBuilding& building,
                              const InertialActuator& actuator, int floor, int forceFloor,
                              const FrequencyBand& band, Progress& progress)
{
    const TunedAbsorber start = denHartogTuning(building, actuator, floor);
    DesignParameters p;
    p.strategy = Strategy::Tmd;
    p.floor = floor;
    p.forceFloor = forceFloor;
    p.actuator = actuator;
    ControlDesign design = buildDesign(building, p);
    const std::vector<double> omegas = band.omegas();
    auto objective = [&](const std::vector<double>& x) {
        progress.checkCancelled();
        setSuspension(design.structure, std::exp(x[0]), std::exp(x[1]));
        design.a = design.structure.a;
        const StateResponse r(design.a, design.bPrimary, design.cVelocity);
        return trapezoid(omegas, r.kineticEnergy(omegas, design.keMasses));
    };
    const NelderMeadResult best =
        nelderMead(objective, {std::log(start.proofStiffnessNM), std::log(start.proofDampingNsM)},
                   0.2, 1e-7, 1e-12, 400);
    TunedAbsorber t = start;
    t.method = TmdTuning::KeOptimal;
    t.criterion = "minimum band-integrated kinetic energy of the floors (the metric of "
                  "ke_reduction_db), Nelder–Mead in (ln k_p, ln c_p) from Den Hartog";
    fill(t, std::exp(best.x[0]), std::exp(best.x[1]), actuator.proofMassKg);
    t.keBandIntegral = best.value;
    t.evaluations = best.evaluations;
    return t;
}

} // namespace dtop::control
