// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal/frf_estimate.h"

#include <stdexcept>

namespace dtop::signal {

namespace {
std::string ratioUnit(const std::string& outputUnit, const std::string& inputUnit) {
    const bool compound = outputUnit.find('/') != std::string::npos;
    return (compound ? "(" + outputUnit + ")" : outputUnit) + "/" + inputUnit;
}
} // namespace

FrfEstimate h1Estimate(Welch& welch, const std::vector<double>& input,
                       const std::vector<double>& output, const std::string& outputUnit,
                       const std::string& inputUnit) {
    if (input.size() != output.size())
        throw std::invalid_argument("H1 estimate: input has " + std::to_string(input.size()) +
                                    " samples but output has " + std::to_string(output.size()));
    const std::size_t nb = welch.bins();
    std::vector<std::complex<double>> gfx(nb);
    std::vector<double> gff(nb), gxx(nb);
    welch.crossSpectra(input.data(), output.data(), gfx.data(), gff.data(), gxx.data());
    FrfEstimate e;
    e.frequencyHz = welch.frequencies();
    e.h.resize(nb);
    e.coherence.resize(nb);
    for (std::size_t k = 0; k < nb; ++k) {
        // A bin without input power has no estimate (NaN, written as null in JSON).
        if (gff[k] > 0.0) {
            e.h[k] = gfx[k] / gff[k];
            e.coherence[k] = gxx[k] > 0.0 ? std::norm(gfx[k]) / (gff[k] * gxx[k]) : 0.0;
        } else {
            e.h[k] = {std::nan(""), std::nan("")};
            e.coherence[k] = std::nan("");
        }
    }
    e.unit = ratioUnit(outputUnit, inputUnit);
    e.resolutionHz = welch.resolutionHz();
    e.segments = welch.segments();
    return e;
}

FrfEstimate h1Estimate(const std::vector<double>& input, const std::vector<double>& output,
                       double sampleRateHz, const WelchOptions& options,
                       const std::string& outputUnit, const std::string& inputUnit) {
    Welch welch(sampleRateHz, input.size(), options);
    return h1Estimate(welch, input, output, outputUnit, inputUnit);
}

} // namespace dtop::signal
