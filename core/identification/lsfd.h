// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "identification/measured_frf.h"
#include "identification/modal_pole.h"

#include <Eigen/Dense>

#include <vector>

namespace dtop::identification {

// Least-squares frequency-domain estimation of residues for given poles (LSFD; Peeters et al.,
// Shock and Vibration 11, 2004). The receptance model, per response o,
//   H_o(ω) = Σ_r [R_or/(jω − λ_r) + R̄_or/(jω − λ̄_r)] + U_o + L_o/(jω)²,
// with real upper (U, residual flexibility of the modes above the band) and lower (L, residual
// mass of the modes below) terms, is multiplied by (jω)^q to the data's quantity and fitted
// there, so the noise of the measured quantity is what is minimised (docs/tools/identify.md §3).
struct LsfdOptions {
    bool upperResidual = true;
    bool lowerResidual = true;
};

struct ModalFit {
    dynamics::FrfQuantity quantity = dynamics::FrfQuantity::Accelerance;
    std::vector<ModalPole> poles;
    Eigen::MatrixXcd residues;     // R [response][mode], receptance form [m/(N·s)]
    Eigen::VectorXd upperResidual; // U [response] [m/N]
    Eigen::VectorXd lowerResidual; // L [response] [m·rad²/(N·s²)]
    std::vector<double> frequencyHz;
    Eigen::MatrixXcd synthesised;      // [line][response] in `quantity`
    std::vector<double> relativeError; // per response: ‖H_o − Ĥ_o‖ / ‖H_o‖ over the band
    double weightedCost = 0.0;         // Σ_o ‖H_o − Ĥ_o‖² / mean|H_o|²
};

// Residues and residual terms by linear least squares (one QR for all responses).
ModalFit lsfd(const MeasuredFrf& frf, const std::vector<ModalPole>& poles,
              const LsfdOptions& options = {});
// Residual terms only, the residues being given (e.g. by a circle fit).
ModalFit fitResidualTerms(const MeasuredFrf& frf, const std::vector<ModalPole>& poles,
                          const Eigen::MatrixXcd& residues, const LsfdOptions& options = {});

// The model's FRF in `quantity` at the given frequencies: [line][response].
Eigen::MatrixXcd synthesise(const ModalFit& fit, dynamics::FrfQuantity quantity,
                            const std::vector<double>& frequencyHz);

} // namespace dtop::identification
