// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset_catalogue.h"

#include "io/atomic_file.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace dtop::io {

const DatasetInfo* Catalogue::find(const std::string& id) const
{
    for (const auto& d : datasets)
        if (d.id == id)
            return &d;
    return nullptr;
}

std::string Catalogue::pathOf(const std::string& relativeFile) const
{
    return (std::filesystem::path(directory) / relativeFile).string();
}

namespace {

using nlohmann::json;

struct ManifestFailure {
    std::string message;
};

// Typed access to one JSON object with messages naming the entry and the key.
class Entry {
public:
    Entry(const json& object, std::string where) : m_object(object), m_where(std::move(where))
    {
        if (!m_object.is_object())
            throw ManifestFailure{m_where + ": expected a JSON object, found " +
                                  m_object.type_name()};
    }

    bool has(const char* key) const { return m_object.contains(key); }

    std::string text(const char* key, bool required = true) const
    {
        if (!has(key)) {
            if (required)
                throw ManifestFailure{m_where + ": missing key '" + key + "'"};
            return {};
        }
        return typed(key, &json::is_string, "a string").get<std::string>();
    }

    double number(const char* key) const
    {
        if (!has(key))
            return 0.0;
        return typed(key, &json::is_number, "a number").get<double>();
    }

    int integer(const char* key) const
    {
        if (!has(key))
            return 0;
        const json& v = typed(key, &json::is_number_integer, "a whole number");
        if (v.get<long long>() < 0 || v.get<long long>() > 1000)
            throw ManifestFailure{m_where + ": key '" + key + "' must be from 0 to 1000, found " +
                                  v.dump()};
        return v.get<int>();
    }

    bool boolean(const char* key) const
    {
        if (!has(key))
            return false;
        return typed(key, &json::is_boolean, "true or false").get<bool>();
    }

    const json& array(const char* key) const
    {
        static const json empty = json::array();
        if (!has(key))
            return empty;
        return typed(key, &json::is_array, "an array");
    }

    [[noreturn]] void bad(const char* key, const std::string& what) const
    {
        throw ManifestFailure{m_where + ": key '" + key + "' " + what};
    }

private:
    const json& typed(const char* key, bool (json::*test)() const noexcept,
                      const char* expected) const
    {
        const json& v = m_object.at(key);
        if (!(v.*test)())
            throw ManifestFailure{m_where + ": key '" + key + "' must be " + expected +
                                  ", found " + v.type_name()};
        return v;
    }

