// SPDX-License-Identifier: GPL-3.0-or-later
// Universal File Format interchange of `dtop dataset` (docs/tools/profiles.md).
#include "cli/dataset_uff.h"

#include "cli/dataset_other_files.h"

#include "cli/cli_errors.h"
#include "cli/workspace_options.h"
#include "data/uff.h"
#include "data/uff_conversion.h"
#include "data/uff_import.h"
#include "io/dataset_writer.h"
#include "paths.h"

namespace po = boost::program_options;
using nlohmann::json;

namespace dtop::cli {

namespace {

const char* kExportUsage =
    "ID --out FILE [options]\n\n"
    "Writes dataset ID (bundled or imported) to FILE. uff58: one Universal File Format dataset\n"
    "58b per floor (binary IEEE doubles: every frequency and value bit for bit); uff58-ascii:\n"
    "ASCII dataset 58 (13 significant digits); uff55: mode shapes as datasets 55 (E13.5, the\n"
    "format's precision) and their node positions as dataset 2411 (the default for a mode-shape\n"
    "dataset); csv: DTOP's CSV (mode shapes: one row per mode). ME'scope, Simcenter Testlab and\n"
    "pyuff read UFF; `dtop dataset import FILE` reads it back. Floor k is node k, the sway is\n"
    "--direction (mode shapes: the direction they were imported from). Details:\n"
    "docs/tools/profiles.md.";

int directionOf(const std::string& text)
{
    if (text == "x")
        return 1;
    if (text == "y")
        return 2;
    if (text == "z")
        return 3;
    throw UsageError("--direction must be x, y or z, got '" + text + "'");
}

} // namespace

std::vector<io::Dataset> importUff(io::Workspace& workspace, const io::Catalogue* catalogue,
                                   const std::string& path, const io::DatasetImportOptions& options)
{
    auto stored = data::importUffDatasets(workspace, catalogue, path, options);
    if (!stored)
        throw FileError(stored.error().text());
    return std::move(stored).value();
}

int runDatasetExport(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()
        ("id", po::value<std::string>(), "dataset ID (see dtop dataset list)")
        ("format", po::value<std::string>()->default_value("uff58"),
         "uff58, uff58-ascii, uff55 (mode shapes) or csv")
        ("direction", po::value<std::string>()->default_value("y"),
         "UFF direction of the floors' sway: x, y or z")
        ("out", po::value<std::string>(), "the FILE to write (.uff or .unv; .csv for csv)");
    addWorkspaceOption(options);
    po::positional_options_description ids;
    ids.add("id", 1);
    po::variables_map vm;
    if (!parseOptions("dataset export", kExportUsage, options, args, vm, io, &ids))
        return kExitOk;
    if (!vm.count("id"))
        throw UsageError("give a dataset ID; see dtop dataset list");
    const std::string format = vm["format"].as<std::string>();
    if (format != "uff58" && format != "uff58-ascii" && format != "uff55" && format != "csv")
        throw UsageError("--format must be uff58, uff58-ascii, uff55 or csv, got '" + format +
                         "'");
    data::UffExportOptions uff;
    uff.binary = format == "uff58";
    uff.direction = directionOf(vm["direction"].as<std::string>());
    if (!vm.count("out") || vm["out"].as<std::string>().empty())
        throw UsageError("--out FILE is required");
    const std::string out = vm["out"].as<std::string>();
    const std::string id = vm["id"].as<std::string>();

    auto catalogue = io::loadBundledCatalogue(app::dataDirectory());
    auto workspace = openWorkspaceIfExists(workspacePath(vm));
    if (catalogue && findOtherFile(catalogue.value(), id))
        throw UsageError("'" + id + "' is a bundled file of another kind, not FRFs or a time "
                         "history: dtop dataset show " + id + " --data writes it as CSV");
    auto read = io::loadDataset(catalogue ? &catalogue.value() : nullptr,
                                workspace ? &*workspace : nullptr, id);
    if (!read) {
        if (read.error().line == 0 && read.error().file == id)
            throw UsageError(read.error().message);
        throw FileError(read.error().text());
    }
    const io::Dataset& dataset = read.value();
    std::string error;
    std::size_t functions = 0;
    if (dataset.isModeShapes() && format != "csv") {
        if (!vm["format"].defaulted() && format != "uff55")
            throw UsageError("dataset '" + id + "' holds mode shapes: export them with --format "
                             "uff55 (or csv)");
        data::ModeShapeSet modes = dataset.modeShapes();
        if (!vm["direction"].defaulted())
            modes.direction = uff.direction;
        data::UffFile file;
        try {
            file = data::uffFromModeShapeDataset(modes, dataset.info.title);
        } catch (const std::invalid_argument& e) {
            throw FileError("cannot write " + out + ": " + e.what());
        }
        functions = static_cast<std::size_t>(modes.shapes.cols());
        if (!data::writeUff(file, out, error))
            throw FileError(error);
        io.out << json{{"id", id}, {"format", "uff55"}, {"file", out}, {"modes", functions},
                       {"direction", modes.direction}}
                      .dump(2)
               << '\n';
        return kExitOk;
    }
    if (format == "uff55")
        throw UsageError("dataset '" + id + "' is " + io::datasetKindName(dataset.kind()) +
                         ", not mode shapes: --format uff55 writes mode shapes (use uff58 or "
                         "csv)");
    if (format == "csv") {
        if (!io::writeDatasetCsv(dataset, out, error))
            throw FileError(error);
    } else {
        if (!dataset.isFrf())
            throw UsageError("dataset '" + id +
                             "' is a time history; UFF dataset 58 export "
                             "writes FRFs (use --format csv)");
        const data::UffFile file = data::uffFromFrfDataset(dataset, uff);
        functions = file.datasets.size();
        if (!data::writeUff(file, out, error))
            throw FileError(error);
    }
    io.out << json{{"id", id}, {"format", format}, {"file", out}, {"functions", functions}}.dump(2)
           << '\n';
    return kExitOk;
}

} // namespace dtop::cli
