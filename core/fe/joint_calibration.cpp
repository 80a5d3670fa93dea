// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/joint_calibration.h"

#include <unsupported/Eigen/NonLinearOptimization>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace dtop::fe {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// The sway-weak frequencies of one joint-stiffness vector, with their sensitivities.
class SwayEvaluator {
public:
    SwayEvaluator(const FrameModel& model, const std::vector<double>& measuredHz,
                  EigenSolverKind solver, Progress& progress)
        : m_model(model), m_measured(measuredHz), m_solver(solver), m_progress(progress) {}

    // Frequencies [Hz] of the first measured.size() sway-weak modes and d f_i / d k_s.
    void evaluate(const std::vector<double>& perStorey, Eigen::VectorXd& f, Eigen::MatrixXd& dfdk) {
        m_progress.checkCancelled();
        ++evaluations;
        const Eigen::SparseMatrix<double> k = m_model.stiffnessWithJoints(perStorey);
        const double limit = 2.0 * *std::max_element(m_measured.begin(), m_measured.end());
        const FrameModes modes =
            solveWithSwayModes(m_model, limit, m_measured.size(), m_solver, Progress::none(), &k);
        const auto sway = modes.ofKind(ModeKind::SwayWeak);
        if (sway.size() < m_measured.size())
            throw std::runtime_error("calibration: the model has fewer sway modes than measured");
        const Eigen::Index m = static_cast<Eigen::Index>(m_measured.size());
        const Eigen::Index storeys = static_cast<Eigen::Index>(perStorey.size());
        f.resize(m);
        dfdk = Eigen::MatrixXd::Zero(m, storeys);
        for (Eigen::Index i = 0; i < m; ++i) {
            const FrameMode& mode = *sway[static_cast<std::size_t>(i)];
            f(i) = mode.frequencyHz;
            // f = √λ / 2π  ⇒  df/dλ = 1 / (8π² f)
            const double dfdl = 1.0 / (2.0 * kTwoPi * kTwoPi * std::max(f(i), 1e-30));
            for (const auto& j : m_model.joints()) {
                const double own = mode.vector(j.ownDof);
                const double clamp = j.clampDof >= 0 ? mode.vector(j.clampDof) : 0.0;
                dfdk(i, j.storey - 1) += dfdl * (own - clamp) * (own - clamp);
            }
        }
    }

    int evaluations = 0;

private:
    const FrameModel& m_model;
    const std::vector<double>& m_measured;
    EigenSolverKind m_solver;
    Progress& m_progress;
};

// Residuals r_i = (f_i − f̂_i)/f̂_i over x = ln(k/k_ref), clamped to the search box; a single
// parameter drives every storey when `single`.
struct ResidualFunctor {
    SwayEvaluator& evaluator;
    const std::vector<double>& measured;
    double reference;
    int storeys;
    bool single;
    double lo, hi;

    int inputs() const { return single ? 1 : storeys; }
    int values() const { return static_cast<int>(measured.size()); }

    std::vector<double> stiffness(const Eigen::VectorXd& x) const {
        std::vector<double> k(static_cast<std::size_t>(storeys));
        for (int s = 0; s < storeys; ++s)
            k[static_cast<std::size_t>(s)] =
                reference * std::exp(std::clamp(x(single ? 0 : s), lo, hi));
        return k;
    }
    int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& r) {
        Eigen::VectorXd f;
        Eigen::MatrixXd d;
        evaluator.evaluate(stiffness(x), f, d);
        r.resize(values());
        for (int i = 0; i < values(); ++i)
            r(i) = (f(i) - measured[static_cast<std::size_t>(i)]) /
                   measured[static_cast<std::size_t>(i)];
        return 0;
    }
    int df(const Eigen::VectorXd& x, Eigen::MatrixXd& jac) {
        const std::vector<double> k = stiffness(x);
        Eigen::VectorXd f;
        Eigen::MatrixXd d;
        evaluator.evaluate(k, f, d);
        jac = Eigen::MatrixXd::Zero(values(), inputs());
        for (int i = 0; i < values(); ++i)
            for (int s = 0; s < storeys; ++s) {
                const double xs = x(single ? 0 : s);
                if (xs < lo || xs > hi)
                    continue; // clamped: flat
                jac(i, single ? 0 : s) += d(i, s) * k[static_cast<std::size_t>(s)] /
                                          measured[static_cast<std::size_t>(i)];
            }
        return 0;
    }
};

const char* statusText(Eigen::LevenbergMarquardtSpace::Status status) {
    using namespace Eigen::LevenbergMarquardtSpace;
    switch (status) {
    case RelativeReductionTooSmall:
    case RelativeErrorTooSmall:
    case RelativeErrorAndReductionTooSmall:
        return "converged";
    case CosinusTooSmall:
        return "converged (residual orthogonal to the Jacobian: best fit, not exact)";
    case TooManyFunctionEvaluation:
        return "stopped: evaluation budget used";
    case FtolTooSmall:
    case XtolTooSmall:
    case GtolTooSmall:
        return "stopped: tolerance too small to improve further";
    default:
        break;
    }
    return "stopped";
}

bool succeeded(Eigen::LevenbergMarquardtSpace::Status status) {
    using namespace Eigen::LevenbergMarquardtSpace;
    return status == RelativeReductionTooSmall || status == RelativeErrorTooSmall ||
           status == RelativeErrorAndReductionTooSmall || status == CosinusTooSmall ||
           status == XtolTooSmall || status == FtolTooSmall;
}

