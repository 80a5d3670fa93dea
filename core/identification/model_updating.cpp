// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/model_updating.h"
#include "identification/eigen_index.h"

#include "dynamics/modal_analysis.h"
#include "identification/modal_indicators.h"

#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dtop::identification {

InputIssues UpdateTarget::validate() const
{
    InputIssues issues;
    const std::size_t nt = frequenciesHz.size();
    if (nt == 0)
        issues.push_back({"update", "model updating needs at least one identified mode"});
    if (dampingRatios.size() != nt || shapes.size() != nt)
        issues.push_back({"update", "identified frequencies, damping ratios and shapes differ in "
                                    "number"});
    if (floors.empty())
        issues.push_back({"update", "model updating needs the measured floors"});
    for (int f : floors)
        if (f < 1)
            issues.push_back({"update", "measured floor must be >= 1, got " + std::to_string(f)});
    for (std::size_t r = 0; r < nt && r < dampingRatios.size() && r < shapes.size(); ++r) {
        if (!std::isfinite(frequenciesHz[r]) || frequenciesHz[r] <= 0.0)
            issues.push_back({"update", "identified frequency " + std::to_string(r + 1) +
                                            " must be > 0 Hz, got " + formatValue(frequenciesHz[r])});
        if (!std::isfinite(dampingRatios[r]) || dampingRatios[r] <= 0.0)
            issues.push_back({"update", "identified damping ratio " + std::to_string(r + 1) +
                                            " must be > 0, got " + formatValue(dampingRatios[r])});
        if (std::size_t(shapes[r].size()) != floors.size() || !shapes[r].allFinite() ||
            !(shapes[r].norm() > 0.0))
            issues.push_back({"update", "identified shape " + std::to_string(r + 1) +
                                            " must have one finite, not all zero, entry per "
                                            "measured floor"});
    }
    return issues;
}

InputIssues UpdateOptions::validate() const
{
    InputIssues issues;
    auto nonNegative = [&](const char* field, const char* what, double v) {
        if (!std::isfinite(v) || v < 0.0)
            issues.push_back({field, std::string(what) + " must be >= 0, got " + formatValue(v)});
    };
    nonNegative("frequency_weight", "frequency weight", frequencyWeight);
    nonNegative("shape_weight", "shape weight", shapeWeight);
    nonNegative("damping_weight", "damping weight", dampingWeight);
    nonNegative("tikhonov", "Tikhonov regularisation weight", tikhonov);
    if (maxIterations < 1 || maxIterations > 10000)
        issues.push_back({"update_iterations", "updating iterations must be between 1 and "
                                               "10000, got " + std::to_string(maxIterations)});
    if (!std::isfinite(tolerance) || tolerance <= 0.0)
        issues.push_back({"update_tolerance", "updating tolerance must be > 0, got " +
                                                  formatValue(tolerance)});
    if (!stiffnesses && !masses && !damping)
        issues.push_back({"update", "nothing to update: stiffnesses, masses and damping are all "
                                    "switched off"});
    return issues;
}

namespace {

enum class ParameterKind { Stiffness, Mass, Damper };

struct Parameter {
    ParameterKind kind;
    std::size_t storey; // 0-based
};

struct ModelModes {
    std::vector<double> frequenciesHz;
    std::vector<double> damping;
    std::vector<Eigen::VectorXd> shapes; // mass-normalised, at the measured floors
};

struct Problem {
    model::Profile base;
    UpdateTarget target;
    UpdateOptions options;
    std::vector<Parameter> parameters;
    std::vector<double> nominal;
    std::vector<int> pairing;

    model::Profile profileAt(const Eigen::VectorXd& x) const
    {
        model::Profile p = base;
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            const double v = nominal[i] * std::exp(x(ix(i)));
            const std::size_t s = parameters[i].storey;
            switch (parameters[i].kind) {
            case ParameterKind::Stiffness:
                p.stiffnesses[s] = v;
                break;
            case ParameterKind::Mass:
                p.masses[s] = v;
                break;
            case ParameterKind::Damper:
                p.dampers[s] = v;
                break;
            }
        }
        return p;
    }

    ModelModes modes(const model::Profile& p) const
    {
        const dynamics::ShearBuilding b(p);
        const dynamics::UndampedModes u = dynamics::undampedModes(b);
        const dynamics::DampedModes d = dynamics::dampedModes(b);
        ModelModes m;
        m.frequenciesHz = u.frequenciesHz();
        for (Eigen::Index r = 0; r < u.shapes.cols(); ++r) {
            Eigen::VectorXd s(static_cast<Eigen::Index>(target.floors.size()));
            for (std::size_t i = 0; i < target.floors.size(); ++i)
                s(ix(i)) = u.shapes(target.floors[i] - 1, r);
            m.shapes.push_back(s);
            m.damping.push_back(std::size_t(r) < d.dampingRatios.size()
                                    ? d.dampingRatios[std::size_t(r)]
                                    : 0.0);
        }
        return m;
    }

