// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <stdexcept>
#include <string>

namespace dtop {

// Thrown from Progress::report() when the user has asked to stop; analyses let it propagate.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// Progress sink and cancel flag handed to every long analysis. report() is cheap enough to call
// a few thousand times per second; a subclass (the GUI runner) forwards fractions to the UI.
// cancel() may be called from any thread.
class Progress {
public:
    virtual ~Progress() = default;

    // A sink that ignores reports and is never cancelled (nothing ever calls cancel() on it).
    static Progress& none();

    // fraction in [0, 1]; throws Cancelled once cancel() has been called.
    void report(double fraction, const std::string& stage = {})
    {
        if (m_cancelled.load(std::memory_order_relaxed))
            throw Cancelled();
        onReport(fraction, stage);
    }
    void checkCancelled() const
    {
        if (m_cancelled.load(std::memory_order_relaxed))
            throw Cancelled();
    }
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

protected:
    virtual void onReport(double /*fraction*/, const std::string& /*stage*/) {}

private:
    std::atomic<bool> m_cancelled{false};
};

} // namespace dtop
