// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profile_reference.h"

#include "crossval/crossval_source.h"
#include "model/presets.h"

namespace dtop::models {

namespace {

constexpr std::string_view kProfilePrefix = "profile:";

// The workspace's saved profiles as sources of the cross-validation core; no datasets.
class WorkspaceProfiles : public crossval::SourceResolver {
public:
    explicit WorkspaceProfiles(io::Workspace* workspace) : m_workspace(workspace) {}

    io::ReadResult<io::Dataset> dataset(const std::string& id) override
    {
        return io::ReadError{id, 0, "a profile is expected here, not a dataset"};
    }
    std::vector<int> profileVersions(const std::string& name) override
    {
        std::vector<int> versions;
        if (m_workspace)
            if (auto latest = m_workspace->latestProfile(name))
                for (int v = 1; v <= latest->version; ++v)
                    versions.push_back(v);
        return versions;
    }
    std::optional<model::Profile> savedProfile(const std::string& name, int version) override
    {
        if (!m_workspace)
            return std::nullopt;
        m_saved = m_workspace->profileVersion(name, version);
        return m_saved ? std::optional<model::Profile>(m_saved->profile) : std::nullopt;
    }
    const std::optional<io::ProfileVersion>& lastSaved() const { return m_saved; }

private:
    io::Workspace* m_workspace;
    std::optional<io::ProfileVersion> m_saved;
};

} // namespace

std::optional<ResolvedProfile> resolveProfile(const std::string& text, io::Workspace* workspace,
                                              const std::string& field, InputIssues& issues)
{
    const std::string body =
        text.rfind(kProfilePrefix, 0) == 0 ? text.substr(kProfilePrefix.size()) : text;
    if (body.empty() || body.front() == '@') {
        issues.push_back(
            {field, field + ": give a profile as NAME or NAME@VERSION, got '" + text + "'"});
        return std::nullopt;
    }
    WorkspaceProfiles resolver(workspace);
    const std::size_t before = issues.size();
    auto source =
        crossval::resolveSource(std::string(kProfilePrefix) + body, resolver, field, issues);
    // The cross-validation core's messages speak of SOURCE syntax (profile:NAME); here a
    // profile is written without the prefix.
    for (std::size_t i = before; i < issues.size(); ++i)
        for (std::size_t at; (at = issues[i].message.find(kProfilePrefix)) != std::string::npos;)
            issues[i].message.erase(at, kProfilePrefix.size());
    if (!source)
        return std::nullopt;
    ResolvedProfile r;
    r.label = source->name.substr(kProfilePrefix.size());
    r.profile = source->profile();
    if (r.label.find('@') != std::string::npos && resolver.lastSaved()) {
        r.saved = resolver.lastSaved();
        r.version = r.saved->version;
    }
    return r;
}

std::vector<std::string> profileLabels(const std::string& name, io::Workspace* workspace)
{
    std::vector<std::string> labels;
    if (workspace)
        if (auto latest = workspace->latestProfile(name))
            for (int v = 1; v <= latest->version; ++v)
                labels.push_back(name + "@" + std::to_string(v));
    if (labels.empty() && model::preset(name))
        labels.push_back(name);
    return labels;
}

} // namespace dtop::models
