// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/measured_frf.h"
#include "identification/eigen_index.h"

#include "signal/frf_estimate.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dtop::identification {

int MeasuredFrf::drivingResponse() const
{
    for (std::size_t i = 0; i < floors.size(); ++i)
        if (excitationFloor > 0 && floors[i] == excitationFloor)
            return static_cast<int>(i);
    return -1;
}

InputIssues MeasuredFrf::validate() const
{
    InputIssues issues;
    const std::string name = source.empty() ? std::string("the FRF") : "dataset '" + source + "'";
    if (lines() > kMaxFrfLines)
        issues.push_back({"dataset", name + " has " + std::to_string(lines()) +
                                         " frequency lines; at most " +
                                         std::to_string(kMaxFrfLines) + " are identified"});
    if (responses() > kMaxResponses)
        issues.push_back({"dataset", name + " has " + std::to_string(responses()) +
                                         " responses; at most " + std::to_string(kMaxResponses) +
                                         " are identified"});
    if (!issues.empty())
        return issues;
    if (responses() < 2)
        issues.push_back({"dataset", name + " has " + std::to_string(responses()) +
                                         " response(s); mode shapes, MAC and mass normalisation "
                                         "need at least 2"});
    if (static_cast<std::size_t>(h.rows()) != lines() ||
        static_cast<std::size_t>(h.cols()) != responses()) {
        issues.push_back({"dataset", name + ": the FRF matrix is " + std::to_string(h.rows()) +
                                         " x " + std::to_string(h.cols()) + " but the axis has " +
                                         std::to_string(lines()) + " lines and " +
                                         std::to_string(responses()) + " responses"});
        return issues;
    }
    for (std::size_t i = 0; i < floors.size(); ++i) {
        if (floors[i] < 1)
            issues.push_back({"dataset", name + ": response floor must be >= 1, got " +
                                             std::to_string(floors[i])});
        for (std::size_t j = 0; j < i; ++j)
            if (floors[j] == floors[i])
                issues.push_back({"dataset", name + ": floor " + std::to_string(floors[i]) +
                                                 " is measured twice"});
    }
    for (std::size_t k = 0; k < lines(); ++k) {
        const double f = frequencyHz[k];
        if (!std::isfinite(f) || f <= 0.0) {
            issues.push_back({"dataset", name + ": frequency must be finite and > 0 Hz, got " +
                                             formatValue(f) + " Hz at line " +
                                             std::to_string(k + 1)});
            break;
        }
        if (k > 0 && !(f > frequencyHz[k - 1])) {
            issues.push_back({"dataset", name + ": frequencies must increase, got " +
                                             formatValue(f) + " Hz after " +
                                             formatValue(frequencyHz[k - 1]) + " Hz"});
            break;
        }
    }
    for (Eigen::Index c = 0; c < h.cols(); ++c)
        for (Eigen::Index k = 0; k < h.rows(); ++k)
            if (!std::isfinite(h(k, c).real()) || !std::isfinite(h(k, c).imag())) {
                issues.push_back({"dataset", name + ": FRF of floor " +
                                                 std::to_string(floors[std::size_t(c)]) +
                                                 " is not a finite number at " +
                                                 formatValue(frequencyHz[std::size_t(k)]) + " Hz"});
                k = h.rows();
            }
    return issues;
}

MeasuredFrf MeasuredFrf::band(double loHz, double hiHz) const
{
    MeasuredFrf out;
    out.quantity = quantity;
    out.floors = floors;
    out.excitationFloor = excitationFloor;
    out.source = source;
    std::vector<Eigen::Index> keep;
    for (std::size_t k = 0; k < lines(); ++k)
        if (frequencyHz[k] >= loHz && frequencyHz[k] <= hiHz)
            keep.push_back(static_cast<Eigen::Index>(k));
    out.h.resize(static_cast<Eigen::Index>(keep.size()), h.cols());
    out.coherence.assign(coherence.size(), {});
    for (std::size_t i = 0; i < keep.size(); ++i) {
        out.frequencyHz.push_back(frequencyHz[std::size_t(keep[i])]);
        out.h.row(ix(i)) = h.row(keep[i]);
        for (std::size_t c = 0; c < coherence.size(); ++c)
            out.coherence[c].push_back(coherence[c][std::size_t(keep[i])]);
    }
    return out;
}

