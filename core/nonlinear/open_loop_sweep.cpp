// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/open_loop_sweep.h"

#include "nonlinear/harmonic_balance.h"

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace dtop::nonlinear {

namespace odeint = boost::numeric::odeint;
using State = std::vector<double>;

namespace {

double paramOf(const BranchPoint& p, ContinuationParameter c)
{
    return c == ContinuationParameter::Force ? p.forceN : p.frequencyRadS;
}

// A maximal run of stable points [first, last] of the branch.
struct Segment {
    std::size_t first, last;
    double lo, hi; // parameter range covered
};

std::vector<Segment> stableSegments(const TracedBranch& b, ContinuationParameter c)
{
    std::vector<Segment> out;
    for (std::size_t i = 0; i < b.points.size();) {
        if (!b.points[i].stable) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < b.points.size() && b.points[j + 1].stable)
            ++j;
        Segment s{i, j, 1e300, -1e300};
        for (std::size_t k = i; k <= j; ++k) {
            s.lo = std::min(s.lo, paramOf(b.points[k], c));
            s.hi = std::max(s.hi, paramOf(b.points[k], c));
        }
        out.push_back(s);
        i = j + 1;
    }
    return out;
}

} // namespace

OpenLoopSweep quasiStaticSweep(const CubicChain& chain, const BranchOptions& o,
                               const TracedBranch& branch, std::size_t points, Progress& progress)
{
    OpenLoopSweep sweep;
    sweep.parameter = o.parameter;
    const auto c = o.parameter;
    const auto segments = stableSegments(branch, c);
    if (segments.empty() || points < 2)
        return sweep;
    const int harmonics = branch.harmonics;
    const HarmonicBalance hb(chain, harmonics);
    const bool byForce = c == ContinuationParameter::Force;
    const double lo = std::min(o.from, o.to), hi = std::max(o.from, o.to);

    // The orbit of segment s at parameter value v: Newton from the interpolated branch points.
    auto orbitAt = [&](const Segment& s, double v, std::vector<double>& amp) {
        std::size_t k = s.first;
        double best = 1e300;
        for (std::size_t i = s.first; i <= s.last; ++i) {
            const double d = std::abs(paramOf(branch.points[i], c) - v);
            if (d < best) {
                best = d;
                k = i;
            }
        }
        // The layout is harmonic-major: other harmonic counts are zero-padded or truncated.
        const Eigen::VectorXd src = branchCoefficients(branch.points[k]);
        Eigen::VectorXd q = Eigen::VectorXd::Zero(hb.size());
        const Eigen::Index common = std::min(src.size(), q.size());
        q.head(common) = src.head(common);
        const double omega = byForce ? o.fixedValue : v;
        const double force = byForce ? v : o.fixedValue;
        Eigen::VectorXd r;
        Eigen::MatrixXd jac;
        for (int it = 0; it < 30; ++it) {
            hb.residual(q, omega, force, r);
            hb.jacobian(q, omega, jac);
            const Eigen::VectorXd step = jac.partialPivLu().solve(r);
            q -= step;
            if (step.norm() < 1e-12 * (1.0 + q.norm()))
                break;
        }
        const Eigen::VectorXd a = hb.firstHarmonicAmplitudes(q);
        amp.assign(a.data(), a.data() + a.size());
    };
    auto covering = [&](double v, std::size_t exclude) {
        std::vector<std::size_t> out;
        for (std::size_t s = 0; s < segments.size(); ++s)
            if (s != exclude && v >= segments[s].lo - 1e-12 && v <= segments[s].hi + 1e-12)
                out.push_back(s);
        return out;
    };
    auto foldEnding = [&](const Segment& s, bool up, double& value) {
        // The fold just after the segment's last point (or before its first), if any.
        for (const auto& f : branch.folds) {
            if (f.afterPoint == s.last || f.afterPoint + 1 == s.first) {
                const double v = byForce ? f.forceN : f.frequencyRadS;
                if ((up && v >= s.hi - 1e-9) || (!up && v <= s.lo + 1e-9)) {
                    value = v;
                    return true;
                }
            }
        }
        return false;
    };

    for (int pass = 0; pass < 2; ++pass) {
        const bool up = pass == 0;
        auto& out = up ? sweep.up : sweep.down;
        const double start = up ? lo : hi;
        auto cands = covering(start, segments.size());
        if (cands.empty())
            continue;
        // Start on the segment with the lowest (up) or last reached (down) response: the one
        // the sweep arrives on from rest is the small-amplitude one.
        std::size_t cur = cands.front();
        if (!up && !sweep.up.empty()) {
            double bestD = 1e300;
            for (auto s : cands) {
                std::vector<double> a;
                orbitAt(segments[s], start, a);
                const double d = std::abs(a[0] - sweep.up.back().amplitudeM[0]);
                if (d < bestD) {
                    bestD = d;
                    cur = s;
                }
            }
        }
        for (std::size_t g = 0; g < points; ++g) {
            progress.report((pass + static_cast<double>(g) / points) / 2.0, "quasi-static sweep");
            const double v = up ? lo + (hi - lo) * g / (points - 1) : hi - (hi - lo) * g / (points - 1);
            const Segment& seg = segments[cur];
            const bool beyond = up ? v > seg.hi + 1e-12 : v < seg.lo - 1e-12;
            if (beyond) {
                double fv = up ? seg.hi : seg.lo;
                std::vector<double> before, after;
                orbitAt(seg, up ? seg.hi : seg.lo, before);
                if (foldEnding(seg, up, fv)) {
                    for (const auto& f : branch.folds)
                        if ((byForce ? f.forceN : f.frequencyRadS) == fv)
                            before = f.amplitudesM; // the orbit at the fold itself
                }
                auto next = covering(fv, cur);
                if (next.empty())
                    next = covering(v, cur);
                if (next.empty()) {
                    sweep.warnings.push_back("no stable periodic orbit after the end of a stable "
                                             "segment at " + std::to_string(fv));
                    break;
                }
                // Of several candidates, the one farthest in amplitude is where the jump lands
                // (the nearer one would be the segment just left, via a fold of the other side).
                std::size_t land = next.front();
                orbitAt(segments[land], fv, after);
                out.push_back({fv, before});
                out.push_back({fv, after});
                sweep.jumps.push_back({up, fv, before[0], after[0]});
                cur = land;
            }
            std::vector<double> amp;
            orbitAt(segments[cur], v, amp);
            out.push_back({v, amp});
        }
    }
    return sweep;
}

