// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/control_time_response.h"

#include "control/feedback_loop.h"
#include "dynamics/exact_integrator.h"
#include "dynamics/excitation_signal.h"
#include "dynamics/time_grid.h"
#include "uq/seed_streams.h"

#include <algorithm>
#include <cmath>

namespace dtop::control {

namespace {

dynamics::Excitation onForceFloor(dynamics::Excitation e, int forceFloor)
{
    e.floor = forceFloor;
    return e;
}

double rms(const std::vector<double>& v)
{
    double s = 0.0;
    for (double x : v)
        s += x * x;
    return v.empty() ? 0.0 : std::sqrt(s / static_cast<double>(v.size()));
}

double peak(const std::vector<double>& v)
{
    double p = 0.0;
    for (double x : v)
        p = std::max(p, std::abs(x));
    return p;
}

ControlTimeHistory run(const ControlDesign& d, const dynamics::ExcitationSignal& signal,
                       const dynamics::TimeGrid& grid, Progress& progress,
                       std::vector<double>& input)
{
    const bool ground = signal.isBaseMotion();
    const Eigen::Index nz = d.states();
    const Eigen::Index ns = ground ? nz + 1 : nz;
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(ns, ns);
    a.topLeftCorner(nz, nz) = d.a;
    Eigen::VectorXd b(ns);
    if (ground) {
        // z' = A z + g·v_g + b_g·a_g,  v_g' = a_g.
        a.topRightCorner(nz, 1) = d.groundVelocityColumn;
        b << d.bGround, 1.0;
    } else {
        b = d.bPrimary;
    }
    std::size_t steps = 0;
    const Eigen::MatrixXd states = dynamics::integrateExact(
        a, b, signal, grid, Eigen::VectorXd::Zero(ns), progress, steps, input);

    const auto n = static_cast<std::size_t>(d.cVelocity.rows());
    const std::size_t samples = grid.samples;
    ControlTimeHistory h;
    h.driftM.assign(n, std::vector<double>(samples));
    h.accelerationMS2.assign(n, std::vector<double>(samples));
    const bool device = d.cStroke.cwiseAbs().maxCoeff() > 0.0;
    const bool feedback = d.hasLoop;
    if (device)
        h.strokeM.resize(samples);
    if (feedback)
        h.currentA.resize(samples);
    // Floor accelerations: rows of ż = A_s z_s + b u that hold the floor velocities.
    const Eigen::MatrixXd cv = [&] {
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), ns);
        m.leftCols(nz) = d.cVelocity;
        return m;
    }();
    const Eigen::MatrixXd accRows = cv * a;
    const Eigen::VectorXd accInput = cv * b;
    for (std::size_t k = 0; k < samples; ++k) {
        const auto col = states.col(static_cast<Eigen::Index>(k));
        const Eigen::VectorXd z = col.head(nz);
        const Eigen::VectorXd x = d.cDisplacement * z;
        const Eigen::VectorXd acc = accRows * col + accInput * input[k];
        for (std::size_t i = 0; i < n; ++i) {
            const auto ii = static_cast<Eigen::Index>(i);
            h.driftM[i][k] = x[ii] - (i == 0 ? 0.0 : x[ii - 1]);
            h.accelerationMS2[i][k] = acc[ii] + (ground ? input[k] : 0.0);
        }
        if (device)
            h.strokeM[k] = d.cStroke.dot(z);
        if (feedback)
            h.currentA[k] =
                d.cCurrent.dot(z) + (ground ? d.currentPerGroundVelocity * col[nz] : 0.0);
    }
    for (std::size_t i = 0; i < n; ++i) {
        h.indices.peakDriftM.push_back(peak(h.driftM[i]));
        h.indices.rmsDriftM.push_back(rms(h.driftM[i]));
        h.indices.peakAccelerationMS2.push_back(peak(h.accelerationMS2[i]));
        h.indices.rmsAccelerationMS2.push_back(rms(h.accelerationMS2[i]));
    }
    h.indices.peakStrokeM = peak(h.strokeM);
    h.indices.rmsStrokeM = rms(h.strokeM);
    h.indices.peakCurrentA = peak(h.currentA);
    h.indices.rmsCurrentA = rms(h.currentA);
    h.diverging = !(maxRealPart(d.a) < 0.0);
    return h;
}

} // namespace

InputIssues TimeDomainOptions::validate(std::size_t storeys, int forceFloor) const
{
    InputIssues issues;
    if (!enabled)
        return issues;
    const bool durationOk = std::isfinite(durationS) && durationS > 0.0;
    const bool rateOk = std::isfinite(sampleRateHz) && sampleRateHz > 0.0;
    if (!durationOk)
        issues.push_back({"time_duration", "time-response duration must be > 0 s, got " +
                                               formatValue(durationS)});
    if (!rateOk)
        issues.push_back({"time_sample_rate", "time-response sample rate must be > 0 Hz, got " +
                                                  formatValue(sampleRateHz)});
    if (durationOk && rateOk) {
        const double samples = std::floor(durationS * sampleRateHz + 1e-9) + 1.0;
        if (samples < 2.0 || samples > static_cast<double>(kMaxControlTimeSamples))
            issues.push_back({"time_duration",
                              "time-response duration × sample rate gives " +
                                  formatValue(samples) + " samples; between 2 and " +
                                  std::to_string(kMaxControlTimeSamples) + " are allowed"});
    }
    for (auto& issue : onForceFloor(excitation, forceFloor)
                           .validate(storeys, rateOk ? sampleRateHz : 0.0))
        issues.push_back(std::move(issue));
    return issues;
}

ControlTimeResponse simulateControl(const ControlDesign& controlled,
                                    const ControlDesign& uncontrolled,
                                    const TimeDomainOptions& options, int forceFloor,
                                    Progress& progress)
{
    const dynamics::TimeGrid grid =
        dynamics::TimeGrid::fromDuration(options.durationS, options.sampleRateHz);
    const dynamics::Excitation excitation = onForceFloor(options.excitation, forceFloor);
    // The force stream of the `simulate` tool: one seed gives the same realisation in both.
    constexpr std::uint64_t kForceStream = 2;
    const dynamics::ExcitationSignal signal(excitation, grid,
                                            uq::deriveSeed(options.seed, kForceStream, 0));
    ControlTimeResponse r;
    r.seed = options.seed;
    r.excitationUnit = excitation.unit();
    r.integrator = "exact-foh";
    r.timeS.resize(grid.samples);
    for (std::size_t k = 0; k < grid.samples; ++k)
        r.timeS[k] = grid.at(k);
    progress.report(0.0, "time response: uncontrolled");
    r.uncontrolled = run(uncontrolled, signal, grid, progress, r.excitation);
    progress.report(0.5, "time response: controlled");
    std::vector<double> input;
    r.controlled = run(controlled, signal, grid, progress, input);
    return r;
}

} // namespace dtop::control
