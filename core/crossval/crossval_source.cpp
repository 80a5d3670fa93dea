// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/crossval_source.h"

#include "model/presets.h"

#include <charconv>

namespace dtop::crossval {

namespace {
constexpr std::string_view kProfilePrefix = "profile:";

std::string versionList(const std::vector<int>& versions)
{
    if (versions.empty())
        return "none";
    if (versions.size() > 2 &&
        versions.back() - versions.front() + 1 == static_cast<int>(versions.size()))
        return std::to_string(versions.front()) + "–" + std::to_string(versions.back());
    std::string s;
    for (std::size_t i = 0; i < versions.size(); ++i)
        s += (i ? ", " : "") + std::to_string(versions[i]);
    return s;
}
} // namespace

std::string SourceRef::text() const
{
    if (kind == Kind::Dataset)
        return id;
    std::string s = std::string(kProfilePrefix) + id;
    if (version)
        s += "@" + std::to_string(*version);
    return s;
}

std::optional<SourceRef> parseSourceRef(const std::string& text, const std::string& field,
                                        InputIssues& issues)
{
    if (text.empty()) {
        issues.push_back({field, field + ": a source must be a dataset id or "
                                         "profile:NAME[@VERSION], got an empty text"});
        return std::nullopt;
    }
    SourceRef ref;
    if (text.rfind(kProfilePrefix, 0) != 0) {
        ref.id = text;
        return ref;
    }
    ref.kind = SourceRef::Kind::Profile;
    std::string rest = text.substr(kProfilePrefix.size());
    const std::size_t at = rest.rfind('@');
    if (at != std::string::npos) {
        const std::string v = rest.substr(at + 1);
        int version = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
        if (v.empty() || ec != std::errc() || end != v.data() + v.size() || version < 1) {
            issues.push_back({field, field + ": the version in '" + text +
                                         "' must be an integer >= 1, got '" + v + "'"});
            return std::nullopt;
        }
        ref.version = version;
        rest.resize(at);
    }
    if (rest.empty()) {
        issues.push_back(
            {field, field + ": '" + text + "' names no profile (write profile:NAME[@VERSION])"});
        return std::nullopt;
    }
    ref.id = rest;
    return ref;
}

CrossvalSource CrossvalSource::fromDataset(io::Dataset dataset)
{
    CrossvalSource s;
    s.name = dataset.info.id;
    s.data = std::move(dataset);
    return s;
}

CrossvalSource CrossvalSource::fromProfile(model::Profile profile, std::string name)
{
    CrossvalSource s;
    s.name = name.empty() ? std::string(kProfilePrefix) + profile.name : std::move(name);
    s.data = std::move(profile);
    return s;
}

CrossvalSource CrossvalSource::unresolved(std::string name)
{
    CrossvalSource s;
    s.name = std::move(name);
    return s;
}

std::optional<model::Profile> SourceResolver::presetProfile(const std::string& name)
{
    return model::preset(name);
}

std::optional<CrossvalSource> resolveSource(const std::string& text, SourceResolver& resolver,
                                            const std::string& field, InputIssues& issues)
{
    const std::optional<SourceRef> ref = parseSourceRef(text, field, issues);
    if (!ref)
        return std::nullopt;
    if (ref->kind == SourceRef::Kind::Dataset) {
        io::ReadResult<io::Dataset> d = resolver.dataset(ref->id);
        if (!d.ok()) {
            issues.push_back({field, field + ": dataset '" + ref->id + "': " + d.error().text()});
            return std::nullopt;
        }
        return CrossvalSource::fromDataset(std::move(d).value());
    }
    const std::vector<int> versions = resolver.profileVersions(ref->id);
    if (ref->version) {
        std::optional<model::Profile> p = resolver.savedProfile(ref->id, *ref->version);
        if (!p) {
            const bool isPreset = versions.empty() && resolver.presetProfile(ref->id).has_value();
            issues.push_back(
                {field, field + ": profile '" + ref->id + "' has no version " +
                            std::to_string(*ref->version) +
                            (isPreset ? " (it is a built-in preset without saved versions; "
                                        "write profile:" +
                                            ref->id + ")"
                                      : " (saved versions: " + versionList(versions) + ")")});
            return std::nullopt;
        }
        SourceRef canonical = *ref;
        return CrossvalSource::fromProfile(std::move(*p), canonical.text());
    }
    if (!versions.empty()) {
        SourceRef canonical = *ref;
        canonical.version = versions.back();
        std::optional<model::Profile> p = resolver.savedProfile(ref->id, versions.back());
        if (p)
            return CrossvalSource::fromProfile(std::move(*p), canonical.text());
    }
    if (std::optional<model::Profile> p = resolver.presetProfile(ref->id))
        return CrossvalSource::fromProfile(std::move(*p), ref->text());
    issues.push_back(
        {field, field + ": no saved profile or built-in preset is named '" + ref->id + "'"});
    return std::nullopt;
}

} // namespace dtop::crossval
