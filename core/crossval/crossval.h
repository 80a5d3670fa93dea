// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "crossval/crossval_source.h"
#include "crossval/frf_correlation.h"
#include "crossval/mode_estimate.h"
#include "crossval/mode_pairing.h"
#include "crossval/peak_picking.h"
#include "dynamics/frf_quantity.h"

#include <Eigen/Dense>

#include <complex>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dtop::crossval {

// The cross-validation analysis (tool id `crossval`, docs/tools/crossval.md): one reference
// (a dataset or a profile) against one or more candidates, FRF by FRF and mode by mode.

inline constexpr std::size_t kMaxCandidates = 32;
inline constexpr std::size_t kMaxGridPoints = 2'000'000; // common grid of one pair
inline constexpr std::size_t kMaxFdacPoints = 1000;

struct CrossvalInput {
    CrossvalSource reference;               // --reference
    std::vector<CrossvalSource> candidates; // --candidate, in the order given
    double bandLoHz = 2.0;                  // --band-hz LO,HI: the compared band [Hz]
    double bandHiHz = 40.0;
    // --input-floor: 1-based floor of the unit force; 0 = the documented excitation floor of
    // the reference (else of the first candidate dataset that states one), else 1.
    int inputFloor = 0;
    // --quantity: what is compared; nullopt = the reference's documented quantity, else the
    // first candidate dataset's, else accelerance. Sides are converted to it.
    std::optional<dynamics::FrfQuantity> quantity;
    // Response floors to compare (ascending); empty = every floor both sides have.
    std::vector<int> responseFloors;
    // Lines of the uniform grid used when both sides of a pair are profiles.
    std::size_t profileGridPoints = 4000;
    std::size_t fdacPoints = 200;   // FDAC map resolution (per axis)
    std::size_t maxModes = 0;       // modes picked from a dataset; 0 = its number of floors
    PeakPickingOptions peakPicking; // per-floor peaks and the default mode estimator
    // Modes of a dataset side; nullptr = PeakPickingEstimator(peakPicking).
    std::shared_ptr<const DatasetModeEstimator> modeEstimator;

    // Every problem, including those of the loaded data (a band outside both grids, a dataset
    // without a requested floor or measured with the force elsewhere, a time history).
    InputIssues validate() const;

    // What run uses when the optional fields are left to the sources.
    dynamics::FrfQuantity effectiveQuantity() const;
    int effectiveInputFloor() const;
};

// One response floor of one pair.
struct ResponseCorrelation {
    int floor = 1;
    double frac = 0.0;
    CorrelationBasis fracBasis = CorrelationBasis::Complex;
    double rmsDbDifference = 0.0;
    // Peaks of this floor's |H| in dB on each side's own axis (findPeaks, parabolic
    // interpolation), for the per-floor table; the modes below combine all floors.
    std::vector<double> referencePeaksHz;
    std::vector<double> candidatePeaksHz;
};

// One paired mode.
struct ModeCorrelation {
    std::size_t referenceMode = 0; // column in the reference ModeEstimate
    std::size_t candidateMode = 0;
    double referenceFrequencyHz = 0.0;
    double candidateFrequencyHz = 0.0;
    double frequencyErrorPct = 0.0; // 100·(candidate − reference)/reference
    double mac = 0.0;
    double referenceDampingRatio = 0.0; // NaN when not estimated
    double candidateDampingRatio = 0.0;
    double dampingDifference = 0.0; // candidate − reference (ratio, not %); NaN if either is
};

// Reference against one candidate. When either side is a mode-shape dataset only the modes are
// compared: frfCompared is false, gridSource "none", and the FRF fields (responses, grid,
// CSAC/CSF, values, FDAC) are empty.
struct CrossvalPair {
    std::string candidate;                      // the candidate source's name
    bool frfCompared = true;                    // false: modes only
    std::string gridSource;                     // "reference", "candidate", "uniform" or "none"
    std::vector<int> floors;                    // compared response floors, ascending
    std::vector<ResponseCorrelation> responses; // one per floor
    CorrelationBasis signatureBasis = CorrelationBasis::Complex; // of CSAC/CSF/FDAC
    std::vector<double> frequencyHz;                             // the common grid, inside the band
    std::vector<double> csac;                                    // per frequency
    std::vector<double> csf;
    // Both sides on the common grid in the compared quantity, [floor][frequency]; magnitude-
    // only sides hold |H| as real numbers.
    std::vector<std::vector<std::complex<double>>> referenceValues;
    std::vector<std::vector<std::complex<double>>> candidateValues;
    FdacMap fdac;
    ModeEstimate referenceModes;
    ModeEstimate candidateModes;
    CorrelationBasis macBasis = CorrelationBasis::Complex;
    PairingRule pairing = PairingRule::Mac;
    Eigen::MatrixXd macMatrix;          // reference modes × candidate modes
    std::vector<ModeCorrelation> modes; // paired, by reference frequency
    std::vector<std::string> notes;     // assumptions and conversions made
};

struct CrossvalResult {
    std::string reference;
    dynamics::FrfQuantity quantity = dynamics::FrfQuantity::Accelerance;
    int inputFloor = 1;
    double bandLoHz = 0.0;
    double bandHiHz = 0.0;
    std::vector<CrossvalPair> pairs; // one per candidate, in input order
};

// Throws std::invalid_argument listing validate()'s issues; Cancelled when cancelled.
CrossvalResult runCrossval(const CrossvalInput& input, Progress& progress = Progress::none());

} // namespace dtop::crossval
