// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/branch_tracer.h"

#include "nonlinear/shooting.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace dtop::nonlinear {

const char* bifurcationTypeName(BifurcationType type)
{
    switch (type) {
    case BifurcationType::Fold: return "fold";
    case BifurcationType::PeriodDoubling: return "period-doubling";
    case BifurcationType::NeimarkSacker: return "neimark-sacker";
    case BifurcationType::SymmetryBreaking: return "symmetry-breaking";
    }
    return "fold";
}

HarmonicBalanceBranch::HarmonicBalanceBranch(const HarmonicBalance& hb,
                                             ContinuationParameter parameter, double fixedValue,
                                             double parameterScale, double coefficientScale)
    : m_hb(hb), m_parameter(parameter), m_fixed(fixedValue), m_parameterScale(parameterScale),
      m_coefficientScale(coefficientScale)
{
}

double HarmonicBalanceBranch::omega(const Eigen::VectorXd& y) const
{
    return m_parameter == ContinuationParameter::Frequency ? y(m_hb.size()) : m_fixed;
}

double HarmonicBalanceBranch::force(const Eigen::VectorXd& y) const
{
    return m_parameter == ContinuationParameter::Force ? y(m_hb.size()) : m_fixed;
}

void HarmonicBalanceBranch::residual(const Eigen::VectorXd& y, Eigen::VectorXd& r) const
{
    m_hb.residual(y.head(m_hb.size()), omega(y), force(y), r);
}

void HarmonicBalanceBranch::jacobian(const Eigen::VectorXd& y, Eigen::MatrixXd& jac) const
{
    const Eigen::Index m = m_hb.size();
    Eigen::MatrixXd jq;
    m_hb.jacobian(y.head(m), omega(y), jq);
    jac.resize(m, m + 1);
    jac.leftCols(m) = jq;
    jac.col(m) = m_parameter == ContinuationParameter::Force
                     ? m_hb.forceDerivative()
                     : m_hb.omegaDerivative(y.head(m), omega(y));
}

Eigen::VectorXd HarmonicBalanceBranch::scale() const
{
    Eigen::VectorXd s = Eigen::VectorXd::Constant(m_hb.size() + 1, m_coefficientScale);
    s(m_hb.size()) = m_parameterScale;
    return s;
}

std::vector<std::complex<double>> orbitMultipliers(const CubicChain& chain,
                                                   const HarmonicBalance& hb,
                                                   const Eigen::VectorXd& q, double omega,
                                                   double force)
{
    const Shooting shooting(chain, 1e-9, 1e-12);
    return shooting.multipliers(hb.initialState(q, omega), omega, force);
}

BranchPoint makeBranchPoint(const HarmonicBalance& hb, const Eigen::VectorXd& q, double omega,
                            double force, bool stability)
{
    BranchPoint p;
    p.forceN = force;
    p.frequencyRadS = omega;
    const Eigen::VectorXd a = hb.firstHarmonicAmplitudes(q);
    const Eigen::VectorXd pp = hb.peakToPeak(q);
    p.amplitudeM.assign(a.data(), a.data() + a.size());
    p.peakToPeakM.assign(pp.data(), pp.data() + pp.size());
    p.harmonics = hb.harmonics();
    p.coefficients.assign(q.data(), q.data() + q.size());
    if (stability) {
        p.multipliers = orbitMultipliers(hb.chain(), hb, q, omega, force);
        p.multipliersAbsMax = p.multipliers.empty() ? 0.0 : std::abs(p.multipliers.front());
        p.stable = p.multipliersAbsMax < 1.0;
    }
    return p;
}

Eigen::VectorXd branchCoefficients(const BranchPoint& point)
{
    return Eigen::Map<const Eigen::VectorXd>(point.coefficients.data(),
                                             static_cast<Eigen::Index>(point.coefficients.size()));
}

