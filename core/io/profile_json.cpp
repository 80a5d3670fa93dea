// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/profile_json.h"

#include <cstdint>

namespace dtop::io {

using nlohmann::json;

json profileToJson(const model::Profile& p)
{
    json j;
    j["name"] = p.name;
    j["provenance"] = p.provenance;
    j["masses_kg"] = p.masses;
    j["stiffnesses_n_m"] = p.stiffnesses;
    if (!p.cubicStiffnesses.empty())
        j["cubic_stiffnesses_n_m3"] = p.cubicStiffnesses;
    json d;
    d["model"] = model::dampingModelName(p.damping);
    switch (p.damping) {
    case model::DampingModel::StoreyDampers:
        d["dampers_n_s_m"] = p.dampers;
        break;
    case model::DampingModel::RayleighCoefficients:
        d["alpha_1_s"] = p.rayleighAlpha;
        d["beta_s"] = p.rayleighBeta;
        break;
    case model::DampingModel::RayleighModalRatio:
        d["ratio"] = p.targetDampingRatio;
        d["modes"] = {p.targetModeA, p.targetModeB};
        break;
    }
    j["damping"] = d;
    return j;
}

namespace {

bool readNumberList(const json& parent, const char* key, bool required,
                    std::vector<double>& out, InputIssues& issues)
{
    const auto it = parent.find(key);
    if (it == parent.end()) {
        if (required)
            issues.push_back({key, std::string("profile JSON has no key '") + key + "'"});
        return false;
    }
    if (!it->is_array()) {
        issues.push_back({key, std::string("profile JSON key '") + key +
                                   "' must be an array of numbers"});
        return false;
    }
    out.clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        if (!v.is_number()) {
            issues.push_back({key, std::string("profile JSON key '") + key + "' item " +
                                       std::to_string(i + 1) + " must be a number, got " +
                                       v.dump()});
            return false;
        }
        out.push_back(v.get<double>());
    }
    return true;
}

bool readNumber(const json& parent, const char* key, double& out, InputIssues& issues)
{
    const auto it = parent.find(key);
    if (it == parent.end() || !it->is_number()) {
        issues.push_back({key, std::string("profile JSON damping needs a number '") + key + "'"});
        return false;
    }
    out = it->get<double>();
    return true;
}

void readDamping(const json& d, model::Profile& p, InputIssues& issues)
{
    if (!d.is_object() || !d.contains("model") || !d["model"].is_string()) {
        issues.push_back({"damping", "profile JSON key 'damping' must be an object with a "
                                     "string 'model' (dampers, rayleigh or rayleigh-ratio)"});
        return;
    }
    const std::string modelName = d["model"].get<std::string>();
    if (!model::parseDampingModel(modelName, p.damping)) {
        issues.push_back({"damping", "unknown damping model '" + modelName +
                                         "', expected dampers, rayleigh or rayleigh-ratio"});
        return;
    }
    switch (p.damping) {
    case model::DampingModel::StoreyDampers:
        readNumberList(d, "dampers_n_s_m", true, p.dampers, issues);
        break;
    case model::DampingModel::RayleighCoefficients:
        readNumber(d, "alpha_1_s", p.rayleighAlpha, issues);
        readNumber(d, "beta_s", p.rayleighBeta, issues);
        break;
    case model::DampingModel::RayleighModalRatio: {
        readNumber(d, "ratio", p.targetDampingRatio, issues);
        const auto modes = d.find("modes");
        if (modes == d.end() || !modes->is_array() || modes->size() != 2 ||
            !(*modes)[0].is_number_integer() || !(*modes)[1].is_number_integer()) {
            issues.push_back({"modes", "profile JSON damping needs 'modes': two mode numbers"});
            break;
        }
        // Mode numbers beyond int would wrap into acceptable ones; validate() names the range.
        for (const auto& m : *modes)
            if (m.is_number_unsigned() ? m.get<std::uint64_t>() > 1000u
                                       : m.get<long long>() < -1000 || m.get<long long>() > 1000) {
                issues.push_back({"modes", "profile JSON damping 'modes' must be mode numbers, "
                                           "got " + m.dump()});
                return;
            }
        p.targetModeA = (*modes)[0].get<int>();
        p.targetModeB = (*modes)[1].get<int>();
        break;
    }
    }
}

} // namespace

std::optional<model::Profile> profileFromJson(const json& j, InputIssues& issues)
{
    const std::size_t before = issues.size();
    if (!j.is_object()) {
        issues.push_back({"profile", "a profile must be a JSON object"});
        return std::nullopt;
    }
    model::Profile p;
    if (const auto it = j.find("name"); it != j.end() && it->is_string())
        p.name = it->get<std::string>();
    else
        issues.push_back({"name", "profile JSON needs a string 'name'"});
    if (const auto it = j.find("provenance"); it != j.end() && it->is_string())
        p.provenance = it->get<std::string>();
    readNumberList(j, "masses_kg", true, p.masses, issues);
    readNumberList(j, "stiffnesses_n_m", true, p.stiffnesses, issues);
    readNumberList(j, "cubic_stiffnesses_n_m3", false, p.cubicStiffnesses, issues);
    if (const auto it = j.find("damping"); it != j.end())
        readDamping(*it, p, issues);
    else
        issues.push_back({"damping", "profile JSON has no key 'damping'"});
    if (issues.size() != before)
        return std::nullopt;
    return p;
}

} // namespace dtop::io
