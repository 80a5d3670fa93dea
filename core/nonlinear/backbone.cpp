// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/backbone.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace dtop::nonlinear {

BackboneProblem::BackboneProblem(const HarmonicBalance& undamped, double coefficientScale,
                                 double omegaScale)
    : m_hb(undamped), m_cos(undamped.dofs() * undamped.harmonics()), m_qScale(coefficientScale),
      m_wScale(omegaScale)
{
}

Eigen::VectorXd BackboneProblem::fullCoefficients(const Eigen::VectorXd& y) const
{
    const Eigen::Index n = m_hb.dofs();
    Eigen::VectorXd q = Eigen::VectorXd::Zero(m_hb.size());
    for (int j = 0; j < m_hb.harmonics(); ++j)
        q.segment(m_hb.index(j, false, 0), n) = y.segment(j * n, n);
    return q;
}

void BackboneProblem::residual(const Eigen::VectorXd& y, Eigen::VectorXd& r) const
{
    const Eigen::Index n = m_hb.dofs();
    Eigen::VectorXd full;
    m_hb.residual(fullCoefficients(y), y(m_cos), 0.0, full);
    r.resize(m_cos);
    // Without damping and force, an even orbit's sine residuals vanish identically.
    for (int j = 0; j < m_hb.harmonics(); ++j)
        r.segment(j * n, n) = full.segment(m_hb.index(j, false, 0), n);
}

void BackboneProblem::jacobian(const Eigen::VectorXd& y, Eigen::MatrixXd& jac) const
{
    const Eigen::Index n = m_hb.dofs();
    const Eigen::VectorXd q = fullCoefficients(y);
    Eigen::MatrixXd full;
    m_hb.jacobian(q, y(m_cos), full);
    const Eigen::VectorXd dw = m_hb.omegaDerivative(q, y(m_cos));
    jac.resize(m_cos, m_cos + 1);
    for (int ja = 0; ja < m_hb.harmonics(); ++ja) {
        for (int jb = 0; jb < m_hb.harmonics(); ++jb)
            jac.block(ja * n, jb * n, n, n) =
                full.block(m_hb.index(ja, false, 0), m_hb.index(jb, false, 0), n, n);
        jac.block(ja * n, m_cos, n, 1) = dw.segment(m_hb.index(ja, false, 0), n);
    }
}

Eigen::VectorXd BackboneProblem::scale() const
{
    Eigen::VectorXd s = Eigen::VectorXd::Constant(m_cos + 1, m_qScale);
    s(m_cos) = m_wScale;
    return s;
}

std::vector<BackbonePoint> traceBackbone(const CubicChain& chain, const BackboneOptions& o,
                                         Progress& progress,
                                         const std::function<void(const BackbonePoint&)>& onPoint)
{
    const Eigen::Index n = static_cast<Eigen::Index>(chain.dofs());
    if (o.mode < 1 || o.mode > n)
        throw std::invalid_argument("backbone mode must be between 1 and " + std::to_string(n));
    const double omegaN = chain.naturalFrequencies()(o.mode - 1);
    const double wMax = o.maxFrequencyRadS > 0.0 ? o.maxFrequencyRadS : 1.25 * omegaN;
    const bool automatic = o.harmonics <= 0;
    int harmonics = automatic ? o.startHarmonics : o.harmonics;
    Eigen::VectorXd shape = chain.modeShapes().col(o.mode - 1);
    shape /= shape.cwiseAbs().maxCoeff();
    const double qScale = std::max(0.1 * o.maxAmplitudeM, 1e-6);
    const double wScale = std::max(wMax - omegaN, 1e-3 * omegaN);

    std::unique_ptr<HarmonicBalance> hb;
    std::unique_ptr<BackboneProblem> problem;
    std::unique_ptr<PseudoArclength> arc;
    auto build = [&]() {
        arc.reset();
        problem.reset();
        hb = std::make_unique<HarmonicBalance>(chain, harmonics, false);
        problem = std::make_unique<BackboneProblem>(*hb, qScale, wScale);
        arc = std::make_unique<PseudoArclength>(*problem, o.settings);
    };
    build();

    // Start on the linear mode at a small amplitude, pinned by the hyperplane along the shape.
    const double a0 = 1e-3 * qScale;
    Eigen::VectorXd y = Eigen::VectorXd::Zero(problem->unknowns());
    y.head(n) = a0 * shape;
    y(y.size() - 1) = omegaN;
    Eigen::VectorXd dir = Eigen::VectorXd::Zero(problem->unknowns());
    dir.head(n) = shape / qScale;
    dir.normalize();
    {
        const Eigen::VectorXd anchor = y;
        if (!arc->correct(y, anchor, dir))
            throw std::runtime_error("backbone: no conservative orbit near the linear mode");
    }
    Eigen::VectorXd t = arc->tangent(y, dir);

    std::vector<BackbonePoint> out;
    auto record = [&](const Eigen::VectorXd& yy) {
        const Eigen::VectorXd q = problem->fullCoefficients(yy);
        BackbonePoint p;
        p.mode = o.mode;
        p.frequencyRadS = yy(yy.size() - 1);
        const Eigen::VectorXd amp = hb->firstHarmonicAmplitudes(q);
        p.amplitudeM.assign(amp.data(), amp.data() + amp.size());
        // Zero velocity at τ = 0: the energy is the potential energy there.
        p.energyJ = chain.potentialEnergy(hb->initialState(q, p.frequencyRadS).head(n));
        p.harmonics = harmonics;
        p.coefficients.assign(yy.data(), yy.data() + yy.size() - 1);
        out.push_back(p);
        if (onPoint)
            onPoint(out.back());
        progress.report(std::clamp((p.frequencyRadS - omegaN) / (wMax - omegaN), 0.0, 1.0),
                        "backbone");
    };
    record(y);
    while (true) {
        bool needMore = false;
        auto stop = [&](const PseudoArclength::Point& p) {
            const Eigen::VectorXd q = problem->fullCoefficients(p.y);
            if (p.y(p.y.size() - 1) > wMax || p.y(p.y.size() - 1) < 0.5 * omegaN)
                return true;
            if (hb->firstHarmonicAmplitudes(q)(0) > o.maxAmplitudeM)
                return true;
            if (automatic && harmonics < o.maxHarmonics &&
                hb->topHarmonicAmplitude(q) > o.harmonicTolerance) {
                needMore = true;
                return true;
            }
            return false;
        };
        Eigen::VectorXd lastY = y, lastT = t;
        arc->run(y, t, stop, [&](const PseudoArclength::Point& p) {
            lastY = p.y;
            lastT = p.t;
            record(p.y);
        });
        if (!needMore)
            break;
        // Grow the harmonic count at the last point and continue from there.
        const Eigen::Index mOld = lastY.size() - 1;
        const int hOld = harmonics;
        harmonics += 2;
        build();
        Eigen::VectorXd y2 = Eigen::VectorXd::Zero(problem->unknowns());
        Eigen::VectorXd t2 = Eigen::VectorXd::Zero(problem->unknowns());
        y2.head(mOld) = lastY.head(mOld);
        t2.head(mOld) = lastT.head(mOld);
        y2(y2.size() - 1) = lastY(mOld);
        t2(t2.size() - 1) = lastT(mOld);
        t2.normalize();
        const Eigen::VectorXd anchor = y2;
        if (!arc->correct(y2, anchor, t2))
            break;
        (void)hOld;
        y = y2;
        t = arc->tangent(y2, t2);
        out.pop_back();
        record(y);
    }
    return out;
}

} // namespace dtop::nonlinear
