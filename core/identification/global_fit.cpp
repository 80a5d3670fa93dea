// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/global_fit.h"
#include "identification/eigen_index.h"

#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include <cmath>
#include <stdexcept>

namespace dtop::identification {

namespace {

std::vector<ModalPole> polesFromParameters(const Eigen::VectorXd& x)
{
    std::vector<ModalPole> poles;
    const Eigen::Index m = x.size() / 2;
    for (Eigen::Index r = 0; r < m; ++r) {
        const double wn = std::exp(x(2 * r));
        const double zeta = std::exp(x(2 * r + 1));
        const double s = zeta < 1.0 ? std::sqrt(1.0 - zeta * zeta) : 0.0;
        poles.push_back({{-zeta * wn, wn * s}});
    }
    return poles;
}

// Weighted residual vector of the variable-projection problem.
struct ProjectedResidual {
    using Scalar = double;
    using InputType = Eigen::VectorXd;
    using ValueType = Eigen::VectorXd;
    using JacobianType = Eigen::MatrixXd;
    enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };

    const MeasuredFrf* frf = nullptr;
    LsfdOptions options;
    Eigen::VectorXd weight; // per response
    int parameters = 0;
    int residuals = 0;
    mutable int evaluations = 0;

    int inputs() const { return parameters; }
    int values() const { return residuals; }

    int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& f) const
    {
        ++evaluations;
        const ModalFit fit = lsfd(*frf, polesFromParameters(x), options);
        const Eigen::Index nf = ix(frf->lines());
        for (Eigen::Index o = 0; o < fit.synthesised.cols(); ++o) {
            const Eigen::VectorXcd e = (frf->h.col(o) - fit.synthesised.col(o)) * weight(o);
            f.segment(2 * nf * o, nf) = e.real();
            f.segment(2 * nf * o + nf, nf) = e.imag();
        }
        return 0;
    }
};

const char* lmStatusText(Eigen::LevenbergMarquardtSpace::Status s)
{
    using namespace Eigen::LevenbergMarquardtSpace;
    switch (s) {
    case RelativeReductionTooSmall:
        return "relative reduction of the cost below the tolerance";
    case RelativeErrorTooSmall:
        return "relative change of the poles below the tolerance";
    case RelativeErrorAndReductionTooSmall:
        return "cost and poles converged";
    case CosinusTooSmall:
        return "residual orthogonal to the Jacobian (a minimum)";
    case TooManyFunctionEvaluation:
        return "iteration limit reached";
    case FtolTooSmall:
    case XtolTooSmall:
    case GtolTooSmall:
        return "no further reduction possible at machine precision";
    default:
        return "stopped";
    }
}

} // namespace

GlobalFitResult refinePoles(const MeasuredFrf& frf, const std::vector<ModalPole>& start,
                            const LsfdOptions& lsfdOptions, const GlobalFitOptions& options,
                            Progress& progress)
{
    if (start.empty())
        throw std::invalid_argument("global fit: no starting pole");
    if (options.maxIterations < 1 || !(options.tolerance > 0.0))
        throw std::invalid_argument("global fit: iterations must be >= 1 and tolerance > 0");
    ProjectedResidual fn;
    fn.frf = &frf;
    fn.options = lsfdOptions;
    fn.parameters = int(2 * start.size());
    fn.residuals = int(2 * frf.lines() * frf.responses());
    fn.weight.resize(ix(frf.responses()));
    for (Eigen::Index o = 0; o < fn.weight.size(); ++o) {
        const double ms = frf.h.col(o).squaredNorm() / double(frf.lines());
        fn.weight(o) = ms > 0.0 ? 1.0 / std::sqrt(ms) : 0.0;
    }
    if (fn.residuals <= fn.parameters)
        throw std::invalid_argument("global fit: too few frequency lines for the poles");
    Eigen::VectorXd x(fn.parameters);
    for (std::size_t r = 0; r < start.size(); ++r) {
        const double wn = std::abs(start[r].lambda);
        const double zeta = start[r].dampingRatio();
        if (!(wn > 0.0) || !(zeta > 0.0) || !(zeta < 1.0))
            throw std::invalid_argument("global fit: starting pole " + std::to_string(r + 1) +
                                        " is not an underdamped mode");
        x(ix(2 * r)) = std::log(wn);
        x(ix(2 * r + 1)) = std::log(zeta);
    }
    GlobalFitResult result;
    Eigen::VectorXd f(fn.residuals);
    fn(x, f);
    result.costBefore = f.squaredNorm();

    Eigen::NumericalDiff<ProjectedResidual> nd(fn);
    Eigen::LevenbergMarquardt<Eigen::NumericalDiff<ProjectedResidual>> lm(nd);
    lm.parameters.ftol = options.tolerance;
    lm.parameters.xtol = options.tolerance;
    lm.parameters.maxfev = options.maxIterations * (fn.parameters + 1);
    auto status = lm.minimizeInit(x);
    if (status == Eigen::LevenbergMarquardtSpace::ImproperInputParameters)
        throw std::invalid_argument("global fit: improper input");
    int iterations = 0;
    do {
        progress.report(std::min(0.99, double(iterations) / double(options.maxIterations)),
                        "global fit, step " + std::to_string(iterations + 1));
        status = lm.minimizeOneStep(x);
        ++iterations;
    } while (status == Eigen::LevenbergMarquardtSpace::Running &&
             iterations < options.maxIterations);
    result.iterations = iterations;
    result.evaluations = nd.evaluations;
    result.converged = status == Eigen::LevenbergMarquardtSpace::RelativeReductionTooSmall ||
                       status == Eigen::LevenbergMarquardtSpace::RelativeErrorTooSmall ||
                       status == Eigen::LevenbergMarquardtSpace::RelativeErrorAndReductionTooSmall ||
                       status == Eigen::LevenbergMarquardtSpace::CosinusTooSmall ||
                       status == Eigen::LevenbergMarquardtSpace::FtolTooSmall ||
                       status == Eigen::LevenbergMarquardtSpace::XtolTooSmall ||
                       status == Eigen::LevenbergMarquardtSpace::GtolTooSmall;
    result.stopReason = status == Eigen::LevenbergMarquardtSpace::Running
                            ? "iteration limit reached"
                            : lmStatusText(status);
    result.fit = lsfd(frf, polesFromParameters(x), lsfdOptions);
    fn(x, f);
    result.costAfter = f.squaredNorm();
    progress.report(1.0, "global fit done");
    return result;
}

} // namespace dtop::identification
