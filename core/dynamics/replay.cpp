// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/replay.h"

#include "dynamics/excitation_signal.h"
#include "dynamics/modal_analysis.h"
#include "model/presets.h"
#include "signal/spectral_plan.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace dtop::dynamics {

double nrmse(const std::vector<double>& simulated, const std::vector<double>& measured) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (simulated.size() != measured.size() || measured.empty())
        return nan;
    double err = 0.0;
    double ref = 0.0;
    for (std::size_t i = 0; i < measured.size(); ++i) {
        const double d = simulated[i] - measured[i];
        err += d * d;
        ref += measured[i] * measured[i];
    }
    return ref > 0.0 ? std::sqrt(err / ref) : nan;
}

ReplayInput::ReplayInput() : profile(*model::preset("southampton-lpm")) {}

namespace {
TimeGrid recordGrid(const std::vector<double>& t) {
    TimeGrid g;
    g.startS = t.front();
    g.samples = t.size();
    g.stepS = (t.back() - t.front()) / static_cast<double>(t.size() - 1);
    return g;
}
} // namespace

InputIssues ReplayInput::validate() const {
    InputIssues issues = profile.validate();
    const std::size_t n = profile.storeys();
    const std::size_t count = timeS.size();
    if (count < 2) {
        issues.push_back(
            {"record", "the record needs at least 2 samples, got " + std::to_string(count)});
        return issues;
    }
    bool timesOk = true;
    for (std::size_t i = 0; i < count && timesOk; ++i)
        if (!std::isfinite(timeS[i]) || (i > 0 && !(timeS[i] > timeS[i - 1]))) {
            issues.push_back({"time", "record times must be finite and strictly increasing; "
                                      "sample " +
                                          std::to_string(i + 1) + " is at " +
                                          formatValue(timeS[i]) + " s"});
            timesOk = false;
        }
    if (timesOk) {
        const TimeGrid g = recordGrid(timeS);
        for (std::size_t i = 0; i < count; ++i)
            if (std::abs(timeS[i] - g.at(i)) > 1e-3 * g.stepS) {
                issues.push_back({"time", "record times must be uniformly spaced; sample " +
                                              std::to_string(i + 1) + " is at " +
                                              formatValue(timeS[i]) + " s instead of " +
                                              formatValue(g.at(i)) + " s"});
                break;
            }
    }
    if (forceN.size() != count)
        issues.push_back({"force", "the force has " + std::to_string(forceN.size()) +
                                       " samples but the record has " + std::to_string(count) +
                                       " times"});
    for (std::size_t i = 0; i < forceN.size(); ++i)
        if (!std::isfinite(forceN[i])) {
            issues.push_back({"force", "force sample " + std::to_string(i + 1) +
                                           " must be a finite number of N, got " +
                                           formatValue(forceN[i])});
            break;
        }
    if (forceFloor < 1 || static_cast<std::size_t>(forceFloor) > n)
        issues.push_back({"force_floor", "force floor must be between 1 and " + std::to_string(n) +
                                             ", got " + std::to_string(forceFloor)});
    if (measuredVelocityMS.empty() || measuredVelocityMS.size() > n)
        issues.push_back({"velocity", "the record needs measured velocities of 1 to " +
                                          std::to_string(n) + " floors, got " +
                                          std::to_string(measuredVelocityMS.size())});
    for (std::size_t f = 0; f < measuredVelocityMS.size(); ++f) {
        const auto& v = measuredVelocityMS[f];
        const std::string field = "velocity" + std::to_string(f + 1);
        if (v.size() != count) {
            issues.push_back({field, "measured velocity of floor " + std::to_string(f + 1) +
                                         " has " + std::to_string(v.size()) +
                                         " samples but the record has " + std::to_string(count)});
            continue;
        }
        bool allZero = true;
        for (std::size_t i = 0; i < count; ++i) {
            if (!std::isfinite(v[i])) {
                issues.push_back({field, "measured velocity of floor " + std::to_string(f + 1) +
                                             ", sample " + std::to_string(i + 1) +
                                             " must be a finite number of m/s, got " +
                                             formatValue(v[i])});
                allZero = false;
                break;
            }
            allZero = allZero && v[i] == 0.0;
        }
        if (allZero)
            issues.push_back({field, "measured velocity of floor " + std::to_string(f + 1) +
                                         " is zero throughout, so no error can be normalised "
                                         "by it"});
    }
    if (profile.validate().empty() && profile.isNonlinear() &&
        integration.method == IntegrationMethod::Exact)
        issues.push_back({"integrator", "the exact integrator needs a linear profile; '" +
                                            profile.name + "' has cubic storey springs"});
    for (auto& issue : welch.validate(count))
        issues.push_back(std::move(issue));
    return issues;
}

