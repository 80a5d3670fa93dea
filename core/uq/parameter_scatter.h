// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/distribution.h"

#include <string>

namespace dtop::uq {

// How a group of positive structural parameters (all masses, all stiffnesses, ...) scatters
// about its nominal values. The spread is a coefficient of variation (sd / mean) or an
// absolute standard deviation in the parameter's unit: both are explicit, so a "percent"
// cannot be mistaken for an absolute σ (prototype defect B6).
struct ParameterScatter {
    DistributionKind kind = DistributionKind::Normal; // normal, truncated-normal or lognormal
    bool relative = true;       // true: spread is a CV [-]; false: spread is σ [parameter unit]
    double spread = 0.0;        // 0 = no scatter
    double truncationSds = 3.0; // truncated normal: keep mean ± truncationSds·σ (and > 0)

    bool isActive() const { return spread > 0.0; }
    // The distribution of one parameter whose nominal value is `mean`. A truncated normal is
    // also cut at 10⁻⁶·mean from below so the parameter stays positive.
    Distribution distribution(double mean) const;
    // `name` is the option/field ("mass"); `unit` the parameter's unit ("kg").
    InputIssues validate(const std::string& name, const std::string& unit) const;
};

} // namespace dtop::uq
