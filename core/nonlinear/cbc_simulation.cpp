// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/cbc_simulation.h"

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

namespace dtop::nonlinear {

namespace odeint = boost::numeric::odeint;
using State = std::vector<double>;

Eigen::VectorXd phaseAligned(const HarmonicBalance& hb, const Eigen::VectorXd& q, int floor)
{
    // x(τ + δ) with δ = atan2(b, a) of the floor's first harmonic: harmonic h turns by hδ.
    const double delta = std::atan2(q(hb.index(0, true, floor)), q(hb.index(0, false, floor)));
    Eigen::VectorXd out = q;
    for (int j = 0; j < hb.harmonics(); ++j) {
        const double c = std::cos(HarmonicBalance::order(j) * delta);
        const double s = std::sin(HarmonicBalance::order(j) * delta);
        for (Eigen::Index i = 0; i < hb.dofs(); ++i) {
            const double a = q(hb.index(j, false, i)), b = q(hb.index(j, true, i));
            out(hb.index(j, false, i)) = a * c + b * s;
            out(hb.index(j, true, i)) = b * c - a * s;
        }
    }
    return out;
}

bool solveAtAmplitude(const HarmonicBalance& hb, double omega, double amplitude,
                      Eigen::VectorXd& q, double& forceCos, double& forceSin)
{
    const Eigen::Index m = hb.size();
    const int f = hb.chain().forceIndex();
    const Eigen::Index ia = hb.index(0, false, f), ib = hb.index(0, true, f);
    Eigen::VectorXd r;
    Eigen::MatrixXd jq;
    Eigen::MatrixXd a(m + 2, m + 2);
    Eigen::VectorXd rhs(m + 2);
    for (int it = 0; it < 30; ++it) {
        hb.residual(q, omega, forceCos, r);
        r(ib) -= forceSin;
        hb.jacobian(q, omega, jq);
        a.setZero();
        a.topLeftCorner(m, m) = jq;
        a(ia, m) = -1.0;
        a(ib, m + 1) = -1.0;
        a(m, ia) = 1.0;
        a(m + 1, ib) = 1.0;
        rhs.head(m) = r;
        rhs(m) = q(ia) - amplitude;
        rhs(m + 1) = q(ib);
        const Eigen::VectorXd step = a.partialPivLu().solve(rhs);
        if (!step.allFinite())
            return false;
        q -= step.head(m);
        forceCos -= step(m);
        forceSin -= step(m + 1);
        if (step.norm() < 1e-12 * (1.0 + q.norm() + std::hypot(forceCos, forceSin)))
            return true;
    }
    return false;
}

namespace {

// The closed loop: chain + PD controller on the force floor + harmonic excitation.
struct ClosedLoop {
    const CubicChain& chain;
    double omega, kp, kd;
    double ac = 0.0, as = 0.0;     // excitation cos/sin amplitudes [N]
    Eigen::VectorXd tc, ts;        // target cos/sin coefficients, index = harmonic (0: mean)
    int f;

