// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/cubic_chain.h"

#include "dynamics/modal_analysis.h"
#include "dynamics/shear_building.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dtop::nonlinear {

CubicChain::CubicChain(const model::Profile& profile, int forceFloor)
{
    const dynamics::ShearBuilding building(profile);
    const auto n = static_cast<Eigen::Index>(building.dofs());
    if (forceFloor < 1 || forceFloor > n)
        throw std::invalid_argument("force floor must be between 1 and " + std::to_string(n));
    m_forceIndex = forceFloor - 1;
    m_mass = building.masses();
    m_k = building.stiffnessMatrix();
    m_c = building.dampingMatrix();
    m_kc = building.cubicStiffnesses();
    if (m_kc.size() != n)
        m_kc = Eigen::VectorXd::Zero(n);
    m_nonlinear = (m_kc.array() != 0.0).any();
    const dynamics::UndampedModes modes = dynamics::undampedModes(building);
    m_omega = modes.angularFrequencies;
    m_shapes = modes.shapes;
    // Modal damping ratio of each undamped mode: ζ_r = φᵀCφ / (2 ω_r) (mass-normalised φ).
    m_zeta.resize(n);
    for (Eigen::Index r = 0; r < n; ++r)
        m_zeta(r) = m_shapes.col(r).dot(m_c * m_shapes.col(r)) / (2.0 * m_omega(r));
}

void CubicChain::addCubicForce(const double* x, double* f) const
{
    if (!m_nonlinear)
        return;
    const auto n = dofs();
    for (std::size_t i = 0; i < n; ++i) {
        const double kc = m_kc(static_cast<Eigen::Index>(i));
        if (kc == 0.0)
            continue;
        const double d = x[i] - (i > 0 ? x[i - 1] : 0.0);
        const double storey = kc * d * d * d;
        f[i] += storey;
        if (i > 0)
            f[i - 1] -= storey;
    }
}

void CubicChain::storeyTangent(const double* x, double* s) const
{
    const auto n = dofs();
    for (std::size_t i = 0; i < n; ++i) {
        const double d = x[i] - (i > 0 ? x[i - 1] : 0.0);
        s[i] = 3.0 * m_kc(static_cast<Eigen::Index>(i)) * d * d;
    }
}

Eigen::MatrixXd CubicChain::cubicTangent(const Eigen::VectorXd& x) const
{
    const auto n = static_cast<Eigen::Index>(dofs());
    Eigen::VectorXd s(n);
    storeyTangent(x.data(), s.data());
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        g(i, i) += s(i);
        if (i > 0) {
            g(i - 1, i - 1) += s(i);
            g(i, i - 1) -= s(i);
            g(i - 1, i) -= s(i);
        }
    }
    return g;
}

double CubicChain::potentialEnergy(const Eigen::VectorXd& x) const
{
    double e = 0.5 * x.dot(m_k * x);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const double d = x(i) - (i > 0 ? x(i - 1) : 0.0);
        e += 0.25 * m_kc(i) * d * d * d * d;
    }
    return e;
}

void CubicChain::derivative(const double* z, double p, double* dz) const
{
    const auto n = static_cast<Eigen::Index>(dofs());
    const double* x = z;
    const double* v = z + n;
    double* a = dz + n;
    for (Eigen::Index i = 0; i < n; ++i) {
        dz[i] = v[i];
        double f = 0.0;
        // K and C are tridiagonal for every shear building; the band loop keeps the right-hand
        // side O(n), which is what the time integration spends its time on.
        for (Eigen::Index j = std::max<Eigen::Index>(0, i - 1); j <= std::min(n - 1, i + 1); ++j)
            f += m_k(i, j) * x[j] + m_c(i, j) * v[j];
        a[i] = -f;
    }
    if (m_nonlinear) {
        for (Eigen::Index i = 0; i < n; ++i) {
            const double kc = m_kc(i);
            if (kc == 0.0)
                continue;
            const double d = x[i] - (i > 0 ? x[i - 1] : 0.0);
            const double storey = kc * d * d * d;
            a[i] -= storey;
            if (i > 0)
                a[i - 1] += storey;
        }
    }
    a[m_forceIndex] += p;
    for (Eigen::Index i = 0; i < n; ++i)
        a[i] /= m_mass(i);
}

Eigen::VectorXd CubicChain::naturalFrequencies() const { return m_omega; }
Eigen::VectorXd CubicChain::dampingRatios() const { return m_zeta; }
Eigen::MatrixXd CubicChain::modeShapes() const { return m_shapes; }

} // namespace dtop::nonlinear
