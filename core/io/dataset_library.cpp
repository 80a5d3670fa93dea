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
            entry.info.title = m.value("title", summary.originalFileName);
            entry.info.rig = m.value("rig", "");
            parseDatasetKind(m.value("kind", "frf"), entry.info.kind);
            parseFrfQuantityText(m.value("quantity", "unknown"), entry.info.quantity);
            parseResponseQuantity(m.value("response", "velocity"), entry.info.response);
            entry.info.units = m.value("units", "");
            entry.info.excitationFloor = m.value("excitation_floor", 0);
            entry.info.source = m.value("source", "");
            entry.info.notes = m.value("notes", "");
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
