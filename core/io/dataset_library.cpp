// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset_library.h"

#include "io/dataset_writer.h"

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
            entry.info.id = summary.id;
            const auto& m = summary.metadata;
            entry.info.title = textField(m, "title", summary.originalFileName);
            entry.info.rig = textField(m, "rig", "");
            parseDatasetKind(textField(m, "kind", "frf"), entry.info.kind);
            parseFrfQuantityText(textField(m, "quantity", "unknown"), entry.info.quantity);
            parseResponseQuantity(textField(m, "response", "velocity"), entry.info.response);
            entry.info.units = textField(m, "units", "");
            entry.info.excitationFloor = floorField(m, "excitation_floor");
            entry.info.source = textField(m, "source", "");
            entry.info.notes = textField(m, "notes", "");
            entry.info.format = datasetFormatName(DatasetFormat::DtopCsv);
            entry.info.file = workspaceEntryName(summary.id);
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
    record.content = formatDatasetCsv(dataset);
    record.originalFileName = fileName;
    workspace.addDataset(record);
    info.file = workspaceEntryName(id);
    info.format = datasetFormatName(DatasetFormat::DtopCsv);
    return dataset;
}

} // namespace dtop::io