namespace {

std::string impulseText(double ns) {
    return formatValue(ns) + " N·s";
}

// Says which hold was used when it matters: when the holds keep different impulses.
void noteHold(SampleHold asked, ReplayResult& r) {
    const double record = r.recordImpulseNs;
    const double held = r.heldImpulseNs;
    const bool differs = std::abs(held - record) > 0.01 * std::abs(record);
    if (asked == SampleHold::Auto && r.forceHold == SampleHold::ZeroOrder)
        r.notes.push_back("The force record starts or ends on a large sample (an impulse): a "
                          "linear hold would keep only part of its impulse, so each sample is "
                          "held to the next (zero-order hold), which keeps the record's " +
                          impulseText(record) + ".");
    else if (differs)
        r.notes.push_back(std::string("Warning: the ") +
                          (r.forceHold == SampleHold::Linear ? "linear" : "zero-order") +
                          " hold gives the force an impulse of " + impulseText(held) +
                          ", the record holds " + impulseText(record) +
                          "; simulated responses scale with it (the automatic hold keeps it).");
}

// Welch averaging, or for an impact (a transient force) one whole-record periodogram: the
// Hann window of a Welch segment that starts at the impulse is 0 there and erases it.
void replaySpectra(const ReplayInput& input, const TimeGrid& grid, ReplayResult& r) {
    signal::SpectralPlan plan(grid.sampleRateHz(), input.forceN, input.welch);
    r.transient = plan.transient();
    for (std::size_t f = 0; f < input.measuredVelocityMS.size(); ++f) {
        r.simulatedVelocityPsd.push_back(plan.responsePsd(r.simulated.velocity[f], "m/s"));
        r.measuredVelocityPsd.push_back(plan.responsePsd(input.measuredVelocityMS[f], "m/s"));
    }
    r.forcePsd = plan.inputPsd(r.simulated.excitation, "N");
    if (r.transient)
        r.notes.push_back("Transient record (an impact): the spectra are periodograms of the "
                          "whole record, with a rectangular window on the force and an "
                          "exponential window (1 to 0.01) on the velocities, instead of Welch's "
                          "Hann-windowed segments.");
}

} // namespace

ReplayResult runReplay(const ReplayInput& input, Progress& progress) {
    throwIfInvalid(input.validate(), "replay input");
    progress.report(0.0, "replay");
    const TimeGrid grid = recordGrid(input.timeS);
    Excitation e;
    e.kind = ExcitationKind::RecordedForce;
    e.floor = input.forceFloor;
    // The force is tabulated on the exact uniform grid, so its knots are the integration
    // steps and the first-order hold is integrated exactly.
    e.recordedForce.timeS.resize(grid.samples);
    for (std::size_t k = 0; k < grid.samples; ++k)
        e.recordedForce.timeS[k] = grid.at(k);
    e.recordedForce.values = input.forceN;
    e.recordedForce.hold = input.forceHold;
    const ExcitationSignal signal(e, grid, 0);
    const ShearBuilding building(input.profile);

    ReplayResult r;
    r.simulated = simulateResponse(building, signal, grid, {}, input.integration, progress);
    r.forceHold = resolveSampleHold(input.forceHold, input.forceN);
    r.recordImpulseNs =
        grid.stepS * std::accumulate(input.forceN.begin(), input.forceN.end(), 0.0);
    r.heldImpulseNs = grid.stepS * heldIntegralPerStep(r.forceHold, input.forceN);
    noteHold(input.forceHold, r);
    progress.report(0.8, "spectra");
    for (std::size_t f = 0; f < input.measuredVelocityMS.size(); ++f)
        r.nrmse.push_back(nrmse(r.simulated.velocity[f], input.measuredVelocityMS[f]));
    replaySpectra(input, grid, r);
    r.naturalFrequenciesHz = undampedModes(building).frequenciesHz();
    r.displayRange =
        signal::suggestedFrequencyRange(r.naturalFrequenciesHz, 0.5 * grid.sampleRateHz());
    progress.report(1.0, "done");
    return r;
}

} // namespace dtop::dynamics