namespace {

int unstableCount(const BranchPoint& p)
{
    int n = 0;
    for (const auto& mu : p.multipliers)
        if (std::abs(mu) > 1.0)
            ++n;
    return n;
}

// The multiplier of `p` closest to the unit circle.
std::complex<double> criticalMultiplier(const BranchPoint& p)
{
    std::complex<double> best = 0.0;
    double gap = 1e300;
    for (const auto& mu : p.multipliers) {
        const double g = std::abs(std::abs(mu) - 1.0);
        if (g < gap) {
            gap = g;
            best = mu;
        }
    }
    return best;
}

struct Engine {
    std::unique_ptr<HarmonicBalance> hb;
    std::unique_ptr<HarmonicBalanceBranch> problem;
    std::unique_ptr<PseudoArclength> arc;

    void build(const CubicChain& chain, int harmonics, const BranchOptions& o, double pScale,
               double qScale)
    {
        arc.reset();
        problem.reset();
        hb = std::make_unique<HarmonicBalance>(chain, harmonics);
        problem = std::make_unique<HarmonicBalanceBranch>(*hb, o.parameter, o.fixedValue, pScale,
                                                          qScale);
        arc = std::make_unique<PseudoArclength>(*problem, o.settings);
    }
    Eigen::VectorXd parameterAxis() const
    {
        Eigen::VectorXd e = Eigen::VectorXd::Zero(problem->unknowns());
        e(hb->size()) = 1.0;
        return e;
    }
    // Newton at fixed parameter value from y (y's parameter entry is the value).
    bool solveAtParameter(Eigen::VectorXd& y) const
    {
        const Eigen::VectorXd anchor = y;
        return arc->correct(y, anchor, parameterAxis());
    }
};

} // namespace

