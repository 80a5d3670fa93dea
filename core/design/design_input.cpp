// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/design_input.h"

#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

namespace dtop::design {

std::vector<InputDistribution> sheffieldDesignInputs()
{
    // Sheffield rig data (prototype's defaults): forces f1 ~ N(1, 0.1) N, f2 = f3 = 0;
    // stiffnesses and masses normal; c1 normal, c2 and c3 gamma (shape, scale).
    return {
        InputDistribution::normal(1.0, 0.1),
        InputDistribution::fixed(0.0),
        InputDistribution::fixed(0.0),
        InputDistribution::normal(4203.0027, 83.760278),
        InputDistribution::normal(4147.6895, 69.627281),
        InputDistribution::normal(5101.4822, 56.769849),
        InputDistribution::normal(2.2007146, 0.2589255),
        InputDistribution::gamma(0.6018186, 0.0015333),
        InputDistribution::gamma(2.3842358, 0.0010963),
        InputDistribution::normal(4.8724882, 0.0312982),
        InputDistribution::normal(5.4758033, 0.1002168),
        InputDistribution::normal(5.6923249, 0.1144056),
    };
}

DesignInput::DesignInput() : inputs(sheffieldDesignInputs()) {}

std::string DesignInput::inputName(std::size_t index, std::size_t storeys)
{
    static const char* prefix = "fkcm";
    if (storeys == 0)
        return "?";
    return std::string(1, prefix[std::min<std::size_t>(index / storeys, 3)]) +
           std::to_string(index % storeys + 1);
}

const char* DesignInput::inputUnit(std::size_t index, std::size_t storeys)
{
    switch (storeys ? index / storeys : 0) {
    case 0:
        return "N";
    case 1:
        return "N/m";
    case 2:
        return "N·s/m";
    default:
        return "kg";
    }
}

InputSign DesignInput::inputSign(std::size_t index, std::size_t storeys)
{
    switch (storeys ? index / storeys : 0) {
    case 0:
        return InputSign::Any;
    case 2:
        return InputSign::NonNegative;
    default:
        return InputSign::Positive;
    }
}

int DesignInput::findInput(const std::string& name) const
{
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (inputName(i, storeys()) == name)
            return static_cast<int>(i);
    return -1;
}

std::vector<InputDistribution> DesignInput::inputsForProfile(const model::Profile& profile,
                                                             double cvStiffness, double cvDamper,
                                                             double cvMass)
{
    const std::size_t n = profile.storeys();
    std::vector<InputDistribution> in;
    for (std::size_t i = 0; i < n; ++i)
        in.push_back(i == 0 ? InputDistribution::normal(1.0, 0.1) : InputDistribution::fixed(0.0));
    auto add = [&](const std::vector<double>& v, double cv) {
        for (std::size_t i = 0; i < n; ++i) {
            const double x = i < v.size() ? v[i] : 0.0;
            in.push_back(cv > 0.0 && x > 0.0 ? InputDistribution::normal(x, cv * x)
                                             : InputDistribution::fixed(x));
        }
    };
    add(profile.stiffnesses, cvStiffness);
    add(profile.dampers, cvDamper);
    add(profile.masses, cvMass);
    return in;
}

InputIssues DesignInput::validate() const
{
    InputIssues issues;
    auto bad = [&](const std::string& field, const std::string& message) {
        issues.push_back({field, message});
    };
    const std::size_t n = storeys();
    if (inputs.empty() || inputs.size() % 4 != 0 || n > model::kMaxStoreys) {
        bad("inputs", "inputs: need 4 per storey (f, k, c, m) for 1 to " +
                          std::to_string(model::kMaxStoreys) + " storeys, got " +
                          std::to_string(inputs.size()));
        return issues;
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        auto more = inputs[i].validate(inputName(i, n), inputUnit(i, n), inputSign(i, n));
        issues.insert(issues.end(), more.begin(), more.end());
    }
    bool anyForce = false;
    for (std::size_t i = 0; i < n; ++i)
        anyForce = anyForce || inputs[i].isRandom() || inputs[i].mean() != 0.0;
    if (!anyForce)
        bad("f1", "forces f1..f" + std::to_string(n) +
                      " are all fixed at 0 N: every output would be 0; give a force");
    if (!std::isfinite(frequencyHz) || frequencyHz < 0.0)
        bad("frequency_hz", "analysis frequency must be a finite number >= 0 Hz, got " +
                                formatValue(frequencyHz));

    if (outputs.empty())
        bad("outputs", "outputs: choose at least one of x1..x" + std::to_string(n) + ", s1..s" +
                           std::to_string(n));
    std::set<std::string> seen;
    for (const auto& o : outputs) {
        const std::string name = outputName(o);
        if (o.floor < 1 || static_cast<std::size_t>(o.floor) > n)
            bad("outputs", "outputs: " + name + " does not exist in a " + std::to_string(n) +
                               "-storey building");
        else if (!seen.insert(name).second)
            bad("outputs", "outputs: " + name + " is listed twice");
    }
    if (!legacy && fisher && outputs.size() > kMaxJointOutputs)
        bad("outputs", "outputs: the joint Fisher information takes at most " +
                           std::to_string(kMaxJointOutputs) + " outputs, got " +
                           std::to_string(outputs.size()));

    if (sampling == uq::SamplingMethod::LatinHypercube)
        bad("sampling", "sampling: latin-hypercube is not available here (use monte-carlo or sobol)");
    if (samples < 2 || samples > kMaxSamples)
        bad("samples", "samples must be between 2 and " + std::to_string(kMaxSamples) + ", got " +
                           std::to_string(samples));
    if (sampling == uq::SamplingMethod::Sobol && samples > (std::size_t{1} << 32))
        bad("samples", "samples: a Sobol' sequence holds at most 2^32 points");
    if (threshold && !std::isfinite(*threshold))
        bad("threshold", "threshold must be a finite number, got " + formatValue(*threshold));
    if (sobol && !legacy) {
        if (sobolSamples < 64 || sobolSamples > kMaxSobolRows)
            bad("sobol_samples", "sobol_samples must be between 64 and " +
                                     std::to_string(kMaxSobolRows) + ", got " +
                                     std::to_string(sobolSamples));
        if (sobolMaxSamples < sobolSamples || sobolMaxSamples > kMaxSobolRows)
            bad("sobol_max_samples", "sobol_max_samples must be between sobol_samples and " +
                                         std::to_string(kMaxSobolRows) + ", got " +
                                         std::to_string(sobolMaxSamples));
        if (!(sobolTolerance > 0.0) || !std::isfinite(sobolTolerance))
            bad("sobol_tolerance", "sobol_tolerance must be > 0, got " + formatValue(sobolTolerance));
        if (bootstrapResamples > 100000)
            bad("bootstrap", "bootstrap resamples must be <= 100000, got " +
                                 std::to_string(bootstrapResamples));
    }
    if (fisher && !legacy) {
        if (fisherMaxCells < 2 || fisherMaxCells > kMaxFisherCells)
            bad("fisher_max_cells", "fisher_max_cells must be between 2 and " +
                                        std::to_string(kMaxFisherCells) + ", got " +
                                        std::to_string(fisherMaxCells));
        if (!(fisherTolerance > 0.0) || !std::isfinite(fisherTolerance))
            bad("fisher_tolerance", "fisher_tolerance must be > 0, got " + formatValue(fisherTolerance));
    }
    // Memory of the accumulators, refused before anything is allocated.
    std::size_t randomCount = 0;
    for (const auto& d : inputs)
        randomCount += d.isRandom() ? 1 : 0;
    const double parameters = 2.0 * static_cast<double>(randomCount);
    const double mib = 1024.0 * 1024.0;
    if (fisher && !legacy && fisherMaxCells <= kMaxFisherCells) {
        const double bytes = 8.0 * 8.0 * static_cast<double>(fisherMaxCells) * (parameters + 1.0);
        if (bytes > kMaxWorkingBytes)
            bad("fisher_max_cells", "fisher_max_cells: " + std::to_string(fisherMaxCells) + " cells × " +
                                        formatValue(parameters) + " parameters need " +
                                        formatValue(std::round(bytes / mib)) + " MiB (limit " +
                                        formatValue(kMaxWorkingBytes / mib) + " MiB); lower it");
    }
    if (sobol && !legacy && sobolMaxSamples <= kMaxSobolRows) {
        const double bytes = 8.0 * static_cast<double>(sobolMaxSamples) / 64.0 *
                             (4.0 + 5.0 * static_cast<double>(randomCount)) * static_cast<double>(outputs.size());
        if (bytes > kMaxWorkingBytes)
            bad("sobol_max_samples", "sobol_max_samples: " + std::to_string(sobolMaxSamples) + " rows for " +
                                         std::to_string(outputs.size()) + " outputs and " +
                                         std::to_string(randomCount) + " random inputs need " +
                                         formatValue(std::round(bytes / mib)) + " MiB (limit " +
                                         formatValue(kMaxWorkingBytes / mib) + " MiB); lower it");
    }
    if (frfPoints < 2 || frfPoints > kMaxFrfPoints)
        bad("frf_points", "frf_points must be between 2 and " + std::to_string(kMaxFrfPoints) +
                              ", got " + std::to_string(frfPoints));
    if (threads > 256)
        bad("threads", "threads must be <= 256, got " + std::to_string(threads));

    if (legacy) {
        const LegacyOptions& L = legacyOptions;
        if (L.gridPoints < 2)
            bad("legacy_grid_points", "legacy grid points J must be >= 2, got " +
                                          std::to_string(L.gridPoints));
        else if (!outputs.empty() &&
                 std::pow(static_cast<double>(L.gridPoints), static_cast<double>(outputs.size())) >
                     static_cast<double>(kMaxLegacyNodes))
            bad("legacy_grid_points", "legacy grid: J^n = " + std::to_string(L.gridPoints) + "^" +
                                          std::to_string(outputs.size()) + " exceeds " +
                                          std::to_string(kMaxLegacyNodes) + " nodes");
        if (!(L.sliderPercent >= 0.0 && L.sliderPercent <= 100.0))
            bad("legacy_slider_percent", "legacy slider must be between 0 and 100 %, got " +
                                             formatValue(L.sliderPercent));
        if (L.histogramBins < 1 || L.histogramBins > 10000)
            bad("legacy_histogram_bins", "legacy histogram bins must be between 1 and 10000, got " +
                                             std::to_string(L.histogramBins));
        const std::size_t N = L.inputSamples ? static_cast<std::size_t>(L.inputSamples->rows()) : L.samples;
        if (N < 2 || N > kMaxLegacySamples)
            bad("legacy_samples", "legacy mode stores every sample: N must be between 2 and " +
                                      std::to_string(kMaxLegacySamples) + ", got " + std::to_string(N));
        else if (8.0 * static_cast<double>(N) * (2.0 * static_cast<double>(inputs.size()) + parameters +
                                                 static_cast<double>(outputs.size())) > kMaxWorkingBytes)
            bad("legacy_samples", "legacy mode stores every sample: N = " + std::to_string(N) +
                                      " needs more than " + formatValue(kMaxWorkingBytes / mib) + " MiB");
        if (L.inputSamples && static_cast<std::size_t>(L.inputSamples->cols()) != inputs.size())
            bad("legacy_samples", "legacy samples need one column per input (" +
                                      std::to_string(inputs.size()) + "), got " +
                                      std::to_string(L.inputSamples->cols()));
    }
    return issues;
}

namespace {
bool parseNumber(const std::string& text, double& value)
{
    if (text.empty())
        return false;
    if (text == "inf" || text == "+inf") {
        value = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "-inf") {
        value = -std::numeric_limits<double>::infinity();
        return true;
    }
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(value);
}
} // namespace

InputIssues applyInputSpec(DesignInput& input, const std::string& spec)
{
    InputIssues issues;
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
        issues.push_back({"input", "input: expected NAME=TYPE:A:B (e.g. k1=normal:4203:84), got '" +
                                       spec + "'"});
        return issues;
    }
    const std::string name = spec.substr(0, eq);
    const int index = input.findInput(name);
    if (index < 0) {
        const std::size_t n = input.storeys();
        issues.push_back({"input", "input: unknown input name '" + name + "' (known: f1..f" +
                                       std::to_string(n) + ", k1..k" + std::to_string(n) +
                                       ", c1..c" + std::to_string(n) + ", m1..m" +
                                       std::to_string(n) + ")"});
        return issues;
    }
    std::vector<std::string> parts;
    std::stringstream ss(spec.substr(eq + 1));
    std::string part;
    while (std::getline(ss, part, ':'))
        parts.push_back(part);
    InputDistributionKind kind;
    if (parts.empty() || !parseInputDistributionKind(parts[0], kind)) {
        issues.push_back({name, name + ": unknown distribution type '" +
                                    (parts.empty() ? std::string() : parts[0]) +
                                    "' (normal, gamma, lognormal, truncated-normal, fixed)"});
        return issues;
    }
    const std::size_t needed = kind == InputDistributionKind::Fixed ? 2 : 3;
    const std::size_t allowed = kind == InputDistributionKind::TruncatedNormal ? 5 : needed;
    if (parts.size() < needed || parts.size() > allowed) {
        issues.push_back({name, name + ": '" + spec.substr(eq + 1) + "' needs " +
                                    (kind == InputDistributionKind::Fixed ? "fixed:VALUE"
                                     : kind == InputDistributionKind::TruncatedNormal
                                         ? "truncated-normal:MU:SIGMA[:LOWER[:UPPER]]"
                                         : parts[0] + ":A:B")});
        return issues;
    }
    std::vector<double> v(parts.size() - 1);
    for (std::size_t k = 1; k < parts.size(); ++k)
        if (!parseNumber(parts[k], v[k - 1]) &&
            !(k >= 3 && (parts[k] == "inf" || parts[k] == "-inf"))) {
            issues.push_back({name, name + ": '" + parts[k] + "' is not a number"});
            return issues;
        }
    InputDistribution d;
    d.kind = kind;
    d.a = v[0];
    d.b = v.size() > 1 ? v[1] : 0.0;
    if (kind == InputDistributionKind::TruncatedNormal) {
        if (v.size() > 2)
            d.lower = v[2];
        if (v.size() > 3)
            d.upper = v[3];
    }
    input.inputs[static_cast<std::size_t>(index)] = d;
    return issues;
}

InputIssues parseOutputList(const std::string& text, std::size_t storeys,
                            std::vector<OutputId>& outputs)
{
    InputIssues issues;
    std::vector<OutputId> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        OutputId id;
        if (!parseOutputName(item, storeys, id))
            issues.push_back({"outputs", "outputs: unknown output '" + item + "' (x1..x" +
                                             std::to_string(storeys) + ", s1..s" +
                                             std::to_string(storeys) + ")"});
        else
            out.push_back(id);
    }
    if (issues.empty())
        outputs = out;
    return issues;
}

} // namespace dtop::design
