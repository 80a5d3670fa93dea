// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "signal/window.h"

#include <complex>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace dtop::signal {

// The resolution the automatic segment length aims for (issue 4: ≤ 0.25 Hz by default).
inline constexpr double kDefaultResolutionHz = 0.25;
inline constexpr std::size_t kDefaultAverages = 8;
inline constexpr double kCoarsestDefaultResolutionHz = 1.0;

// Welch averaging settings. Every field is user-settable; the defaults are a periodic Hann
// window, 50 % overlap, the segment mean removed, and an automatic segment length.
struct WelchOptions {
    WindowKind window = WindowKind::Hann;
    std::size_t segmentLength = 0; // samples per segment; 0 = defaultSegmentLength()
    double overlap = 0.5;          // fraction of a segment shared with the next, in [0, 0.95]
    bool removeMean = true;        // subtract each segment's mean ("constant" detrend)

    // Checks the options against a record of `samples` samples.
    InputIssues validate(std::size_t samples) const;
    // The segment length actually used for a record of `samples` samples at sampleRateHz.
    std::size_t effectiveSegmentLength(double sampleRateHz, std::size_t samples) const;
};

// Smallest power of two whose resolution fs/L is ≤ kDefaultResolutionHz, but never longer than
// the record; then halved while that gives fewer than kDefaultAverages segments at 50 % overlap
// and the resolution stays at or below kCoarsestDefaultResolutionHz (a short record keeps a
// single segment rather than a resolution too coarse for the modes).
std::size_t defaultSegmentLength(double sampleRateHz, std::size_t samples);

// "m" → "m²/Hz", "m/s²" → "(m/s²)²/Hz", "N" → "N²/Hz".
std::string psdUnit(const std::string& signalUnit);

// A one-sided power spectral density, scaled so that Σ density·resolutionHz equals the mean
// square of the (windowed, mean-removed) signal: ∫ PSD df = variance.
struct Spectrum {
    std::vector<double> frequencyHz; // 0, Δf, ..., fs/2 (or just below for odd lengths)
    std::vector<double> density;     // [unit]
    std::string unit;                // e.g. "(m/s²)²/Hz"
    double resolutionHz = 0.0;
    std::size_t segmentLength = 0;
    std::size_t segments = 0;
};

// Welch's averaged periodogram (Welch 1967) for records of one length at one sample rate.
// Build once, then evaluate many channels: the window and FFT plan are reused.
class Welch {
public:
    // Throws std::invalid_argument if options.validate(samples) finds a problem.
    Welch(double sampleRateHz, std::size_t samples, const WelchOptions& options);
    ~Welch();
    Welch(const Welch&) = delete;
    Welch& operator=(const Welch&) = delete;

    std::size_t segmentLength() const { return m_length; }
    std::size_t segments() const { return m_segments; }
    std::size_t bins() const { return m_length / 2 + 1; }
    double resolutionHz() const { return m_fs / static_cast<double>(m_length); }
    std::vector<double> frequencies() const;

    // One-sided PSD of x[0..samples-1] into out[0..bins()-1].
    void psd(const double* x, double* out);
    Spectrum psd(const std::vector<double>& x, const std::string& signalUnit);
    // One-sided cross-spectral density Gxy = 2·E[conj(X)·Y]/(fs Σw²) and the two auto spectra,
    // each bins() long, with the same scaling as psd().
    void crossSpectra(const double* x, const double* y, std::complex<double>* gxy, double* gxx,
                      double* gyy);

private:
    void segmentSpectrum(const double* x, std::size_t start,
                         std::vector<std::complex<double>>& out);
    double binWeight(std::size_t k) const;

    struct Fft;
    double m_fs;
    std::size_t m_samples;
    std::size_t m_length;
    std::size_t m_step;
    std::size_t m_segments;
    bool m_removeMean;
    std::vector<double> m_window;
    double m_scale; // 1 / (fs Σw² · segments)
    std::unique_ptr<Fft> m_fft;
    std::vector<double> m_buffer;
    std::vector<std::complex<double>> m_x, m_y;
};

// One-shot convenience: PSD of x sampled at sampleRateHz.
Spectrum welchPsd(const std::vector<double>& x, double sampleRateHz, const WelchOptions& options,
                  const std::string& signalUnit);

} // namespace dtop::signal