    const json& m_object;
    std::string m_where;
};

DatasetInfo datasetFromJson(const json& j, std::size_t index)
{
    const std::string where = "dataset " + std::to_string(index + 1) +
                              (j.is_object() && j.contains("id") && j["id"].is_string()
                                   ? " ('" + j["id"].get<std::string>() + "')"
                                   : std::string());
    const Entry e(j, where);
    DatasetInfo info;
    info.id = e.text("id");
    if (info.id.empty())
        e.bad("id", "must not be empty");
    info.title = e.text("title");
    info.rig = e.text("rig");
    // Mode shapes are imported only (UFF dataset 55), never bundled.
    if (!parseDatasetKind(e.text("kind"), info.kind) || info.kind == DatasetKind::ModeShapes)
        e.bad("kind", "must be \"frf\" or \"time_history\", found \"" + e.text("kind") + "\"");
    info.file = e.text("file");
    info.format = e.text("format");
    DatasetFormat format;
    if (!parseDatasetFormat(info.format, format) || format == DatasetFormat::Auto)
        e.bad("format", "must be dtop-csv, cristallo-complex, cristallo-db or "
                        "cristallo-time-history, found \"" + info.format + "\"");
    if (info.kind == DatasetKind::Frf) {
        if (!parseFrfQuantityText(e.text("quantity"), info.quantity))
            e.bad("quantity", "must be receptance, mobility, accelerance or unknown, found \"" +
                                  e.text("quantity") + "\"");
        const json& range = e.array("frequency_range_hz");
        if (range.size() == 2 && range[0].is_number() && range[1].is_number()) {
            info.frequencyMinHz = range[0].get<double>();
            info.frequencyMaxHz = range[1].get<double>();
        } else if (!range.empty()) {
            e.bad("frequency_range_hz", "must be [lowest, highest]");
        }
        info.frequencyStepHz = e.number("frequency_step_hz");
    } else {
        if (e.has("response") && !parseResponseQuantity(e.text("response"), info.response))
            e.bad("response", "must be displacement, velocity or acceleration");
        info.samplingRateHz = e.number("sampling_rate_hz");
        info.durationS = e.number("duration_s");
    }
    info.units = e.text("units", false);
    info.excitationFloor = e.integer("excitation_floor");
    info.source = e.text("source");
    info.licence = e.text("licence");
    info.notes = e.text("notes", false);
    info.suspect = e.boolean("suspect");
    return info;
}

Catalogue catalogueFromJson(const json& root, const std::string& directory)
{
    const Entry top(root, "the manifest");
    if (!top.has("format_version") || !root["format_version"].is_number_integer() ||
        root["format_version"].get<long long>() != 1)
        throw ManifestFailure{"the manifest: expected \"format_version\": 1"};
    Catalogue c;
    c.directory = directory;
    c.licenceFile = top.text("licence_file", false);
    std::set<std::string> ids;
    const json& datasets = top.array("datasets");
    for (std::size_t i = 0; i < datasets.size(); ++i) {
        c.datasets.push_back(datasetFromJson(datasets[i], i));
        if (!ids.insert(c.datasets.back().id).second)
            throw ManifestFailure{"dataset " + std::to_string(i + 1) + ": id '" +
                                  c.datasets.back().id + "' is listed twice"};
    }
    const json& unavailable = top.array("unavailable");
    for (std::size_t i = 0; i < unavailable.size(); ++i) {
        const Entry e(unavailable[i], "unavailable entry " + std::to_string(i + 1));
        c.unavailable.push_back({e.text("rig"), e.text("what"), e.text("note")});
    }
    const json& others = top.array("other_files");
    for (std::size_t i = 0; i < others.size(); ++i) {
        const Entry e(others[i], "other file " + std::to_string(i + 1));
        c.otherFiles.push_back({e.text("id"), e.text("title"), e.text("file"), e.text("format"),
                                e.text("source"), e.text("licence"), e.text("notes", false)});
    }
    return c;
}

std::size_t lineOfByte(const std::string& text, std::size_t byte)
{
    const std::size_t end = std::min(byte, text.size());
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + end, '\n'));
}

} // namespace

ReadResult<Catalogue> parseManifest(const std::string& jsonText, const std::string& name,
                                    const std::string& directory)
{
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        std::string what = e.what();
        const std::size_t colon = what.find(": ");
        return ReadError{name, lineOfByte(jsonText, byte),
                         "invalid JSON: " + (colon == std::string::npos ? what
                                                                        : what.substr(colon + 2))};
    } catch (const json::out_of_range& e) {
        // A number beyond a double ("number overflow parsing '1e400'"): the line of that text.
        std::string what = e.what();
        const std::size_t open = what.find('\''), close = what.rfind('\'');
        const std::string number =
            open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
        const std::size_t at = number.empty() ? std::string::npos : jsonText.find(number);
        return ReadError{name, at == std::string::npos ? 0 : lineOfByte(jsonText, at),
                         "invalid JSON: the number " + number + " is beyond the range of a double"};
    }
    try {
        return catalogueFromJson(root, directory);
    } catch (const ManifestFailure& f) {
        return ReadError{name, 0, f.message};
    } catch (const json::exception& e) {
        return ReadError{name, 0, e.what()};
    }
}

