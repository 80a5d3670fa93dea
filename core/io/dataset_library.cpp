// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset_library.h"

#include "io/dataset_writer.h"
#include "io/mode_shapes_json.h"

#include <cctype>
#include <filesystem>

namespace dtop::io {

namespace {

std::string workspaceEntryName(const std::string& id)
{
    return "workspace dataset '" + id + "'";
}

// A field of an imported dataset's stored metadata. The workspace is a file anyone can edit:
// a missing or mistyped field (or metadata that is no object) gives the fallback.
std::string textField(const nlohmann::json& metadata, const char* key, const std::string& fallback)
{
    if (!metadata.is_object())
        return fallback;
    const auto it = metadata.find(key);
    return it != metadata.end() && it->is_string() ? it->get<std::string>() : fallback;
}

int floorField(const nlohmann::json& metadata, const char* key)
{
    if (!metadata.is_object())
        return 0;
    const auto it = metadata.find(key);
    if (it == metadata.end() || !it->is_number_integer())
        return 0;
    const auto value = it->get<long long>();
    return value >= 0 && value <= 1000 ? static_cast<int>(value) : 0;
}

// "Run 3 (final).csv" → "run-3-final": safe, readable default ids.
std::string idFromFileName(const std::string& path)
{
    const std::string stem = std::filesystem::path(path).stem().string();
    std::string id;
    for (unsigned char c : stem) {
        if (std::isalnum(c))
            id += static_cast<char>(std::tolower(c));
        else if (!id.empty() && id.back() != '-')
            id += '-';
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    return id.empty() ? std::string("dataset") : id;
}

double numberField(const nlohmann::json& metadata, const char* key, std::size_t index)
{
    if (!metadata.is_object())
        return 0.0;
    const auto it = metadata.find(key);
    if (it == metadata.end() || !it->is_array() || it->size() <= index ||
        !(*it)[index].is_number())
        return 0.0;
    return (*it)[index].get<double>();
}

// What an imported dataset's stored metadata says of it (for lists, and for mode shapes, whose
// stored record holds only the modes).
DatasetInfo infoFromMetadata(const std::string& id, const nlohmann::json& m,
                             const std::string& originalFileName)
{
    DatasetInfo info;
    info.id = id;
    info.title = textField(m, "title", originalFileName);
    info.rig = textField(m, "rig", "");
    parseDatasetKind(textField(m, "kind", "frf"), info.kind);
    parseFrfQuantityText(textField(m, "quantity", "unknown"), info.quantity);
    parseResponseQuantity(textField(m, "response", "velocity"), info.response);
    info.units = textField(m, "units", "");
    info.excitationFloor = floorField(m, "excitation_floor");
    info.source = textField(m, "source", "");
    info.licence = textField(m, "licence", "");
    info.notes = textField(m, "notes", "");
    info.suspect = m.is_object() && m.contains("suspect") && m["suspect"] == true;
    info.format = datasetFormatName(DatasetFormat::DtopCsv);
    if (info.kind == DatasetKind::ModeShapes) {
        info.format = "dtop-mode-shapes";
        info.frequencyMinHz = numberField(m, "frequency_range_hz", 0);
        info.frequencyMaxHz = numberField(m, "frequency_range_hz", 1);
    }
    info.file = workspaceEntryName(id);
    return info;
}

} // namespace

std::vector<DatasetListing> listDatasets(const Catalogue* catalogue, Workspace* workspace)
{
    std::vector<DatasetListing> list;
    if (catalogue)
        for (const auto& info : catalogue->datasets)
            list.push_back({info, false, {}, {}});
    if (workspace)
        for (const auto& summary : workspace->datasets()) {
            DatasetListing entry;
            entry.imported = true;
            entry.originalFileName = summary.originalFileName;
            entry.importedUtc = summary.importedUtc;
            entry.info = infoFromMetadata(summary.id, summary.metadata, summary.originalFileName);
            list.push_back(std::move(entry));
        }
    return list;
}

ReadResult<Dataset> loadDataset(const Catalogue* catalogue, Workspace* workspace,
                                const std::string& id)
{
    if (catalogue && catalogue->find(id))
        return readCatalogueDataset(*catalogue, id);
    if (workspace)
        if (const auto record = workspace->dataset(id)) {
            if (textField(record->metadata, "kind", "frf") ==
                datasetKindName(DatasetKind::ModeShapes)) {
                auto modes = modeShapesFromJson(record->content, workspaceEntryName(id));
                if (!modes)
                    return modes.error();
                Dataset d;
                d.info = infoFromMetadata(id, record->metadata, record->originalFileName);
                d.data = std::move(modes).value();
                describeSampling(d);
                return d;
            }
            ReadOptions options;
            options.format = DatasetFormat::DtopCsv;
            return parseDataset(record->content, workspaceEntryName(id), options);
        }
    return ReadError{id, 0, "no dataset with id '" + id + "' (see dtop dataset list)"};
}

ReadResult<Dataset> importDataset(Workspace& workspace, const Catalogue* catalogue,
                                  const std::string& path, const DatasetImportOptions& options)
{
    ReadResult<Dataset> read = readDataset(path, options.read);
    if (!read)
        return read;
    return storeImportedDataset(workspace, catalogue, std::move(read).value(), path, options);
}

Dataset storeImportedDataset(Workspace& workspace, const Catalogue* catalogue, Dataset dataset,
                             const std::string& path, const DatasetImportOptions& options)
{
    const std::string fileName = std::filesystem::path(path).filename().string();

    std::string id = options.id;
    if (id.empty()) {
        id = idFromFileName(path);
        // Also steer clear of the bundled ids, which the workspace does not know.
        while (catalogue && catalogue->find(id))
            id += "-imported";
        id = workspace.uniqueDatasetId(id);
    } else if (catalogue && catalogue->find(id)) {
        throw WorkspaceInputError(
            {{"id", "dataset id '" + id + "' is a bundled dataset's id; choose another"}});
    }
    DatasetInfo& info = dataset.info;
    info.id = id;
    info.title = options.title.empty() ? (info.title.empty() ? fileName : info.title)
                                       : options.title;
    if (!options.rig.empty())
        info.rig = options.rig;
    if (options.quantity)
        info.quantity = options.quantity;
    if (options.excitationFloor > 0)
        info.excitationFloor = options.excitationFloor;
    if (info.source.empty())
        info.source = "imported from " + fileName;
    describeSampling(dataset);

    DatasetRecord record;
    record.id = id;
    record.metadata = nlohmann::json::parse(datasetInfoToJson(info).dump());
    // Mode shapes are kept as JSON (every double exactly); FRFs and time histories as our CSV.
    record.content = dataset.isModeShapes() ? modeShapesToJson(dataset.modeShapes()).dump()
                                            : formatDatasetCsv(dataset);
    record.originalFileName = fileName;
    workspace.addDataset(record);
    info.file = workspaceEntryName(id);
    info.format = dataset.isModeShapes() ? "dtop-mode-shapes"
                                         : datasetFormatName(DatasetFormat::DtopCsv);
    return dataset;
}

} // namespace dtop::io
