// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/uff_import.h"

#include "data/uff.h"
#include "data/uff_conversion.h"

#include <filesystem>
#include <fstream>

namespace dtop::data {

bool isUffFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return looksLikeUff(head);
}

io::ReadResult<std::vector<io::Dataset>> importUffDatasets(io::Workspace& workspace,
                                                           const io::Catalogue* catalogue,
                                                           const std::string& path,
                                                           const io::DatasetImportOptions& options)
{
    io::ReadResult<UffFile> file = readUff(path);
    if (!file)
        return file.error();
    const std::string name = std::filesystem::path(path).filename().string();
    io::ReadResult<std::vector<io::Dataset>> groups = frfDatasetsFromUff(file.value(), name);
    if (!groups)
        return groups.error();
    std::vector<io::Dataset> stored;
    for (std::size_t i = 0; i < groups.value().size(); ++i) {
        io::DatasetImportOptions o = options;
        if (i > 0 && !stored.empty())
            o.id = workspace.uniqueDatasetId(stored.front().info.id + "-" + std::to_string(i + 1));
        stored.push_back(
            io::storeImportedDataset(workspace, catalogue, std::move(groups.value()[i]), path, o));
    }
    return stored;
}

} // namespace dtop::data
