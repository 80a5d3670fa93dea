// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/harmonic_balance.h"

#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

namespace dtop::nonlinear {

HarmonicBalance::HarmonicBalance(const CubicChain& chain, int harmonics, bool includeDamping)
    : m_chain(chain), m_n(static_cast<Eigen::Index>(chain.dofs())), m_h(harmonics),
      m_samples(8 * harmonics), m_damped(includeDamping)
{
    if (harmonics < 1)
        throw std::invalid_argument("harmonic balance needs at least one harmonic");
    // f_c(x(τ)) holds harmonics up to 3(2H−1) = 6H−3; with N > 8H−4 samples none of them
    // aliases onto a retained harmonic (≤ 2H−1), and the storey tangents (≤ 4H−2) needed by
    // the Jacobian are projected exactly too.
    const int nS = m_samples;
    m_cos.resize(m_h, nS);
    m_sin.resize(m_h, nS);
    m_cosM.resize(4 * m_h - 1, nS);
    m_sinM.resize(4 * m_h - 1, nS);
    for (int k = 0; k < nS; ++k) {
        const double tau = 2.0 * std::numbers::pi * k / nS;
        for (int j = 0; j < m_h; ++j) {
            m_cos(j, k) = std::cos(order(j) * tau);
            m_sin(j, k) = std::sin(order(j) * tau);
        }
        for (int m = 0; m < 4 * m_h - 1; ++m) {
            m_cosM(m, k) = std::cos(m * tau);
            m_sinM(m, k) = std::sin(m * tau);
        }
    }
    m_cDamp = m_damped ? chain.damping() : Eigen::MatrixXd::Zero(m_n, m_n);
}

Eigen::MatrixXd HarmonicBalance::samplesOf(const Eigen::VectorXd& q) const
{
    Eigen::MatrixXd a(m_n, m_h), b(m_n, m_h);
    for (int j = 0; j < m_h; ++j) {
        a.col(j) = q.segment(index(j, false, 0), m_n);
        b.col(j) = q.segment(index(j, true, 0), m_n);
    }
    return a * m_cos + b * m_sin;
}

void HarmonicBalance::residual(const Eigen::VectorXd& q, double omega, double force,
                               Eigen::VectorXd& r) const
{
    r.resize(size());
    const Eigen::MatrixXd& k = m_chain.stiffness();
    const Eigen::VectorXd& mass = m_chain.masses();
    for (int j = 0; j < m_h; ++j) {
        const double hw = order(j) * omega;
        const auto a = q.segment(index(j, false, 0), m_n);
        const auto b = q.segment(index(j, true, 0), m_n);
        r.segment(index(j, false, 0), m_n) =
            k * a - hw * hw * mass.cwiseProduct(a) + hw * (m_cDamp * b);
        r.segment(index(j, true, 0), m_n) =
            k * b - hw * hw * mass.cwiseProduct(b) - hw * (m_cDamp * a);
    }
    r(index(0, false, m_chain.forceIndex())) -= force;
    if (!m_chain.isNonlinear())
        return;
    const Eigen::MatrixXd x = samplesOf(q);
    Eigen::MatrixXd f = Eigen::MatrixXd::Zero(m_n, m_samples);
    for (int s = 0; s < m_samples; ++s)
        m_chain.addCubicForce(x.col(s).data(), f.col(s).data());
    const double scale = 2.0 / m_samples;
    const Eigen::MatrixXd fc = scale * f * m_cos.transpose(); // n×H
    const Eigen::MatrixXd fs = scale * f * m_sin.transpose();
    for (int j = 0; j < m_h; ++j) {
        r.segment(index(j, false, 0), m_n) += fc.col(j);
        r.segment(index(j, true, 0), m_n) += fs.col(j);
    }
}

void HarmonicBalance::addStoreyBlocks(const Eigen::MatrixXd& storeySamples,
                                      Eigen::MatrixXd& out) const
{
    // Storey i with tangent g_i(τ) couples floors i and i−1. With
    // gc[m] = (1/N)Σ g cos mτ and gs[m] = (1/N)Σ g sin mτ, the Galerkin entries are the
    // product-to-sum identities, e.g. (2/N)Σ g cos aτ cos bτ = gc[a−b] + gc[a+b].
    const double inv = 1.0 / m_samples;
    const Eigen::MatrixXd gc = inv * storeySamples * m_cosM.transpose(); // n×(4H−1)
    const Eigen::MatrixXd gs = inv * storeySamples * m_sinM.transpose();
    const Eigen::Index nb = 2 * m_h;
    Eigen::MatrixXd block(nb, nb);
    for (Eigen::Index i = 0; i < m_n; ++i) {
        if (m_chain.cubic()(i) == 0.0)
            continue;
        auto c = [&](int m) { return gc(i, std::abs(m)); };
        auto s = [&](int m) { return m >= 0 ? gs(i, m) : -gs(i, -m); };
        for (int ja = 0; ja < m_h; ++ja) {
            const int a = order(ja);
            for (int jb = 0; jb < m_h; ++jb) {
                const int b = order(jb);
                block(2 * ja, 2 * jb) = c(a - b) + c(a + b);         // cos row, cos column
                block(2 * ja, 2 * jb + 1) = s(a + b) - s(a - b);     // cos row, sin column
                block(2 * ja + 1, 2 * jb) = s(a + b) + s(a - b);     // sin row, cos column
                block(2 * ja + 1, 2 * jb + 1) = c(a - b) - c(a + b); // sin row, sin column
            }
        }
        // Scatter onto floors (i,i) +, and (i−1,i−1) +, (i,i−1) −, (i−1,i) − when i > 0.
        auto scatter = [&](Eigen::Index p, Eigen::Index r, double sign) {
            for (int ja = 0; ja < m_h; ++ja)
                for (int sa = 0; sa < 2; ++sa)
                    for (int jb = 0; jb < m_h; ++jb)
                        for (int sb = 0; sb < 2; ++sb)
                            out(index(ja, sa == 1, p), index(jb, sb == 1, r)) +=
                                sign * block(2 * ja + sa, 2 * jb + sb);
        };
        scatter(i, i, 1.0);
        if (i > 0) {
            scatter(i - 1, i - 1, 1.0);
            scatter(i, i - 1, -1.0);
            scatter(i - 1, i, -1.0);
        }
    }
}

void HarmonicBalance::jacobian(const Eigen::VectorXd& q, double omega, Eigen::MatrixXd& jac) const
{
    jac.setZero(size(), size());
    const Eigen::MatrixXd& k = m_chain.stiffness();
    const Eigen::VectorXd& mass = m_chain.masses();
    for (int j = 0; j < m_h; ++j) {
        const double hw = order(j) * omega;
        const Eigen::MatrixXd diag = k - Eigen::MatrixXd(hw * hw * mass.asDiagonal());
        jac.block(index(j, false, 0), index(j, false, 0), m_n, m_n) = diag;
        jac.block(index(j, true, 0), index(j, true, 0), m_n, m_n) = diag;
        jac.block(index(j, false, 0), index(j, true, 0), m_n, m_n) = hw * m_cDamp;
        jac.block(index(j, true, 0), index(j, false, 0), m_n, m_n) = -hw * m_cDamp;
    }
    if (!m_chain.isNonlinear())
        return;
    const Eigen::MatrixXd x = samplesOf(q);
    Eigen::MatrixXd s(m_n, m_samples);
    for (int t = 0; t < m_samples; ++t)
        m_chain.storeyTangent(x.col(t).data(), s.col(t).data());
    addStoreyBlocks(s, jac);
}

Eigen::VectorXd HarmonicBalance::omegaDerivative(const Eigen::VectorXd& q, double omega) const
{
    Eigen::VectorXd d(size());
    const Eigen::VectorXd& mass = m_chain.masses();
    for (int j = 0; j < m_h; ++j) {
        const double h = order(j);
        const auto a = q.segment(index(j, false, 0), m_n);
        const auto b = q.segment(index(j, true, 0), m_n);
        d.segment(index(j, false, 0), m_n) =
            -2.0 * h * h * omega * mass.cwiseProduct(a) + h * (m_cDamp * b);
        d.segment(index(j, true, 0), m_n) =
            -2.0 * h * h * omega * mass.cwiseProduct(b) - h * (m_cDamp * a);
    }
    return d;
}

Eigen::VectorXd HarmonicBalance::forceDerivative() const
{
    Eigen::VectorXd d = Eigen::VectorXd::Zero(size());
    d(index(0, false, m_chain.forceIndex())) = -1.0;
    return d;
}

void HarmonicBalance::secondDerivative(const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                                       Eigen::MatrixXd& out) const
{
    out.setZero(size(), size());
    if (!m_chain.isNonlinear())
        return;
    // d/dq [3 kc d² δ] contracted with δ = drift of v: 6 kc d(τ) δ(τ) per storey.
    const Eigen::MatrixXd x = samplesOf(q);
    const Eigen::MatrixXd y = samplesOf(v);
    Eigen::MatrixXd s(m_n, m_samples);
    for (int t = 0; t < m_samples; ++t)
        for (Eigen::Index i = 0; i < m_n; ++i) {
            const double d = x(i, t) - (i > 0 ? x(i - 1, t) : 0.0);
            const double dv = y(i, t) - (i > 0 ? y(i - 1, t) : 0.0);
            s(i, t) = 6.0 * m_chain.cubic()(i) * d * dv;
        }
    addStoreyBlocks(s, out);
}

Eigen::VectorXd HarmonicBalance::omegaJacobianProduct(const Eigen::VectorXd& v, double omega) const
{
    return omegaDerivative(v, omega); // the linear part is the only ω-dependent part
}

Eigen::MatrixXd HarmonicBalance::displacements(const Eigen::VectorXd& q, int samples) const
{
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(m_n, samples);
    for (int k = 0; k < samples; ++k) {
        const double tau = 2.0 * std::numbers::pi * k / samples;
        // e^{i(2j+1)τ} by repeated multiplication with e^{2iτ}: one pair of trigonometric
        // calls per instant instead of one per harmonic.
        const std::complex<double> step = std::polar(1.0, 2.0 * tau);
        std::complex<double> e = std::polar(1.0, tau);
        for (int j = 0; j < m_h; ++j) {
            x.col(k) += e.real() * q.segment(index(j, false, 0), m_n) +
                        e.imag() * q.segment(index(j, true, 0), m_n);
            e *= step;
        }
    }
    return x;
}

Eigen::MatrixXd HarmonicBalance::velocities(const Eigen::VectorXd& q, double omega, int samples) const
{
    Eigen::MatrixXd v = Eigen::MatrixXd::Zero(m_n, samples);
    for (int k = 0; k < samples; ++k) {
        const double tau = 2.0 * std::numbers::pi * k / samples;
        const std::complex<double> step = std::polar(1.0, 2.0 * tau);
        std::complex<double> e = std::polar(1.0, tau);
        for (int j = 0; j < m_h; ++j) {
            const double hw = order(j) * omega;
            v.col(k) += hw * (-e.imag() * q.segment(index(j, false, 0), m_n) +
                              e.real() * q.segment(index(j, true, 0), m_n));
            e *= step;
        }
    }
    return v;
}

Eigen::VectorXd HarmonicBalance::harmonicAmplitudes(const Eigen::VectorXd& q, int j) const
{
    Eigen::VectorXd amp(m_n);
    for (Eigen::Index i = 0; i < m_n; ++i)
        amp(i) = std::hypot(q(index(j, false, i)), q(index(j, true, i)));
    return amp;
}

Eigen::VectorXd HarmonicBalance::firstHarmonicAmplitudes(const Eigen::VectorXd& q) const
{
    return harmonicAmplitudes(q, 0);
}

Eigen::VectorXd HarmonicBalance::peakToPeak(const Eigen::VectorXd& q) const
{
    const Eigen::MatrixXd x = displacements(q, std::max(256, 16 * m_h));
    return x.rowwise().maxCoeff() - x.rowwise().minCoeff();
}

double HarmonicBalance::topHarmonicAmplitude(const Eigen::VectorXd& q) const
{
    return harmonicAmplitudes(q, m_h - 1).maxCoeff();
}

Eigen::VectorXd HarmonicBalance::initialState(const Eigen::VectorXd& q, double omega) const
{
    Eigen::VectorXd z = Eigen::VectorXd::Zero(2 * m_n);
    for (int j = 0; j < m_h; ++j) {
        z.head(m_n) += q.segment(index(j, false, 0), m_n);
        z.tail(m_n) += order(j) * omega * q.segment(index(j, true, 0), m_n);
    }
    return z;
}

Eigen::VectorXd HarmonicBalance::resized(const Eigen::VectorXd& q, int harmonics) const
{
    Eigen::VectorXd out = Eigen::VectorXd::Zero(2 * m_n * harmonics);
    const Eigen::Index common = 2 * m_n * std::min(harmonics, m_h);
    out.head(common) = q.head(common);
    return out;
}

Eigen::VectorXd HarmonicBalance::linearSolution(double omega, double force) const
{
    using C = std::complex<double>;
    const Eigen::MatrixXcd d = m_chain.stiffness().cast<C>() -
                               C(omega * omega) * m_chain.masses().cast<C>().asDiagonal().toDenseMatrix() +
                               C(0.0, omega) * m_cDamp.cast<C>();
    Eigen::VectorXcd f = Eigen::VectorXcd::Zero(m_n);
    f(m_chain.forceIndex()) = force;
    const Eigen::VectorXcd x = d.partialPivLu().solve(f);
    // x(t) = Re(X e^{iωt}) = Re X cos − Im X sin.
    Eigen::VectorXd q = Eigen::VectorXd::Zero(size());
    q.segment(index(0, false, 0), m_n) = x.real();
    q.segment(index(0, true, 0), m_n) = -x.imag();
    return q;
}

} // namespace dtop::nonlinear
