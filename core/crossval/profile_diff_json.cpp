// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/profile_diff_json.h"

#include "io/json_numbers.h"

namespace dtop::crossval {

using nlohmann::json;

namespace {
json optional(const std::optional<double>& v)
{
    return v ? io::jsonNumber(*v) : json();
}
bool isText(const ParameterChange& c)
{
    return c.field == "name" || c.field == "provenance" || c.field == "damping_model";
}
} // namespace

json profileDiffToJson(const ProfileDiff& diff)
{
    json parameters = json::array();
    for (const ParameterChange& c : diff.parameters) {
        json p = {{"field", c.field}, {"unit", c.unit}};
        if (isText(c)) {
            p["old"] = c.oldText;
            p["new"] = c.newText;
        } else {
            p["old"] = optional(c.oldValue);
            p["new"] = optional(c.newValue);
        }
        p["changed"] = c.changed;
        p["relative_change_pct"] = io::jsonNumber(c.relativeChangePct);
        parameters.push_back(std::move(p));
    }
    json modes = json::array();
    for (const ModeChange& m : diff.modes)
        modes.push_back({{"mode", m.mode},
                         {"old_frequency_hz", optional(m.oldFrequencyHz)},
                         {"new_frequency_hz", optional(m.newFrequencyHz)},
                         {"frequency_change_pct", io::jsonNumber(m.frequencyChangePct)},
                         {"old_damping_ratio", optional(m.oldDampingRatio)},
                         {"new_damping_ratio", optional(m.newDampingRatio)}});
    return {{"changed_parameters", diff.changedParameters},
            {"parameters", parameters},
            {"modes", modes}};
}

json profileHistoryToJson(const ProfileHistory& h)
{
    json versions = json::array();
    for (const HistoryEntry& e : h.versions)
        versions.push_back({{"version", e.version},
                            {"created_utc", e.createdUtc},
                            {"app_version", e.appVersion},
                            {"note", e.note},
                            {"provenance", provenanceKindName(e.provenance)},
                            {"frequencies_hz", io::jsonArray(e.frequenciesHz)},
                            {"damping_ratios", io::jsonArray(e.dampingRatios)},
                            {"changed_parameters", e.changedParameters}});
    json modes = json::array();
    for (const auto& m : h.modeFrequenciesHz)
        modes.push_back(io::jsonArray(m));
    return {{"name", h.name}, {"versions", versions}, {"mode_frequencies_hz", modes}};
}

} // namespace dtop::crossval
