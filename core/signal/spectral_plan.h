// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "signal/frf_estimate.h"
#include "signal/welch.h"

#include <string>
#include <vector>

namespace dtop::signal {

// True when at least 99 % of the input's energy Σx² lies within 5 % of the record's length
// (anywhere in it): an impact or a short pulse, followed by free vibration. False for an
// all-zero input.
bool isTransientInput(const std::vector<double>& input);
// The first sample whose magnitude reaches 1 % of the input's peak (0 for an all-zero input):
// where the transient starts.
std::size_t transientOnset(const std::vector<double>& input);

// w[n] = 1 before `onset`, then exp(−ln(100)·(n − onset)/(N − 1 − onset)): from 1 at the onset
// to 0.01 at the end of the record. The standard response window of impact testing: a response
// that has not died out by the end of the record leaks little, at the price of added damping
// (the same on every response it is applied to, measured or simulated).
std::vector<double> exponentialWindow(std::size_t samples, std::size_t onset = 0);

// How the spectra of one test (an input and its responses) are estimated.
//  - Stationary input (noise, sine, sweep): Welch averaging with the options given.
//  - Transient input, when the options leave the segment length automatic (0): one periodogram
//    of the whole record, a rectangular window on the input (a Hann window is ~0 where an
//    impact at the start of a segment is) and the exponential window on the responses; no mean
//    removal (the mean of an impulse record is the impulse). One average: the coherence is 1 by
//    construction there and says nothing.
// The reasoning and references are in docs/tools/simulate.md, "Spectra".
class SpectralPlan {
public:
    // `input`: the record's input (force or ground acceleration), samples long, which decides
    // between the two. Throws std::invalid_argument as Welch does.
    SpectralPlan(double sampleRateHz, const std::vector<double>& input,
                 const WelchOptions& options);

    bool transient() const { return m_transient; }
    Welch& welch() { return m_welch; }
    std::size_t bins() const { return m_welch.bins(); }
    std::vector<double> frequencies() const { return m_welch.frequencies(); }

    Spectrum inputPsd(const std::vector<double>& x, const std::string& unit);
    Spectrum responsePsd(const std::vector<double>& y, const std::string& unit);
    // Response PSD of y[0..samples-1] into out[0..bins()-1].
    void responsePsd(const double* y, double* out);
    FrfEstimate h1(const std::vector<double>& input, const std::vector<double>& response,
                   const std::string& responseUnit, const std::string& inputUnit);
    // One line for notes: "Welch, Hann window, 9 segments of 2048 samples, Δf = 1 Hz" or the
    // transient processing.
    std::string description() const;

    // The options the plan uses for a record of this input: `options`, unless the input is a
    // transient and the segment length automatic.
    static WelchOptions effectiveOptions(const std::vector<double>& input,
                                         const WelchOptions& options);

private:
    const std::vector<double>& windowed(const double* y);

    bool m_transient;
    Welch m_welch;
    std::vector<double> m_responseWindow; // empty: none
    std::vector<double> m_scratch;
};

} // namespace dtop::signal
