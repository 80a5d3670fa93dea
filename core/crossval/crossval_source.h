// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "io/dataset.h"
#include "io/read_error.h"
#include "model/profile.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dtop::crossval {

// What a SOURCE argument of `dtop crossval` names: a dataset id (bundled or imported), or a
// profile written `profile:NAME` (the latest saved version, else the built-in preset NAME) or
// `profile:NAME@VERSION` (that saved version).
struct SourceRef {
    enum class Kind { Dataset, Profile };
    Kind kind = Kind::Dataset;
    std::string id;             // dataset id or profile name
    std::optional<int> version; // profile only; ≥ 1

    // The canonical text: "ID", "profile:NAME" or "profile:NAME@VERSION".
    std::string text() const;
    bool operator==(const SourceRef&) const = default;
};

// Parses a SOURCE. Problems (empty text, empty name, a version that is not an integer ≥ 1)
// are added to `issues` under `field` and give nullopt.
std::optional<SourceRef> parseSourceRef(const std::string& text, const std::string& field,
                                        InputIssues& issues);

// One side of a comparison, resolved: a dataset (its FRFs) or a profile (its exact FRFs and
// modes). `name` is what results show (the dataset id, or "profile:NAME@VERSION").
struct CrossvalSource {
    std::string name;
    std::variant<std::monostate, io::Dataset, model::Profile> data; // monostate: not loaded

    static CrossvalSource fromDataset(io::Dataset dataset); // name = dataset.info.id
    // name = `name` if given, else "profile:" + profile.name.
    static CrossvalSource fromProfile(model::Profile profile, std::string name = {});
    // Only the name (e.g. read from JSON); resolveSource() loads it.
    static CrossvalSource unresolved(std::string name);

    bool isLoaded() const { return data.index() != 0; }
    bool isDataset() const { return data.index() == 1; }
    bool isProfile() const { return data.index() == 2; }
    const io::Dataset& dataset() const { return std::get<io::Dataset>(data); }
    const model::Profile& profile() const { return std::get<model::Profile>(data); }
};

// Where sources come from: the application implements it over the bundled catalogue and the
// workspace (the core does no workspace queries itself).
class SourceResolver {
public:
    virtual ~SourceResolver() = default;
    // The dataset `id`, or a ReadError (an unknown id, an unreadable file) saying why.
    virtual io::ReadResult<io::Dataset> dataset(const std::string& id) = 0;
    // The saved versions of profile `name`, ascending; empty if none is saved.
    virtual std::vector<int> profileVersions(const std::string& name) = 0;
    // Saved version `version` of `name`; nullopt if it does not exist.
    virtual std::optional<model::Profile> savedProfile(const std::string& name, int version) = 0;
    // A built-in preset; the default uses model::preset().
    virtual std::optional<model::Profile> presetProfile(const std::string& name);
};

// Loads the source `text` names. `profile:NAME` takes the latest saved version of NAME, else
// the built-in preset NAME; `profile:NAME@V` only saved version V. Problems (unknown dataset,
// unknown profile, unknown version with the versions that exist, a preset asked for a
// version) are added to `issues` under `field` and give nullopt. The loaded source's name is
// canonical ("profile:NAME@V" for a saved version, "profile:NAME" for a preset).
std::optional<CrossvalSource> resolveSource(const std::string& text, SourceResolver& resolver,
                                            const std::string& field, InputIssues& issues);

} // namespace dtop::crossval
