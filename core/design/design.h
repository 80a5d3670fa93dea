// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "design/design_input.h"
#include "design/design_result.h"

namespace dtop::design {

// The design-under-uncertainty analysis (tool id `design`, docs/tools/design.md): propagates
// the input distributions through the harmonic response at the analysis frequency and
// reports output statistics, Sobol' indices, the output Fisher information with respect to the
// distribution parameters, P(output < threshold) with its gradient, and the nominal FRF.
// Throws std::invalid_argument when input.validate() finds problems, Cancelled on cancel.
DesignResult runDesign(const DesignInput& input, Progress& progress = Progress::none());

// The nominal model (input means) alone: FRF, natural frequencies, outputs.
NominalResponse nominalResponse(const DesignInput& input);

} // namespace dtop::design
