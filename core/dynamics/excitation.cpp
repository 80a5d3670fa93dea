// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/excitation.h"

#include <cmath>
#include <tuple>

namespace dtop::dynamics {

namespace {
constexpr ExcitationKind kKinds[] = {ExcitationKind::Hammer,       ExcitationKind::HalfSine,
                                     ExcitationKind::Random,       ExcitationKind::Sine,
                                     ExcitationKind::Sweep,        ExcitationKind::BaseMotion,
                                     ExcitationKind::RecordedForce};

// Appends "<what> must be <rule> <unit>, got <v>" when `ok` is false.
void require(InputIssues& issues, bool ok, const std::string& field, const std::string& what,
             const std::string& rule, const std::string& unit, double value) {
    if (!ok)
        issues.push_back({field, what + " must be " + rule + (unit.empty() ? "" : " " + unit) +
                                     ", got " + formatValue(value)});
}

void checkSampled(InputIssues& issues, const SampledSignal& s, const std::string& field,
                  const std::string& what, const std::string& unit) {
    if (s.timeS.size() != s.values.size()) {
        issues.push_back({field, what + " has " + std::to_string(s.timeS.size()) + " times but " +
                                     std::to_string(s.values.size()) + " values"});
        return;
    }
    if (s.timeS.size() < 2) {
        issues.push_back(
            {field, what + " needs at least 2 samples, got " + std::to_string(s.timeS.size())});
        return;
    }
    for (std::size_t i = 0; i < s.timeS.size(); ++i) {
        if (!std::isfinite(s.timeS[i])) {
            issues.push_back({field, what + ": time of sample " + std::to_string(i + 1) +
                                         " must be a finite number of s, got " +
                                         formatValue(s.timeS[i])});
            return;
        }
        if (i > 0 && !(s.timeS[i] > s.timeS[i - 1])) {
            issues.push_back({field, what + ": times must increase strictly, sample " +
                                         std::to_string(i + 1) + " is at " +
                                         formatValue(s.timeS[i]) + " s after " +
                                         formatValue(s.timeS[i - 1]) + " s"});
            return;
        }
        if (!std::isfinite(s.values[i])) {
            issues.push_back({field, what + ": value of sample " + std::to_string(i + 1) +
                                         " must be a finite number of " + unit + ", got " +
                                         formatValue(s.values[i])});
            return;
        }
    }
}
} // namespace

const char* excitationKindName(ExcitationKind kind) {
    switch (kind) {
    case ExcitationKind::HalfSine:
        return "halfsine";
    case ExcitationKind::Random:
        return "random";
    case ExcitationKind::Sine:
        return "sine";
    case ExcitationKind::Sweep:
        return "sweep";
    case ExcitationKind::BaseMotion:
        return "base";
    case ExcitationKind::RecordedForce:
        return "record";
    case ExcitationKind::Hammer:
        break;
    }
    return "hammer";
}

bool parseExcitationKind(const std::string& text, ExcitationKind& kind) {
    for (auto k : kKinds)
        if (text == excitationKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

const char* sweepLawName(SweepLaw law) {
    return law == SweepLaw::Logarithmic ? "log" : "linear";
}

bool parseSweepLaw(const std::string& text, SweepLaw& law) {
    if (text == "linear")
        law = SweepLaw::Linear;
    else if (text == "log" || text == "logarithmic")
        law = SweepLaw::Logarithmic;
    else
        return false;
    return true;
}

const char* sampleHoldName(SampleHold hold) {
    switch (hold) {
    case SampleHold::ZeroOrder:
        return "zoh";
    case SampleHold::Auto:
        return "auto";
    case SampleHold::Linear:
        break;
    }
    return "linear";
}

double heldIntegralPerStep(SampleHold hold, const std::vector<double>& values) {
    hold = resolveSampleHold(hold, values);
    if (values.size() < 2)
        return 0.0;
    double sum = 0.0;
    for (double v : values)
        sum += v;
    // Zero-order: each sample but the last holds for one interval. Linear: the trapezoid rule.
    return hold == SampleHold::ZeroOrder ? sum - values.back()
                                         : sum - 0.5 * (values.front() + values.back());
}

SampleHold resolveSampleHold(SampleHold hold, const std::vector<double>& values) {
    if (hold != SampleHold::Auto)
        return hold;
    if (values.size() < 2)
        return SampleHold::Linear;
    double sum = 0.0;
    double absSum = 0.0;
    for (double v : values) {
        sum += v;
        absSum += std::abs(v);
    }
    const double lost = std::abs(sum - heldIntegralPerStep(SampleHold::Linear, values));
    return lost > 0.01 * absSum ? SampleHold::ZeroOrder : SampleHold::Linear;
}

bool parseSampleHold(const std::string& text, SampleHold& hold) {
    if (text == "auto")
        hold = SampleHold::Auto;
    else if (text == "linear")
        hold = SampleHold::Linear;
    else if (text == "zoh")
        hold = SampleHold::ZeroOrder;
    else
        return false;
    return true;
}

const char* Excitation::unit() const {
    return isBaseMotion() ? "m/s²" : "N";
}

InputIssues Excitation::validate(std::size_t storeys, double sampleRateHz) const {
    InputIssues issues;
    const double nyquist = 0.5 * sampleRateHz;
    const bool haveRate = std::isfinite(sampleRateHz) && sampleRateHz > 0.0;
    if (!isBaseMotion() && (floor < 1 || static_cast<std::size_t>(floor) > storeys))
        issues.push_back({"input_floor", "input floor must be between 1 and " +
                                             std::to_string(storeys) + ", got " +
                                             std::to_string(floor)});
    switch (kind) {
    case ExcitationKind::Hammer:
        require(issues, std::isfinite(hammer.peakN), "hammer_peak", "hammer peak force",
                "a finite number of", "N", hammer.peakN);
        require(issues, std::isfinite(hammer.centreS) && hammer.centreS >= 0.0, "hammer_centre",
                "hammer pulse centre time", ">= 0", "s", hammer.centreS);
        require(issues, std::isfinite(hammer.widthS) && hammer.widthS > 0.0, "hammer_width",
                "hammer pulse width sigma", "> 0", "s", hammer.widthS);
        break;
    case ExcitationKind::HalfSine:
        require(issues, std::isfinite(halfSine.peakN), "halfsine_peak", "half-sine peak force",
                "a finite number of", "N", halfSine.peakN);
        require(issues, std::isfinite(halfSine.startS) && halfSine.startS >= 0.0, "halfsine_start",
                "half-sine start time", ">= 0", "s", halfSine.startS);
        require(issues, std::isfinite(halfSine.durationS) && halfSine.durationS > 0.0,
                "halfsine_duration", "half-sine duration", "> 0", "s", halfSine.durationS);
        break;
    case ExcitationKind::Random:
        require(issues, std::isfinite(random.rmsN) && random.rmsN >= 0.0, "random_rms",
                "random force RMS", ">= 0", "N", random.rmsN);
        require(issues, std::isfinite(random.bandLowHz) && random.bandLowHz >= 0.0, "random_f1",
                "random band lower edge f1", ">= 0", "Hz", random.bandLowHz);
        if (std::isfinite(random.bandLowHz) && random.bandLowHz >= 0.0)
            require(issues,
                    std::isfinite(random.bandHighHz) && random.bandHighHz > random.bandLowHz,
                    "random_f2", "random band upper edge f2",
                    "> f1 = " + formatValue(random.bandLowHz), "Hz", random.bandHighHz);
        if (haveRate && std::isfinite(random.bandHighHz))
            require(issues, random.bandHighHz <= nyquist, "random_f2", "random band upper edge f2",
                    "<= half the sample rate, " + formatValue(nyquist), "Hz", random.bandHighHz);
        break;
    case ExcitationKind::Sine:
        require(issues, std::isfinite(sine.amplitudeN), "sine_amplitude", "sine amplitude",
                "a finite number of", "N", sine.amplitudeN);
        require(issues, std::isfinite(sine.frequencyHz) && sine.frequencyHz > 0.0, "sine_frequency",
                "sine frequency", "> 0", "Hz", sine.frequencyHz);
        if (haveRate && std::isfinite(sine.frequencyHz))
            require(issues, sine.frequencyHz < nyquist, "sine_frequency", "sine frequency",
                    "< half the sample rate, " + formatValue(nyquist), "Hz", sine.frequencyHz);
        require(issues, std::isfinite(sine.phaseRad), "sine_phase", "sine phase",
                "a finite number of", "rad", sine.phaseRad);
        break;
    case ExcitationKind::Sweep:
        require(issues, std::isfinite(sweep.amplitudeN), "sweep_amplitude", "sweep amplitude",
                "a finite number of", "N", sweep.amplitudeN);
        for (auto [value, field, what] :
             {std::tuple{sweep.startHz, "sweep_f0", "sweep start frequency f0"},
              std::tuple{sweep.endHz, "sweep_f1", "sweep end frequency f1"}}) {
            require(issues, std::isfinite(value) && value > 0.0, field, what, "> 0", "Hz", value);
            if (haveRate && std::isfinite(value))
                require(issues, value < nyquist, field, what,
                        "< half the sample rate, " + formatValue(nyquist), "Hz", value);
        }
        require(issues, std::isfinite(sweep.startS) && sweep.startS >= 0.0, "sweep_start",
                "sweep start time", ">= 0", "s", sweep.startS);
        require(issues, std::isfinite(sweep.durationS) && sweep.durationS > 0.0, "sweep_duration",
                "sweep duration", "> 0", "s", sweep.durationS);
        break;
    case ExcitationKind::BaseMotion:
        checkSampled(issues, baseAcceleration, "base_record", "base acceleration record", "m/s²");
        break;
    case ExcitationKind::RecordedForce:
        checkSampled(issues, recordedForce, "force_record", "force record", "N");
        break;
    }
    return issues;
}

std::vector<double> Excitation::frequenciesOfInterestHz() const {
    switch (kind) {
    case ExcitationKind::Sine:
        return {sine.frequencyHz};
    case ExcitationKind::Sweep:
        return {sweep.startHz, sweep.endHz};
    default: // pulses, random bands and records: the modes alone set the range

        break;
    }
    return {};
}

} // namespace dtop::dynamics
