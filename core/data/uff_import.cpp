// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/uff_import.h"

#include "data/uff.h"
#include "data/uff_conversion.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace dtop::data {

namespace {

// What a file of mode shapes holds and where such modes are used in DTOP, for the refusal.
std::string modesInsteadOfFrfs(const ModeShapeSet& modes)
{
    std::string hz;
    for (std::size_t i = 0; i < modes.frequenciesHz.size(); ++i) {
        char f[32];
        std::snprintf(f, sizeof f, "%s%.6g", i ? ", " : "", modes.frequenciesHz[i]);
        hz += f;
    }
    return "the file holds " + std::to_string(modes.frequenciesHz.size()) +
           " mode shape(s) (dataset 55, " + (modes.complex ? "complex" : "real") + ", at " + hz +
           " Hz, " + std::to_string(modes.nodes.size()) +
           " node(s)) but no frequency response function (dataset 58 of function type 4); a "
           "dataset holds FRFs or a time history, so nothing was stored. To compare these modes "
           "with the twin, import the FRFs they were identified from: crossval pairs their "
           "modes with the profile's by MAC (docs/tools/profiles.md)";
}

} // namespace

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
    if (!groups) {
        if (const auto modes = modeShapesFromUff(file.value(), name))
            return io::ReadError{name, 0, modesInsteadOfFrfs(modes.value())};
        return groups.error();
    }
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
