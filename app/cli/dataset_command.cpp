// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop dataset list|show|import|export`: the bundled prerecorded data and the datasets
// imported into the workspace.
#include "cli/commands.h"

#include "cli/cli_errors.h"
#include "cli/dataset_other_files.h"
#include "cli/dataset_uff.h"
#include "cli/output_options.h"
#include "cli/sub_command.h"
#include "cli/workspace_options.h"
#include "data/uff_import.h"
#include "io/dataset_library.h"
#include "io/dataset_writer.h"
#include "io/json_numbers.h"
#include "io/text_table.h"
#include "paths.h"

#include <sstream>

namespace po = boost::program_options;
using nlohmann::json;

namespace dtop::cli {

namespace {

// The bundled catalogue; a broken data folder is reported but does not hide imported data.
std::optional<io::Catalogue> bundledCatalogue(CommandIo& io)
{
    auto read = io::loadBundledCatalogue(app::dataDirectory());
    if (!read) {
        io.err << "dtop dataset: warning: bundled data unavailable: " << read.error().text()
               << '\n';
        return std::nullopt;
    }
    return std::move(read).value();
}

json listingJson(const io::DatasetListing& d)
{
    json j = json::parse(io::datasetInfoToJson(d.info).dump());
    j["source_kind"] = d.imported ? "imported" : "bundled";
    if (d.imported) {
        j["original_file"] = d.originalFileName;
        j["imported_utc"] = d.importedUtc;
    }
    return j;
}

// Mode shapes: every mode (number, frequency, damping, modal mass) and the nodes with the
// floors they stand for (node k is floor k, docs/tools/profiles.md).
void describeModes(json& j, const io::ModeShapeData& m)
{
    json modes = json::array();
    for (std::size_t r = 0; r < m.modes(); ++r)
        modes.push_back({{"number", m.modeNumbers[r]},
                         {"frequency_hz", io::jsonNumber(m.frequenciesHz[r])},
                         {"damping_ratio", io::jsonNumber(m.dampingRatios[r])},
                         {"modal_mass", io::jsonNumber(m.modalMasses[r])}});
    json floors = json::array();
    for (int n : m.nodes)
        if (n >= 1 && n <= static_cast<int>(model::kMaxStoreys))
            floors.push_back(n);
    j["mode_count"] = m.modes();
    j["modes"] = modes;
    j["nodes"] = m.nodes;
    j["floors"] = floors;
    j["complex"] = m.complex;
    j["direction"] = m.direction;
    j["has_node_positions"] = !m.coordinatesM.empty();
}

// Channels with their extent: what a user needs to decide whether to plot it.
json contentSummary(const io::Dataset& d)
{
    json channels = json::array();
    if (d.isModeShapes())
        return channels;
    if (d.isFrf()) {
        for (const auto& c : d.frf().channels)
            channels.push_back({{"floor", c.floor},
                                {"points", c.size()},
                                {"frequency_min_hz", c.frequencyHz.front()},
                                {"frequency_max_hz", c.frequencyHz.back()},
                                {"complex", c.hasPhase()},
                                {"from_db", c.fromDecibels()}});
    } else {
        const auto& t = d.timeHistory();
        for (const auto& c : t.channels)
            channels.push_back({{"floor", c.floor},
                                {"samples", c.values.size()},
                                {"quantity", io::responseQuantityName(t.response)},
                                {"unit", io::responseQuantityUnit(t.response)}});
        if (t.hasForce())
            channels.push_back({{"force", true}, {"samples", t.forceN.size()}, {"unit", "N"}});
    }
    return channels;
}

int runList(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    addWorkspaceOption(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("dataset list", "[options]\n\nBundled datasets (prerecorded lab data) and "
                                      "those imported into the workspace.",
                      options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    const auto catalogue = bundledCatalogue(io);
    auto workspace = openWorkspaceIfExists(workspacePath(vm));
    json list = json::array();
    io::TextTable table;
    table.headers = {"id", "source", "kind", "rig", "quantity", "excitation_floor", "title"};
    for (const auto& d : io::listDatasets(catalogue ? &*catalogue : nullptr,
                                          workspace ? &*workspace : nullptr)) {
        json entry = listingJson(d);
        std::string quantity = d.info.kind == io::DatasetKind::Frf
                                   ? io::frfQuantityText(d.info.quantity)
                                   : io::responseQuantityName(d.info.response);
        if (d.info.kind == io::DatasetKind::ModeShapes) {
            // The record is small: read it for the mode count, frequencies and nodes.
            const auto read = io::loadDataset(nullptr, &*workspace, d.info.id);
            if (read && read.value().isModeShapes()) {
                describeModes(entry, read.value().modeShapes());
                quantity = std::to_string(read.value().modeShapes().modes()) + " modes";
            } else {
                quantity = "unreadable";
                entry["error"] = read ? "not mode shapes" : read.error().text();
            }
        }
        list.push_back(std::move(entry));
        table.rows.push_back({d.info.id, d.imported ? "imported" : "bundled",
                              io::datasetKindName(d.info.kind), d.info.rig, quantity,
                              std::to_string(d.info.excitationFloor), d.info.title});
    }
    json unavailable = json::array();
    json others = json::array();
    if (catalogue) {
        for (const auto& u : catalogue->unavailable)
            unavailable.push_back({{"rig", u.rig}, {"what", u.what}, {"note", u.note}});
        // Bundled files of other kinds (e.g. the nonlinear tool's reference run).
        for (const auto& f : catalogue->otherFiles) {
            others.push_back(otherFileJson(*catalogue, f));
            table.rows.push_back({f.id, "bundled", f.format, "", "", "", f.title});
        }
    }
    std::ostringstream text;
    if (vm["format"].as<std::string>() == "csv")
        table.write(text);
    else
        text << json{{"data_directory", app::dataDirectory()},
                     {"workspace", workspacePath(vm)},
                     {"datasets", list},
                     {"other_files", others},
                     {"unavailable", unavailable}}
                    .dump(2)
             << '\n';
    writeOutput(vm, text.str(), io);
    return kExitOk;
}

int runShow(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()("id", po::value<std::string>(), "dataset ID (see dtop dataset list)")(
        "data", po::bool_switch(), "write the samples (our CSV format) instead of the summary")(
        "out", po::value<std::string>(), "write to FILE instead of standard output");
    addWorkspaceOption(options);
    po::positional_options_description ids;
    ids.add("id", 1);
    po::variables_map vm;
    if (!parseOptions("dataset show", "ID [--data] [options]\n\nA dataset's description and "
                                      "channels, or with --data its samples as CSV.",
                      options, args, vm, io, &ids))
        return kExitOk;
    if (!vm.count("id"))
        throw UsageError("give a dataset ID; see dtop dataset list");
    if (vm.count("out") && vm["out"].as<std::string>().empty())
        throw UsageError("--out must name a file");
    const std::string id = vm["id"].as<std::string>();
    const auto catalogue = bundledCatalogue(io);
    auto workspace = openWorkspaceIfExists(workspacePath(vm));
    if (const io::CatalogueFile* other = catalogue ? findOtherFile(*catalogue, id) : nullptr) {
        writeOutput(vm, vm["data"].as<bool>() ? otherFileCsv(*catalogue, *other)
                                              : otherFileSummary(*catalogue, *other).dump(2) + "\n",
                    io);
        return kExitOk;
    }
    auto read = io::loadDataset(catalogue ? &*catalogue : nullptr,
                                workspace ? &*workspace : nullptr, id);
    if (!read) {
        if (read.error().line == 0 && read.error().file == id)
            throw UsageError(read.error().message);
        throw FileError(read.error().text());
    }
    const io::Dataset& d = read.value();
    if (vm["data"].as<bool>()) {
        writeOutput(vm, io::formatDatasetCsv(d), io);
        return kExitOk;
    }
    json j = json::parse(io::datasetInfoToJson(d.info).dump());
    j["channels"] = contentSummary(d);
    if (d.isModeShapes())
        describeModes(j, d.modeShapes());
    writeOutput(vm, j.dump(2) + "\n", io);
    return kExitOk;
}

int runImport(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()
        ("file", po::value<std::string>(), "the FILE to import")
        ("input-format", po::value<std::string>()->default_value("auto"),
         "auto, dtop-csv, cristallo-complex, cristallo-db, cristallo-time-history or uff "
         "(Universal File Format: dataset 58/58b FRFs, dataset 55 mode shapes)")
        ("id", po::value<std::string>(), "dataset id (default: from the file name)")
        ("title", po::value<std::string>(), "one-line title (default: the file name)")
        ("rig", po::value<std::string>(), "rig: southampton, swansea, sheffield, bristol, ...")
        ("quantity", po::value<std::string>(),
         "FRF quantity: receptance, mobility or accelerance (default: as the file says, or "
         "unknown)")
        ("excitation-floor", po::value<int>(), "floor the force acted on (1 = lowest)")
        ("direction", po::value<std::string>(),
         "UFF mode shapes: the translation read as the floors' sway, x, y or z (default: the "
         "one with the largest values; stated in the dataset's notes)");
    addWorkspaceOption(options);
    po::positional_options_description files;
    files.add("file", 1);
    po::variables_map vm;
    if (!parseOptions("dataset import", "FILE [options]\n\nReads FILE (format detected) and "
                                        "stores it in the workspace. A Universal File Format\n"
                                        "file gives one dataset per reference node and direction "
                                        "of its FRFs (dataset 58/58b)\nand one of its mode "
                                        "shapes (dataset 55; id ID-modes next to FRFs). Node k is "
                                        "floor k.",
                      options, args, vm, io, &files))
        return kExitOk;
    if (!vm.count("file"))
        throw UsageError("give the FILE to import");
    io::DatasetImportOptions import;
    const std::string format = vm["input-format"].as<std::string>();
    if (format != "uff" && !io::parseDatasetFormat(format, import.read.format))
        throw UsageError("--input-format must be auto, dtop-csv, cristallo-complex, cristallo-db, "
                         "cristallo-time-history or uff, got '" + format + "'");
    if (vm.count("id"))
        import.id = vm["id"].as<std::string>();
    if (vm.count("title"))
        import.title = vm["title"].as<std::string>();
    if (vm.count("rig"))
        import.rig = vm["rig"].as<std::string>();
    if (vm.count("quantity")) {
        const std::string q = vm["quantity"].as<std::string>();
        dynamics::FrfQuantity quantity;
        if (!dynamics::parseFrfQuantity(q, quantity))
            throw UsageError("--quantity must be receptance, mobility or accelerance, got '" +
                             q + "'");
        import.quantity = quantity;
    }
    if (vm.count("excitation-floor")) {
        import.excitationFloor = vm["excitation-floor"].as<int>();
        if (import.excitationFloor < 1 || import.excitationFloor > 20)
            throw UsageError("--excitation-floor must be between 1 and 20, got " +
                             std::to_string(import.excitationFloor));
    }
    if (vm.count("direction")) {
        const std::string d = vm["direction"].as<std::string>();
        import.modeDirection = d == "x" ? 1 : d == "y" ? 2 : d == "z" ? 3 : 0;
        if (import.modeDirection == 0)
            throw UsageError("--direction must be x, y or z, got '" + d + "'");
    }
    const auto catalogue = bundledCatalogue(io);
    const std::string file = vm["file"].as<std::string>();
    if (format == "uff" || (format == "auto" && data::isUffFile(file))) {
        io::Workspace workspace = openWorkspaceForWriting(vm);
        json datasets = json::array();
        for (const auto& d : importUff(workspace, catalogue ? &*catalogue : nullptr, file,
                                       import)) {
            json j = json::parse(io::datasetInfoToJson(d.info).dump());
            j["channels"] = contentSummary(d);
            if (d.isModeShapes())
                describeModes(j, d.modeShapes());
            datasets.push_back(std::move(j));
        }
        json j = datasets.size() == 1 ? datasets.front() : json{{"datasets", datasets}};
        j["workspace"] = workspace.path();
        io.out << j.dump(2) << '\n';
        return kExitOk;
    }
    io::Workspace workspace = openWorkspaceForWriting(vm);
    auto stored = io::importDataset(workspace, catalogue ? &*catalogue : nullptr,
                                    vm["file"].as<std::string>(), import);
    if (!stored)
        throw FileError(stored.error().text());
    json j = json::parse(io::datasetInfoToJson(stored.value().info).dump());
    j["channels"] = contentSummary(stored.value());
    j["workspace"] = workspace.path();
    io.out << j.dump(2) << '\n';
    return kExitOk;
}

const std::vector<SubCommand>& subCommands()
{
    static const std::vector<SubCommand> kSubCommands = {
        {"list", "[options]", "bundled and imported datasets", &runList},
        {"show", "ID [--data]", "a dataset's description and channels, or its samples",
         &runShow},
        {"import", "FILE [options]", "read FILE (CSV or UFF) and store it in the workspace",
         &runImport},
        {"export", "ID --out FILE [--format F]", "write a dataset as UFF 58/58b, UFF 55 or CSV",
         &runDatasetExport},
    };
    return kSubCommands;
}

} // namespace

int runDatasetCommand(const std::vector<std::string>& args, CommandIo& io)
{
    return dispatchSubCommand(
        "dataset",
        "Datasets are measured or prerecorded records of the rigs: FRFs and time histories,\n"
        "and imported mode shapes (UFF dataset 55).\n"
        "The bundled ones ship with DTOP (data/); imported ones live in the workspace.",
        subCommands(), args, io);
}

} // namespace dtop::cli