TracedBranch traceBranch(const CubicChain& chain, const BranchOptions& o, Progress& progress,
                         const std::function<void(const BranchPoint&)>& onPoint)
{
    TracedBranch out;
    const bool automatic = o.harmonics <= 0;
    int harmonics = automatic ? o.startHarmonics : o.harmonics;
    const double dir = o.to >= o.from ? 1.0 : -1.0;
    const double range = std::abs(o.to - o.from);
    const bool byForce = o.parameter == ContinuationParameter::Force;
    const double omega0 = byForce ? o.fixedValue : o.from;
    const double force0 = byForce ? o.from : o.fixedValue;

    // Scales: the parameter range over four, and the largest linear response amplitude at the
    // range's ends, so that coefficients and parameter weigh alike in the arclength.
    double qScale = 0.0;
    {
        const HarmonicBalance lin(chain, 1);
        for (double end : {o.from, o.to}) {
            const Eigen::VectorXd q = byForce ? lin.linearSolution(o.fixedValue, end)
                                              : lin.linearSolution(end, o.fixedValue);
            qScale = std::max(qScale, lin.firstHarmonicAmplitudes(q).maxCoeff());
        }
        if (!byForce) {
            // A frequency curve climbs resonance peaks far above its end points: a tenth of the
            // largest linear response over the range keeps the step count near a few hundred.
            double peak = 0.0;
            for (int k = 0; k <= 400; ++k) {
                const double w = o.from + (o.to - o.from) * k / 400.0;
                peak = std::max(peak, lin.firstHarmonicAmplitudes(lin.linearSolution(w, o.fixedValue)).maxCoeff());
            }
            qScale = std::max(qScale, 0.1 * peak);
        }
        qScale = std::max(qScale, 1e-9);
    }
    const double pScale = std::max(range / 4.0, 1e-9);

    Engine engine;
    engine.build(chain, harmonics, o, pScale, qScale);
    const Eigen::Index lambda = engine.hb->size();

    auto parameterOf = [&](const Eigen::VectorXd& y) { return y(y.size() - 1); };
    auto omegaOf = [&](const Eigen::VectorXd& y) { return byForce ? o.fixedValue : parameterOf(y); };
    auto forceOf = [&](const Eigen::VectorXd& y) { return byForce ? parameterOf(y) : o.fixedValue; };

    // Starting orbit at `from`.
    Eigen::VectorXd y(engine.problem->unknowns());
    y.head(lambda) = engine.hb->linearSolution(omega0, force0);
    y(lambda) = o.from;
    bool started = engine.solveAtParameter(y);
    if (!started && byForce && o.from > 0.0) {
        // Far from linear: follow the branch up from a small force to `from`.
        BranchOptions pre = o;
        pre.from = o.from * 1e-3;
        pre.to = o.from;
        pre.stability = false;
        pre.harmonics = harmonics;
        const TracedBranch lead = traceBranch(chain, pre, progress);
        if (!lead.points.empty() && std::abs(lead.points.back().forceN - o.from) < 1e-9 * o.from) {
            y.head(lambda) = branchCoefficients(lead.points.back());
            started = engine.solveAtParameter(y);
        }
    }
    if (!started)
        throw std::runtime_error("no periodic orbit found at the start of the range (" +
                                 std::string(byForce ? "force " : "frequency ") +
                                 formatValue(o.from) + (byForce ? " N" : " rad/s") + ")");
    while (automatic && harmonics < o.maxHarmonics &&
           engine.hb->topHarmonicAmplitude(y.head(engine.hb->size())) > o.harmonicTolerance) {
        const Eigen::VectorXd q = engine.hb->resized(y.head(engine.hb->size()), harmonics + 2);
        harmonics += 2;
        engine.build(chain, harmonics, o, pScale, qScale);
        Eigen::VectorXd y2(engine.problem->unknowns());
        y2.head(engine.hb->size()) = q;
        y2(engine.hb->size()) = o.from;
        if (!engine.solveAtParameter(y2))
            throw std::runtime_error("harmonic balance did not converge at the start of the range");
        y = y2;
    }

    Eigen::VectorXd t = engine.arc->tangent(y, Eigen::VectorXd(), engine.hb->size());
    if (dir < 0)
        t = -t;

    std::vector<PseudoArclength::Point> cont; // continuation points, parallel to out.points
    double reached = 0.0;
    bool needMore = false;
    auto accept = [&](const PseudoArclength::Point& p, bool isStart) {
        const Eigen::Index m = engine.hb->size();
        BranchPoint bp = makeBranchPoint(*engine.hb, p.y.head(m), omegaOf(p.y), forceOf(p.y),
                                         o.stability);
        if (!isStart && !cont.empty()) {
            const PseudoArclength::Point& prev = cont.back();
            const std::size_t after = out.points.size() - 1;
            bool fold = false;
            if (prev.t.size() == p.t.size() && (prev.t(m) > 0.0) != (p.t(m) > 0.0)) {
                const PseudoArclength::Point f =
                    engine.arc->locateTurningPoint(prev, p, m, o.foldArcTolerance);
                const Eigen::VectorXd amp = engine.hb->firstHarmonicAmplitudes(f.y.head(m));
                FoldPoint fp;
                fp.forceN = forceOf(f.y);
                fp.frequencyRadS = omegaOf(f.y);
                fp.amplitudeM = amp(0);
                fp.amplitudesM.assign(amp.data(), amp.data() + amp.size());
                fp.afterPoint = after;
                fp.harmonics = engine.hb->harmonics();
                fp.coefficients.assign(f.y.data(), f.y.data() + m);
                out.folds.push_back(fp);
                fold = true;
                if (o.stability)
                    out.bifurcations.push_back({BifurcationType::Fold, fp.forceN,
                                                fp.frequencyRadS, fp.amplitudeM, after,
                                                unstableCount(bp) < unstableCount(out.points.back())});
            }
            if (o.stability && !fold) {
                const BranchPoint& before = out.points.back();
                if (unstableCount(before) != unstableCount(bp)) {
                    const bool gainsStability = unstableCount(bp) < unstableCount(before);
                    const std::complex<double> mu =
                        criticalMultiplier(gainsStability ? before : bp);
                    BifurcationType type = BifurcationType::SymmetryBreaking;
                    if (std::abs(mu.imag()) > 1e-6 * std::abs(mu))
                        type = BifurcationType::NeimarkSacker;
                    else if (mu.real() < 0.0)
                        type = BifurcationType::PeriodDoubling;
                    // Linear interpolation in the modulus of the critical multiplier.
                    const double ga = std::abs(criticalMultiplier(before)) - 1.0;
                    const double gb = std::abs(criticalMultiplier(bp)) - 1.0;
                    const double w = (ga != gb) ? std::clamp(ga / (ga - gb), 0.0, 1.0) : 0.5;
                    out.bifurcations.push_back(
                        {type, before.forceN + w * (bp.forceN - before.forceN),
                         before.frequencyRadS + w * (bp.frequencyRadS - before.frequencyRadS),
                         before.amplitudeM[0] + w * (bp.amplitudeM[0] - before.amplitudeM[0]),
                         after, gainsStability});
                }
            }
        }
        cont.push_back(p);
        out.points.push_back(std::move(bp));
        reached = std::max(reached, std::clamp(dir * (parameterOf(p.y) - o.from) / std::max(range, 1e-300), 0.0, 1.0));
        if (onPoint)
            onPoint(out.points.back());
        progress.report(reached, "continuation");
    };

    accept({y, t}, true);
    while (true) {
        needMore = false;
        auto stop = [&](const PseudoArclength::Point& p) {
            const double lam = parameterOf(p.y);
            if (dir * (lam - o.to) >= 0.0 || dir * (lam - o.from) < -1e-9 * std::max(range, 1.0))
                return true;
            const Eigen::Index m = engine.hb->size();
            if (engine.hb->firstHarmonicAmplitudes(p.y.head(m)).maxCoeff() > o.maxAmplitudeM)
                return true;
            if (automatic && harmonics < o.maxHarmonics &&
                engine.hb->topHarmonicAmplitude(p.y.head(m)) > o.harmonicTolerance) {
                needMore = true;
                return true;
            }
            return false;
        };
        const auto run = engine.arc->run(cont.back().y, cont.back().t, stop,
                                         [&](const PseudoArclength::Point& p) { accept(p, false); });
        const std::string reason = engine.arc->lastStopReason();
        if (needMore) {
            // Grow the harmonic count at the last point and carry on from there.
            const PseudoArclength::Point last = cont.back();
            const Eigen::Index mOld = engine.hb->size();
            const Eigen::VectorXd q = engine.hb->resized(last.y.head(mOld), harmonics + 2);
            Eigen::VectorXd tOld = engine.hb->resized(last.t.head(mOld), harmonics + 2);
            harmonics += 2;
            engine.build(chain, harmonics, o, pScale, qScale);
            const Eigen::Index m = engine.hb->size();
            Eigen::VectorXd y2(m + 1), t2(m + 1);
            y2.head(m) = q;
            y2(m) = parameterOf(last.y);
            t2.head(m) = tOld;
            t2(m) = last.t(mOld);
            t2.normalize();
            const Eigen::VectorXd anchor = y2;
            if (!engine.arc->correct(y2, anchor, t2)) {
                out.stopReason = "harmonic balance did not converge after adding harmonics";
                break;
            }
            const Eigen::VectorXd tn = engine.arc->tangent(y2, t2);
            cont.back() = {y2, tn};
            out.points.back() = makeBranchPoint(*engine.hb, y2.head(m), omegaOf(y2), forceOf(y2),
                                                o.stability);
            continue;
        }
        if (reason == "stop" && dir * (parameterOf(cont.back().y) - o.to) > 0.0 &&
            cont.size() >= 2) {
            // Land the last point exactly on `to`.
            const auto& a = cont[cont.size() - 2];
            const auto& b = cont.back();
            const double la = parameterOf(a.y), lb = parameterOf(b.y);
            const double w = (o.to - la) / (lb - la);
            Eigen::VectorXd ye = a.y + w * (b.y - a.y);
            ye(ye.size() - 1) = o.to;
            if (a.y.size() == b.y.size() && engine.solveAtParameter(ye)) {
                const Eigen::Index m = engine.hb->size();
                cont.back() = {ye, engine.arc->tangent(ye, b.t)};
                out.points.back() =
                    makeBranchPoint(*engine.hb, ye.head(m), omegaOf(ye), forceOf(ye), o.stability);
            }
            out.stopReason = "end of range";
        } else if (reason == "stop") {
            out.stopReason = dir * (parameterOf(cont.back().y) - o.from) < 0.0
                                 ? "branch left the range at its start"
                                 : "amplitude limit";
        } else {
            out.stopReason = reason;
        }
        (void)run;
        break;
    }
    out.harmonics = harmonics;
    return out;
}

} // namespace dtop::nonlinear
