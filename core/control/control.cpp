// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/control.h"

#include "dynamics/modal_analysis.h"
#include "model/presets.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dtop::control {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kMaxGain = 1e6;

// Points of the Nyquist/Bode grid: a logarithmic sweep plus a dense patch across each lightly
// damped open-loop pole, so that the sharp loops of a 0.2 %-damped structure are drawn whole.
constexpr std::size_t kLoopSweepPoints = 1200;
constexpr int kPolePatchPoints = 81;

KineticEnergySummary summarise(std::vector<double> ke, const StateResponse& response,
                               const Eigen::VectorXd& masses, const ControlDesign& design,
                               const std::vector<double>& f, const std::vector<double>& w,
                               double dbFactor)
{
    KineticEnergySummary s;
    s.ke = std::move(ke);
    s.keDb.resize(s.ke.size());
    for (std::size_t k = 0; k < s.ke.size(); ++k)
        s.keDb[k] = dbFactor * std::log10(s.ke[k]);
    s.bandIntegral = trapezoid(w, s.ke);
    s.exactIntegral = exactKineticEnergyIntegral(design);
    s.peaks = kineticEnergyPeaks(response, masses, f, s.ke, dbFactor);
    return s;
}

std::complex<double> convertMobility(std::complex<double> v, double omega,
                                     dynamics::FrfQuantity q)
{
    switch (q) {
    case dynamics::FrfQuantity::Receptance:
        return v / std::complex<double>(0.0, omega);
    case dynamics::FrfQuantity::Accelerance:
        return v * std::complex<double>(0.0, omega);
    case dynamics::FrfQuantity::Mobility:
        break;
    }
    return v;
}

LoopResponse loopResponse(const FeedbackLoop& loop, double gain, const StabilityMargins& margins)
{
    LoopResponse out;
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(loop.a, false);
    double fmin = 1e300, fmax = 0.0;
    std::vector<double> f;
    for (Eigen::Index k = 0; k < eig.eigenvalues().size(); ++k) {
        const std::complex<double> z = eig.eigenvalues()[k];
        const double fn = std::abs(z) / kTwoPi;
        if (fn <= 0.0)
            continue;
        fmin = std::min(fmin, fn);
        fmax = std::max(fmax, fn);
        const double zeta = -z.real() / std::abs(z);
        if (z.imag() > 0.0 && zeta < 0.2) {
            const double fd = z.imag() / kTwoPi;
            const double half = std::max(-z.real() / kTwoPi, 1e-6 * fd);
            for (int j = 0; j < kPolePatchPoints; ++j)
                f.push_back(fd + half * (-8.0 + 16.0 * j / (kPolePatchPoints - 1)));
        }
    }
    if (fmax == 0.0) {
        fmin = 0.1;
        fmax = 100.0;
    }
    const double lo = std::log10(std::max(1e-3, 0.1 * fmin));
    const double hi = std::log10(std::min(1e6, 10.0 * fmax));
    for (std::size_t k = 0; k < kLoopSweepPoints; ++k)
        f.push_back(std::pow(10.0, lo + (hi - lo) * static_cast<double>(k) /
                                           static_cast<double>(kLoopSweepPoints - 1)));
    for (double x : margins.unitGainFrequenciesHz)
        f.push_back(x);
    for (const auto& c : margins.crossings)
        if (c.omega > 0.0)
            f.push_back(c.omega / kTwoPi);
    std::erase_if(f, [&](double x) { return !(x > 0.0) || x < std::pow(10.0, lo) ||
                                             x > std::pow(10.0, hi); });
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end(),
                        [](double a, double b) { return std::abs(a - b) <= 1e-12 * b; }),
            f.end());
    const StateResponse response(loop.a, loop.b, loop.c);
    out.frequencyHz = f;
    double previous = 0.0;
    for (std::size_t k = 0; k < f.size(); ++k) {
        const std::complex<double> l = gain * response.evaluate(kTwoPi * f[k])[0];
        out.response.push_back(l);
        out.magnitudeDb.push_back(20.0 * std::log10(std::abs(l)));
        double phase = std::arg(l) * 180.0 / std::numbers::pi;
        if (k > 0)
            phase += 360.0 * std::round((previous - phase) / 360.0);
        out.phaseDeg.push_back(phase);
        previous = phase;
    }
    double reMin = -1.0, reMax = 1.0, imAbs = 1.0;
    for (const auto& l : out.response) {
        if (!std::isfinite(l.real()) || !std::isfinite(l.imag()))
            continue;
        reMin = std::min(reMin, l.real());
        reMax = std::max(reMax, l.real());
        imAbs = std::max(imAbs, std::abs(l.imag()));
    }
    const double pad = 0.05 * std::max(reMax - reMin, 2.0 * imAbs);
    out.reMin = reMin - pad;
    out.reMax = reMax + pad;
    out.imMin = -imAbs - pad;
    out.imMax = imAbs + pad;
    return out;
}

