// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/excitation.h"

#include <cstdint>
#include <vector>

namespace dtop::dynamics {

// Spectral-representation realisation (Shinozuka & Deodatis 1991) of the band-limited
// Gaussian force of `spec` at `samples` samples of rate sampleRateHz: independent complex
// N(0,1) coefficients on the lines j·fs/L (L = the power of two ≥ samples) inside the band,
// inverse real FFT, first `samples` values, scaled to RMS spec.rmsN. Random phases make the
// process stationary; no line is mirrored, so the signal has no time symmetry.
std::vector<double> randomForceRealisation(const RandomForce& spec, double sampleRateHz,
                                           std::size_t samples, std::uint64_t seed);

// Number of spectral lines inside the band (0 means the band is too narrow for the record).
std::size_t randomForceLines(const RandomForce& spec, double sampleRateHz, std::size_t samples);

} // namespace dtop::dynamics
