// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "dynamics/frf_quantity.h"
#include "io/dataset.h"
#include "signal/welch.h"

#include <Eigen/Dense>

#include <complex>
#include <cstddef>
#include <string>
#include <vector>

namespace dtop::identification {

// Size limits checked before anything is allocated.
inline constexpr std::size_t kMaxFrfLines = 200'000;
inline constexpr std::size_t kMaxResponses = 64;

// One column of an FRF matrix: one input (a force at `excitationFloor`), several responses.
// The identification fits the data in its own quantity (where its noise lives); the pole–residue
// model is written for the receptance and multiplied by (jω)^q, q = 0, 1, 2 for receptance,
// mobility, accelerance (docs/tools/identify.md §1).
struct MeasuredFrf {
    dynamics::FrfQuantity quantity = dynamics::FrfQuantity::Accelerance;
    std::vector<double> frequencyHz; // strictly increasing, > 0
    std::vector<int> floors;         // response floor of each column, 1-based, distinct
    Eigen::MatrixXcd h;              // [line][response], SI unit of `quantity`
    // H1 coherence [response][line] when the FRF was estimated from a time history; else empty.
    std::vector<std::vector<double>> coherence;
    int excitationFloor = 0; // 1-based floor of the force; 0 = unknown
    std::string source;      // dataset id or a description, for provenance

    std::size_t lines() const { return frequencyHz.size(); }
    std::size_t responses() const { return floors.size(); }
    // Column of the driving point (response floor == excitation floor), -1 if none.
    int drivingResponse() const;
    // Problems: sizes, non-finite values, frequencies not increasing or ≤ 0, fewer than two
    // responses, repeated floors. Field "dataset".
    InputIssues validate() const;
    // The lines with loHz ≤ f ≤ hiHz (coherence included).
    MeasuredFrf band(double loHz, double hiHz) const;
};

// (jω)^q of the quantity: 1, jω, −ω². The factor that turns a receptance into `quantity`.
std::complex<double> receptanceFactor(dynamics::FrfQuantity quantity, double omega);

// The FRF of an FRF dataset with complex values on one shared axis (points at f = 0 dropped).
// `quantity` overrides the dataset's when the metadata does not state one. Issues (field
// "dataset") when the dataset has magnitudes only, no stated quantity, separate axes, ...
MeasuredFrf frfFromFrfDataset(const io::Dataset& dataset, InputIssues& issues);

// H1 estimate (Bendat & Piersol, Random Data, §9.1) of every floor channel of a time history
// against its force, with the ordinary coherence: velocity → mobility, acceleration →
// accelerance, displacement → receptance. The f = 0 line is dropped. Issues (field "dataset")
// when there is no force channel, no floor channel, or the Welch options do not fit the record.
MeasuredFrf frfFromTimeHistory(const io::Dataset& dataset, const signal::WelchOptions& welch,
                               InputIssues& issues);

// Welch options suited to identification from a record of `samples` samples at sampleRateHz:
// rectangular window and one segment of the whole record for an impulse-like force (energy in
// the first 5 % of the record), else three Hann segments of half the record (50 % overlap).
// Light damping (ζ ≈ 0.2 % on the rig: half-power bandwidth
// 0.03 Hz at 6.5 Hz) needs far finer lines than a display's 0.25 Hz.
signal::WelchOptions identificationWelchOptions(const std::vector<double>& forceN,
                                                std::size_t samples);

} // namespace dtop::identification
