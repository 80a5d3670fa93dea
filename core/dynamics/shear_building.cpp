// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/shear_building.h"

#include "dynamics/modal_analysis.h"

#include <stdexcept>

namespace dtop::dynamics {

Eigen::MatrixXd SymmetricTridiagonal::dense() const
{
    const Eigen::Index n = diagonal.size();
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        a(i, i) = diagonal[i];
    for (Eigen::Index i = 0; i + 1 < n; ++i)
        a(i, i + 1) = a(i + 1, i) = offDiagonal[i];
    return a;
}

SymmetricTridiagonal SymmetricTridiagonal::fromStoreys(const std::vector<double>& s)
{
    const Eigen::Index n = static_cast<Eigen::Index>(s.size());
    SymmetricTridiagonal t;
    t.diagonal.resize(n);
    t.offDiagonal.resize(n > 0 ? n - 1 : 0);
    for (Eigen::Index i = 0; i < n; ++i)
        t.diagonal[i] = s[i] + (i + 1 < n ? s[i + 1] : 0.0);
    for (Eigen::Index i = 0; i + 1 < n; ++i)
        t.offDiagonal[i] = -s[i + 1];
    return t;
}

RayleighCoefficients rayleighFromRatio(double zeta, double omegaA, double omegaB)
{
    // zeta_r = alpha/(2 w_r) + beta w_r / 2, imposed at w_a and w_b.
    const double sum = omegaA + omegaB;
    return {2.0 * zeta * omegaA * omegaB / sum, 2.0 * zeta / sum};
}

ShearBuilding::ShearBuilding(const model::Profile& profile)
{
    const InputIssues issues = profile.validate();
    if (!issues.empty()) {
        std::string text = "invalid profile '" + profile.name + "':";
        for (const auto& issue : issues)
            text += "\n  " + issue.message;
        throw std::invalid_argument(text);
    }
    const Eigen::Index n = static_cast<Eigen::Index>(profile.storeys());
    m_masses = Eigen::Map<const Eigen::VectorXd>(profile.masses.data(), n);
    m_stiffness = SymmetricTridiagonal::fromStoreys(profile.stiffnesses);
    m_cubic = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(profile.cubicStiffnesses.size()); ++i)
        m_cubic[i] = profile.cubicStiffnesses[i];
    m_nonlinear = profile.isNonlinear();

    switch (profile.damping) {
    case model::DampingModel::StoreyDampers:
        m_damping = SymmetricTridiagonal::fromStoreys(profile.dampers);
        return;
    case model::DampingModel::RayleighCoefficients:
        m_alpha = profile.rayleighAlpha;
        m_beta = profile.rayleighBeta;
        break;
    case model::DampingModel::RayleighModalRatio: {
        const UndampedModes modes = undampedModes(m_masses, m_stiffness);
        const auto r = rayleighFromRatio(profile.targetDampingRatio,
                                         modes.angularFrequencies[profile.targetModeA - 1],
                                         modes.angularFrequencies[profile.targetModeB - 1]);
        m_alpha = r.alpha;
        m_beta = r.beta;
        break;
    }
    }
    m_damping.diagonal = m_alpha * m_masses + m_beta * m_stiffness.diagonal;
    m_damping.offDiagonal = m_beta * m_stiffness.offDiagonal;
}

Eigen::MatrixXd ShearBuilding::massMatrix() const
{
    return m_masses.asDiagonal();
}

} // namespace dtop::dynamics
