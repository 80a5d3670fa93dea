// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/profile_history.h"

#include "crossval/profile_diff.h"
#include "dynamics/modal_analysis.h"
#include "dynamics/shear_building.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <stdexcept>

namespace dtop::crossval {

namespace {

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool classify(const std::string& text, ProvenanceKind& kind)
{
    const std::string t = lower(text);
    auto has = [&t](const char* word) { return t.find(word) != std::string::npos; };
    if (has("import"))
        kind = ProvenanceKind::Imported;
    else if (has("identif"))
        kind = ProvenanceKind::Identified;
    else if (has("condens") || has("finite-element") || has("finite element"))
        kind = ProvenanceKind::FeCondensation;
    else if (has("preset") || has("built-in"))
        kind = ProvenanceKind::Preset;
    else
        return false;
    return true;
}

} // namespace

const char* provenanceKindName(ProvenanceKind kind)
{
    switch (kind) {
    case ProvenanceKind::Preset:
        return "preset";
    case ProvenanceKind::Identified:
        return "identified";
    case ProvenanceKind::FeCondensation:
        return "fe-condensation";
    case ProvenanceKind::Imported:
        return "imported";
    case ProvenanceKind::Edited:
        break;
    }
    return "edited";
}

ProvenanceKind classifyProvenance(const std::string& note, const std::string& provenance)
{
    // The note says why this version exists; the provenance text is inherited by edits.
    ProvenanceKind kind = ProvenanceKind::Edited;
    if (!note.empty())
        classify(note, kind);
    else
        classify(provenance, kind);
    return kind;
}

ProfileHistory summariseHistory(const std::vector<io::ProfileVersion>& input, Progress& progress)
{
    if (input.size() > kMaxHistoryVersions)
        throw std::invalid_argument("profile history: at most " +
                                    std::to_string(kMaxHistoryVersions) + " versions, got " +
                                    std::to_string(input.size()));
    std::vector<const io::ProfileVersion*> sorted;
    for (const auto& v : input)
        sorted.push_back(&v);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto* a, const auto* b) { return a->version < b->version; });
    ProfileHistory h;
    if (!sorted.empty())
        h.name = sorted.front()->profile.name;
    std::size_t modes = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if ((i & 15) == 0)
            progress.report(static_cast<double>(i) / static_cast<double>(sorted.size()),
                            "modes of each version");
        const io::ProfileVersion& v = *sorted[i];
        if (v.profile.name != h.name)
            throw std::invalid_argument("profile history: version " + std::to_string(v.version) +
                                        " belongs to '" + v.profile.name + "', not '" + h.name +
                                        "'");
        HistoryEntry e;
        e.version = v.version;
        e.createdUtc = v.createdUtc;
        e.appVersion = v.appVersion;
        e.note = v.note;
        e.provenance = classifyProvenance(v.note, v.profile.provenance);
        if (v.profile.validate().empty()) {
            const dynamics::DampedModes d =
                dynamics::dampedModes(dynamics::ShearBuilding(v.profile));
            for (std::size_t r = 0; r < d.eigenvalues.size(); ++r)
                if (d.eigenvalues[r].imag() > 0.0) {
                    e.frequenciesHz.push_back(d.naturalFrequenciesHz[r]);
                    e.dampingRatios.push_back(d.dampingRatios[r]);
                }
        }
        if (i > 0) {
            const auto changes = diffParameters(sorted[i - 1]->profile, v.profile);
            e.changedParameters = static_cast<std::size_t>(
                std::count_if(changes.begin(), changes.end(), [](const ParameterChange& c) {
                    return c.changed && c.field != "provenance";
                }));
        }
        modes = std::max(modes, e.frequenciesHz.size());
        h.versions.push_back(std::move(e));
    }
    h.modeFrequenciesHz.assign(
        modes, std::vector<double>(h.versions.size(), std::numeric_limits<double>::quiet_NaN()));
    for (std::size_t v = 0; v < h.versions.size(); ++v)
        for (std::size_t r = 0; r < h.versions[v].frequenciesHz.size(); ++r)
            h.modeFrequenciesHz[r][v] = h.versions[v].frequenciesHz[r];
    return h;
}

} // namespace dtop::crossval
