// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/simulate.h"

#include "dynamics/excitation_signal.h"
#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"
#include "dynamics/random_force.h"
#include "model/presets.h"
#include "signal/spectral_plan.h"
#include "uq/seed_streams.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>
#include <optional>
#include <stdexcept>

namespace dtop::dynamics {

namespace {
// Seed streams derived from the master seed (uq::deriveSeed).
constexpr std::uint64_t kParameterStream = 1;
constexpr std::uint64_t kForceStream = 2;

constexpr ResponseQuantity kQuantities[] = {
    ResponseQuantity::Displacement, ResponseQuantity::Velocity, ResponseQuantity::Acceleration};

// Rough count of integration steps one run takes (to refuse runs that would take hours).
double estimatedSteps(const Excitation& e, const TimeGrid& grid) {
    const double samples = static_cast<double>(grid.samples);
    const double t = grid.endS();
    const double perTau = ExcitationSignal::kStepsPerTimeScale;
    const double twoPi = 2.0 * std::numbers::pi;
    switch (e.kind) {
    case ExcitationKind::Hammer:
        return samples + 16.0 * perTau;
    case ExcitationKind::HalfSine:
        return samples + std::numbers::pi * perTau;
    case ExcitationKind::Sine:
        return samples + t * twoPi * e.sine.frequencyHz * perTau;
    case ExcitationKind::Sweep:
        return samples + std::clamp(t - e.sweep.startS, 0.0, e.sweep.durationS) * twoPi *
                             std::max(e.sweep.startHz, e.sweep.endHz) * perTau;
    case ExcitationKind::Random:
        break;
    case ExcitationKind::BaseMotion:
        return samples + 16.0 * static_cast<double>(e.baseAcceleration.timeS.size());
    case ExcitationKind::RecordedForce:
        return samples + 16.0 * static_cast<double>(e.recordedForce.timeS.size());
    }
    return samples;
}

void checkInitial(InputIssues& issues, const std::vector<double>& values, std::size_t n,
                  const std::string& field, const std::string& what, const std::string& unit) {
    if (values.empty())
        return;
    if (values.size() != n) {
        issues.push_back({field, what + " needs " + std::to_string(n) +
                                     " values (one per "
                                     "floor), got " +
                                     std::to_string(values.size())});
        return;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(values[i]))
            issues.push_back({field, what + " of floor " + std::to_string(i + 1) +
                                         " must be a finite number of " + unit + ", got " +
                                         formatValue(values[i])});
}

bool hasDampers(const model::Profile& p) {
    return p.damping == model::DampingModel::StoreyDampers;
}

model::Profile scenarioProfile(const model::Profile& nominal, const ScenarioSample& s) {
    model::Profile p = nominal;
    p.masses = s.masses;
    p.stiffnesses = s.stiffnesses;
    if (!s.dampers.empty())
        p.dampers = s.dampers;
    p.provenance = "Monte-Carlo scenario of '" + nominal.name + "'";
    return p;
}

// An upper bound, known before the run: a pulse or a record may turn out to be a transient,
// whose automatic spectra span the whole record (signal::SpectralPlan).
std::size_t spectrumBins(const SimulateInput& input, std::size_t samples) {
    const ExcitationKind kind = input.excitation.kind;
    const bool mayBeTransient = kind != ExcitationKind::Random && kind != ExcitationKind::Sine &&
                                kind != ExcitationKind::Sweep;
    if (mayBeTransient && input.welch.segmentLength == 0)
        return samples / 2 + 1;
    return input.welch.effectiveSegmentLength(input.sampleRateHz, samples) / 2 + 1;
}
} // namespace

bool ScenarioScatter::any() const {
    return mass.isActive() || stiffness.isActive() || damping.isActive() ||
           initialDisplacementSdM > 0.0 || initialVelocitySdMS > 0.0;
}

SimulateInput::SimulateInput() : profile(*model::preset("southampton-lpm")) {}

InputIssues SimulateInput::validate() const {
    InputIssues issues = profile.validate();
    const bool profileOk = issues.empty();
    const std::size_t n = profile.storeys();
    const bool durationOk = std::isfinite(durationS) && durationS > 0.0;
    const bool rateOk = std::isfinite(sampleRateHz) && sampleRateHz > 0.0;
    if (!durationOk)
        issues.push_back({"duration", "duration must be > 0 s, got " + formatValue(durationS)});
    if (!rateOk)
        issues.push_back(
            {"sample_rate", "sample rate must be > 0 Hz, got " + formatValue(sampleRateHz)});
    const double samplesReal =
        durationOk && rateOk ? std::floor(durationS * sampleRateHz + 1e-9) + 1 : 0.0;
    const bool gridOk = durationOk && rateOk && samplesReal >= 2.0 &&
                        samplesReal <= static_cast<double>(kMaxSimulationSamples);
    if (durationOk && rateOk && samplesReal < 2.0)
        issues.push_back({"duration", "duration × sample rate must give at least 2 samples, got " +
                                          formatValue(durationS) + " s × " +
                                          formatValue(sampleRateHz) + " Hz"});
    if (durationOk && rateOk && samplesReal > static_cast<double>(kMaxSimulationSamples))
        issues.push_back({"duration", "duration × sample rate gives " + formatValue(samplesReal) +
                                          " samples per channel; at most " +
                                          std::to_string(kMaxSimulationSamples) + " are allowed"});
    for (auto& issue : excitation.validate(n, rateOk ? sampleRateHz : 0.0))
        issues.push_back(std::move(issue));

    const TimeGrid g = gridOk ? grid() : TimeGrid{};
    if (gridOk && excitation.kind == ExcitationKind::Random &&
        std::isfinite(excitation.random.bandLowHz) && excitation.random.bandLowHz >= 0.0 &&
        std::isfinite(excitation.random.bandHighHz) &&
        excitation.random.bandHighHz > excitation.random.bandLowHz &&
        randomForceLines(excitation.random, sampleRateHz, g.samples) == 0)
        issues.push_back({"random_f2", "random band " + formatValue(excitation.random.bandLowHz) +
                                           "–" + formatValue(excitation.random.bandHighHz) +
                                           " Hz holds no spectral line of a " +
                                           formatValue(durationS) +
                                           " s record; widen the band or lengthen the duration"});

    checkInitial(issues, initial.displacementM, n, "x0", "initial displacement", "m");
    checkInitial(issues, initial.velocityMS, n, "v0", "initial velocity", "m/s");

    if (integration.method == IntegrationMethod::Exact && profileOk && profile.isNonlinear())
        issues.push_back({"integrator", "the exact integrator needs a linear profile; '" +
                                            profile.name +
                                            "' has cubic storey springs, use "
                                            "auto or adaptive"});
    if (!std::isfinite(integration.relativeTolerance) || !(integration.relativeTolerance > 0.0) ||
        integration.relativeTolerance >= 1.0)
        issues.push_back({"rtol", "relative tolerance must be in (0, 1), got " +
                                      formatValue(integration.relativeTolerance)});
    if (!std::isfinite(integration.absoluteTolerance) || !(integration.absoluteTolerance > 0.0))
        issues.push_back({"atol", "absolute tolerance must be > 0 m, got " +
                                      formatValue(integration.absoluteTolerance)});

    if (scenarios > kMaxScenarios)
        issues.push_back({"scenarios", "scenarios must be between 0 and " +
                                           std::to_string(kMaxScenarios) + ", got " +
                                           std::to_string(scenarios)});
    if (keptScenarios > std::min(scenarios, kMaxKeptScenarios))
        issues.push_back(
            {"keep_scenarios", "kept scenarios must be between 0 and " +
                                   std::to_string(std::min(scenarios, kMaxKeptScenarios)) +
                                   " (the number of scenarios, at most " +
                                   std::to_string(kMaxKeptScenarios) + "), got " +
                                   std::to_string(keptScenarios)});
    for (auto& issue : scatter.mass.validate("mass", "kg"))
        issues.push_back(std::move(issue));
    for (auto& issue : scatter.stiffness.validate("stiffness", "N/m"))
        issues.push_back(std::move(issue));
    for (auto& issue : scatter.damping.validate("damping", "N·s/m"))
        issues.push_back(std::move(issue));
    if (scatter.damping.isActive() && !hasDampers(profile))
        issues.push_back({"damping_spread", "damping scatter needs storey dampers; profile '" +
                                                profile.name + "' uses Rayleigh damping"});
    if (!std::isfinite(scatter.initialDisplacementSdM) || scatter.initialDisplacementSdM < 0.0)
        issues.push_back({"x0_sd", "initial displacement standard deviation must be >= 0 m, got " +
                                       formatValue(scatter.initialDisplacementSdM)});
    if (!std::isfinite(scatter.initialVelocitySdMS) || scatter.initialVelocitySdMS < 0.0)
        issues.push_back({"v0_sd", "initial velocity standard deviation must be >= 0 m/s, got " +
                                       formatValue(scatter.initialVelocitySdMS)});
    if (spectra && gridOk)
        for (auto& issue : welch.validate(g.samples))
            issues.push_back(std::move(issue));

    if (!issues.empty() || !gridOk)
        return issues;

    const double runs = static_cast<double>(scenarios + 1);
    const double steps = estimatedSteps(excitation, g) * runs;
    if (steps > kMaxIntegrationSteps)
        issues.push_back({"duration", "this test needs about " + formatValue(steps) +
                                          " integration steps (at most " +
                                          formatValue(kMaxIntegrationSteps) +
                                          "); shorten the duration or use fewer scenarios"});
    if (scenarios > 0) {
        double bytes = 3.0 * static_cast<double>(n) *
                       uq::EnsembleStatistics::memoryBytes(g.samples, scenarios);
        if (spectra)
            bytes += 3.0 * static_cast<double>(n) *
                     uq::EnsembleStatistics::memoryBytes(spectrumBins(*this, g.samples), scenarios);
        bytes += static_cast<double>(keptScenarios) * 3.0 * static_cast<double>(n + 1) *
                 static_cast<double>(g.samples) * 8.0;
        if (bytes > kMaxWorkingMemoryBytes)
            issues.push_back(
                {"scenarios", "the scenario statistics of " + std::to_string(scenarios) +
                                  " scenarios × " + std::to_string(g.samples) + " samples need " +
                                  formatValue(std::round(bytes / 1e6)) + " MB (at most " +
                                  formatValue(kMaxWorkingMemoryBytes / 1e6) +
                                  " MB); reduce the scenarios, duration or sample rate"});
        // The draws are reproducible, so a non-physical one is found here, before any work.
        if (issues.empty() && scatter.any()) {
            const auto draws = drawScenarios(*this);
            for (std::size_t s = 0; s < draws.size() && issues.empty(); ++s) {
                auto check = [&](const std::vector<double>& v, const char* symbol, const char* unit,
                                 bool allowZero, const char* option) {
                    for (std::size_t i = 0; i < v.size() && issues.empty(); ++i)
                        if (v[i] < 0.0 || (!allowZero && v[i] == 0.0))
                            issues.push_back(
                                {std::string(option) + "_spread",
                                 "with seed " + std::to_string(seed) + ", scenario " +
                                     std::to_string(s + 1) + " draws " + symbol +
                                     std::to_string(i + 1) + " = " + formatValue(v[i]) + " " +
                                     unit +
                                     ", which is not physical; use a truncated-normal or "
                                     "lognormal " +
                                     option + " scatter or a smaller spread"});
                };
                check(draws[s].masses, "m", "kg", false, "mass");
                check(draws[s].stiffnesses, "k", "N/m", false, "stiffness");
                check(draws[s].dampers, "c", "N·s/m", true, "damping");
            }
        }
    }
    return issues;
}

std::vector<ScenarioSample> drawScenarios(const SimulateInput& input) {
    const model::Profile& p = input.profile;
    const std::size_t n = p.storeys();
    const bool dampers = hasDampers(p);
    std::vector<uq::Distribution> d;
    for (std::size_t i = 0; i < n; ++i)
        d.push_back(input.scatter.mass.distribution(p.masses[i]));
    for (std::size_t i = 0; i < n; ++i)
        d.push_back(input.scatter.stiffness.distribution(p.stiffnesses[i]));
    if (dampers)
        for (std::size_t i = 0; i < n; ++i)
            d.push_back(input.scatter.damping.distribution(p.dampers[i]));
    auto initialDistribution = [](const std::vector<double>& mean, std::size_t i, double sd) {
        const double m = mean.empty() ? 0.0 : mean[i];
        return sd > 0.0 ? uq::Distribution{uq::DistributionKind::Normal, m, sd, 0.0, 0.0}
                        : uq::Distribution::fixed(m);
    };
    for (std::size_t i = 0; i < n; ++i)
        d.push_back(initialDistribution(input.initial.displacementM, i,
                                        input.scatter.initialDisplacementSdM));
    for (std::size_t i = 0; i < n; ++i)
        d.push_back(
            initialDistribution(input.initial.velocityMS, i, input.scatter.initialVelocitySdMS));

    const Eigen::MatrixXd x = uq::sampleParameters(d, input.scenarios, input.sampling,
                                                   uq::deriveSeed(input.seed, kParameterStream));
    std::vector<ScenarioSample> samples(input.scenarios);
    for (std::size_t s = 0; s < input.scenarios; ++s) {
        const auto row = static_cast<Eigen::Index>(s);
        Eigen::Index col = 0;
        auto take = [&](std::vector<double>& out) {
            out.resize(n);
            for (std::size_t i = 0; i < n; ++i)
                out[i] = x(row, col++);
        };
        take(samples[s].masses);
        take(samples[s].stiffnesses);
        if (dampers)
            take(samples[s].dampers);
        take(samples[s].initial.displacementM);
        take(samples[s].initial.velocityMS);
    }
    return samples;
}

namespace {
void computeNominalSpectra(const SimulateInput& input, const ShearBuilding& building,
                           const Excitation& excitation, const TimeResponse& r,
                           signal::SpectralPlan& plan, NominalSpectra& out) {
    const std::size_t n = building.dofs();
    for (auto q : kQuantities)
        for (std::size_t i = 0; i < n; ++i)
            out.response[static_cast<std::size_t>(q)].push_back(
                plan.responsePsd(r.quantity(q)[i], responseQuantityUnit(q)));
    out.excitation = plan.inputPsd(r.excitation, excitation.unit());
    out.frfQuantity = input.frfQuantity;
    if (excitation.isBaseMotion())
        return;
    const ResponseQuantity q =
        input.frfQuantity == FrfQuantity::Receptance ? ResponseQuantity::Displacement
        : input.frfQuantity == FrfQuantity::Mobility ? ResponseQuantity::Velocity
                                                     : ResponseQuantity::Acceleration;
    for (std::size_t i = 0; i < n; ++i)
        out.h1.push_back(plan.h1(r.excitation, r.quantity(q)[i], responseQuantityUnit(q), "N"));
    const FrfEvaluator evaluator(building);
    const std::vector<double> f = plan.frequencies();
    out.modelFrf.assign(n, std::vector<std::complex<double>>(f.size()));
    std::vector<std::complex<double>> h(n);
    for (std::size_t k = 0; k < f.size(); ++k) {
        const double omega = 2.0 * std::numbers::pi * f[k];
        evaluator.receptance(omega, static_cast<std::size_t>(excitation.floor - 1), h.data());
        for (std::size_t i = 0; i < n; ++i)
            out.modelFrf[i][k] = fromReceptance(h[i], omega, input.frfQuantity);
    }
}
} // namespace

SimulateResult runSimulate(const SimulateInput& input, Progress& progress) {
    throwIfInvalid(input.validate(), "simulate input");
    progress.report(0.0, "nominal structure");
    SimulateResult result;
    result.seed = input.seed;
    result.grid = input.grid();
    const TimeGrid& grid = result.grid;
    const ShearBuilding building(input.profile);
    const std::size_t n = building.dofs();

    const ExcitationSignal nominalSignal(input.excitation, grid,
                                         uq::deriveSeed(input.seed, kForceStream, 0));
    result.nominal =
        simulateResponse(building, nominalSignal, grid, input.initial, input.integration, progress);
    result.peakDisplacementM = result.nominal.peakAbs(ResponseQuantity::Displacement);
    result.naturalFrequenciesHz = undampedModes(building).frequenciesHz();
    std::vector<double> interest = result.naturalFrequenciesHz;
    for (double f : input.excitation.frequenciesOfInterestHz())
        interest.push_back(f);
    result.displayRange = signal::suggestedFrequencyRange(interest, 0.5 * input.sampleRateHz);

    std::optional<signal::SpectralPlan> welch;
    if (input.spectra) {
        welch.emplace(input.sampleRateHz, result.nominal.excitation, input.welch);
        computeNominalSpectra(input, building, input.excitation, result.nominal, *welch,
                              result.spectra);
        result.hasSpectra = true;
        result.spectraMethod = welch->description();
        result.transientSpectra = welch->transient();
        if (welch->transient()) {
            std::string sentence = result.spectraMethod; // "transient input: one periodogram …"
            sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
            result.spectraNote = sentence + ". One average: the coherence is 1 by construction "
                                            "and says nothing; set a segment length for Welch "
                                            "averaging.";
        } else if (welch->welch().segments() == 1)
            result.spectraNote = "One Welch segment: the coherence is 1 by construction and "
                                 "says nothing, and the H1 estimate is not averaged; a shorter "
                                 "segment or a longer record gives several.";
    }

    const std::size_t count = input.scenarios;
    result.scenarios = count;
    const bool newForce = input.excitation.kind == ExcitationKind::Random &&
                          input.excitation.random.newRealisationPerScenario;
    if (count > 0 && !input.scatter.any() && !newForce)
        result.scenarioNote = "Every spread is 0: the " + std::to_string(count) +
                              " scenarios are copies of the nominal structure. Give the masses, "
                              "stiffnesses or dampers a spread to see their scatter.";
    if (count == 0) {
        progress.report(1.0, "done");
        return result;
    }
    result.samples = drawScenarios(input);
    std::vector<uq::EnsembleStatistics> timeStats, psdStats;
    for (std::size_t q = 0; q < 3; ++q)
        for (std::size_t i = 0; i < n; ++i) {
            timeStats.emplace_back(grid.samples, count);
            if (welch)
                psdStats.emplace_back(welch->bins(), count);
        }
    std::vector<double> psd(welch ? welch->bins() : 0);
    for (std::size_t s = 0; s < count; ++s) {
        progress.report(static_cast<double>(s + 1) / static_cast<double>(count + 1),
                        "scenario " + std::to_string(s + 1) + " of " + std::to_string(count));
        const ScenarioSample& sample = result.samples[s];
        const ShearBuilding scenarioBuilding(scenarioProfile(input.profile, sample));
        std::optional<ExcitationSignal> ownSignal;
        if (newForce)
            ownSignal.emplace(input.excitation, grid,
                              uq::deriveSeed(input.seed, kForceStream, s + 1));
        const ExcitationSignal& signal = ownSignal ? *ownSignal : nominalSignal;
        TimeResponse r = simulateResponse(scenarioBuilding, signal, grid, sample.initial,
                                          input.integration, progress);
        result.scenarioPeakDisplacementM.push_back(r.peakAbs(ResponseQuantity::Displacement));
        for (std::size_t q = 0; q < 3; ++q)
            for (std::size_t i = 0; i < n; ++i) {
                const auto& channel = r.quantity(kQuantities[q])[i];
                timeStats[q * n + i].add(channel);
                if (welch) {
                    welch->responsePsd(channel.data(), psd.data());
                    psdStats[q * n + i].add(psd);
                }
            }
        if (s < input.keptScenarios)
            result.keptScenarios.push_back(std::move(r));
    }
    progress.report(1.0, "statistics");
    for (std::size_t q = 0; q < 3; ++q)
        for (std::size_t i = 0; i < n; ++i) {
            result.timeEnvelopes[q].push_back(timeStats[q * n + i].envelope());
            if (welch)
                result.psdEnvelopes[q].push_back(psdStats[q * n + i].envelope());
        }
    return result;
}

} // namespace dtop::dynamics
