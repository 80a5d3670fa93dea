// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/crossval/crossval_sources.h"

#include "model/presets.h"

namespace dtop::widgets {

WorkspaceSourceResolver::WorkspaceSourceResolver(DatasetLoader datasets, io::Workspace* workspace)
    : m_datasets(std::move(datasets)), m_workspace(workspace)
{
}

io::ReadResult<io::Dataset> WorkspaceSourceResolver::dataset(const std::string& id)
{
    return m_datasets(id);
}

std::vector<int> WorkspaceSourceResolver::profileVersions(const std::string& name)
{
    std::vector<int> versions;
    if (m_workspace)
        for (const io::ProfileVersion& v : m_workspace->profileHistory(name))
            versions.push_back(v.version);
    return versions;
}

std::optional<model::Profile> WorkspaceSourceResolver::savedProfile(const std::string& name,
                                                                    int version)
{
    if (!m_workspace)
        return std::nullopt;
    if (auto v = m_workspace->profileVersion(name, version))
        return std::move(v->profile);
    return std::nullopt;
}

void resolveCrossvalSources(crossval::CrossvalInput& input, crossval::SourceResolver& resolver,
                            InputIssues& issues)
{
    auto resolve = [&](crossval::CrossvalSource& source, const std::string& field) {
        if (auto loaded = crossval::resolveSource(source.name, resolver, field, issues))
            source = std::move(*loaded);
    };
    resolve(input.reference, "reference");
    for (crossval::CrossvalSource& c : input.candidates)
        resolve(c, "candidates");
}

std::vector<std::string> crossvalSourceNames(const std::vector<io::DatasetListing>& datasets,
                                             const std::vector<io::SavedProfileSummary>& saved)
{
    std::vector<std::string> names;
    for (const io::DatasetListing& d : datasets)
        if (d.info.kind == io::DatasetKind::Frf || d.info.kind == io::DatasetKind::ModeShapes)
            names.push_back(d.info.id);
    for (const std::string& p : model::presetNames())
        names.push_back("profile:" + p);
    for (const io::SavedProfileSummary& s : saved)
        names.push_back("profile:" + s.name);
    return names;
}

} // namespace dtop::widgets
