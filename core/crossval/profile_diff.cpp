// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/profile_diff.h"

#include "dynamics/modal_analysis.h"
#include "dynamics/shear_building.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::crossval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<double> at(const std::vector<double>& v, std::size_t i)
{
    return i < v.size() ? std::optional<double>(v[i]) : std::nullopt;
}

ParameterChange numeric(std::string field, std::string unit, std::optional<double> a,
                        std::optional<double> b)
{
    ParameterChange c;
    c.field = std::move(field);
    c.unit = std::move(unit);
    c.oldValue = a;
    c.newValue = b;
    c.changed = a.has_value() != b.has_value() || (a && b && *a != *b);
    c.relativeChangePct = (a && b && *a != 0.0) ? 100.0 * (*b - *a) / std::abs(*a) : kNaN;
    return c;
}

ParameterChange textual(std::string field, std::string a, std::string b)
{
    ParameterChange c;
    c.field = std::move(field);
    c.changed = a != b;
    c.oldText = std::move(a);
    c.newText = std::move(b);
    c.relativeChangePct = kNaN;
    return c;
}

struct Modes {
    std::vector<double> frequenciesHz, dampingRatios;
};

Modes modesOf(const model::Profile& p)
{
    const dynamics::DampedModes d = dynamics::dampedModes(dynamics::ShearBuilding(p));
    Modes m;
    for (std::size_t r = 0; r < d.eigenvalues.size(); ++r) {
        if (!(d.eigenvalues[r].imag() > 0.0))
            continue; // overdamped
        m.frequenciesHz.push_back(d.naturalFrequenciesHz[r]);
        m.dampingRatios.push_back(d.dampingRatios[r]);
    }
    return m;
}

} // namespace

InputIssues checkProfilesForDiff(const model::Profile& older, const model::Profile& newer)
{
    InputIssues issues;
    for (const InputIssue& i : older.validate())
        issues.push_back({"old." + i.field, "old profile '" + older.name + "': " + i.message});
    for (const InputIssue& i : newer.validate())
        issues.push_back({"new." + i.field, "new profile '" + newer.name + "': " + i.message});
    return issues;
}

std::vector<ParameterChange> diffParameters(const model::Profile& a, const model::Profile& b)
{
    std::vector<ParameterChange> out;
    out.push_back(textual("name", a.name, b.name));
    out.push_back(textual("provenance", a.provenance, b.provenance));
    out.push_back(
        numeric("storeys", "", static_cast<double>(a.storeys()), static_cast<double>(b.storeys())));
    const std::size_t n = std::max(a.storeys(), b.storeys());
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(numeric("m" + std::to_string(i + 1), "kg", at(a.masses, i), at(b.masses, i)));
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(numeric("k" + std::to_string(i + 1), "N/m", at(a.stiffnesses, i),
                              at(b.stiffnesses, i)));
    using DM = model::DampingModel;
    const bool dampersA = a.damping == DM::StoreyDampers, dampersB = b.damping == DM::StoreyDampers;
    if (dampersA || dampersB)
        for (std::size_t i = 0; i < n; ++i)
            out.push_back(numeric("c" + std::to_string(i + 1), "N·s/m",
                                  dampersA ? at(a.dampers, i) : std::nullopt,
                                  dampersB ? at(b.dampers, i) : std::nullopt));
    if (a.isNonlinear() || b.isNonlinear()) {
        // An empty list means linear: every kc is 0 then.
        auto cubic = [](const model::Profile& p, std::size_t i) -> std::optional<double> {
            if (i >= p.storeys())
                return std::nullopt;
            return i < p.cubicStiffnesses.size() ? p.cubicStiffnesses[i] : 0.0;
        };
        for (std::size_t i = 0; i < n; ++i)
            out.push_back(numeric("kc" + std::to_string(i + 1), "N/m³", cubic(a, i), cubic(b, i)));
    }
    out.push_back(textual("damping_model", model::dampingModelName(a.damping),
                          model::dampingModelName(b.damping)));
    auto when = [](bool present, double v) {
        return present ? std::optional<double>(v) : std::nullopt;
    };
    if (a.damping == DM::RayleighCoefficients || b.damping == DM::RayleighCoefficients) {
        const bool pa = a.damping == DM::RayleighCoefficients;
        const bool pb = b.damping == DM::RayleighCoefficients;
        out.push_back(
            numeric("rayleigh_alpha", "1/s", when(pa, a.rayleighAlpha), when(pb, b.rayleighAlpha)));
        out.push_back(
            numeric("rayleigh_beta", "s", when(pa, a.rayleighBeta), when(pb, b.rayleighBeta)));
    }
    if (a.damping == DM::RayleighModalRatio || b.damping == DM::RayleighModalRatio) {
        const bool pa = a.damping == DM::RayleighModalRatio;
        const bool pb = b.damping == DM::RayleighModalRatio;
        out.push_back(numeric("damping_ratio", "", when(pa, a.targetDampingRatio),
                              when(pb, b.targetDampingRatio)));
        out.push_back(numeric("mode_a", "", when(pa, a.targetModeA), when(pb, b.targetModeA)));
        out.push_back(numeric("mode_b", "", when(pa, a.targetModeB), when(pb, b.targetModeB)));
    }
    return out;
}

ProfileDiff diffProfiles(const model::Profile& a, const model::Profile& b)
{
    throwIfInvalid(checkProfilesForDiff(a, b), "profiles to compare");
    ProfileDiff diff;
    diff.parameters = diffParameters(a, b);
    diff.changedParameters =
        static_cast<std::size_t>(std::count_if(diff.parameters.begin(), diff.parameters.end(),
                                               [](const ParameterChange& c) { return c.changed; }));

    const Modes ma = modesOf(a), mb = modesOf(b);
    const std::size_t modes = std::max(ma.frequenciesHz.size(), mb.frequenciesHz.size());
    for (std::size_t r = 0; r < modes; ++r) {
        ModeChange m;
        m.mode = static_cast<int>(r + 1);
        m.oldFrequencyHz = at(ma.frequenciesHz, r);
        m.newFrequencyHz = at(mb.frequenciesHz, r);
        m.oldDampingRatio = at(ma.dampingRatios, r);
        m.newDampingRatio = at(mb.dampingRatios, r);
        m.frequencyChangePct =
            (m.oldFrequencyHz && m.newFrequencyHz)
                ? 100.0 * (*m.newFrequencyHz - *m.oldFrequencyHz) / *m.oldFrequencyHz
                : kNaN;
        diff.modes.push_back(m);
    }
    return diff;
}

} // namespace dtop::crossval
