// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"

#include <Eigen/Dense>

#include <functional>
#include <string>
#include <vector>

namespace dtop::nonlinear {

// A zero problem R(y) = 0 with y ∈ ℝ^{m+1} and R ∈ ℝ^m: a one-dimensional solution curve.
// Implementations: a harmonic-balance branch in force or frequency, a backbone (conservative
// orbits in frequency), a fold curve in (frequency, force).
class ContinuationProblem {
public:
    virtual ~ContinuationProblem() = default;
    virtual Eigen::Index unknowns() const = 0; // m+1
    virtual void residual(const Eigen::VectorXd& y, Eigen::VectorXd& r) const = 0;
    virtual void jacobian(const Eigen::VectorXd& y, Eigen::MatrixXd& jac) const = 0; // m×(m+1)
    // Typical magnitude of each unknown: the arclength is measured in y ./ scale.
    virtual Eigen::VectorXd scale() const = 0;
};

struct ContinuationSettings {
    double initialStep = 0.01;   // scaled arclength
    double minStep = 1e-7;
    double maxStep = 0.05;
    int targetIterations = 4;    // Newton iterations per corrector the step is tuned to
    int maxIterations = 12;
    double tolerance = 1e-10;    // Newton stop: scaled ‖Δy‖ below this
    double maxAngle = 0.15;      // rad between consecutive tangents before the step is cut
    std::size_t maxPoints = 5000;
};

// Keller's pseudo-arclength predictor–corrector (Keller 1977; Allgower & Georg, Introduction to
// Numerical Continuation Methods, SIAM 2003, ch. 2): tangent predictor, Newton corrector on the
// bordered system [R(y); tᵀ(y − y_pred)] = 0, step adapted to the corrector's iteration count
// and to the angle between consecutive tangents.
class PseudoArclength {
public:
    PseudoArclength(const ContinuationProblem& problem, ContinuationSettings settings);

    // All y are in the problem's units; tangents t are unit vectors in the scaled coordinates
    // y ./ scale. correct(): Newton from y on R(y) = 0 with the hyperplane
    // tᵀ(y/scale − anchor/scale) = 0. Returns false when it does not converge.
    bool correct(Eigen::VectorXd& y, const Eigen::VectorXd& anchor, const Eigen::VectorXd& t,
                 int* iterations = nullptr) const;
    // Unit tangent at y, oriented to have a positive product with `previous`; when previous is
    // empty, oriented so that component `component` is positive.
    Eigen::VectorXd tangent(const Eigen::VectorXd& y, const Eigen::VectorXd& previous,
                            Eigen::Index component = -1) const;

    struct Point {
        Eigen::VectorXd y;
        Eigen::VectorXd t; // unit tangent in scaled coordinates
    };
    // Follows the curve from y0 (must satisfy R ≈ 0) along t0 until stop(point) is true, the
    // step collapses or maxPoints is reached. onPoint is called for each accepted point after
    // the first (it may throw Cancelled).
    std::vector<Point> run(const Eigen::VectorXd& y0, const Eigen::VectorXd& t0,
                           const std::function<bool(const Point&)>& stop,
                           const std::function<void(const Point&)>& onPoint) const;

    // Locates a zero of the tangent's component `component` between accepted points a and b
    // (opposite signs): secant/bisection on the arclength from a, each trial a corrected point.
    // Stops when the bracket is shorter than arcTolerance (scaled arclength).
    Point locateTurningPoint(const Point& a, const Point& b, Eigen::Index component,
                             double arcTolerance) const;

    // Scaled ↔ unscaled helpers.
    Eigen::VectorXd toScaled(const Eigen::VectorXd& y) const { return y.cwiseQuotient(m_scale); }
    Eigen::VectorXd fromScaled(const Eigen::VectorXd& s) const { return s.cwiseProduct(m_scale); }

    // Reason the last run() ended: "stop", "max points", "step too small".
    const std::string& lastStopReason() const { return m_stopReason; }

private:
    const ContinuationProblem& m_problem;
    ContinuationSettings m_settings;
    Eigen::VectorXd m_scale;
    mutable std::string m_stopReason;

    // Corrector and tangent in scaled coordinates.
    bool correctScaled(Eigen::VectorXd& s, const Eigen::VectorXd& anchor, const Eigen::VectorXd& t,
                       int& iterations) const;
    Eigen::VectorXd tangentScaled(const Eigen::VectorXd& s, const Eigen::VectorXd& previous) const;
    void scaledJacobian(const Eigen::VectorXd& s, Eigen::MatrixXd& jac) const;
};

} // namespace dtop::nonlinear