std::vector<double> flatten(const Eigen::MatrixXd& m)
{
    return std::vector<double>(m.data(), m.data() + m.size());
}

} // namespace

ControlInput::ControlInput() : profile(*model::preset("southampton-design")) {}

InputIssues ControlInput::validate() const
{
    InputIssues issues = profile.validate();
    const bool profileOk = issues.empty();
    const auto n = static_cast<int>(profile.storeys());
    if (profileOk && profile.isNonlinear())
        issues.push_back({"profile", "the control tool analyses linear structures; profile '" +
                                         profile.name + "' has cubic storey springs"});
    if (profileOk && (floor < 1 || floor > n))
        issues.push_back({"floor", "device floor must be between 1 and " + std::to_string(n) +
                                       " (the profile's storeys), got " + std::to_string(floor)});
    if (profileOk && (forceFloor < 1 || forceFloor > n))
        issues.push_back({"force_floor", "primary force floor must be between 1 and " +
                                             std::to_string(n) + ", got " +
                                             std::to_string(forceFloor)});
    if (!(std::isfinite(gain) && std::abs(gain) <= kMaxGain))
        issues.push_back({"gain", "gain must be a finite number of A·s/m between " +
                                      formatValue(-kMaxGain) + " and " + formatValue(kMaxGain) +
                                      ", got " + formatValue(gain)});
    for (auto& issue : actuator.validate())
        issues.push_back(std::move(issue));
    if (hasFeedback(strategy) && std::isfinite(actuator.forceFactorNA) &&
        actuator.forceFactorNA == 0.0)
        issues.push_back({"force_factor", std::string("strategy ") + strategyName(strategy) +
                                              " drives the coil: force factor Bl must be > 0 "
                                              "N/A, got 0"});
    for (auto& issue : compensator.validate())
        issues.push_back(std::move(issue));
    for (auto& issue : lqg.validate())
        issues.push_back(std::move(issue));
    if (tune != TmdTuning::None && strategy != Strategy::Tmd)
        issues.push_back({"tune", std::string("tuning (") + tmdTuningName(tune) +
                                      ") applies to the tmd strategy, not " +
                                      strategyName(strategy)});
    for (auto& issue : band.validate())
        issues.push_back(std::move(issue));
    const FrequencyBand prototypeBand;
    if (legacy && (band.lowHz != prototypeBand.lowHz || band.highHz != prototypeBand.highHz ||
                   band.stepHz != prototypeBand.stepHz))
        issues.push_back({"legacy", "legacy mode reproduces the prototype on its own grid "
                                    "(1–100 Hz in 0.01 Hz); leave the band at its default"});
    if (rootLocusGains < 2 || rootLocusGains > kMaxRootLocusGains)
        issues.push_back({"root_locus_gains", "root-locus gains must be between 2 and " +
                                                  std::to_string(kMaxRootLocusGains) + ", got " +
                                                  std::to_string(rootLocusGains)});
    if (profileOk && forceFloor >= 1 && forceFloor <= n)
        for (auto& issue : timeDomain.validate(profile.storeys(), forceFloor))
            issues.push_back(std::move(issue));
    return issues;
}