std::complex<double> receptanceFactor(dynamics::FrfQuantity quantity, double omega)
{
    switch (quantity) {
    case dynamics::FrfQuantity::Mobility:
        return {0.0, omega};
    case dynamics::FrfQuantity::Accelerance:
        return {-omega * omega, 0.0};
    case dynamics::FrfQuantity::Receptance:
        break;
    }
    return {1.0, 0.0};
}

MeasuredFrf frfFromFrfDataset(const io::Dataset& dataset, InputIssues& issues)
{
    MeasuredFrf out;
    out.source = dataset.info.id;
    out.excitationFloor = dataset.info.excitationFloor;
    const std::string name = "dataset '" + dataset.info.id + "'";
    if (!dataset.isFrf()) {
        issues.push_back({"dataset", name + " is not an FRF"});
        return out;
    }
    const io::FrfData& d = dataset.frf();
    if (!dataset.info.quantity) {
        issues.push_back({"dataset", name + " does not say whether it is a receptance, mobility "
                                            "or accelerance; state the FRF quantity"});
        return out;
    }
    out.quantity = *dataset.info.quantity;
    if (d.channels.empty()) {
        issues.push_back({"dataset", name + " has no FRF channel"});
        return out;
    }
    for (const auto& c : d.channels)
        if (!c.hasPhase()) {
            issues.push_back({"dataset", name + " holds magnitudes only (floor " +
                                             std::to_string(c.floor) +
                                             "); identification needs complex FRFs"});
            return out;
        }
    if (!d.sharesOneAxis()) {
        issues.push_back({"dataset", name + ": the floors have different frequency axes; "
                                            "identification needs one shared axis"});
        return out;
    }
    const io::FrfChannel& first = d.channels.front();
    std::vector<std::size_t> keep;
    for (std::size_t k = 0; k < first.size(); ++k)
        if (first.frequencyHz[k] > 0.0)
            keep.push_back(k);
    if (keep.size() > kMaxFrfLines || d.channels.size() > kMaxResponses) {
        issues.push_back({"dataset", name + " is too large to identify (" +
                                         std::to_string(keep.size()) + " lines, " +
                                         std::to_string(d.channels.size()) + " responses)"});
        return out;
    }
    out.h.resize(ix(keep.size()), ix(d.channels.size()));
    for (std::size_t k = 0; k < keep.size(); ++k)
        out.frequencyHz.push_back(first.frequencyHz[keep[k]]);
    for (std::size_t c = 0; c < d.channels.size(); ++c) {
        out.floors.push_back(d.channels[c].floor);
        for (std::size_t k = 0; k < keep.size(); ++k)
            out.h(ix(k), ix(c)) = d.channels[c].values[keep[k]];
    }
    return out;
}

signal::WelchOptions identificationWelchOptions(const std::vector<double>& forceN,
                                                std::size_t samples)
{
    signal::WelchOptions o;
    double total = 0.0, early = 0.0;
    const std::size_t head = std::max<std::size_t>(1, forceN.size() / 20);
    for (std::size_t i = 0; i < forceN.size(); ++i) {
        total += forceN[i] * forceN[i];
        if (i < head)
            early += forceN[i] * forceN[i];
    }
    if (total > 0.0 && early >= 0.95 * total) {
        // An impulse: a window would cut the decay, and later segments would hold no force.
        o.window = signal::WindowKind::Rectangular;
        o.segmentLength = samples;
        o.overlap = 0.0;
        o.removeMean = false;
        return o;
    }
    // Three Hann segments of half the record each (50 % overlap): the finest lines that still
    // average, as the leakage of a Hann window widens a resonance by about 1.5 lines.
    o.segmentLength = std::max<std::size_t>(2, samples / 2);
    o.overlap = 0.5;
    return o;
}