ReadResult<Catalogue> readManifest(const std::string& manifestPath)
{
    std::string text, error;
    if (!readFile(manifestPath, text, error)) {
        // readFile names the path itself; ReadError::text() adds it once.
        const std::string prefix = "cannot read " + manifestPath + ": ";
        if (error.rfind(prefix, 0) == 0)
            error = "cannot read the file: " + error.substr(prefix.size());
        else if (error.rfind(manifestPath + ": ", 0) == 0)
            error = error.substr(manifestPath.size() + 2);
        return ReadError{manifestPath, 0, error};
    }
    const std::string directory = std::filesystem::path(manifestPath).parent_path().string();
    return parseManifest(text, manifestPath, directory.empty() ? "." : directory);
}

ReadResult<Catalogue> loadBundledCatalogue(const std::string& dataDirectory)
{
    return readManifest((std::filesystem::path(dataDirectory) / "manifest.json").string());
}

nlohmann::ordered_json datasetInfoToJson(const DatasetInfo& d)
{
    nlohmann::ordered_json j;
    j["id"] = d.id;
    j["title"] = d.title;
    j["rig"] = d.rig;
    j["kind"] = datasetKindName(d.kind);
    j["file"] = d.file;
    j["format"] = d.format;
    if (d.kind == DatasetKind::Frf) {
        j["quantity"] = frfQuantityText(d.quantity);
        j["frequency_range_hz"] = nlohmann::ordered_json::array({d.frequencyMinHz, d.frequencyMaxHz});
        j["frequency_step_hz"] = d.frequencyStepHz;
    } else if (d.kind == DatasetKind::ModeShapes) {
        j["frequency_range_hz"] = nlohmann::ordered_json::array({d.frequencyMinHz, d.frequencyMaxHz});
    } else {
        j["response"] = responseQuantityName(d.response);
        j["sampling_rate_hz"] = d.samplingRateHz;
        j["duration_s"] = d.durationS;
    }
    j["units"] = d.units;
    j["excitation_floor"] = d.excitationFloor;
    j["source"] = d.source;
    j["licence"] = d.licence;
    j["notes"] = d.notes;
    j["suspect"] = d.suspect;
    return j;
}

nlohmann::ordered_json manifestToJson(const Catalogue& c)
{
    using ojson = nlohmann::ordered_json;
    ojson root;
    root["format_version"] = 1;
    if (!c.licenceFile.empty())
        root["licence_file"] = c.licenceFile;
    ojson datasets = ojson::array();
    for (const auto& d : c.datasets)
        datasets.push_back(datasetInfoToJson(d));
    root["datasets"] = std::move(datasets);
    ojson unavailable = ojson::array();
    for (const auto& u : c.unavailable)
        unavailable.push_back({{"rig", u.rig}, {"what", u.what}, {"note", u.note}});
    root["unavailable"] = std::move(unavailable);
    ojson others = ojson::array();
    for (const auto& f : c.otherFiles)
        others.push_back({{"id", f.id}, {"title", f.title}, {"file", f.file},
                          {"format", f.format}, {"source", f.source}, {"licence", f.licence},
                          {"notes", f.notes}});
    root["other_files"] = std::move(others);
    return root;
}

ReadResult<Dataset> readCatalogueDataset(const Catalogue& catalogue, const std::string& id)
{
    const std::string manifest = catalogue.pathOf("manifest.json");
    const DatasetInfo* entry = catalogue.find(id);
    if (!entry)
        return ReadError{manifest, 0, "no dataset '" + id + "' in the catalogue"};
    ReadOptions options;
    if (!parseDatasetFormat(entry->format, options.format))
        return ReadError{manifest, 0, "dataset '" + id + "': unknown format '" + entry->format + "'"};
    const std::string path = catalogue.pathOf(entry->file);
    ReadResult<Dataset> read = readDataset(path, options);
    if (!read)
        return read;
    Dataset dataset = std::move(read).value();
    if (dataset.kind() != entry->kind)
        return ReadError{path, 0,
                         std::string("the manifest lists '") + id + "' as " +
                             datasetKindName(entry->kind) + " but the file holds " +
                             datasetKindName(dataset.kind())};
    dataset.info = *entry;
    dataset.info.file = path;
    describeSampling(dataset);
    return dataset;
}

} // namespace dtop::io