ControlResult runControl(const ControlInput& in, Progress& progress)
{
    throwIfInvalid(in.validate(), "control input");
    progress.report(0.0, "model");
    const dynamics::ShearBuilding building(in.profile);
    const double f1 = dynamics::undampedModes(building).angularFrequencies[0] / kTwoPi;

    ControlResult r;
    r.strategy = in.strategy;
    r.label = strategyLabel(in.strategy);
    r.legacy = in.legacy;
    r.floor = in.floor;
    r.forceFloor = in.forceFloor;
    r.frfQuantity = in.frfQuantity;
    r.actuator = in.actuator;
    if (in.tune == TmdTuning::DenHartog)
        r.tuned = denHartogTuning(building, in.actuator, in.floor);
    else if (in.tune == TmdTuning::KeOptimal)
        r.tuned = keOptimalTuning(building, in.actuator, in.floor, in.forceFloor, in.band,
                                  progress);
    if (r.tuned) {
        r.actuator.suspensionStiffnessNM = r.tuned->proofStiffnessNM;
        r.actuator.suspensionDampingNsM = r.tuned->proofDampingNsM;
    }
    r.deviceFrequencyHz = r.actuator.naturalFrequencyHz();
    r.deviceDampingRatio = r.actuator.dampingRatio();

    DesignParameters p;
    p.strategy = in.strategy;
    p.floor = in.floor;
    p.forceFloor = in.forceFloor;
    p.gain = in.gain;
    p.actuator = r.actuator;
    p.compensator = effectiveCompensator(in.compensator, r.actuator, f1, in.legacy);
    p.lqg = in.lqg;
    if (in.strategy == Strategy::DvfEc)
        r.compensator = p.compensator;

    progress.report(0.05, "design");
    const ControlDesign design = buildDesign(building, p);
    DesignParameters bare = p;
    bare.strategy = Strategy::None;
    const ControlDesign reference = buildDesign(building, bare);
    r.gain = design.hasLoop ? design.gain : in.gain;
    r.gainUnit = design.hasLoop ? design.gainUnit : "A·s/m";
    r.lqrGain = flatten(design.lqrGain);
    r.kalmanGain = flatten(design.kalmanGain);

    progress.report(0.1, "kinetic energy");
    const double dbFactor = in.legacy ? 20.0 : 10.0;
    r.keDbScale = in.legacy ? "20·log10(T / 1 J/N²), the prototype's plotted scale (twice the "
                              "energy ratio in dB)"
                            : "10·log10(T / 1 J/N²)";
    r.frequencyHz = in.band.frequenciesHz();
    const std::vector<double> w = in.band.omegas();
    const StateResponse refResponse = primaryResponse(reference);
    const StateResponse response = primaryResponse(design);

    // One evaluation of each response per frequency gives the KE curve, the floor FRFs and the
    // coil current; every result vector is sized once.
    const auto n = static_cast<std::size_t>(design.cVelocity.rows());
    const bool feedback = design.hasLoop;
    r.floors.assign(n, {});
    for (auto& floor : r.floors) {
        floor.controlled.resize(w.size());
        floor.uncontrolled.resize(w.size());
    }
    if (feedback)
        r.effortSpectrumW.resize(w.size());
    std::vector<double> ke(w.size()), ke0(w.size());
    Eigen::ArrayXXd re, im, re0, im0;
    const auto total = static_cast<Eigen::Index>(w.size());
    const auto floors = static_cast<Eigen::Index>(n);
    for (Eigen::Index start = 0; start < total; start += StateResponse::kBlockLength) {
        const Eigen::Index len = std::min(StateResponse::kBlockLength, total - start);
        response.evaluateBlock(w.data() + start, len, floors + 1, re, im);
        refResponse.evaluateBlock(w.data() + start, len, floors, re0, im0);
        for (Eigen::Index b = 0; b < len; ++b) {
            const auto k = static_cast<std::size_t>(start + b);
            ke[k] = StateResponse::weightedEnergy(re, im, b, design.keMasses);
            ke0[k] = StateResponse::weightedEnergy(re0, im0, b, reference.keMasses);
            for (Eigen::Index i = 0; i < floors; ++i) {
                auto& floor = r.floors[static_cast<std::size_t>(i)];
                floor.controlled[k] = convertMobility({re(b, i), im(b, i)}, w[k], in.frfQuantity);
                floor.uncontrolled[k] =
                    convertMobility({re0(b, i), im0(b, i)}, w[k], in.frfQuantity);
            }
            if (feedback)
                r.effortSpectrumW[k] = 0.5 * r.actuator.coilResistanceOhm *
                                       (re(b, floors) * re(b, floors) + im(b, floors) * im(b, floors));
        }
    }
    r.uncontrolled = summarise(std::move(ke0), refResponse, reference.keMasses, reference,
                               r.frequencyHz, w, dbFactor);
    r.controlled = summarise(std::move(ke), response, design.keMasses, design, r.frequencyHz, w,
                             dbFactor);
    r.poles = polesOf(design.a);
    r.uncontrolledPoles = polesOf(reference.a);

    bool stable = maxRealPart(design.a) < 0.0;
    if (feedback) {
        progress.report(0.3, "stability");
        r.margins = stabilityMargins(design.loop, design.gain);
        stable = r.margins->stable;
        r.stable = stable;
        r.loop = loopResponse(design.loop, design.gain, *r.margins);
    }
    if (stable) {
        r.keReductionDb =
            -10.0 * std::log10(r.controlled.bandIntegral / r.uncontrolled.bandIntegral);
        if (r.controlled.exactIntegral && r.uncontrolled.exactIntegral)
            r.keExactReductionDb =
                -10.0 * std::log10(*r.controlled.exactIntegral / *r.uncontrolled.exactIntegral);
        if (feedback)
            r.controlEffortW = trapezoid(w, r.effortSpectrumW) / (w.back() - w.front());
    }

    if (feedback && in.rootLocus) {
        progress.report(0.4, "root locus");
        std::vector<double> include = {std::max(design.gain, 0.0)};
        double top = 2.0 * std::max(design.gain, 0.0);
        if (r.margins->criticalGain) {
            include.push_back(*r.margins->criticalGain);
            top = std::max(top, 2.0 * *r.margins->criticalGain);
        }
        if (!(top > 0.0))
            top = 1.0;
        r.rootLocus = rootLocus(design.loop, rootLocusGains(top, in.rootLocusGains, include));
    }
    if (feedback && in.bestGain && usesGain(in.strategy)) {
        progress.report(0.5, "best stable gain");
        r.bestGain = bestStableGain(design, r.margins->criticalGain, r.uncontrolled.bandIntegral,
                                    in.band, progress);
    }
    if (in.timeDomain.enabled) {
        progress.report(0.7, "time response");
        r.timeResponse = simulateControl(design, reference, in.timeDomain, in.forceFloor, progress);
    }
    if (in.legacy) {
        progress.report(0.9, "prototype metrics");
        r.legacyMetrics = legacyMetrics(building, p, in.band, r.uncontrolled.ke);
    }
    progress.report(1.0, "done");
    return r;
}

std::vector<ControlResult> runControlComparison(const ControlInput& input,
                                                const std::vector<Strategy>& strategies,
                                                Progress& progress)
{
    std::vector<ControlResult> results;
    for (Strategy s : strategies) {
        ControlInput one = input;
        one.strategy = s;
        if (s != Strategy::Tmd)
            one.tune = TmdTuning::None;
        results.push_back(runControl(one, progress));
    }
    return results;
}

} // namespace dtop::control