    std::size_t residualCount() const
    {
        return pairing.size() * (2 + target.floors.size()) + parameters.size();
    }

    void residuals(const Eigen::VectorXd& x, Eigen::VectorXd& f) const
    {
        const ModelModes m = modes(profileAt(x));
        Eigen::Index k = 0;
        const double wf = std::sqrt(options.frequencyWeight);
        const double ws = std::sqrt(options.shapeWeight);
        const double wz = std::sqrt(options.dampingWeight);
        for (std::size_t r = 0; r < pairing.size(); ++r) {
            const std::size_t j = std::size_t(pairing[r]);
            f(k++) = wf * (m.frequenciesHz[j] - target.frequenciesHz[r]) / target.frequenciesHz[r];
            Eigen::VectorXd phi = m.shapes[j];
            Eigen::VectorXd ref = target.shapes[r];
            if (!target.shapesMassNormalised) {
                phi.normalize();
                ref.normalize();
            }
            if (phi.dot(ref) < 0.0)
                phi = -phi;
            f.segment(k, phi.size()) = ws * (phi - ref) / target.shapes[r].norm() *
                                       (target.shapesMassNormalised ? 1.0 : target.shapes[r].norm());
            k += phi.size();
            f(k++) = wz * (m.damping[j] - target.dampingRatios[r]) / target.dampingRatios[r];
        }
        const double wt = std::sqrt(options.tikhonov);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            f(k++) = wt * x(i);
    }
};

struct UpdateFunctor {
    using Scalar = double;
    using InputType = Eigen::VectorXd;
    using ValueType = Eigen::VectorXd;
    using JacobianType = Eigen::MatrixXd;
    enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };
    const Problem* problem = nullptr;
    int inputs() const { return int(problem->parameters.size()); }
    int values() const { return int(problem->residualCount()); }
    int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& f) const
    {
        problem->residuals(x, f);
        return 0;
    }
};

std::vector<double> physical(const Problem& p, const Eigen::VectorXd& x)
{
    std::vector<double> v;
    for (std::size_t i = 0; i < p.parameters.size(); ++i)
        v.push_back(p.nominal[i] * std::exp(x(ix(i))));
    return v;
}

void describe(const Problem& p, const ModelModes& m, std::vector<double>& f, std::vector<double>& z,
              std::vector<double>& mac)
{
    f.clear();
    z.clear();
    mac.clear();
    for (std::size_t r = 0; r < p.pairing.size(); ++r) {
        const std::size_t j = std::size_t(p.pairing[r]);
        f.push_back(m.frequenciesHz[j]);
        z.push_back(m.damping[j]);
        mac.push_back(modalAssurance(m.shapes[j].cast<std::complex<double>>(),
                                     p.target.shapes[r].cast<std::complex<double>>()));
    }
}

} // namespace

