// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/profile.h"

#include <cmath>

namespace dtop::model {

const char* dampingModelName(DampingModel model)
{
    switch (model) {
    case DampingModel::StoreyDampers:
        return "dampers";
    case DampingModel::RayleighCoefficients:
        return "rayleigh";
    case DampingModel::RayleighModalRatio:
        return "rayleigh-ratio";
    }
    return "dampers";
}

bool parseDampingModel(const std::string& text, DampingModel& model)
{
    for (DampingModel m : {DampingModel::StoreyDampers, DampingModel::RayleighCoefficients,
                           DampingModel::RayleighModalRatio}) {
        if (text == dampingModelName(m)) {
            model = m;
            return true;
        }
    }
    return false;
}

bool Profile::isNonlinear() const
{
    for (double kc : cubicStiffnesses)
        if (kc != 0.0)
            return true;
    return false;
}

namespace {

// Checks one per-floor list: right length, finite, above (or at) the lower limit.
void checkList(InputIssues& issues, const std::vector<double>& values, std::size_t n,
               const char* what, const char* symbol, const char* unit, bool allowZero,
               bool allowNegative)
{
    if (values.size() != n) {
        issues.push_back({symbol, std::string(what) + " list has " + std::to_string(values.size()) +
                                      " values but the building has " + std::to_string(n) +
                                      " storeys"});
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::string field = symbol + std::to_string(i + 1);
        const double v = values[i];
        const std::string unitText = *unit ? std::string(" ") + unit : std::string();
        if (!std::isfinite(v)) {
            issues.push_back({field, std::string(what) + " " + field +
                                         " must be a finite number, got " + formatValue(v)});
        } else if (!allowNegative && (v < 0.0 || (!allowZero && v == 0.0))) {
            issues.push_back({field, std::string(what) + " " + field + " must be " +
                                         (allowZero ? ">= 0" : "> 0") + unitText + ", got " +
                                         formatValue(v)});
        }
    }
}

// Values acceptable one by one can still overflow the model: every analysis works with the
// mass-normalised matrices (k/m, c/m) and squares them, so each storey's (k_i + k_i+1)/m_i and
// (c_i + c_i+1)/m_i must stay below kMaxRatio. Called when the lists themselves are valid.
void checkScale(InputIssues& issues, const std::vector<double>& values,
                const std::vector<double>& masses, const char* what, const char* symbol)
{
    constexpr double kMaxRatio = 1e150;
    for (std::size_t i = 0; i < masses.size(); ++i) {
        const double above = i + 1 < values.size() ? values[i + 1] : 0.0;
        const double ratio = (values[i] + above) / masses[i];
        if (!(ratio <= kMaxRatio)) {
            issues.push_back({symbol + std::to_string(i + 1),
                              std::string(what) + " " + symbol + std::to_string(i + 1) +
                                  " over mass m" + std::to_string(i + 1) + " is " +
                                  formatValue(ratio) + ", beyond what the model can represent (" +
                                  formatValue(kMaxRatio) + "); check the units"});
            return;
        }
    }
}

} // namespace

InputIssues Profile::validate() const
{
    InputIssues issues;
    const std::size_t n = storeys();
    if (name.empty())
        issues.push_back({"name", "profile name must not be empty"});
    if (n < kMinStoreys || n > kMaxStoreys) {
        issues.push_back({"storeys", "number of storeys must be between " +
                                         std::to_string(kMinStoreys) + " and " +
                                         std::to_string(kMaxStoreys) + ", got " +
                                         std::to_string(n)});
        return issues; // per-floor checks make no sense without a valid count
    }
    checkList(issues, masses, n, "mass", "m", "kg", false, false);
    checkList(issues, stiffnesses, n, "stiffness", "k", "N/m", false, false);
    if (issues.empty())
        checkScale(issues, stiffnesses, masses, "stiffness", "k");
    if (!cubicStiffnesses.empty())
        checkList(issues, cubicStiffnesses, n, "cubic stiffness", "kc", "N/m³", true, true);

    switch (damping) {
    case DampingModel::StoreyDampers:
        checkList(issues, dampers, n, "damper", "c", "N·s/m", true, false);
        if (issues.empty())
            checkScale(issues, dampers, masses, "damper", "c");
        break;
    case DampingModel::RayleighCoefficients:
        if (!std::isfinite(rayleighAlpha) || rayleighAlpha < 0.0)
            issues.push_back({"alpha", "Rayleigh alpha must be >= 0 1/s, got " +
                                           formatValue(rayleighAlpha)});
        if (!std::isfinite(rayleighBeta) || rayleighBeta < 0.0)
            issues.push_back({"beta", "Rayleigh beta must be >= 0 s, got " +
                                          formatValue(rayleighBeta)});
        break;
    case DampingModel::RayleighModalRatio:
        if (!std::isfinite(targetDampingRatio) || targetDampingRatio < 0.0 ||
            targetDampingRatio >= 1.0)
            issues.push_back({"zeta", "target damping ratio zeta must be in [0, 1), got " +
                                          formatValue(targetDampingRatio)});
        if (n < 2)
            issues.push_back({"zeta", "Rayleigh damping from a target ratio needs two modes, "
                                      "so at least 2 storeys; give alpha and beta instead"});
        else {
            const int nn = static_cast<int>(n);
            if (targetModeA < 1 || targetModeA > nn)
                issues.push_back({"mode_a", "first Rayleigh target mode must be between 1 and " +
                                                std::to_string(nn) + ", got " +
                                                std::to_string(targetModeA)});
            if (targetModeB < 1 || targetModeB > nn)
                issues.push_back({"mode_b", "second Rayleigh target mode must be between 1 and " +
                                                std::to_string(nn) + ", got " +
                                                std::to_string(targetModeB)});
            if (targetModeA == targetModeB)
                issues.push_back({"mode_b", "the two Rayleigh target modes must differ, both are " +
                                                std::to_string(targetModeA)});
        }
        break;
    }
    return issues;
}

} // namespace dtop::model
