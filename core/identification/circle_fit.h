// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "identification/measured_frf.h"
#include "identification/modal_pole.h"

#include <Eigen/Dense>

#include <complex>
#include <cstddef>
#include <vector>

namespace dtop::identification {

// Corrected single-mode circle fit (Kennedy & Pancu 1947; Ewins, Modal Testing, 2nd ed. 2000,
// §4.3) on the mobility, whose Nyquist plot is an exact circle for a viscously damped mode
// (docs/tools/identify.md §4).
struct CircleFitOptions {
    // Window around each peak: contiguous lines where Σ_o |Y_o|/rms_o stays ≥ this fraction of
    // its peak value, bounded by the midpoints to the neighbouring peaks.
    double windowFraction = 0.1;
    std::size_t minPoints = 7;  // widened symmetrically to at least this many lines
    std::size_t pairs = 3;      // points each side of resonance used for the damping (3 × 3)
    // Peak detection (when no frequencies are given): a local maximum of the indicator that
    // stands at least this factor above the lowest point between it and any higher peak.
    double minProminence = 2.0;
    // ... and reaches at least this fraction of the highest peak (noise far from any mode
    // makes prominent but tiny maxima).
    double minRelativeHeight = 0.05;
};

struct Circle {
    std::complex<double> centre;
    double radius = 0.0;
    double rmsRelativeError = 0.0; // rms of (|Y − C| − R) / R: the circle's quality
    bool converged = false;
};

// Geometric least-squares circle: algebraic (Kåsa) start, then Levenberg–Marquardt on the
// radial distances (the prototype's "method 2b", with its convergence now checked).
Circle fitCircle(const std::vector<std::complex<double>>& points);

// One (mode, response) circle.
struct CircleFitMode {
    std::size_t response = 0;
    std::vector<double> frequencyHz;               // window lines
    std::vector<std::complex<double>> mobility;    // the points fitted [(m/s)/N]
    Circle circle;
    double resonanceAngle = 0.0;     // direction of the resonance diameter from the centre [rad]
    std::vector<double> centreAngle; // θ_k: angle at the centre from the resonance diameter [rad]
    double naturalFrequencyHz = 0.0; // zero crossing of θ
    double lossFactor = 0.0;         // η = 2ζ, mean over the point pairs
    double dampingRatio = 0.0;       // ζ = η / 2
    double dampingSpread = 0.0;      // standard deviation of the pair estimates / their mean
    std::size_t pairsUsed = 0;
    std::complex<double> modalConstant; // A: Y ≈ jω A / (ω_r² − ω² + 2jζω_rω) [1/kg]
    bool valid = false;
};

struct CircleFitResult {
    std::vector<double> peakFrequencyHz;       // where each mode's window is centred
    std::vector<std::vector<CircleFitMode>> fits; // [mode][response]
    std::vector<ModalPole> poles;              // per mode: diameter-weighted mean f and ζ
    Eigen::MatrixXcd residues;                 // receptance pole–residue form [response][mode]
    std::vector<double> quality;               // per mode: diameter-weighted circle rms error
};

// Peaks of Σ_o |Y_o| / rms_o in the band, highest first limited to maxModes (0 = all), returned
// in ascending frequency.
std::vector<double> findPeaks(const MeasuredFrf& frf, const CircleFitOptions& options,
                              std::size_t maxModes = 0);

// Circle fit of every response around each of `centresHz` (or the detected peaks when empty).
// Throws std::invalid_argument when no mode can be fitted.
CircleFitResult circleFit(const MeasuredFrf& frf, const CircleFitOptions& options,
                          std::vector<double> centresHz = {}, std::size_t maxModes = 0);

} // namespace dtop::identification
