// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "crossval/crossval.h"
#include "io/dataset_library.h"
#include "io/workspace.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dtop::widgets {

// Where the sources of the `crossval` tool come from (docs/tools/crossval.md, "Sources"):
// datasets through `datasets` (the bundled catalogue, then the workspace's imports) and saved
// profile versions from `workspace` (may be null: presets only). Shared by `dtop crossval`
// and the panel, so both name, find and refuse sources alike.
class WorkspaceSourceResolver : public crossval::SourceResolver {
public:
    using DatasetLoader = std::function<io::ReadResult<io::Dataset>(const std::string& id)>;

    WorkspaceSourceResolver(DatasetLoader datasets, io::Workspace* workspace);

    io::ReadResult<io::Dataset> dataset(const std::string& id) override;
    std::vector<int> profileVersions(const std::string& name) override;
    std::optional<model::Profile> savedProfile(const std::string& name, int version) override;

private:
    DatasetLoader m_datasets;
    io::Workspace* m_workspace;
};

// Loads the reference and every candidate of `input` in place (their names become the
// canonical ones). A source that cannot be loaded stays unresolved and its problem is added to
// `issues` under "reference" or "candidates". Workspace failures propagate (io::WorkspaceError).
void resolveCrossvalSources(crossval::CrossvalInput& input, crossval::SourceResolver& resolver,
                            InputIssues& issues);

// Every source a user can pick, for lists: FRF and mode-shape datasets (bundled, then
// imported) by id, then
// "profile:NAME" for each built-in preset and each saved profile.
std::vector<std::string> crossvalSourceNames(const std::vector<io::DatasetListing>& datasets,
                                             const std::vector<io::SavedProfileSummary>& saved);

} // namespace dtop::widgets
