// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/nonlinear_analysis.h"

#include "model/presets.h"
#include "nonlinear/harmonic_balance.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <stdexcept>

namespace dtop::nonlinear {

const char* nonlinearAnalysisName(NonlinearAnalysis a)
{
    switch (a) {
    case NonlinearAnalysis::ForceCurve: return "force-curve";
    case NonlinearAnalysis::FrequencyCurve: return "frequency-curve";
    case NonlinearAnalysis::Backbone: return "backbone";
    case NonlinearAnalysis::FoldCurve: return "fold-curve";
    case NonlinearAnalysis::Sweep: return "sweep";
    case NonlinearAnalysis::Cbc: return "cbc";
    }
    return "force-curve";
}

bool parseNonlinearAnalysis(const std::string& text, NonlinearAnalysis& a)
{
    for (auto v : {NonlinearAnalysis::ForceCurve, NonlinearAnalysis::FrequencyCurve,
                   NonlinearAnalysis::Backbone, NonlinearAnalysis::FoldCurve,
                   NonlinearAnalysis::Sweep, NonlinearAnalysis::Cbc})
        if (text == nonlinearAnalysisName(v)) {
            a = v;
            return true;
        }
    return false;
}

const char* sweepParameterName(SweepParameter p)
{
    return p == SweepParameter::Force ? "force" : "frequency";
}

bool parseSweepParameter(const std::string& text, SweepParameter& p)
{
    if (text == "frequency")
        p = SweepParameter::Frequency;
    else if (text == "force")
        p = SweepParameter::Force;
    else
        return false;
    return true;
}

NonlinearInput::NonlinearInput() : profile(*model::preset("cbc-demo")) {}

namespace {

bool usesForceRange(const NonlinearInput& in)
{
    return in.analysis == NonlinearAnalysis::ForceCurve || in.analysis == NonlinearAnalysis::Cbc ||
           (in.analysis == NonlinearAnalysis::Sweep && in.sweepParameter == SweepParameter::Force);
}

double modeFrequency(const NonlinearInput& in, int mode)
{
    try {
        const CubicChain chain(in.profile);
        const Eigen::VectorXd w = chain.naturalFrequencies();
        return w(std::clamp(mode, 1, static_cast<int>(w.size())) - 1);
    } catch (const std::exception&) {
        return 1.0;
    }
}

} // namespace

double NonlinearInput::effectiveFrom() const
{
    if (from)
        return *from;
    if (usesForceRange(*this))
        return 1.0;
    if (analysis == NonlinearAnalysis::FoldCurve)
        return 0.5 * frequencyRadS;
    if (analysis == NonlinearAnalysis::Backbone)
        return 0.0;
    return 1.0;
}

double NonlinearInput::effectiveTo() const
{
    if (to)
        return *to;
    if (usesForceRange(*this))
        return 81.0;
    if (analysis == NonlinearAnalysis::FoldCurve)
        return 1.5 * frequencyRadS;
    if (analysis == NonlinearAnalysis::Backbone) {
        if (mode == 0) {
            const CubicChain chain(profile);
            return 1.25 * chain.naturalFrequencies().maxCoeff();
        }
        return 1.25 * modeFrequency(*this, mode);
    }
    return 50.0;
}

InputIssues NonlinearInput::validate() const
{
    InputIssues issues = profile.validate();
    auto add = [&](const std::string& field, const std::string& message) {
        issues.push_back({field, message});
    };
    const std::size_t n = profile.storeys();
    if (!(frequencyRadS > 0.0) || !std::isfinite(frequencyRadS))
        add("frequency_rad_s", "frequency_rad_s must be > 0 rad/s, got " + formatValue(frequencyRadS));
    if (!(forceN > 0.0) || !std::isfinite(forceN))
        add("force_n", "force_n must be > 0 N, got " + formatValue(forceN));
    const char* unit = usesForceRange(*this) ? " N" : " rad/s";
    if (from && (!std::isfinite(*from) || *from < 0.0 ||
                 (*from == 0.0 && analysis != NonlinearAnalysis::Backbone)))
        add("from", std::string("from must be > 0") + unit + ", got " + formatValue(*from));
    if (to && (!std::isfinite(*to) || !(*to > 0.0)))
        add("to", std::string("to must be > 0") + unit + ", got " + formatValue(*to));
    if (issues.empty() && analysis != NonlinearAnalysis::Backbone &&
        effectiveFrom() == effectiveTo())
        add("to", "the range from–to is empty (" + formatValue(effectiveFrom()) + unit + ")");
    if (analysis == NonlinearAnalysis::FoldCurve && issues.empty() &&
        !(frequencyRadS > effectiveFrom() && frequencyRadS < effectiveTo()))
        add("frequency_rad_s", "the fold curve starts at frequency_rad_s, which must lie inside "
                               "from–to, got " + formatValue(frequencyRadS) + " rad/s");
    if (mode < 0 || static_cast<std::size_t>(mode) > n)
        add("mode", "mode must be between 0 (every mode) and " + std::to_string(n) + ", got " +
                        std::to_string(mode));
    if (harmonics < 0 || harmonics > kMaxHarmonics)
        add("harmonics", "harmonics must be between 0 (automatic) and " +
                             std::to_string(kMaxHarmonics) + ", got " + std::to_string(harmonics));
    if (2 * n * static_cast<std::size_t>(std::max(harmonics, 1)) > kMaxUnknowns ||
        2 * n * static_cast<std::size_t>(kMaxHarmonics) > 4 * kMaxUnknowns)
        add("harmonics", "2 × floors × harmonics must not exceed " + std::to_string(kMaxUnknowns));
    if (analysis == NonlinearAnalysis::Cbc) {
        if (!(kp > 0.0) || !std::isfinite(kp))
            add("kp", "kp must be > 0 N/m (a stabilising proportional gain), got " + formatValue(kp));
        if (!(kd >= 0.0) || !std::isfinite(kd))
            add("kd", "kd must be >= 0 N·s/m, got " + formatValue(kd));
        if (cbcPoints < 10 || cbcPoints > kMaxCbcPoints)
            add("cbc_points", "cbc_points must be between 10 and " + std::to_string(kMaxCbcPoints) +
                                  ", got " + std::to_string(cbcPoints));
        if (!(cbcToleranceN > 0.0))
            add("cbc_tolerance_n", "cbc_tolerance_n must be > 0 N, got " + formatValue(cbcToleranceN));
        if (cbcSamplesPerPeriod <= 2 * cbcHarmonics || cbcSamplesPerPeriod > 4096)
            add("cbc_samples_per_period", "cbc_samples_per_period must exceed 2 × cbc_harmonics "
                                          "and be at most 4096, got " +
                                              std::to_string(cbcSamplesPerPeriod));
        if (cbcHarmonics < 3 || cbcHarmonics > 100)
            add("cbc_harmonics", "cbc_harmonics must be between 3 and 100, got " +
                                     std::to_string(cbcHarmonics));
    }
    if (analysis == NonlinearAnalysis::Sweep) {
        if (sweepPoints < 2 || sweepPoints > kMaxSweepPoints)
            add("sweep_points", "sweep_points must be between 2 and " +
                                    std::to_string(kMaxSweepPoints) + ", got " +
                                    std::to_string(sweepPoints));
        if (!(sweepRate >= 0.0) || !std::isfinite(sweepRate))
            add("sweep_rate", "sweep_rate must be >= 0 (0: no time-domain sweep), got " +
                                  formatValue(sweepRate));
        else if (sweepRate > 0.0 && std::abs(effectiveTo() - effectiveFrom()) / sweepRate > 1e5)
            add("sweep_rate", "sweep_rate is so slow that the sweep lasts more than 1e5 s, got " +
                                  formatValue(sweepRate));
    }
    if (!(harmonicToleranceM > 0.0))
        add("harmonic_tolerance_m", "harmonic_tolerance_m must be > 0 m, got " +
                                        formatValue(harmonicToleranceM));
    if (!(foldArcTolerance > 0.0))
        add("fold_tolerance", "fold_tolerance must be > 0, got " + formatValue(foldArcTolerance));
    if (maxPoints < 10 || maxPoints > 100000)
        add("max_points", "max_points must be between 10 and 100000, got " + std::to_string(maxPoints));
    if (!(forceLimitN > 0.0))
        add("force_limit_n", "force_limit_n must be > 0 N, got " + formatValue(forceLimitN));
    return issues;
}

namespace {

BranchOptions branchOptions(const NonlinearInput& in, ContinuationParameter p, double from,
                            double to)
{
    BranchOptions o;
    o.parameter = p;
    o.fixedValue = p == ContinuationParameter::Force ? in.frequencyRadS : in.forceN;
    o.from = from;
    o.to = to;
    o.harmonics = in.harmonics;
    o.maxHarmonics = kMaxHarmonics;
    o.harmonicTolerance = in.harmonicToleranceM;
    o.foldArcTolerance = in.foldArcTolerance;
    o.settings.maxPoints = in.maxPoints;
    return o;
}

// The harmonic-count convergence test: the point with the largest top harmonic solved again
// with two more harmonics (same ω and F); the largest change of a first-harmonic amplitude.
double harmonicsCheck(const CubicChain& chain, const std::vector<BranchPoint>& branch, int harmonics)
{
    if (branch.empty())
        return 0.0;
    std::size_t worst = 0;
    double top = -1.0;
    for (std::size_t i = 0; i < branch.size(); ++i) {
        const HarmonicBalance hb(chain, branch[i].harmonics);
        const double t = hb.topHarmonicAmplitude(branchCoefficients(branch[i]));
        if (t > top && branch[i].stable) {
            top = t;
            worst = i;
        }
    }
    const BranchPoint& p = branch[worst];
    const HarmonicBalance hb(chain, std::max(harmonics, p.harmonics) + 2);
    Eigen::VectorXd q = Eigen::VectorXd::Zero(hb.size());
    const Eigen::VectorXd src = branchCoefficients(p);
    q.head(src.size()) = src;
    Eigen::VectorXd r;
    Eigen::MatrixXd jac;
    for (int it = 0; it < 30; ++it) {
        hb.residual(q, p.frequencyRadS, p.forceN, r);
        hb.jacobian(q, p.frequencyRadS, jac);
        const Eigen::VectorXd step = jac.partialPivLu().solve(r);
        q -= step;
        if (step.norm() < 1e-13 * (1.0 + q.norm()))
            break;
    }
    const Eigen::VectorXd a = hb.firstHarmonicAmplitudes(q);
    double change = 0.0;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        change = std::max(change, std::abs(a(i) - p.amplitudeM[static_cast<std::size_t>(i)]));
    return change;
}

} // namespace

NonlinearResult runNonlinear(const NonlinearInput& input, Progress& progress,
                             const NonlinearPointCallback& onPoint)
{
    return runNonlinear(input, progress, onPoint, LegacyReference{});
}

NonlinearResult runNonlinear(const NonlinearInput& input, Progress& progress,
                             const NonlinearPointCallback& onPoint,
                             const LegacyReference& reference)
{
    throwIfInvalid(input.validate(), "nonlinear input");
    const auto t0 = std::chrono::steady_clock::now();
    const CubicChain chain(input.profile);
    NonlinearResult r;
    r.analysis = input.analysis;
    const Eigen::VectorXd wn = chain.naturalFrequencies();
    const Eigen::VectorXd zeta = chain.dampingRatios();
    r.naturalFrequenciesRadS.assign(wn.data(), wn.data() + wn.size());
    r.dampingRatios.assign(zeta.data(), zeta.data() + zeta.size());
    r.from = input.effectiveFrom();
    r.to = input.effectiveTo();
    auto notify = [&]() {
        if (onPoint)
            onPoint(r);
    };
    auto runBranch = [&](ContinuationParameter p, double from, double to) {
        const BranchOptions o = branchOptions(input, p, from, to);
        TracedBranch b = traceBranch(chain, o, progress, [&](const BranchPoint& pt) {
            r.branch.push_back(pt);
            notify();
        });
        r.branch = b.points;
        r.folds = b.folds;
        r.bifurcations = b.bifurcations;
        r.harmonics = b.harmonics;
        r.stopReason = b.stopReason;
        r.harmonicsCheckM = harmonicsCheck(chain, r.branch, r.harmonics);
        if (b.stopReason != "end of range")
            r.warnings.push_back("the branch stopped before the end of the range: " + b.stopReason);
        return std::make_pair(o, b);
    };
    const bool byForceSweep = input.sweepParameter == SweepParameter::Force;

    switch (input.analysis) {
    case NonlinearAnalysis::ForceCurve:
        runBranch(ContinuationParameter::Force, r.from, r.to);
        break;
    case NonlinearAnalysis::FrequencyCurve: {
        runBranch(ContinuationParameter::Frequency, r.from, r.to);
        if (input.backbonesWithFrequencyCurve) {
            double peak = 0.0;
            for (const auto& p : r.branch)
                peak = std::max(peak, p.amplitudeM[0]);
            for (Eigen::Index m = 0; m < wn.size(); ++m) {
                if (wn(m) < std::min(r.from, r.to) || wn(m) > std::max(r.from, r.to))
                    continue;
                BackboneOptions bo;
                bo.mode = static_cast<int>(m + 1);
                bo.maxFrequencyRadS = std::max(r.from, r.to);
                bo.maxAmplitudeM = std::max(1.2 * peak, 1e-6);
                bo.harmonicTolerance = input.harmonicToleranceM;
                bo.harmonics = input.harmonics;
                const auto bb = traceBackbone(chain, bo, progress);
                r.backbone.insert(r.backbone.end(), bb.begin(), bb.end());
            }
        }
        break;
    }
    case NonlinearAnalysis::Backbone: {
        const int first = input.mode == 0 ? 1 : input.mode;
        const int last = input.mode == 0 ? static_cast<int>(wn.size()) : input.mode;
        for (int m = first; m <= last; ++m) {
            BackboneOptions bo;
            bo.mode = m;
            bo.maxFrequencyRadS = input.to ? *input.to : 1.25 * wn(m - 1);
            bo.harmonicTolerance = input.harmonicToleranceM;
            bo.harmonics = input.harmonics;
            traceBackbone(chain, bo, progress, [&](const BackbonePoint& p) {
                r.backbone.push_back(p);
                notify();
            });
            r.harmonics = std::max(r.harmonics, r.backbone.empty() ? 0 : r.backbone.back().harmonics);
        }
        break;
    }
    case NonlinearAnalysis::FoldCurve: {
        // The S-curve at the given frequency supplies the starting fold.
        runBranch(ContinuationParameter::Force, 1e-3 * input.forceLimitN, input.forceLimitN);
        if (r.folds.empty())
            throw std::runtime_error("no fold on the force curve at " + formatValue(input.frequencyRadS) +
                                     " rad/s up to " + formatValue(input.forceLimitN) +
                                     " N: choose a frequency inside the bistable band");
        const FoldPoint& f = r.folds.front();
        FoldCurveOptions fo;
        fo.fromRadS = std::min(r.from, r.to);
        fo.toRadS = std::max(r.from, r.to);
        fo.forceLimitN = input.forceLimitN;
        fo.settings.maxPoints = input.maxPoints;
        r.foldCurve = traceFoldCurve(chain, f,
                                     Eigen::Map<const Eigen::VectorXd>(f.coefficients.data(), static_cast<Eigen::Index>(f.coefficients.size())),
                                     f.harmonics, fo, progress,
                                     [&](const FoldCurvePoint& p) {
                                         r.foldCurve.points.push_back(p);
                                         notify();
                                     });
        r.harmonics = std::max(r.harmonics, f.harmonics);
        break;
    }
    case NonlinearAnalysis::Sweep: {
        const auto p = byForceSweep ? ContinuationParameter::Force : ContinuationParameter::Frequency;
        auto [o, b] = runBranch(p, std::min(r.from, r.to), std::max(r.from, r.to));
        r.sweep = quasiStaticSweep(chain, o, b, input.sweepPoints, progress);
        if (input.sweepRate > 0.0)
            timeDomainSweep(chain, o, b, input.sweepRate, r.sweep, progress);
        r.warnings.insert(r.warnings.end(), r.sweep.warnings.begin(), r.sweep.warnings.end());
        break;
    }
    case NonlinearAnalysis::Cbc: {
        runBranch(ContinuationParameter::Force, std::min(r.from, r.to), std::max(r.from, r.to));
        r.modelFolds = r.folds;
        r.folds.clear();
        // Target range: from the lower-branch amplitude at `from` to the upper-branch amplitude
        // at `to`, kept below the largest first-harmonic amplitude the branch attains (beyond it
        // no open-loop orbit has that amplitude).
        double aMax = 0.0;
        for (const auto& p : r.branch)
            aMax = std::max(aMax, p.amplitudeM[0]);
        CbcOptions co;
        co.frequencyRadS = input.frequencyRadS;
        co.kp = input.kp;
        co.kd = input.kd;
        co.amplitudeFromM = r.branch.front().amplitudeM[0];
        co.amplitudeToM = std::min(r.branch.back().amplitudeM[0], 0.995 * aMax);
        if (r.branch.back().amplitudeM[0] > 0.995 * aMax)
            r.warnings.push_back("CBC stops at 99.5 % of the largest attainable amplitude (" +
                                 formatValue(aMax) + " m): beyond it no open-loop orbit exists");
        co.points = input.cbcPoints;
        co.toleranceN = input.cbcToleranceN;
        co.maxIterations = input.cbcMaxIterations;
        co.samplesPerPeriod = input.cbcSamplesPerPeriod;
        co.targetHarmonics = input.cbcHarmonics;
        co.modelHarmonics = std::max(r.harmonics, 3);
        // The model's S-curve gives the CBC step its scales: largest force and the curve's
        // length in (A/range, Φ/force scale) between the two target amplitudes.
        {
            double fMax = 0.0, length = 0.0;
            for (const auto& p : r.branch)
                fMax = std::max(fMax, p.forceN);
            const double aRange = std::max(co.amplitudeToM - co.amplitudeFromM, 1e-12);
            for (std::size_t i = 1; i < r.branch.size(); ++i) {
                if (r.branch[i].amplitudeM[0] > co.amplitudeToM)
                    break;
                const double da = (r.branch[i].amplitudeM[0] - r.branch[i - 1].amplitudeM[0]) / aRange;
                const double df = (r.branch[i].forceN - r.branch[i - 1].forceN) / std::max(fMax, 1e-9);
                length += std::hypot(da, df);
            }
            co.forceScaleN = fMax;
            co.curveLength = std::max(length, 1.0);
        }
        // Linear closed-loop stability at small amplitude: eigenvalues of the PD-augmented chain.
        {
            const Eigen::Index n = static_cast<Eigen::Index>(chain.dofs());
            Eigen::MatrixXd k = chain.stiffness(), c = chain.damping();
            k(chain.forceIndex(), chain.forceIndex()) += input.kp;
            c(chain.forceIndex(), chain.forceIndex()) += input.kd;
            Eigen::MatrixXd a = Eigen::MatrixXd::Zero(2 * n, 2 * n);
            a.topRightCorner(n, n).setIdentity();
            const Eigen::VectorXd minv = chain.masses().cwiseInverse();
            a.bottomLeftCorner(n, n) = -(minv.asDiagonal() * k);
            a.bottomRightCorner(n, n) = -(minv.asDiagonal() * c);
            const Eigen::VectorXcd ev = a.eigenvalues();
            if ((ev.real().array() >= 0.0).any())
                throw std::invalid_argument("kp, kd: the PD-controlled chain is not stable");
        }
        const CbcRun run = runCbcSimulation(chain, co, progress, [&](const CbcPoint& p) {
            r.cbc.push_back(p);
            notify();
        });
        r.cbc = run.points;
        r.folds = run.folds;
        r.cbcSimulatedSeconds = run.simulatedSeconds;
        r.warnings.insert(r.warnings.end(), run.warnings.begin(), run.warnings.end());
        break;
    }
    }

    if (input.legacy) {
        LegacyOptions lo;
        lo.sweepForceN = input.forceN;
        lo.cbcFrequencyRadS = input.frequencyRadS;
        lo.kp = -input.kp; // the prototype's sign convention
        lo.kd = -input.kd;
        r.legacy = runLegacy(chain, lo, progress);
        if (!reference.path.empty() && std::filesystem::exists(reference.path))
            r.legacyComparison = compareLegacy(*r.legacy, readLegacyDownload(reference.path));
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

Eigen::MatrixXd orbitTimeResponse(const model::Profile& profile, const BranchPoint& point,
                                  int samples)
{
    const CubicChain chain(profile);
    const HarmonicBalance hb(chain, point.harmonics);
    const Eigen::VectorXd q = branchCoefficients(point);
    const Eigen::Index n = hb.dofs();
    Eigen::MatrixXd out(1 + 2 * n, samples);
    const double period = 2.0 * std::numbers::pi / point.frequencyRadS;
    for (int k = 0; k < samples; ++k)
        out(0, k) = period * k / samples;
    out.middleRows(1, n) = hb.displacements(q, samples);
    out.bottomRows(n) = hb.velocities(q, point.frequencyRadS, samples);
    return out;
}

} // namespace dtop::nonlinear