Eigen::LevenbergMarquardtSpace::Status runLm(ResidualFunctor& functor, Eigen::VectorXd& x) {
    Eigen::LevenbergMarquardt<ResidualFunctor> lm(functor);
    lm.parameters.maxfev = 60;
    lm.parameters.xtol = 1e-10;
    lm.parameters.ftol = 1e-12;
    const auto status = lm.minimize(x);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x(i) = std::clamp(x(i), functor.lo, functor.hi);
    return status;
}

} // namespace

const char* jointCalibrationName(JointCalibration mode) {
    switch (mode) {
    case JointCalibration::Off:
        return "off";
    case JointCalibration::PerStorey:
        return "per-storey";
    case JointCalibration::Single:
        break;
    }
    return "single";
}

bool parseJointCalibration(const std::string& text, JointCalibration& mode) {
    for (auto m : {JointCalibration::Off, JointCalibration::Single, JointCalibration::PerStorey})
        if (text == jointCalibrationName(m)) {
            mode = m;
            return true;
        }
    return false;
}

JointCalibrationResult
calibrateJointStiffness(const RigGeometry& geometry, const Material& material,
                        const FrameOptions& options, const std::vector<double>& measuredHz,
                        JointCalibration mode,
                        const std::vector<std::vector<double>>& measuredShapes,
                        double maxFrequencyHz, EigenSolverKind solver, Progress& progress) {
    if (measuredHz.empty())
        throw std::invalid_argument("calibration needs at least one measured frequency");
    const int n = geometry.storeys;
    if (mode == JointCalibration::PerStorey && static_cast<int>(measuredHz.size()) < n)
        throw std::invalid_argument(
            "per-storey calibration needs at least one measured mode per storey");

    JointCalibrationResult out;
    out.mode = mode;
    progress.report(0.0, "calibration: model as given");
    {
        const FrameModel given(geometry, material, options);
        const FrameModes modes =
            solveWithSwayModes(given, maxFrequencyHz, measuredHz.size(), solver);
        out.before = compareSwayModes(modes, measuredHz, measuredShapes);
    }
    if (mode == JointCalibration::Off)
        return out;

    // The stiffness scale E·I_weak / L of a storey's free span.
    const double iWeak = geometry.columnWidthM * std::pow(geometry.columnThicknessM, 3) / 12.0;
    const double reference =
        material.youngModulusPa * iWeak / geometry.freeSpanM(std::min(2, n), options.baseClamp);
    const double lo = std::log(kJointStiffnessLowerFactor),
                 hi = std::log(kJointStiffnessUpperFactor);

    // One model with finite springs at every joint; K is updated, never reassembled.
    FrameOptions springy = options;
    springy.jointStiffnessNmPerRad = {reference};
    const FrameModel model(geometry, material, springy);
    SwayEvaluator evaluator(model, measuredHz, solver, progress);
    auto cost = [&](double x) {
        Eigen::VectorXd f;
        Eigen::MatrixXd d;
        evaluator.evaluate(
            std::vector<double>(static_cast<std::size_t>(n), reference * std::exp(x)), f, d);
        double c = 0.0;
        for (Eigen::Index i = 0; i < f.size(); ++i) {
            const double r = (f(i) - measuredHz[static_cast<std::size_t>(i)]) /
                             measuredHz[static_cast<std::size_t>(i)];
            c += r * r;
        }
        return c;
    };
    // Scan: the frequencies are monotone in k, the cost is not convex in ln k far out.
    double bestX = lo, bestCost = std::numeric_limits<double>::infinity();
    const int scan = 9;
    for (int i = 0; i < scan; ++i) {
        const double x = lo + (hi - lo) * i / (scan - 1);
        const double c = cost(x);
        if (c < bestCost) {
            bestCost = c;
            bestX = x;
        }
        progress.report(0.1 + 0.3 * (i + 1) / scan, "calibration: scan");
    }
    ResidualFunctor single{evaluator, measuredHz, reference, n, true, lo, hi};
    Eigen::VectorXd x(1);
    x(0) = bestX;
    auto status = runLm(single, x);
    progress.report(0.7, "calibration: single value");
    std::vector<double> k = single.stiffness(x);
    bool atBound = x(0) <= lo + 1e-9 || x(0) >= hi - 1e-9;
    if (mode == JointCalibration::PerStorey) {
        ResidualFunctor perStorey{evaluator, measuredHz, reference, n, false, lo, hi};
        Eigen::VectorXd xs = Eigen::VectorXd::Constant(n, x(0));
        status = runLm(perStorey, xs);
        k = perStorey.stiffness(xs);
        atBound = false;
        for (Eigen::Index i = 0; i < xs.size(); ++i)
            atBound = atBound || xs(i) <= lo + 1e-9 || xs(i) >= hi - 1e-9;
        out.jointStiffnessNmPerRad = k;
    } else {
        out.jointStiffnessNmPerRad = {k.front()};
    }
    out.converged = succeeded(status);
    out.atBound = atBound;
    out.note = statusText(status);
    if (atBound)
        out.note += "; a joint stiffness reached a search bound (" +
                    formatValue(reference * kJointStiffnessLowerFactor) + " or " +
                    formatValue(reference * kJointStiffnessUpperFactor) + " N·m/rad)";
    progress.report(0.9, "calibration: calibrated model");
    const Eigen::SparseMatrix<double> kCalibrated = model.stiffnessWithJoints(k);
    out.modes = solveWithSwayModes(model, maxFrequencyHz, measuredHz.size(), solver,
                                   Progress::none(), &kCalibrated);
    out.after = compareSwayModes(out.modes, measuredHz, measuredShapes);
    out.evaluations = evaluator.evaluations + 1;
    return out;
}

} // namespace dtop::fe
