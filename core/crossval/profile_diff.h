// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "model/profile.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dtop::crossval {

// Side-by-side comparison of two profiles (two versions of one twin, or any two), for the
// `profiles` tool and `dtop profile diff NAME@V1 NAME@V2` (docs/tools/profiles.md).

// One parameter. Numeric fields carry numbers; "name", "provenance" and "damping_model" carry
// text. A parameter one profile does not have (a storey the other lacks, dampers of a profile
// with Rayleigh damping) is nullopt / empty on that side.
struct ParameterChange {
    std::string field; // "storeys", "m1", "k2", "c3", "kc1", "damping_model",
                       // "rayleigh_alpha", "rayleigh_beta", "damping_ratio", "mode_a",
                       // "mode_b", "name", "provenance"
    std::string unit;  // "kg", "N/m", "N·s/m", "N/m³", "1/s", "s", "" for counts and text
    std::optional<double> oldValue, newValue; // numeric fields
    std::string oldText, newText;             // text fields
    bool changed = false;
    // 100·(new − old)/|old| for numeric fields present on both sides with old ≠ 0, else NaN.
    double relativeChangePct = 0.0;
};

// One mode (1-based, by ascending natural frequency) of both profiles' linear parts.
struct ModeChange {
    int mode = 1;
    std::optional<double> oldFrequencyHz, newFrequencyHz; // natural frequency |λ|/2π
    std::optional<double> oldDampingRatio, newDampingRatio;
    double frequencyChangePct = 0.0; // 100·(new − old)/old; NaN when a side lacks the mode
};

struct ProfileDiff {
    std::vector<ParameterChange> parameters; // every parameter, changed or not, in the order above
    std::vector<ModeChange> modes;
    std::size_t changedParameters = 0; // how many entries of `parameters` changed
    bool identical() const { return changedParameters == 0; }
};

// Problems that stop a diff: either profile failing Profile::validate() (field prefixed
// "old." / "new.").
InputIssues checkProfilesForDiff(const model::Profile& older, const model::Profile& newer);

// The parameter part of diffProfiles() alone (no modal analysis).
std::vector<ParameterChange> diffParameters(const model::Profile& older,
                                            const model::Profile& newer);

// A pure function of the two profiles. Throws std::invalid_argument with
// checkProfilesForDiff()'s messages for an invalid profile.
ProfileDiff diffProfiles(const model::Profile& older, const model::Profile& newer);

} // namespace dtop::crossval
