// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/uff_import.h"

#include "data/uff.h"
#include "data/uff_conversion.h"

#include <filesystem>
#include <fstream>
#include <optional>

namespace dtop::data {

namespace {

std::string trimmed(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// True when the file has an FRF that frfDatasetsFromUff() reads.
bool hasFunctions(const UffFile& file)
{
    for (const auto& d : file.datasets)
        if (const auto* f = std::get_if<Uff58>(&d))
            if (f->functionType == 4 &&
                (f->abscissa.specificDataType == 18 || f->abscissa.specificDataType == 0))
                return true; // what frfDatasetsFromUff() takes
    return false;
}

bool hasModeShapes(const UffFile& file)
{
    for (const auto& d : file.datasets)
        if (const auto* m = std::get_if<Uff55>(&d))
            if (m->analysisType == 2 || m->analysisType == 3 || m->analysisType == 7)
                return true;
    return false;
}

const char* directionName(int direction)
{
    return direction == 1 ? "X" : direction == 3 ? "Z" : "Y";
}

// The file's mode shapes as a dataset (title from the first dataset 55's first ID line), or a
// ReadError when no node is a floor: node k is floor k (docs/tools/profiles.md).
io::ReadResult<io::Dataset> modeShapeDataset(const UffFile& file, const std::string& name,
                                             int direction)
{
    auto read = modeShapesFromUff(file, name, direction);
    if (!read)
        return read.error();
    ModeShapeSet modes = std::move(read).value();
    std::string nodes, floors;
    for (int n : modes.nodes) {
        nodes += (nodes.empty() ? "" : ", ") + std::to_string(n);
        if (n >= 1 && n <= static_cast<int>(model::kMaxStoreys))
            floors += (floors.empty() ? "" : ", ") + std::to_string(n);
    }
    if (floors.empty())
        return io::ReadError{name, 0,
                             "the mode shapes are given at nodes " + nodes +
                                 ", none of which is a floor: node k is floor k (1 to " +
                                 std::to_string(model::kMaxStoreys) +
                                 "), as DTOP's UFF export writes them; relabel the nodes"};
    io::Dataset d;
    for (const auto& dataset : file.datasets)
        if (const auto* m = std::get_if<Uff55>(&dataset)) {
            const std::string title = trimmed(m->idLines[0]);
            if (!title.empty() && title != "NONE")
                d.info.title = title;
            break;
        }
    d.info.format = "uff55";
    d.info.source = name;
    std::string notes = "Imported from UFF dataset 55 (" + std::to_string(modes.modes()) + " " +
                        (modes.complex ? "complex" : "real") + " mode shape(s) at nodes " +
                        nodes + "). Sway = UFF direction " + std::to_string(modes.direction) +
                        " (" + directionName(modes.direction) + ")" +
                        (direction == 0 ? ", the translation with the largest values" : "") +
                        ". Node k is floor k: floors " + floors + ".";
    if (floors != nodes)
        notes += " Nodes that are no floor are kept but compared with nothing.";
    notes += modes.coordinatesM.empty() ? " No node positions in the file."
                                        : " Node positions from datasets 2411/15.";
    d.info.notes = notes;
    d.data = std::move(modes);
    io::describeSampling(d);
    return d;
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

io::ReadResult<std::vector<io::Dataset>> readUffDatasets(const std::string& path, int modeDirection)
{
    io::ReadResult<UffFile> file = readUff(path);
    if (!file)
        return file.error();
    const std::string name = std::filesystem::path(path).filename().string();
    io::ReadResult<std::vector<io::Dataset>> groups = frfDatasetsFromUff(file.value(), name);
    if (!groups && hasFunctions(file.value()))
        return groups.error(); // FRFs that cannot be stored: nothing is
    std::vector<io::Dataset> read = groups ? std::move(groups).value() : std::vector<io::Dataset>{};
    if (hasModeShapes(file.value())) {
        auto modes = modeShapeDataset(file.value(), name, modeDirection);
        if (!modes)
            return modes.error();
        read.push_back(std::move(modes).value());
    } else if (read.empty()) {
        return io::ReadError{name, 0,
                             "the file holds no frequency response function (dataset 58 of "
                             "function type 4) and no mode shape (dataset 55 of a normal-mode or "
                             "complex-eigenvalue analysis)"};
    }
    return read;
}

io::ReadResult<std::vector<io::Dataset>> importUffDatasets(io::Workspace& workspace,
                                                           const io::Catalogue* catalogue,
                                                           const std::string& path,
                                                           const io::DatasetImportOptions& options)
{
    // Everything is read before anything is stored.
    auto read = readUffDatasets(path, options.modeDirection);
    if (!read)
        return read.error();
    std::vector<io::Dataset> stored;
    for (io::Dataset& d : read.value()) {
        io::DatasetImportOptions o = options;
        if (d.isModeShapes()) {
            // The FRF-only options do not apply to mode shapes.
            o.quantity.reset();
            o.excitationFloor = 0;
            if (!stored.empty())
                o.id = workspace.uniqueDatasetId(stored.front().info.id + "-modes");
        } else if (!stored.empty()) {
            o.id = workspace.uniqueDatasetId(stored.front().info.id + "-" +
                                             std::to_string(stored.size() + 1));
        }
        stored.push_back(io::storeImportedDataset(workspace, catalogue, std::move(d), path, o));
    }
    return stored;
}

} // namespace dtop::data
