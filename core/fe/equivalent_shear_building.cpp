// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/equivalent_shear_building.h"

#include "dynamics/modal_analysis.h"
#include "fe/mode_comparison.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace dtop::fe {

EquivalentShearBuilding condenseToShearBuilding(const FrameModes& modes, int storeys,
                                                const std::string& profileName,
                                                const std::string& provenance) {
    const auto sway = modes.ofKind(ModeKind::SwayWeak);
    const Eigen::Index n = storeys;
    if (static_cast<Eigen::Index>(sway.size()) < n)
        throw std::invalid_argument("condensation needs " + std::to_string(n) +
                                    " sway-weak modes, the model gave " +
                                    std::to_string(sway.size()));
    // Unknowns p = (m_1..m_n, k_1..k_n), scaled by m̄ and m̄ω_1² so the columns are balanced.
    double totalMass = 0.0;
    for (Eigen::Index r = 0; r < n; ++r)
        totalMass += sway[static_cast<std::size_t>(r)]->effectiveMassKg[1];
    const double mBar = totalMass / static_cast<double>(n);
    const double w1 = 2.0 * std::numbers::pi * sway[0]->frequencyHz;
    const double kBar = mBar * w1 * w1;

    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n * n, 2 * n);
    for (Eigen::Index r = 0; r < n; ++r) {
        const FrameMode& mode = *sway[static_cast<std::size_t>(r)];
        const double w = 2.0 * std::numbers::pi * mode.frequencyHz;
        Eigen::VectorXd phi(n);
        for (Eigen::Index i = 0; i < n; ++i)
            phi(i) = mode.floorShape[static_cast<std::size_t>(i)];
        const double scale = 1.0 / (w * w * mBar * phi.norm());
        for (Eigen::Index i = 0; i < n; ++i) {
            const Eigen::Index row = r * n + i;
            const double below = i > 0 ? phi(i - 1) : 0.0;
            a(row, i) = -w * w * phi(i) * mBar * scale;       // −ω² m_i φ_i
            a(row, n + i) += (phi(i) - below) * kBar * scale; // k_i (φ_i − φ_{i−1})
            if (i + 1 < n)
                a(row, n + i + 1) -=
                    (phi(i + 1) - phi(i)) * kBar * scale; // −k_{i+1}(φ_{i+1} − φ_i)
        }
    }
    // min |A p|² subject to Σ μ_i = n (i.e. Σ m_i = totalMass): the KKT system.
    const Eigen::Index u = 2 * n;
    Eigen::MatrixXd kkt = Eigen::MatrixXd::Zero(u + 1, u + 1);
    kkt.topLeftCorner(u, u) = 2.0 * a.transpose() * a;
    kkt.block(u, 0, 1, n).setOnes();
    kkt.block(0, u, n, 1).setOnes();
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(u + 1);
    rhs(u) = static_cast<double>(n);
    const Eigen::VectorXd p = kkt.fullPivLu().solve(rhs);

    EquivalentShearBuilding out;
    for (Eigen::Index i = 0; i < n; ++i) {
        out.massKg.push_back(p(i) * mBar);
        out.stiffnessNm.push_back(p(n + i) * kBar);
    }
    for (const auto& m : out.massKg)
        if (!(m > 0.0))
            throw std::runtime_error("condensation gave a non-positive floor mass");
    for (const auto& k : out.stiffnessNm)
        if (!(k > 0.0))
            throw std::runtime_error("condensation gave a non-positive storey stiffness");

    out.profile.name = profileName;
    out.profile.provenance = provenance;
    out.profile.masses = out.massKg;
    out.profile.stiffnesses = out.stiffnessNm;
    out.profile.dampers.assign(static_cast<std::size_t>(n), 0.0);
    out.profile.damping = model::DampingModel::StoreyDampers;

    const dynamics::UndampedModes chain =
        dynamics::undampedModes(dynamics::ShearBuilding(out.profile));
    const auto chainHz = chain.frequenciesHz();
    for (Eigen::Index r = 0; r < n; ++r) {
        const FrameMode& mode = *sway[static_cast<std::size_t>(r)];
        out.frameHz.push_back(mode.frequencyHz);
        out.chainHz.push_back(chainHz[static_cast<std::size_t>(r)]);
        out.frequencyErrorsPct.push_back(
            100.0 * (chainHz[static_cast<std::size_t>(r)] - mode.frequencyHz) / mode.frequencyHz);
        std::vector<double> shape(chain.shapes.col(r).data(), chain.shapes.col(r).data() + n);
        out.mac.push_back(modalAssuranceCriterion(shape, mode.floorShape));
    }
    return out;
}

} // namespace dtop::fe
