// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/fold_curve.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dtop::nonlinear {

FoldProblem::FoldProblem(const HarmonicBalance& hb, const Eigen::VectorXd& foldCoefficients,
                         double omega, double coefficientScale, double omegaScale,
                         double forceScale)
    : m_hb(hb), m_qScale(coefficientScale), m_wScale(omegaScale), m_fScale(forceScale)
{
    // Bordering vectors: the singular vectors of R_q at the starting fold, which keep the
    // bordered matrix well conditioned along the curve.
    Eigen::MatrixXd jac;
    hb.jacobian(foldCoefficients, omega, jac);
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(jac, Eigen::ComputeFullU | Eigen::ComputeFullV);
    const Eigen::Index last = jac.cols() - 1;
    m_b = svd.matrixU().col(last);
    m_c = svd.matrixV().col(last);
}

double FoldProblem::foldFunction(const Eigen::VectorXd& q, double omega, Eigen::VectorXd* v,
                                 Eigen::VectorXd* w) const
{
    const Eigen::Index m = m_hb.size();
    Eigen::MatrixXd jac;
    m_hb.jacobian(q, omega, jac);
    Eigen::MatrixXd bordered = Eigen::MatrixXd::Zero(m + 1, m + 1);
    bordered.topLeftCorner(m, m) = jac;
    bordered.topRightCorner(m, 1) = m_b;
    bordered.bottomLeftCorner(1, m) = m_c.transpose();
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(m + 1);
    rhs(m) = 1.0;
    const Eigen::PartialPivLU<Eigen::MatrixXd> lu(bordered);
    const Eigen::VectorXd sol = lu.solve(rhs);
    if (v)
        *v = sol.head(m);
    if (w) {
        const Eigen::VectorXd solT = lu.transpose().solve(rhs);
        *w = solT.head(m);
    }
    return sol(m);
}

void FoldProblem::residual(const Eigen::VectorXd& y, Eigen::VectorXd& r) const
{
    const Eigen::Index m = m_hb.size();
    Eigen::VectorXd rq;
    m_hb.residual(y.head(m), y(m), y(m + 1), rq);
    r.resize(m + 1);
    r.head(m) = rq;
    r(m) = foldFunction(y.head(m), y(m), nullptr, nullptr);
}

void FoldProblem::jacobian(const Eigen::VectorXd& y, Eigen::MatrixXd& jac) const
{
    const Eigen::Index m = m_hb.size();
    const Eigen::VectorXd q = y.head(m);
    const double omega = y(m);
    Eigen::MatrixXd jq;
    m_hb.jacobian(q, omega, jq);
    jac.setZero(m + 1, m + 2);
    jac.topLeftCorner(m, m) = jq;
    jac.block(0, m, m, 1) = m_hb.omegaDerivative(q, omega);
    jac.block(0, m + 1, m, 1) = m_hb.forceDerivative();
    // g_y = −wᵀ (∂R_q/∂y) v.
    Eigen::VectorXd v, w;
    foldFunction(q, omega, &v, &w);
    Eigen::MatrixXd second;
    m_hb.secondDerivative(q, v, second);
    jac.block(m, 0, 1, m) = -(w.transpose() * second);
    jac(m, m) = -w.dot(m_hb.omegaJacobianProduct(v, omega));
    jac(m, m + 1) = 0.0;
}

Eigen::VectorXd FoldProblem::scale() const
{
    Eigen::VectorXd s = Eigen::VectorXd::Constant(m_hb.size() + 2, m_qScale);
    s(m_hb.size()) = m_wScale;
    s(m_hb.size() + 1) = m_fScale;
    return s;
}

FoldCurve traceFoldCurve(const CubicChain& chain, const FoldPoint& start, const Eigen::VectorXd& q,
                         int harmonics, const FoldCurveOptions& o, Progress& progress,
                         const std::function<void(const FoldCurvePoint&)>& onPoint)
{
    const HarmonicBalance hb(chain, harmonics);
    const Eigen::Index m = hb.size();
    const double qScale = std::max(hb.firstHarmonicAmplitudes(q).maxCoeff(), 1e-9);
    const double wScale = std::max(0.25 * (o.toRadS - o.fromRadS), 1e-6);
    const double fScale = std::max(0.25 * o.forceLimitN, 1e-6);
    const FoldProblem problem(hb, q, start.frequencyRadS, qScale, wScale, fScale);
    const PseudoArclength arc(problem, o.settings);

    Eigen::VectorXd y(m + 2);
    y.head(m) = q;
    y(m) = start.frequencyRadS;
    y(m + 1) = start.forceN;
    // Refine the fold at its frequency: hyperplane along the ω axis.
    Eigen::VectorXd axis = Eigen::VectorXd::Zero(m + 2);
    axis(m) = 1.0;
    {
        const Eigen::VectorXd anchor = y;
        if (!arc.correct(y, anchor, axis))
            throw std::runtime_error("fold curve: the fold does not satisfy the fold condition");
    }
    const Eigen::VectorXd t0 = arc.tangent(y, Eigen::VectorXd(), m);

    FoldCurve out;
    out.harmonics = harmonics;
    auto inside = [&](const Eigen::VectorXd& p) {
        return p(m) >= o.fromRadS && p(m) <= o.toRadS && p(m + 1) > 0.0 &&
               p(m + 1) <= o.forceLimitN;
    };
    auto pointOf = [&](const Eigen::VectorXd& p) {
        return FoldCurvePoint{p(m), p(m + 1), hb.firstHarmonicAmplitudes(p.head(m))(0)};
    };
    std::vector<std::vector<PseudoArclength::Point>> halves;
    std::size_t count = 0;
    for (double sign : {-1.0, 1.0}) {
        auto half = arc.run(y, sign * t0, [&](const PseudoArclength::Point& p) { return !inside(p.y); },
                            [&](const PseudoArclength::Point& p) {
                                ++count;
                                if (onPoint)
                                    onPoint(pointOf(p.y));
                                progress.report(std::min(0.99, count / 400.0), "fold curve");
                            });
        halves.push_back(std::move(half));
    }
    // One curve: the first half reversed, then the second (both start at the fold).
    std::vector<PseudoArclength::Point> curve(halves[0].rbegin(), halves[0].rend());
    for (auto& p : curve)
        p.t = -p.t;
    curve.insert(curve.end(), halves[1].begin() + 1, halves[1].end());
    for (const auto& p : curve)
        if (inside(p.y))
            out.points.push_back(pointOf(p.y));
    // The cusp: the frequency's turning point along the curve.
    for (std::size_t i = 1; i < curve.size(); ++i) {
        if ((curve[i - 1].t(m) > 0.0) != (curve[i].t(m) > 0.0) && inside(curve[i].y)) {
            const auto c = arc.locateTurningPoint(curve[i - 1], curve[i], m, o.arcTolerance);
            out.hasCusp = true;
            out.cusp = pointOf(c.y);
            break;
        }
    }
    return out;
}

} // namespace dtop::nonlinear
