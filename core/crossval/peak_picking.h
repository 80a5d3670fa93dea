// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/mode_estimate.h"

#include <cstddef>
#include <vector>

namespace dtop::crossval {

struct PeakPickingOptions {
    double minProminenceDb = 6.0; // a peak must stand this far above its higher base [dB]
};

// One peak of a curve in dB.
struct Peak {
    std::size_t index = 0;     // sample index in the (band-restricted) input
    double frequencyHz = 0.0;  // parabolic vertex through the sample and its two neighbours
    double levelDb = 0.0;      // the parabola's value there
    double prominenceDb = 0.0; // topographic prominence of the sample
};

// Peaks of y [dB] sampled at f over the samples with lo ≤ f ≤ hi: local maxima of that
// restricted curve (the middle sample of a flat top; never its first or last sample) whose
// prominence — the height above the higher of the lowest points reached on each side before
// a higher sample or the end — is ≥ minProminenceDb. The `maxPeaks` most prominent are kept
// (0 = all) and returned by ascending frequency. The vertex of the parabola through
// (f[i−1], f[i], f[i+1]) refines each frequency and level (on a uniform grid this is
// f = f[i] + Δf·½(a − c)/(a − 2b + c) with a, b, c the three levels; exact for a parabola in
// f on any grid). Indices refer to the full input.
std::vector<Peak> findPeaks(const std::vector<double>& f, const std::vector<double>& yDb, double lo,
                            double hi, std::size_t maxPeaks,
                            const PeakPickingOptions& options = {});

// Viscous damping ratio from the half-power bandwidth of a power-like curve p(f) around the
// peak at `peakIndex` with refined frequency fr and power pr: ζ = (f₂ − f₁)/(2 fr), where f₁,
// f₂ are the crossings of pr/2 found by walking outwards (linear interpolation between the
// straddling samples). NaN when a side rises again or ends before crossing.
double halfPowerDampingRatio(const std::vector<double>& f, const std::vector<double>& power,
                             std::size_t peakIndex, double peakFrequencyHz, double peakPower);

// Modes from measured FRFs by peak picking: the power indicator P(f) = Σ_d |H_d(f)|² over the
// compared floors (on the first floor's axis, the others interpolated onto it), its peaks by
// findPeaks on 10·log10 P, damping from P's half-power bandwidth and shapes H_d(f_r)
// interpolated at the refined frequency (|H_d| without phase). A stand-in until the
// identification tool's core exists; labelled as such in the results.
class PeakPickingEstimator final : public DatasetModeEstimator {
public:
    explicit PeakPickingEstimator(PeakPickingOptions options = {}) : m_options(options) {}
    std::string method() const override;
    ModeEstimate estimate(const io::FrfData& frf, const ModeSearch& search,
                          Progress& progress) const override;

private:
    PeakPickingOptions m_options;
};

} // namespace dtop::crossval
