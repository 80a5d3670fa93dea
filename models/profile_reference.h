// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "io/workspace.h"
#include "model/profile.h"

#include <optional>
#include <string>
#include <vector>

namespace dtop::models {

// A profile named `NAME` (the latest saved version, else the built-in preset NAME) or
// `NAME@VERSION` (that saved version), as `dtop profile diff` and the twin history take it
// (docs/tools/profiles.md). The rules and messages are those of crossval::resolveSource().
struct ResolvedProfile {
    std::string label; // canonical: "NAME@V" for a saved version, "NAME" for a preset
    model::Profile profile;
    std::optional<int> version;              // empty for a preset
    std::optional<io::ProfileVersion> saved; // the saved version, with its note and date
};

// Resolves `text` ("NAME", "NAME@V"; a leading "profile:" is accepted) against the presets
// and `workspace` (none: presets only). Problems are added to `issues` under `field` and give
// nullopt. Workspace file problems throw io::WorkspaceError.
std::optional<ResolvedProfile> resolveProfile(const std::string& text, io::Workspace* workspace,
                                              const std::string& field, InputIssues& issues);

// The labels the twin history offers for profile `name`: "NAME@1" … "NAME@N" for a saved
// profile, "NAME" for a preset, nothing for an unknown name.
std::vector<std::string> profileLabels(const std::string& name, io::Workspace* workspace);

} // namespace dtop::models
