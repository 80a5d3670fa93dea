// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <string>

namespace dtop::uq {

enum class DistributionKind {
    Fixed,           // always `mean` (no scatter)
    Uniform,         // on [lower, upper]
    Normal,          // mean, sd
    TruncatedNormal, // normal(mean, sd) restricted to [lower, upper]
    LogNormal,       // positive, with the given mean and sd of the variable itself
};

const char* distributionKindName(DistributionKind kind); // "fixed", "uniform", ...
bool parseDistributionKind(const std::string& text, DistributionKind& kind);

// The scatter of one scalar parameter, in the parameter's own SI unit.
struct Distribution {
    DistributionKind kind = DistributionKind::Fixed;
    double mean = 0.0;
    double sd = 0.0;
    double lower = 0.0;
    double upper = 0.0;

    static Distribution fixed(double value) { return {DistributionKind::Fixed, value, 0, value, value}; }
    static Distribution uniform(double lo, double hi)
    {
        return {DistributionKind::Uniform, 0.5 * (lo + hi), 0.0, lo, hi};
    }
    // sd given as a coefficient of variation of the mean (cv = sd/|mean|).
    static Distribution normalCv(double mean, double cv);
    static Distribution logNormalCv(double mean, double cv);

    // Inverse CDF at u in (0, 1): maps independent uniforms to independent samples.
    double quantile(double u) const;
    // `name` is the field ("k2") used in the messages.
    InputIssues validate(const std::string& name, const std::string& unit) const;
};

} // namespace dtop::uq
