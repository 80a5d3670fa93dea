// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/modal_indicators.h"
#include "identification/eigen_index.h"

#include <cmath>
#include <complex>
#include <numbers>

namespace dtop::identification {

double modalAssurance(const Eigen::VectorXcd& a, const Eigen::VectorXcd& b)
{
    const double aa = a.squaredNorm();
    const double bb = b.squaredNorm();
    if (!(aa > 0.0) || !(bb > 0.0) || a.size() != b.size())
        return 0.0;
    return std::norm(a.dot(b)) / (aa * bb);
}

Eigen::MatrixXd macMatrix(const Eigen::MatrixXcd& a, const Eigen::MatrixXcd& b)
{
    Eigen::MatrixXd m(a.cols(), b.cols());
    for (Eigen::Index i = 0; i < a.cols(); ++i)
        for (Eigen::Index j = 0; j < b.cols(); ++j)
            m(i, j) = modalAssurance(a.col(i), b.col(j));
    return m;
}

namespace {

// Angle of the principal axis of the points (Re ψ_i, Im ψ_i) (lines through the origin).
double principalAngle(const Eigen::VectorXcd& s)
{
    const double sxx = s.real().squaredNorm();
    const double syy = s.imag().squaredNorm();
    const double sxy = s.real().dot(s.imag());
    return 0.5 * std::atan2(2.0 * sxy, sxx - syy);
}

} // namespace

double modalPhaseCollinearity(const Eigen::VectorXcd& s)
{
    // Second moments about the origin: a shape's scaling (hence its centre) is arbitrary but
    // the origin is not (Pappa et al. use the mean-removed form for identified ERA shapes).
    const double sxx = s.real().squaredNorm();
    const double syy = s.imag().squaredNorm();
    const double sxy = s.real().dot(s.imag());
    const double tr = sxx + syy;
    if (!(tr > 0.0))
        return 1.0;
    const double disc = std::sqrt((sxx - syy) * (sxx - syy) + 4.0 * sxy * sxy);
    const double l1 = 0.5 * (tr + disc);
    const double l2 = 0.5 * (tr - disc);
    const double r = (l1 - l2) / (l1 + l2);
    return r * r;
}

double meanPhaseDeviationDeg(const Eigen::VectorXcd& s)
{
    const double axis = principalAngle(s);
    double num = 0.0, den = 0.0;
    for (Eigen::Index i = 0; i < s.size(); ++i) {
        const double m = std::abs(s(i));
        if (!(m > 0.0))
            continue;
        // Angle between the entry and the line (not the ray): folded into [0, π/2].
        double d = std::remainder(std::arg(s(i)) - axis, std::numbers::pi);
        num += m * std::abs(d);
        den += m;
    }
    return den > 0.0 ? num / den * 180.0 / std::numbers::pi : 0.0;
}

Eigen::VectorXcd rotateToReal(const Eigen::VectorXcd& s)
{
    const double axis = principalAngle(s);
    Eigen::VectorXcd r = s * std::polar(1.0, -axis);
    Eigen::Index big = 0;
    r.cwiseAbs().maxCoeff(&big);
    if (r.size() > 0 && r(big).real() < 0.0)
        r = -r;
    return r;
}

} // namespace dtop::identification
