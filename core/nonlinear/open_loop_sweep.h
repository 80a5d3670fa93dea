// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "nonlinear/branch_tracer.h"
#include "nonlinear/cubic_chain.h"

#include <string>
#include <vector>

namespace dtop::nonlinear {

struct SweepSample {
    double parameter = 0.0;            // ω [rad/s] or F [N]
    std::vector<double> amplitudeM;    // first harmonic of every floor (quasi-static) or half
                                       // peak-to-peak over one forcing cycle (time domain)
};

struct SweepJump {
    bool up = true;
    double parameter = 0.0;            // the fold's parameter value
    double amplitudeBeforeM = 0.0;     // floor 1, first harmonic
    double amplitudeAfterM = 0.0;
};

struct OpenLoopSweep {
    ContinuationParameter parameter = ContinuationParameter::Frequency;
    std::vector<SweepSample> up, down;       // quasi-static, jumps included as two samples
    std::vector<SweepJump> jumps;
    // Time-domain sweep at a finite rate (empty when the rate is 0).
    double rate = 0.0;                       // rad/s² or N/s
    double rateLimit = 0.0;                  // the largest rate regarded as slow enough
    std::vector<SweepSample> timeUp, timeDown;
    std::vector<std::string> warnings;
};

// Quasi-static sweep over the grid of `points` values of the branch's parameter range, up then
// down: the response follows the stable part of the branch (a Newton solve at each grid value
// from the interpolated branch orbit) and jumps exactly at the fold that ends it, to the other
// stable orbit at the fold's parameter.
OpenLoopSweep quasiStaticSweep(const CubicChain& chain, const BranchOptions& branchOptions,
                               const TracedBranch& branch, std::size_t points,
                               Progress& progress = Progress::none());

// Time-domain sweep at `rate` (linear in time) from the steady orbit at one end, up and then
// back down, amplitudes per forcing cycle. rateLimit: ISO 7626-2's largest linear sweep rate
// 216·f²ζ² Hz/min (≈ 0.573·(ζω)² rad/s²) for the slowest-decaying mode in the range, or, for a
// force sweep, a lag of the envelope (rate × slowest time constant) of 1 % of the range.
void timeDomainSweep(const CubicChain& chain, const BranchOptions& branchOptions,
                     const TracedBranch& branch, double rate, OpenLoopSweep& sweep,
                     Progress& progress = Progress::none());

} // namespace dtop::nonlinear
