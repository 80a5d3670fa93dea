// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/parallel_tasks.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dtop::design {

unsigned effectiveThreads(unsigned requested)
{
    if (requested > 0)
        return requested;
    return std::max(1U, std::thread::hardware_concurrency());
}

void runParallel(std::size_t tasks, unsigned threads,
                 const std::function<void(std::size_t, ParallelControl&)>& task, Progress& progress,
                 double from, double to, std::size_t totalUnits, const std::string& stage)
{
    ParallelControl control;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> finished{0};
    std::exception_ptr error;
    std::mutex errorMutex;
    const unsigned workers =
        static_cast<unsigned>(std::min<std::size_t>(effectiveThreads(threads), std::max<std::size_t>(tasks, 1)));
    auto work = [&] {
        for (;;) {
            const std::size_t k = next.fetch_add(1);
            if (k >= tasks || control.stop.load())
                break;
            try {
                task(k, control);
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                control.stop.store(true);
            }
        }
        finished.fetch_add(1);
    };
    // The workers compute; the calling thread only reports progress and relays a cancel, so
    // cancel takes effect within one chunk even with a single worker.
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < workers; ++w)
        pool.emplace_back(work);
    auto joinAll = [&] {
        for (auto& t : pool)
            if (t.joinable())
                t.join();
    };
    try {
        while (finished.load() < pool.size()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            const double f = static_cast<double>(control.unitsDone.load()) /
                             static_cast<double>(std::max<std::size_t>(totalUnits, 1));
            progress.report(from + (to - from) * std::min(f, 1.0), stage);
        }
    } catch (...) {
        control.stop.store(true);
        joinAll();
        throw;
    }
    joinAll();
    if (error)
        std::rethrow_exception(error);
}

} // namespace dtop::design
