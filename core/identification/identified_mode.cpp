// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/identified_mode.h"
#include "identification/eigen_index.h"

#include "identification/modal_indicators.h"

#include <complex>

namespace dtop::identification {

std::vector<IdentifiedMode> modesFromResidues(const std::vector<ModalPole>& poles,
                                              const Eigen::MatrixXcd& residues,
                                              int drivingResponse)
{
    std::vector<IdentifiedMode> modes;
    for (std::size_t r = 0; r < poles.size(); ++r) {
        IdentifiedMode m;
        m.pole = poles[r];
        m.frequencyHz = poles[r].naturalFrequencyHz();
        m.dampingRatio = poles[r].dampingRatio();
        m.residues = residues.col(ix(r));
        const std::complex<double> scale(0.0, 2.0 * poles[r].lambda.imag());
        if (drivingResponse >= 0 && std::abs(m.residues(drivingResponse)) > 0.0) {
            // Residue R_o = ψ_o ψ_p / (2jω_d) (modal scaling that reduces to φᵀMφ = 1 for real
            // modes; Ewins 2000, §2.7): ψ_p = √(2jω_d R_p), ψ_o = 2jω_d R_o / ψ_p.
            std::complex<double> psiP = std::sqrt(scale * m.residues(drivingResponse));
            if (psiP.real() < 0.0)
                psiP = -psiP;
            m.shape = scale * m.residues / psiP;
            m.massNormalised = true;
        } else {
            m.shape = m.residues;
            Eigen::Index big = 0;
            m.shape.cwiseAbs().maxCoeff(&big);
            if (std::abs(m.shape(big)) > 0.0)
                m.shape /= m.shape(big);
        }
        m.mpc = modalPhaseCollinearity(m.shape);
        m.mpdDeg = meanPhaseDeviationDeg(m.shape);
        m.complexity = 1.0 - m.mpc;
        modes.push_back(std::move(m));
    }
    return modes;
}

Eigen::MatrixXcd shapeMatrix(const std::vector<IdentifiedMode>& modes)
{
    if (modes.empty())
        return {};
    Eigen::MatrixXcd s(modes.front().shape.size(), ix(modes.size()));
    for (std::size_t r = 0; r < modes.size(); ++r)
        s.col(ix(r)) = modes[r].shape;
    return s;
}

} // namespace dtop::identification
