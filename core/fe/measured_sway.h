// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "io/dataset.h"
#include "model/profile.h"

#include <string>
#include <vector>

namespace dtop::fe {

// The measured sway modes of a rig, taken from one of its FRF datasets, for the comparison with
// and the calibration of the frame model (FeInput::calibrateToHz, measuredModeShapes).
struct MeasuredSway {
    std::string dataset; // the dataset's id, or "profile:NAME" for a profile's modes
    std::string method;  // how the modes were found
    std::vector<double> frequenciesHz;       // ascending, at most one per storey
    std::vector<std::vector<double>> shapes; // one per mode, one value per floor; empty unless the
                                             // dataset measures exactly the floors 1..storeys
};

// Peak picking (crossval::PeakPickingEstimator: peaks of Σ|H_d|² over the measured floors, shapes
// H_d at the peaks) on the dataset's FRFs between 0.5 Hz and maxFrequencyHz, keeping the
// `storeys` most prominent peaks. Shapes are real: |H_d| with the sign of Re(H_d / H_ref), H_ref
// the largest entry, when the dataset measures exactly floors 1..storeys; magnitude-only FRFs
// give no shapes (their signs are unknown). Throws
// std::invalid_argument naming the dataset when it is not an FRF dataset or has no peak.
MeasuredSway measuredSwayFromDataset(const io::Dataset& dataset, int storeys,
                                     double maxFrequencyHz);

// The undamped modes of a shear-building profile as the "measured" modes: its first modes below
// maxFrequencyHz with their mass-normalised floor shapes, so that the frame can be compared
// with (and calibrated to) a twin's modes. `label` names the source ("profile:NAME@V"). Throws
// std::invalid_argument when the profile's storey count differs from the frame's or no mode
// lies below the limit.
MeasuredSway measuredSwayFromProfile(const model::Profile& profile, const std::string& label,
                                     int storeys, double maxFrequencyHz);

} // namespace dtop::fe
