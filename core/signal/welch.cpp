// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal/welch.h"

#include <unsupported/Eigen/FFT>

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace dtop::signal {

InputIssues WelchOptions::validate(std::size_t samples) const {
    InputIssues issues;
    if (samples < 2)
        issues.push_back({"psd_segment", "a spectrum needs at least 2 samples, the record has " +
                                             std::to_string(samples)});
    if (segmentLength != 0 && segmentLength < 2)
        issues.push_back({"psd_segment", "PSD segment length must be >= 2 samples, got " +
                                             std::to_string(segmentLength)});
    if (segmentLength != 0 && samples >= 2 && segmentLength > samples)
        issues.push_back({"psd_segment", "PSD segment length must not exceed the record's " +
                                             std::to_string(samples) + " samples, got " +
                                             std::to_string(segmentLength)});
    if (!std::isfinite(overlap) || overlap < 0.0 || overlap > 0.95)
        issues.push_back({"psd_overlap", "PSD overlap must be between 0 and 0.95 (a fraction of "
                                         "a segment), got " +
                                             formatValue(overlap)});
    return issues;
}

std::size_t WelchOptions::effectiveSegmentLength(double sampleRateHz, std::size_t samples) const {
    return segmentLength != 0 ? segmentLength : defaultSegmentLength(sampleRateHz, samples);
}

std::size_t defaultSegmentLength(double sampleRateHz, std::size_t samples) {
    std::size_t length = 2;
    while (sampleRateHz / static_cast<double>(length) > kDefaultResolutionHz && length < samples)
        length *= 2;
    length = std::min(length, samples);
    // Halve towards kDefaultAverages segments (at 50 % overlap) while the resolution stays
    // within kCoarsestDefaultResolutionHz: one segment makes the coherence 1 by construction.
    auto segments = [samples](std::size_t l) { return (samples - l) / (l / 2) + 1; };
    while (length >= 4 && segments(length) < kDefaultAverages &&
           sampleRateHz / static_cast<double>(length / 2) <= kCoarsestDefaultResolutionHz)
        length /= 2;
    return length;
}

std::string psdUnit(const std::string& signalUnit) {
    if (signalUnit.find('/') == std::string::npos && signalUnit.find("·") == std::string::npos)
        return signalUnit + "²/Hz";
    return "(" + signalUnit + ")²/Hz";
}

struct Welch::Fft {
    Eigen::FFT<double> fft;
};

Welch::Welch(double sampleRateHz, std::size_t samples, const WelchOptions& options)
    : m_fs(sampleRateHz), m_samples(samples), m_removeMean(options.removeMean),
      m_fft(std::make_unique<Fft>()) {
    InputIssues issues = options.validate(samples);
    if (!(sampleRateHz > 0.0) || !std::isfinite(sampleRateHz))
        issues.push_back(
            {"sample_rate", "sample rate must be > 0 Hz, got " + formatValue(sampleRateHz)});
    if (!issues.empty())
        throw std::invalid_argument(issues.front().message);
    m_length = options.effectiveSegmentLength(sampleRateHz, samples);
    const auto shared =
        static_cast<std::size_t>(std::floor(options.overlap * static_cast<double>(m_length)));
    m_step = std::max<std::size_t>(1, m_length - shared);
    m_segments = (samples - m_length) / m_step + 1;
    m_window = makeWindow(options.window, m_length);
    const double w2 = std::inner_product(m_window.begin(), m_window.end(), m_window.begin(), 0.0);
    m_scale = 1.0 / (m_fs * w2 * static_cast<double>(m_segments));
    m_fft->fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);
    m_buffer.resize(m_length);
}

Welch::~Welch() = default;

std::vector<double> Welch::frequencies() const {
    std::vector<double> f(bins());
    for (std::size_t k = 0; k < f.size(); ++k)
        f[k] = static_cast<double>(k) * resolutionHz();
    return f;
}

double Welch::binWeight(std::size_t k) const {
    // One-sided: every bin but DC and (for even lengths) Nyquist carries its mirror image.
    const bool nyquist = m_length % 2 == 0 && k == m_length / 2;
    return (k == 0 || nyquist) ? m_scale : 2.0 * m_scale;
}

void Welch::segmentSpectrum(const double* x, std::size_t start,
                            std::vector<std::complex<double>>& out) {
    double mean = 0.0;
    if (m_removeMean) {
        for (std::size_t i = 0; i < m_length; ++i)
            mean += x[start + i];
        mean /= static_cast<double>(m_length);
    }
    for (std::size_t i = 0; i < m_length; ++i)
        m_buffer[i] = (x[start + i] - mean) * m_window[i];
    m_fft->fft.fwd(out, m_buffer);
}

void Welch::psd(const double* x, double* out) {
    const std::size_t nb = bins();
    std::fill(out, out + nb, 0.0);
    for (std::size_t s = 0; s < m_segments; ++s) {
        segmentSpectrum(x, s * m_step, m_x);
        for (std::size_t k = 0; k < nb; ++k)
            out[k] += std::norm(m_x[k]);
    }
    for (std::size_t k = 0; k < nb; ++k)
        out[k] *= binWeight(k);
}

Spectrum Welch::psd(const std::vector<double>& x, const std::string& signalUnit) {
    if (x.size() != m_samples)
        throw std::invalid_argument("Welch: record length " + std::to_string(x.size()) +
                                    " differs from the planned " + std::to_string(m_samples));
    Spectrum s;
    s.frequencyHz = frequencies();
    s.density.resize(bins());
    psd(x.data(), s.density.data());
    s.unit = psdUnit(signalUnit);
    s.resolutionHz = resolutionHz();
    s.segmentLength = m_length;
    s.segments = m_segments;
    return s;
}

void Welch::crossSpectra(const double* x, const double* y, std::complex<double>* gxy, double* gxx,
                         double* gyy) {
    const std::size_t nb = bins();
    std::fill(gxy, gxy + nb, std::complex<double>(0.0, 0.0));
    std::fill(gxx, gxx + nb, 0.0);
    std::fill(gyy, gyy + nb, 0.0);
    for (std::size_t s = 0; s < m_segments; ++s) {
        segmentSpectrum(x, s * m_step, m_x);
        segmentSpectrum(y, s * m_step, m_y);
        for (std::size_t k = 0; k < nb; ++k) {
            gxy[k] += std::conj(m_x[k]) * m_y[k];
            gxx[k] += std::norm(m_x[k]);
            gyy[k] += std::norm(m_y[k]);
        }
    }
    for (std::size_t k = 0; k < nb; ++k) {
        const double w = binWeight(k);
        gxy[k] *= w;
        gxx[k] *= w;
        gyy[k] *= w;
    }
}

Spectrum welchPsd(const std::vector<double>& x, double sampleRateHz, const WelchOptions& options,
                  const std::string& signalUnit) {
    Welch welch(sampleRateHz, x.size(), options);
    return welch.psd(x, signalUnit);
}

} // namespace dtop::signal
