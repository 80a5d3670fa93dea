// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal/spectral_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dtop::signal {

bool isTransientInput(const std::vector<double>& input)
{
    double total = 0.0;
    for (double x : input)
        total += x * x;
    if (!(total > 0.0))
        return false;
    // The most energetic stretch of 5 % of the record (a sliding sum).
    const std::size_t width = std::max<std::size_t>(1, input.size() / 20);
    double window = 0.0;
    double best = 0.0;
    for (std::size_t i = 0; i < input.size(); ++i) {
        window += input[i] * input[i];
        if (i >= width)
            window -= input[i - width] * input[i - width];
        best = std::max(best, window);
    }
    return best >= 0.99 * total;
}

std::size_t transientOnset(const std::vector<double>& input)
{
    double peak = 0.0;
    for (double x : input)
        peak = std::max(peak, std::abs(x));
    for (std::size_t i = 0; i < input.size(); ++i)
        if (peak > 0.0 && std::abs(input[i]) >= 0.01 * peak)
            return i;
    return 0;
}

std::vector<double> exponentialWindow(std::size_t samples, std::size_t onset)
{
    std::vector<double> w(samples, 1.0);
    if (onset + 1 >= samples)
        return w;
    const double rate = std::log(100.0) / static_cast<double>(samples - 1 - onset);
    for (std::size_t n = onset; n < samples; ++n)
        w[n] = std::exp(-rate * static_cast<double>(n - onset));
    return w;
}

WelchOptions SpectralPlan::effectiveOptions(const std::vector<double>& input,
                                            const WelchOptions& options)
{
    if (options.segmentLength != 0 || !isTransientInput(input))
        return options;
    WelchOptions whole;
    whole.window = WindowKind::Rectangular;
    whole.segmentLength = input.size();
    whole.overlap = 0.0;
    whole.removeMean = false;
    return whole;
}

SpectralPlan::SpectralPlan(double sampleRateHz, const std::vector<double>& input,
                           const WelchOptions& options)
    : m_transient(options.segmentLength == 0 && isTransientInput(input)),
      m_welch(sampleRateHz, input.size(), effectiveOptions(input, options))
{
    if (m_transient) {
        m_responseWindow = exponentialWindow(input.size(), transientOnset(input));
        m_scratch.resize(input.size());
    }
}

const std::vector<double>& SpectralPlan::windowed(const double* y)
{
    for (std::size_t i = 0; i < m_scratch.size(); ++i)
        m_scratch[i] = y[i] * m_responseWindow[i];
    return m_scratch;
}

Spectrum SpectralPlan::inputPsd(const std::vector<double>& x, const std::string& unit)
{
    return m_welch.psd(x, unit);
}

Spectrum SpectralPlan::responsePsd(const std::vector<double>& y, const std::string& unit)
{
    return m_transient ? m_welch.psd(windowed(y.data()), unit) : m_welch.psd(y, unit);
}

void SpectralPlan::responsePsd(const double* y, double* out)
{
    m_welch.psd(m_transient ? windowed(y).data() : y, out);
}

FrfEstimate SpectralPlan::h1(const std::vector<double>& input, const std::vector<double>& response,
                             const std::string& responseUnit, const std::string& inputUnit)
{
    if (!m_transient || response.size() != m_scratch.size())
        return h1Estimate(m_welch, input, response, responseUnit, inputUnit);
    const std::vector<double> y = windowed(response.data());
    return h1Estimate(m_welch, input, y, responseUnit, inputUnit);
}

std::string SpectralPlan::description() const
{
    char text[200];
    if (m_transient)
        std::snprintf(text, sizeof text,
                      "transient input: one periodogram of the whole record (%zu samples, "
                      "Δf = %.4g Hz), rectangular window on the input, exponential window "
                      "(1 at the onset to 0.01) on the responses",
                      m_welch.segmentLength(), m_welch.resolutionHz());
    else
        std::snprintf(text, sizeof text, "Welch: %zu segment(s) of %zu samples, Δf = %.4g Hz",
                      m_welch.segments(), m_welch.segmentLength(), m_welch.resolutionHz());
    return text;
}

} // namespace dtop::signal
