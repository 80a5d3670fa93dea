// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

namespace dtop::design {

// Shared state between the calling thread and the workers of runParallel.
struct ParallelControl {
    std::atomic<bool> stop{false};          // set on cancel or on a worker's exception
    std::atomic<std::size_t> unitsDone{0};  // work units finished (progress)
};

// Runs task(k) for k in [0, tasks) on up to `threads` worker threads (0 = hardware threads).
// Each task writes only its own output slot, so results do not depend on the thread count.
// The calling thread reports progress every ~20 ms as from + (to − from)·unitsDone/totalUnits
// and, when the user cancels, sets control.stop (tasks poll it between chunks), joins the
// workers and rethrows Cancelled. A worker's exception is rethrown after the join.
void runParallel(std::size_t tasks, unsigned threads,
                 const std::function<void(std::size_t task, ParallelControl& control)>& task,
                 Progress& progress, double from, double to, std::size_t totalUnits,
                 const std::string& stage);

unsigned effectiveThreads(unsigned requested);

} // namespace dtop::design
