// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/continuation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dtop::nonlinear {

PseudoArclength::PseudoArclength(const ContinuationProblem& problem, ContinuationSettings settings)
    : m_problem(problem), m_settings(settings), m_scale(problem.scale())
{
    if (m_scale.size() != problem.unknowns())
        throw std::invalid_argument("continuation: scale vector of the wrong size");
}

void PseudoArclength::scaledJacobian(const Eigen::VectorXd& s, Eigen::MatrixXd& jac) const
{
    m_problem.jacobian(fromScaled(s), jac);
    jac = jac * m_scale.asDiagonal();
}

bool PseudoArclength::correctScaled(Eigen::VectorXd& s, const Eigen::VectorXd& anchor,
                                    const Eigen::VectorXd& t, int& iterations) const
{
    const Eigen::Index n = m_problem.unknowns();
    Eigen::MatrixXd a(n, n);
    Eigen::MatrixXd jac;
    Eigen::VectorXd r, rhs(n);
    iterations = 0;
    for (int it = 0; it < m_settings.maxIterations; ++it) {
        const Eigen::VectorXd y = fromScaled(s);
        m_problem.residual(y, r);
        scaledJacobian(s, jac);
        a.topRows(n - 1) = jac;
        a.row(n - 1) = t.transpose();
        rhs.head(n - 1) = r;
        rhs(n - 1) = t.dot(s - anchor);
        Eigen::PartialPivLU<Eigen::MatrixXd> lu(a);
        const Eigen::VectorXd step = lu.solve(rhs);
        if (!step.allFinite())
            return false;
        s -= step;
        iterations = it + 1;
        const double size = step.norm();
        if (size < m_settings.tolerance * (1.0 + s.norm()))
            return true;
        if (size > 1e3 * (1.0 + s.norm()))
            return false;
    }
    return false;
}

Eigen::VectorXd PseudoArclength::tangentScaled(const Eigen::VectorXd& s,
                                               const Eigen::VectorXd& previous) const
{
    const Eigen::Index n = m_problem.unknowns();
    Eigen::MatrixXd jac;
    scaledJacobian(s, jac);
    Eigen::MatrixXd a(n, n);
    a.topRows(n - 1) = jac;
    a.row(n - 1) = previous.transpose();
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    rhs(n - 1) = 1.0;
    Eigen::VectorXd t = a.partialPivLu().solve(rhs);
    return t.normalized();
}

bool PseudoArclength::correct(Eigen::VectorXd& y, const Eigen::VectorXd& anchor,
                              const Eigen::VectorXd& t, int* iterations) const
{
    Eigen::VectorXd s = toScaled(y);
    int its = 0;
    const bool ok = correctScaled(s, toScaled(anchor), t, its);
    if (iterations)
        *iterations = its;
    y = fromScaled(s);
    return ok;
}

Eigen::VectorXd PseudoArclength::tangent(const Eigen::VectorXd& y, const Eigen::VectorXd& previous,
                                         Eigen::Index component) const
{
    const Eigen::VectorXd s = toScaled(y);
    if (previous.size() == m_problem.unknowns())
        return tangentScaled(s, previous);
    // No previous tangent: the null vector of the scaled Jacobian.
    Eigen::MatrixXd jac;
    scaledJacobian(s, jac);
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(jac);
    Eigen::MatrixXd kernel = lu.kernel();
    Eigen::VectorXd t = kernel.col(0).normalized();
    if (component >= 0 && t(component) < 0.0)
        t = -t;
    return t;
}

std::vector<PseudoArclength::Point>
PseudoArclength::run(const Eigen::VectorXd& y0, const Eigen::VectorXd& t0,
                     const std::function<bool(const Point&)>& stop,
                     const std::function<void(const Point&)>& onPoint) const
{
    std::vector<Point> points;
    Eigen::VectorXd s = toScaled(y0);
    Eigen::VectorXd t = t0.normalized();
    points.push_back({y0, t});
    double h = m_settings.initialStep;
    m_stopReason = "max points";
    while (points.size() < m_settings.maxPoints) {
        const Eigen::VectorXd predicted = s + h * t;
        Eigen::VectorXd trial = predicted;
        int iterations = 0;
        bool ok = correctScaled(trial, predicted, t, iterations);
        Eigen::VectorXd tn;
        double angle = 0.0;
        if (ok) {
            tn = tangentScaled(trial, t);
            angle = std::acos(std::clamp(tn.dot(t), -1.0, 1.0));
            // The corrector must stay near its predictor and the curve must not turn too
            // much in one step (else a fold or a branch could be stepped over).
            if ((angle > m_settings.maxAngle || (trial - predicted).norm() > 0.5 * h) &&
                h > m_settings.minStep)
                ok = false;
        }
        if (!ok) {
            h *= 0.5;
            if (h < m_settings.minStep) {
                m_stopReason = "step too small";
                break;
            }
            continue;
        }
        s = trial;
        t = tn;
        points.push_back({fromScaled(s), t});
        if (onPoint)
            onPoint(points.back());
        if (stop && stop(points.back())) {
            m_stopReason = "stop";
            break;
        }
        double factor = std::clamp(static_cast<double>(m_settings.targetIterations) /
                                       std::max(iterations, 1),
                                   0.5, 2.0);
        if (angle > 0.5 * m_settings.maxAngle)
            factor = std::min(factor, 1.0);
        h = std::clamp(h * factor, m_settings.minStep, m_settings.maxStep);
    }
    return points;
}

PseudoArclength::Point PseudoArclength::locateTurningPoint(const Point& a, const Point& b,
                                                           Eigen::Index component,
                                                           double arcTolerance) const
{
    const Eigen::VectorXd sa = toScaled(a.y);
    const Eigen::VectorXd sb = toScaled(b.y);
    const Eigen::VectorXd& ta = a.t;
    double lo = 0.0, hi = ta.dot(sb - sa);
    double glo = a.t(component), ghi = b.t(component);
    Point best = std::abs(glo) < std::abs(ghi) ? a : b;
    double bestG = std::min(std::abs(glo), std::abs(ghi));
    int side = 0;
    for (int it = 0; it < 60 && hi - lo > arcTolerance; ++it) {
        // Illinois variant of regula falsi: superlinear, and never slower than bisection by
        // much since a stalled end point's value is halved.
        double sigma = (glo * hi - ghi * lo) / (glo - ghi);
        if (!(sigma > lo && sigma < hi))
            sigma = 0.5 * (lo + hi);
        const Eigen::VectorXd predicted = sa + sigma * ta;
        Eigen::VectorXd trial = predicted;
        int iterations = 0;
        if (!correctScaled(trial, predicted, ta, iterations)) {
            sigma = 0.5 * (lo + hi);
            const Eigen::VectorXd p2 = sa + sigma * ta;
            trial = p2;
            if (!correctScaled(trial, p2, ta, iterations))
                break;
        }
        const Eigen::VectorXd t = tangentScaled(trial, ta);
        const double g = t(component);
        if (std::abs(g) < bestG) {
            bestG = std::abs(g);
            best = {fromScaled(trial), t};
        }
        if (g == 0.0)
            break;
        if ((g > 0.0) == (glo > 0.0)) {
            lo = sigma;
            glo = g;
            if (side == -1)
                ghi *= 0.5;
            side = -1;
        } else {
            hi = sigma;
            ghi = g;
            if (side == 1)
                glo *= 0.5;
            side = 1;
        }
    }
    return best;
}

} // namespace dtop::nonlinear
