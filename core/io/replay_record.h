// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "dynamics/replay.h"
#include "io/dataset.h"

namespace dtop::io {

// Fills the record part of a replay from a time-history dataset: its time axis, measured force,
// the floor the force acted on and the measured floor velocities (floors 1..m, m ≤ storeys of
// the replay's profile). `forceFloor` overrides the dataset's excitation floor when > 0 (and is
// required when the dataset does not state one). The replay's profile, hold, integrator and
// Welch options are left as they are. Returns issues (field "record" or "force_floor") naming
// the dataset when it cannot drive a replay: an FRF, no force, not velocities, a floor missing.
InputIssues fillReplayFromDataset(const Dataset& dataset, dynamics::ReplayInput& replay,
                                  int forceFloor = 0);

} // namespace dtop::io