    double control(const double* z, double t) const
    {
        const double wt = omega * t;
        const std::complex<double> step = std::polar(1.0, wt);
        std::complex<double> e = 1.0;
        double target = tc(0), rate = 0.0;
        for (Eigen::Index h = 1; h < tc.size(); ++h) {
            e *= step;
            target += tc(h) * e.real() + ts(h) * e.imag();
            rate += h * omega * (ts(h) * e.real() - tc(h) * e.imag());
        }
        const auto n = static_cast<std::ptrdiff_t>(chain.dofs());
        return kp * (target - z[f]) + kd * (rate - z[n + f]);
    }
    void rhs(const State& z, State& dz, double t) const
    {
        const double p = ac * std::cos(omega * t) + as * std::sin(omega * t) + control(z.data(), t);
        chain.derivative(z.data(), p, dz.data());
    }
};

// One period's exact DFT: rows = floors then the control force, columns = harmonic (0..H),
// separate cos and sin tables; and the control force's mean square and Nyquist component, so
// that its harmonics above H count in the invasive force too (Parseval).
struct PeriodSpectrum {
    Eigen::MatrixXd c, s;
    double controlMeanSquare = 0.0;
    double controlNyquist = 0.0; // (1/N) Σ u_k (−1)^k for an even N, else 0
};

// Every harmonic of the control force except the first, as the root sum of squares of the
// amplitudes (cos, sin) of harmonics 0 and 2 … N/2 of one period's N samples (Parseval:
// mean square = c₀² + ½ Σ (c_h² + s_h²) + c_{N/2}²).
double invasiveControl(const PeriodSpectrum& sp)
{
    const Eigen::Index u = sp.c.rows() - 1;
    const double first = sp.c(u, 1) * sp.c(u, 1) + sp.s(u, 1) * sp.s(u, 1);
    const double square = 2.0 * sp.controlMeanSquare - sp.c(u, 0) * sp.c(u, 0) -
                          sp.controlNyquist * sp.controlNyquist - first;
    return std::sqrt(std::max(square, 0.0));
}

PeriodSpectrum simulatePeriod(const ClosedLoop& loop, State& z, int samples, int harmonics)
{
    const auto n = static_cast<Eigen::Index>(loop.chain.dofs());
    const double period = 2.0 * std::numbers::pi / loop.omega;
    auto stepper = odeint::make_dense_output(1e-11, 1e-9, odeint::runge_kutta_dopri5<State>());
    auto rhs = [&loop](const State& x, State& dx, double t) { loop.rhs(x, dx, t); };
    stepper.initialize(z, 0.0, period / 64.0);
    Eigen::MatrixXd values(n + 1, samples);
    State zs(z.size());
    for (int k = 0; k < samples; ++k) {
        const double t = period * k / samples;
        while (stepper.current_time() < t)
            stepper.do_step(rhs);
        if (k == 0)
            zs = z;
        else
            stepper.calc_state(t, zs);
        for (Eigen::Index i = 0; i < n; ++i)
            values(i, k) = zs[static_cast<std::size_t>(i)];
        values(n, k) = loop.control(zs.data(), t);
    }
    while (stepper.current_time() < period)
        stepper.do_step(rhs);
    stepper.calc_state(period, z);
    for (double v : z)
        if (!std::isfinite(v))
            throw std::runtime_error("CBC: the closed-loop response is no longer finite");
    // Rectangle rule over exactly one period: exact for every harmonic below samples/2.
    PeriodSpectrum sp{Eigen::MatrixXd::Zero(n + 1, harmonics + 1),
                      Eigen::MatrixXd::Zero(n + 1, harmonics + 1)};
    for (int k = 0; k < samples; ++k) {
        const double tau = 2.0 * std::numbers::pi * k / samples;
        for (int h = 0; h <= harmonics; ++h) {
            const double w = h == 0 ? 1.0 / samples : 2.0 / samples;
            sp.c.col(h) += w * std::cos(h * tau) * values.col(k);
            sp.s.col(h) += w * std::sin(h * tau) * values.col(k);
        }
        sp.controlMeanSquare += values(n, k) * values(n, k) / samples;
        if (samples % 2 == 0)
            sp.controlNyquist += (k % 2 == 0 ? 1.0 : -1.0) * values(n, k) / samples;
    }
    return sp;
}

struct PointState {
    State z;
    double ac, as;
    Eigen::VectorXd tc, ts;
};

} // namespace

CbcRun runCbcSimulation(const CubicChain& chain, const CbcOptions& o, Progress& progress,
                        const std::function<void(const CbcPoint&)>& onPoint)
{
    const auto n = static_cast<Eigen::Index>(chain.dofs());
    const int hMax = o.targetHarmonics;
    if (2 * hMax >= o.samplesPerPeriod)
        throw std::invalid_argument("CBC: samples per period must exceed twice the harmonics");
    ClosedLoop loop{chain, o.frequencyRadS, o.kp, o.kd, 0.0, 0.0,
                    Eigen::VectorXd::Zero(hMax + 1), Eigen::VectorXd::Zero(hMax + 1),
                    chain.forceIndex()};
    State z(static_cast<std::size_t>(2 * n), 0.0);
    const double period = 2.0 * std::numbers::pi / o.frequencyRadS;
    CbcRun run;
    std::vector<PointState> states;

    // The fixed-point unknowns: target harmonics 0 and 2..H (cos, sin) and the excitation
    // divided by kp (metres, like the rest). g(x) = the settled response's harmonics and the
    // excitation plus the control's fundamental; CBC is non-invasive at x = g(x).
    const Eigen::Index dim = 2 * hMax + 1;
    auto pack = [&]() {
        Eigen::VectorXd x(dim);
        Eigen::Index k = 0;
        x(k++) = loop.tc(0);
        for (int h = 2; h <= hMax; ++h) {
            x(k++) = loop.tc(h);
            x(k++) = loop.ts(h);
        }
        x(k++) = loop.ac / o.kp;
        x(k++) = loop.as / o.kp;
        return x;
    };
    auto unpack = [&](const Eigen::VectorXd& x) {
        Eigen::Index k = 0;
        loop.tc(0) = x(k++);
        for (int h = 2; h <= hMax; ++h) {
            loop.tc(h) = x(k++);
            loop.ts(h) = x(k++);
        }
        loop.ac = o.kp * x(k++);
        loop.as = o.kp * x(k++);
    };
    // One evaluation of the fixed-point map at the current unknowns: settle the closed loop
    // (period by period until the exact DFT of one period stops changing), then g(x) = the
    // settled response's harmonics and the excitation plus the control's fundamental.
    struct Evaluation {
        PeriodSpectrum sp;
        bool settled = false;
        double settleTolerance = 0.0;
        Eigen::VectorXd g;
    };
    auto evaluate = [&](double settleTolerance, CbcPoint& point) {
        Evaluation e;
        e.settleTolerance = settleTolerance;
        PeriodSpectrum prev;
        for (int p = 0; p < o.maxSettlePeriods; ++p) {
            progress.checkCancelled();
            e.sp = simulatePeriod(loop, z, o.samplesPerPeriod, hMax);
            ++point.periods;
            ++run.simulatedPeriods;
            if (p > 0) {
                const auto& c = e.sp.c;
                const auto& sn = e.sp.s;
                const double change =
                    std::sqrt((c.topRows(n) - prev.c.topRows(n)).squaredNorm() +
                              (sn.topRows(n) - prev.s.topRows(n)).squaredNorm());
                const double size =
                    std::sqrt(c.topRows(n).squaredNorm() + sn.topRows(n).squaredNorm());
                if (change <= settleTolerance * (size + 1e-9)) {
                    e.settled = true;
                    break;
                }
            }
            prev = e.sp;
        }
        e.g.resize(dim);
        Eigen::Index k = 0;
        const int f = chain.forceIndex();
        e.g(k++) = e.sp.c(f, 0);
        for (int h = 2; h <= hMax; ++h) {
            e.g(k++) = e.sp.c(f, h);
            e.g(k++) = e.sp.s(f, h);
        }
        e.g(k++) = (loop.ac + e.sp.c(n, 1)) / o.kp;
        e.g(k++) = (loop.as + e.sp.s(n, 1)) / o.kp;
        return e;
    };
    auto summarise = [&](const Evaluation& e, CbcPoint& point) {
        const PeriodSpectrum& sp = e.sp;
        point.residualControlN = invasiveControl(sp);
        point.fundamentalControlN = std::hypot(sp.c(n, 1), sp.s(n, 1));
        point.forceN = std::hypot(loop.ac + sp.c(n, 1), loop.as + sp.s(n, 1));
        point.amplitudeM.resize(static_cast<std::size_t>(n));
        for (Eigen::Index i = 0; i < n; ++i)
            point.amplitudeM[static_cast<std::size_t>(i)] = std::hypot(sp.c(i, 1), sp.s(i, 1));
        point.converged = e.settled && point.residualControlN <= o.toleranceN &&
                          e.settleTolerance == o.settleTolerance;
    };
    // Jacobian of F(x) = g(x) − x, kept from point to point: estimated by finite differences
    // (one settled evaluation per unknown) when missing or when Broyden's updates stall, and
    // updated by Broyden's rank-one formula after every step (Renson et al., JSV 367 (2016)).
    Eigen::MatrixXd jacobian;
    bool haveJacobian = false;
    auto estimateJacobian = [&](const Eigen::VectorXd& x, const Evaluation& base, CbcPoint& point) {
        constexpr double delta = 1e-4; // metres: far above the settling noise, small for the orbit
        jacobian.resize(dim, dim);
        for (Eigen::Index k = 0; k < dim; ++k) {
            Eigen::VectorXd xp = x;
            xp(k) += delta;
            unpack(xp);
            const Evaluation e = evaluate(10.0 * o.settleTolerance, point);
            jacobian.col(k) = ((e.g - xp) - (base.g - x)) / delta;
        }
        unpack(x);
        haveJacobian = true;
    };
    auto measure = [&](double amplitude, CbcPoint& point) {
        loop.tc(1) = amplitude;
        loop.ts(1) = 0.0;
        point.targetAmplitudeM = amplitude;
        // Inexact Newton: far from convergence a looser settling is enough.
        auto settleFor = [&](double residual) {
            return residual > 20.0 * o.toleranceN ? 100.0 * o.settleTolerance : o.settleTolerance;
        };
        Eigen::VectorXd x = pack();
        Evaluation e = evaluate(settleFor(1e300), point);
        int stalls = 0;
        bool refreshed = false;
        for (int iter = 0;; ++iter) {
            summarise(e, point);
            if (point.converged || iter >= o.maxIterations)
                break;
            const double residual = point.residualControlN;
            if (e.settleTolerance != settleFor(residual)) {
                // Close to convergence: measure again with the tight settling before stepping.
                e = evaluate(settleFor(residual), point);
                ++point.iterations;
                continue;
            }
            const Eigen::VectorXd fx = e.g - x;
            if (!haveJacobian)
                estimateJacobian(x, e, point);
            Eigen::VectorXd dx = jacobian.partialPivLu().solve(-fx);
            if (!dx.allFinite())
                dx = fx; // a singular estimate: one plain fixed-point step
            const Eigen::VectorXd next = x + dx;
            unpack(next);
            Evaluation en = evaluate(settleFor(residual), point);
            ++point.iterations;
            const Eigen::VectorXd df = (en.g - next) - fx;
            jacobian += (df - jacobian * dx) * dx.transpose() / std::max(dx.squaredNorm(), 1e-300);
            x = next;
            e = std::move(en);
            summarise(e, point);
            // A step that does not reduce the invasive force much: the Jacobian is stale.
            // One fresh estimate per point at most: a point that stalls again is flagged.
            stalls = point.residualControlN > 0.5 * residual ? stalls + 1 : 0;
            if (stalls >= 2 && !refreshed) {
                haveJacobian = false;
                refreshed = true;
                stalls = 0;
            }
        }
    };

    const double aFrom = o.amplitudeFromM, aTo = o.amplitudeToM;
    const double aRange = std::abs(aTo - aFrom);
    const double length = o.curveLength > 0.0 ? o.curveLength : 2.5;
    const double baseStep = aRange / std::max<double>(1.0, static_cast<double>(o.points) - 1.0);
    double amplitude = aFrom;
    double forceScale = o.forceScaleN;
    std::vector<Eigen::VectorXd> history; // fixed-point vectors of the accepted points
    while (true) {
        // Secant predictor of the fixed-point unknowns from the last two points.
        if (history.size() >= 2 && run.points.size() >= 2) {
            const double a0 = run.points[run.points.size() - 2].targetAmplitudeM;
            const double a1 = run.points.back().targetAmplitudeM;
            const double w = (amplitude - a1) / std::max(a1 - a0, 1e-300);
            unpack(history.back() + w * (history.back() - history[history.size() - 2]));
        }
        CbcPoint point;
        measure(amplitude, point);
        states.push_back({z, loop.ac, loop.as, loop.tc, loop.ts});
        history.push_back(pack());
        forceScale = std::max(forceScale, point.forceN);
        run.points.push_back(point);
        if (onPoint)
            onPoint(run.points.back());
        progress.report(std::clamp((amplitude - aFrom) / std::max(aRange, 1e-300), 0.0, 1.0), "CBC");
        if (amplitude >= aTo)
            break;
        // Equal steps along the curve in (A/range, Φ/force scale): shorter in A where Φ(A) is
        // steep, about `points` of them over the curve's length.
        double step = length * baseStep;
        if (run.points.size() >= 2) {
            const auto& a = run.points[run.points.size() - 2];
            const auto& b = run.points.back();
            const double slope = (b.forceN - a.forceN) / std::max(b.targetAmplitudeM - a.targetAmplitudeM, 1e-300);
            const double normalised = slope * aRange / std::max(forceScale, 1e-9);
            step = std::clamp(length * baseStep / std::sqrt(1.0 + normalised * normalised),
                              baseStep / 20.0, length * baseStep);
        }
        amplitude = std::min(aTo, amplitude + step);
    }

    // Folds: extrema of Φ along the branch, refined by one extra point at the parabola's vertex.
    auto vertex = [](double x0, double y0, double x1, double y1, double x2, double y2,
                     double& xv, double& yv) {
        const double d = (x0 - x1) * (x0 - x2) * (x1 - x2);
        const double a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / d;
        const double b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / d;
        const double c = (x1 * x2 * (x1 - x2) * y0 + x2 * x0 * (x2 - x0) * y1 + x0 * x1 * (x0 - x1) * y2) / d;
        if (a == 0.0)
            return false;
        xv = -b / (2.0 * a);
        yv = c - b * b / (4.0 * a);
        return true;
    };
    for (std::size_t i = 1; i + 1 < run.points.size(); ++i) {
        const auto& p0 = run.points[i - 1];
        const auto& p1 = run.points[i];
        const auto& p2 = run.points[i + 1];
        if ((p1.forceN - p0.forceN) * (p2.forceN - p1.forceN) >= 0.0)
            continue;
        if (!(p0.converged && p1.converged && p2.converged))
            continue; // an extremum of unconverged measurements is no fold
        double av = 0.0, fv = 0.0;
        if (!vertex(p0.targetAmplitudeM, p0.forceN, p1.targetAmplitudeM, p1.forceN,
                    p2.targetAmplitudeM, p2.forceN, av, fv) ||
            !(av > p0.targetAmplitudeM && av < p2.targetAmplitudeM))
            continue;
        // One more measurement at the vertex, started from the nearest point's settled state.
        const PointState& st = states[i];
        z = st.z;
        loop.ac = st.ac;
        loop.as = st.as;
        loop.tc = st.tc;
        loop.ts = st.ts;
        CbcPoint extra;
        measure(av, extra);
        if (!extra.converged)
            continue;
        // Parabola through the three measurements nearest the vertex.
        std::vector<const CbcPoint*> near = {&p0, &p1, &p2, &extra};
        std::sort(near.begin(), near.end(), [av](const CbcPoint* a, const CbcPoint* b) {
            return std::abs(a->targetAmplitudeM - av) < std::abs(b->targetAmplitudeM - av);
        });
        std::sort(near.begin(), near.begin() + 3, [](const CbcPoint* a, const CbcPoint* b) {
            return a->targetAmplitudeM < b->targetAmplitudeM;
        });
        double a2 = av, f2 = extra.forceN;
        vertex(near[0]->amplitudeM[0], near[0]->forceN, near[1]->amplitudeM[0], near[1]->forceN,
               near[2]->amplitudeM[0], near[2]->forceN, a2, f2);
        FoldPoint fp;
        fp.forceN = f2;
        fp.frequencyRadS = o.frequencyRadS;
        fp.amplitudeM = a2;
        fp.amplitudesM = extra.amplitudeM;
        fp.afterPoint = i;
        run.folds.push_back(fp);
    }

    // Stability from the sign of dΦ/dA (central differences; one-sided at the ends).
    const std::size_t np = run.points.size();
    for (std::size_t i = 0; i < np; ++i) {
        const std::size_t a = i == 0 ? 0 : i - 1;
        const std::size_t b = i + 1 < np ? i + 1 : np - 1;
        if (a == b)
            continue;
        const double slope = (run.points[b].forceN - run.points[a].forceN) /
                             (run.points[b].amplitudeM[0] - run.points[a].amplitudeM[0]);
        run.points[i].stable = slope > 0.0;
    }

    // The model's force at each measured amplitude (harmonic balance, same frequency).
    const HarmonicBalance hb(chain, o.modelHarmonics);
    Eigen::VectorXd q;
    double fc = 0.0, fs = 0.0;
    bool haveModel = false;
    for (auto& p : run.points) {
        const double a = p.amplitudeM[0];
        if (!haveModel) {
            q = phaseAligned(hb, hb.linearSolution(o.frequencyRadS, 1.0));
            const double scale = a / std::max(q(hb.index(0, false, chain.forceIndex())), 1e-300);
            q *= scale;
            fc = scale;
            fs = 0.0;
        }
        haveModel = solveAtAmplitude(hb, o.frequencyRadS, a, q, fc, fs);
        p.modelForceN = haveModel ? std::hypot(fc, fs) : std::nan("");
        p.errorN = p.forceN - p.modelForceN;
    }
    run.simulatedSeconds = static_cast<double>(run.simulatedPeriods) * period;
    std::size_t notConverged = 0;
    for (const auto& p : run.points)
        if (!p.converged)
            ++notConverged;
    if (notConverged > 0)
        run.warnings.push_back(std::to_string(notConverged) + " of " + std::to_string(np) +
                               " CBC points did not converge (flagged)");
    return run;
}

} // namespace dtop::nonlinear