UpdateResult updateProfile(const model::Profile& profile, const UpdateTarget& target,
                           const UpdateOptions& options, Progress& progress)
{
    InputIssues issues = profile.validate();
    const InputIssues ti = target.validate();
    const InputIssues oi = options.validate();
    issues.insert(issues.end(), ti.begin(), ti.end());
    issues.insert(issues.end(), oi.begin(), oi.end());
    if (profile.isNonlinear())
        issues.push_back({"profile", "model updating needs a linear profile; '" + profile.name +
                                         "' has cubic storey springs"});
    for (int f : target.floors)
        if (f > int(profile.storeys()))
            issues.push_back({"update", "measured floor " + std::to_string(f) +
                                            " is above the profile's " +
                                            std::to_string(profile.storeys()) + " floors"});
    throwIfInvalid(issues, "model updating");

    Problem pb;
    pb.base = profile;
    pb.target = target;
    pb.options = options;
    UpdateResult result;
    result.before = profile;
    const std::size_t n = profile.storeys();
    if (options.stiffnesses)
        for (std::size_t s = 0; s < n; ++s) {
            pb.parameters.push_back({ParameterKind::Stiffness, s});
            pb.nominal.push_back(profile.stiffnesses[s]);
            result.parameterNames.push_back("k" + std::to_string(s + 1));
            result.parameterUnits.push_back("N/m");
        }
    if (options.masses) {
        if (target.shapesMassNormalised) {
            for (std::size_t s = 0; s < n; ++s) {
                pb.parameters.push_back({ParameterKind::Mass, s});
                pb.nominal.push_back(profile.masses[s]);
                result.parameterNames.push_back("m" + std::to_string(s + 1));
                result.parameterUnits.push_back("kg");
            }
        } else {
            result.notes.push_back("masses kept: the identified shapes are not mass-normalised "
                                   "(driving point not measured), so frequencies and shapes "
                                   "cannot tell a structure from one uniformly heavier and "
                                   "stiffer");
        }
    }
    if (options.damping) {
        bool dampers = profile.damping == model::DampingModel::StoreyDampers;
        for (double c : profile.dampers)
            dampers = dampers && c > 0.0;
        if (dampers) {
            for (std::size_t s = 0; s < n; ++s) {
                pb.parameters.push_back({ParameterKind::Damper, s});
                pb.nominal.push_back(profile.dampers[s]);
                result.parameterNames.push_back("c" + std::to_string(s + 1));
                result.parameterUnits.push_back("N*s/m");
            }
        } else {
            result.notes.push_back("damping kept: only positive storey dampers are updated, and '" +
                                   profile.name + "' does not have them");
        }
    }
    if (pb.parameters.empty())
        throw std::invalid_argument("model updating: no parameter to update");

    // Pairing by MAC weighted by frequency proximity, greedy from the best pair.
    {
        const ModelModes m0 = pb.modes(profile);
        const std::size_t nt = target.frequenciesHz.size();
        std::vector<std::tuple<double, std::size_t, std::size_t>> scores;
        for (std::size_t r = 0; r < nt; ++r)
            for (std::size_t j = 0; j < m0.frequenciesHz.size(); ++j) {
                const double mac = modalAssurance(m0.shapes[j].cast<std::complex<double>>(),
                                                  target.shapes[r].cast<std::complex<double>>());
                const double ratio = std::min(m0.frequenciesHz[j], target.frequenciesHz[r]) /
                                     std::max(m0.frequenciesHz[j], target.frequenciesHz[r]);
                scores.emplace_back(mac * ratio, r, j);
            }
        std::sort(scores.begin(), scores.end(),
                  [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
        std::vector<int> pairOf(nt, -1);
        std::vector<bool> used(m0.frequenciesHz.size(), false);
        for (const auto& [s, r, j] : scores)
            if (pairOf[r] < 0 && !used[j]) {
                pairOf[r] = int(j);
                used[j] = true;
            }
        UpdateTarget kept;
        kept.floors = target.floors;
        kept.shapesMassNormalised = target.shapesMassNormalised;
        for (std::size_t r = 0; r < nt; ++r) {
            if (pairOf[r] < 0) {
                result.notes.push_back("identified mode at " + formatValue(target.frequenciesHz[r]) +
                                       " Hz has no model mode to pair with and is not used");
                continue;
            }
            kept.frequenciesHz.push_back(target.frequenciesHz[r]);
            kept.dampingRatios.push_back(target.dampingRatios[r]);
            kept.shapes.push_back(target.shapes[r]);
            pb.pairing.push_back(pairOf[r]);
        }
        pb.target = kept;
    }
    result.pairing = pb.pairing;

    const Eigen::Index np = ix(pb.parameters.size());
    Eigen::VectorXd x = Eigen::VectorXd::Zero(np);
    Eigen::VectorXd f(static_cast<Eigen::Index>(pb.residualCount()));
    pb.residuals(x, f);
    result.objectiveBefore = f.squaredNorm();
    result.initial = physical(pb, x);
    result.history.push_back({0, result.objectiveBefore, result.initial});
    describe(pb, pb.modes(profile), result.frequenciesBeforeHz, result.dampingBefore,
             result.macBefore);

    UpdateFunctor fn;
    fn.problem = &pb;
    // Central differences with a step of 1e-6 in ln θ: the damped eigenvalues carry ~1e-13
    // relative noise, which forward differences at √ε amplify past the tolerance.
    Eigen::NumericalDiff<UpdateFunctor, Eigen::Central> nd(fn, 1e-12);
    Eigen::LevenbergMarquardt<Eigen::NumericalDiff<UpdateFunctor, Eigen::Central>> lm(nd);
    lm.parameters.ftol = options.tolerance;
    lm.parameters.xtol = options.tolerance;
    lm.parameters.maxfev = options.maxIterations * (int(np) + 1) * 4;
    auto status = lm.minimizeInit(x);
    int it = 0;
    using namespace Eigen::LevenbergMarquardtSpace;
    do {
        progress.report(double(it) / double(options.maxIterations),
                        "updating, iteration " + std::to_string(it + 1));
        status = lm.minimizeOneStep(x);
        ++it;
        pb.residuals(x, f);
        result.history.push_back({it, f.squaredNorm(), physical(pb, x)});
    } while (status == Running && it < options.maxIterations);
    result.converged = status == RelativeReductionTooSmall || status == RelativeErrorTooSmall ||
                       status == RelativeErrorAndReductionTooSmall || status == CosinusTooSmall ||
                       status == FtolTooSmall || status == XtolTooSmall || status == GtolTooSmall;
    result.stopReason = result.converged ? "converged" : "iteration limit reached";
    pb.residuals(x, f);
    result.objectiveAfter = f.squaredNorm();
    result.final = physical(pb, x);
    result.after = pb.profileAt(x);
    describe(pb, pb.modes(result.after), result.frequenciesAfterHz, result.dampingAfter,
             result.macAfter);
    progress.report(1.0, "updating done");
    return result;
}

} // namespace dtop::identification