void timeDomainSweep(const CubicChain& chain, const BranchOptions& o, const TracedBranch& branch,
                     double rate, OpenLoopSweep& sweep, Progress& progress)
{
    sweep.rate = rate;
    if (rate <= 0.0 || branch.points.empty())
        return;
    const bool byForce = o.parameter == ContinuationParameter::Force;
    const double lo = std::min(o.from, o.to), hi = std::max(o.from, o.to);
    const Eigen::VectorXd wn = chain.naturalFrequencies();
    const Eigen::VectorXd zeta = chain.dampingRatios();
    // The slowest decay among the modes the sweep passes (all modes for a force sweep).
    double slowest = 1e300, limit = 1e300;
    for (Eigen::Index r = 0; r < wn.size(); ++r) {
        const double decay = zeta(r) * wn(r);
        if (!byForce && (wn(r) < lo || wn(r) > hi))
            continue;
        slowest = std::min(slowest, decay);
        limit = std::min(limit, 216.0 / 60.0 * 2.0 * std::numbers::pi *
                                    std::pow(wn(r) / (2.0 * std::numbers::pi) * zeta(r), 2.0));
    }
    if (slowest == 1e300) {
        for (Eigen::Index r = 0; r < wn.size(); ++r)
            slowest = std::min(slowest, zeta(r) * wn(r));
        limit = 1e300;
    }
    if (byForce)
        limit = 0.01 * (hi - lo) * slowest; // lag rate·τ of 1 % of the range
    sweep.rateLimit = limit;
    if (rate > limit)
        sweep.warnings.push_back(
            "sweep rate " + std::to_string(rate) + (byForce ? " N/s" : " rad/s²") +
            " exceeds " + std::to_string(limit) +
            ": the response lags the steady state, so jumps appear late (the slowest mode decays "
            "with a time constant of " + std::to_string(1.0 / slowest) + " s)");
    const double duration = (hi - lo) / rate;
    if (duration > 1e6)
        throw std::invalid_argument("time-domain sweep: rate too slow (more than 1e6 s)");

    // Start on the steady orbit at the lower end (the branch's first point).
    const BranchPoint& first = branch.points.front();
    const HarmonicBalance hb(chain, first.harmonics);
    const Eigen::VectorXd z0 = hb.initialState(branchCoefficients(first), first.frequencyRadS);
    State z(z0.data(), z0.data() + z0.size());
    const std::size_t n = chain.dofs();
    for (int pass = 0; pass < 2; ++pass) {
        const bool up = pass == 0;
        const double p0 = up ? lo : hi;
        const double sgn = up ? 1.0 : -1.0;
        // Phase θ(t) = ∫ω dt; the parameter is linear in t.
        auto param = [&](double t) { return p0 + sgn * rate * t; };
        auto rhs = [&](const State& s, State& d, double t) {
            // State carries θ as its last entry.
            const double w = byForce ? o.fixedValue : param(t);
            const double f = byForce ? param(t) : o.fixedValue;
            chain.derivative(s.data(), f * std::cos(s[2 * n]), d.data());
            d[2 * n] = w;
        };
        State s = z;
        s.resize(2 * n + 1);
        s[2 * n] = 0.0;
        auto stepper = odeint::make_dense_output(1e-10, 1e-8, odeint::runge_kutta_dopri5<State>());
        const double w0 = byForce ? o.fixedValue : p0;
        stepper.initialize(s, 0.0, 0.01 * 2.0 * std::numbers::pi / w0);
        auto& out = up ? sweep.timeUp : sweep.timeDown;
        std::vector<double> lo2(n, 1e300), hi2(n, -1e300);
        double cycle = 1.0;
        std::size_t steps = 0;
        while (stepper.current_time() < duration) {
            stepper.do_step(rhs);
            const State& cs = stepper.current_state();
            for (std::size_t i = 0; i < n; ++i) {
                lo2[i] = std::min(lo2[i], cs[i]);
                hi2[i] = std::max(hi2[i], cs[i]);
            }
            if (cs[2 * n] >= 2.0 * std::numbers::pi * cycle) {
                SweepSample smp;
                smp.parameter = param(stepper.current_time());
                for (std::size_t i = 0; i < n; ++i)
                    smp.amplitudeM.push_back(0.5 * (hi2[i] - lo2[i]));
                out.push_back(smp);
                std::fill(lo2.begin(), lo2.end(), 1e300);
                std::fill(hi2.begin(), hi2.end(), -1e300);
                cycle += 1.0;
            }
            if (++steps % 2048 == 0)
                progress.report((pass + stepper.current_time() / duration) / 2.0, "time-domain sweep");
        }
        z.assign(stepper.current_state().begin(), stepper.current_state().begin() + static_cast<std::ptrdiff_t>(2 * n));
    }
}

} // namespace dtop::nonlinear
