// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

namespace dtop::identification {

// Modal assurance criterion of two (complex) shapes, |aᴴb|² / ((aᴴa)(bᴴb)) in [0, 1]
// (Allemang & Brown, IMAC 1982). 0 when either shape is zero.
double modalAssurance(const Eigen::VectorXcd& a, const Eigen::VectorXcd& b);
// MAC of every column of `a` against every column of `b`: [a column][b column].
Eigen::MatrixXd macMatrix(const Eigen::MatrixXcd& a, const Eigen::MatrixXcd& b);

// Modal phase collinearity (Pappa, Elliott & Schenk, J. Guidance 16, 1993): 1 for a shape whose
// entries all lie on one line in the complex plane (a real mode), toward 0 for a fully complex
// one. Computed from the 2×2 covariance of (Re, Im) as ((λ1 − λ2)/(λ1 + λ2))².
double modalPhaseCollinearity(const Eigen::VectorXcd& shape);
// Mean phase deviation [deg] (same reference): the magnitude-weighted mean angle between the
// entries and the shape's best-fit straight line through the origin. 0 for a real mode.
double meanPhaseDeviationDeg(const Eigen::VectorXcd& shape);
// The shape rotated by one phase so that its entries lie closest (least squares) to the real
// axis, with the largest entry's real part > 0. Its real part is the "realised" mode.
Eigen::VectorXcd rotateToReal(const Eigen::VectorXcd& shape);

} // namespace dtop::identification