MeasuredFrf frfFromTimeHistory(const io::Dataset& dataset, const signal::WelchOptions& welch,
                               InputIssues& issues)
{
    MeasuredFrf out;
    out.source = dataset.info.id;
    out.excitationFloor = dataset.info.excitationFloor;
    const std::string name = "dataset '" + dataset.info.id + "'";
    if (!dataset.isTimeHistory()) {
        issues.push_back({"dataset", name + " is not a time history"});
        return out;
    }
    const io::TimeHistoryData& t = dataset.timeHistory();
    if (!t.hasForce()) {
        issues.push_back({"dataset", name + " has no force channel; an FRF needs the measured "
                                            "force (H1 = Gfx / Gff)"});
        return out;
    }
    if (t.channels.empty()) {
        issues.push_back({"dataset", name + " has no floor channel"});
        return out;
    }
    if (t.channels.size() > kMaxResponses) {
        issues.push_back({"dataset", name + " has " + std::to_string(t.channels.size()) +
                                         " channels; at most " + std::to_string(kMaxResponses)});
        return out;
    }
    for (const auto& c : t.channels)
        if (c.values.size() != t.samples()) {
            issues.push_back({"dataset", name + ": floor " + std::to_string(c.floor) + " has " +
                                             std::to_string(c.values.size()) +
                                             " samples, the time axis " +
                                             std::to_string(t.samples())});
            return out;
        }
    InputIssues welchIssues = welch.validate(t.samples());
    if (!welchIssues.empty()) {
        issues.insert(issues.end(), welchIssues.begin(), welchIssues.end());
        return out;
    }
    if (!(t.samplingRateHz > 0.0) || !std::isfinite(t.samplingRateHz)) {
        issues.push_back({"dataset", name + ": sampling rate must be > 0 Hz, got " +
                                         formatValue(t.samplingRateHz) + " Hz"});
        return out;
    }
    switch (t.response) {
    case io::ResponseQuantity::Displacement:
        out.quantity = dynamics::FrfQuantity::Receptance;
        break;
    case io::ResponseQuantity::Velocity:
        out.quantity = dynamics::FrfQuantity::Mobility;
        break;
    case io::ResponseQuantity::Acceleration:
        out.quantity = dynamics::FrfQuantity::Accelerance;
        break;
    }
    signal::Welch plan(t.samplingRateHz, t.samples(), welch);
    std::vector<signal::FrfEstimate> estimates;
    for (const auto& c : t.channels) {
        out.floors.push_back(c.floor);
        estimates.push_back(signal::h1Estimate(plan, t.forceN, c.values, "", "N"));
    }
    // Keep the lines above 0 Hz where every channel has an estimate (input power > 0).
    std::vector<std::size_t> keep;
    const auto& f = estimates.front().frequencyHz;
    for (std::size_t k = 0; k < f.size(); ++k) {
        if (f[k] <= 0.0)
            continue;
        bool finite = true;
        for (const auto& e : estimates)
            finite = finite && std::isfinite(e.h[k].real()) && std::isfinite(e.h[k].imag());
        if (finite)
            keep.push_back(k);
    }
    out.h.resize(ix(keep.size()), ix(estimates.size()));
    out.coherence.assign(estimates.size(), {});
    for (std::size_t i = 0; i < keep.size(); ++i) {
        out.frequencyHz.push_back(f[keep[i]]);
        for (std::size_t c = 0; c < estimates.size(); ++c) {
            out.h(ix(i), ix(c)) = estimates[c].h[keep[i]];
            out.coherence[c].push_back(estimates[c].coherence[keep[i]]);
        }
    }
    return out;
}

} // namespace dtop::identification
