// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop report <tool> --out DIR`: renders the tool's panel offscreen with the given inputs and
// writes every plot as PNG, the CSV of what each plot draws, and a JSON of inputs and results.
#include "cli/commands.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/simulate_command.h"
#include "cli/workspace_options.h"
#include "io/replay_record.h"
#include "io/simulate_json.h"
#include "cli/uncertainty_command.h"
#include "dynamics/frf_quantity.h"
#include "gui/resources_init.h"
#include "gui/tool_registry.h"
#include "io/uncertainty_json.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "paths.h"
#include "widgets/tool_panel.h"

#include <QApplication>

#include <cmath>
#include <memory>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

// Options of `dtop report structure`, mapped to the panel's input JSON.
nlohmann::json structureOptions(po::options_description& options, const po::variables_map* vm)
{
    if (!vm) {
        options.add_options()
            ("quantity", po::value<std::string>()->default_value("receptance"),
             "receptance [m/N], mobility [(m/s)/N] or accelerance [(m/s²)/N]")
            ("input-floor", po::value<int>()->default_value(1), "floor of the unit force")
            ("magnitude", po::value<std::string>()->default_value("db"),
             "magnitude axis: db or log")
            ("fmin", po::value<double>(), "lowest frequency [Hz] (default: auto range)")
            ("fmax", po::value<double>(), "highest frequency [Hz] (default: auto range)")
            ("measured", po::value<std::string>(),
             "overlay this measured FRF dataset (see dtop dataset list)");
        return {};
    }
    nlohmann::json input;
    const std::string quantity = (*vm)["quantity"].as<std::string>();
    dynamics::FrfQuantity q;
    if (!dynamics::parseFrfQuantity(quantity, q))
        throw UsageError("--quantity must be receptance, mobility or accelerance, got '" +
                         quantity + "'");
    input["quantity"] = quantity;
    input["input_floor"] = (*vm)["input-floor"].as<int>();
    const std::string magnitude = (*vm)["magnitude"].as<std::string>();
    if (magnitude != "db" && magnitude != "log")
        throw UsageError("--magnitude must be db or log, got '" + magnitude + "'");
    input["magnitude_scale"] = magnitude;
    if (vm->count("measured"))
        input["measured_dataset"] = (*vm)["measured"].as<std::string>();
    if (vm->count("fmin") != vm->count("fmax"))
        throw UsageError("--fmin and --fmax must be given together");
    if (vm->count("fmin")) {
        const double fmin = (*vm)["fmin"].as<double>(), fmax = (*vm)["fmax"].as<double>();
        if (!(fmin >= 0.0) || !(fmax > fmin) || !std::isfinite(fmax))
            throw UsageError("--fmin/--fmax must satisfy 0 <= fmin < fmax, got " +
                             std::to_string(fmin) + " and " + std::to_string(fmax));
        input["fmin_hz"] = fmin;
        input["fmax_hz"] = fmax;
    }
    return input;
}

// Options of `dtop report simulate`: those of `dtop simulate` (without its output options),
// mapped to the panel's input JSON (simulateInputToJson plus the panel's keys).
nlohmann::json simulateOptions(po::options_description& options, const po::variables_map* vm)
{
    if (!vm) {
        addSimulateTestOptions(options);
        return {};
    }
    const std::string q = (*vm)["psd-quantity"].as<std::string>();
    dynamics::ResponseQuantity psdQuantity;
    if (!dynamics::parseResponseQuantity(q, psdQuantity))
        throw UsageError("--psd-quantity must be displacement, velocity or acceleration, got '" +
                         q + "'");
    if (vm->count("record")) {
        // Checked here so that a bad id or record fails with exit 2 or 3 before rendering.
        const std::string id = (*vm)["record"].as<std::string>();
        const io::Dataset dataset = loadRecordDataset(*vm, id);
        dynamics::ReplayInput replay = replayInputFromOptions(*vm);
        const int floor = (*vm)["input-floor"].defaulted() ? 0 : (*vm)["input-floor"].as<int>();
        if (const auto issues = io::fillReplayFromDataset(dataset, replay, floor); !issues.empty()) {
            std::vector<std::string> lines;
            for (const auto& issue : issues)
                lines.push_back("--record " + id + ": " + issue.message);
            throw UsageError(std::move(lines));
        }
        nlohmann::json input = io::replayInputToJson(replay);
        input["mode"] = "replay";
        input["replay_dataset"] = id;
        input["replay_force_floor"] = floor;
        input["psd_quantity"] = q;
        return input;
    }
    const dynamics::SimulateInput simulate = simulateInputFromOptions(*vm);
    nlohmann::json input = io::simulateInputToJson(simulate);
    input["mode"] = "test";
    input["psd_quantity"] = q;
    for (const char* option : {"base-record", "force-record"})
        if (vm->count(option))
            input["excitation"]["record"]["file"] = (*vm)[option].as<std::string>();
    return input;
}

// Options of `dtop report uncertainty`: those of `dtop uncertainty`, as the panel's input JSON.
nlohmann::json uncertaintyOptions(po::options_description& options, const po::variables_map* vm)
{
    if (!vm) {
        addUncertaintyOptions(options);
        return {};
    }
    return io::uncertaintyInputToJson(uncertaintyInputFromOptions(*vm));
}

struct ReportTool {
    const char* id;
    const char* defaultProfile; // of --profile
    nlohmann::json (*options)(po::options_description&, const po::variables_map*);
};

const ReportTool kReportTools[] = {
    {"structure", "southampton-lpm", &structureOptions},
    {"simulate", "southampton-lpm", &simulateOptions},
    {"uncertainty", "full-scale", &uncertaintyOptions},
};

} // namespace

int runReportCommand(const std::vector<std::string>& args, CommandIo& io)
{
    std::string known;
    for (const auto& t : kReportTools)
        known += (known.empty() ? "" : ", ") + std::string(t.id);
    if (args.empty() || args.front().rfind("-", 0) == 0) {
        if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
            io.out << "Usage: dtop report <tool> --out DIR [options]\n\nTools: " << known
                   << "\nSee dtop report <tool> --help for the tool's options.\n";
            return kExitOk;
        }
        throw UsageError("report needs a tool id first: one of " + known);
    }
    const ReportTool* tool = nullptr;
    for (const auto& t : kReportTools)
        if (args.front() == t.id)
            tool = &t;
    if (!tool)
        throw UsageError("unknown report tool '" + args.front() + "'; known: " + known);

    po::options_description options("Options");
    addModelOptions(options, tool->defaultProfile);
    options.add_options()
        ("out", po::value<std::string>(), "folder to write the report into (created if needed)")
        ("width", po::value<int>()->default_value(1600), "image width [px]")
        ("height", po::value<int>()->default_value(1000), "image height [px]");
    addWorkspaceOption(options);
    tool->options(options, nullptr);
    po::variables_map vm;
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (!parseOptions("report " + args.front(),
                      "--out DIR [options]\n\nWrites every plot of the panel as PNG and CSV, and "
                      "a JSON of inputs, results and version.",
                      options, rest, vm, io))
        return kExitOk;
    if (!vm.count("out") || vm["out"].as<std::string>().empty())
        throw UsageError("--out DIR is required");
    const int width = vm["width"].as<int>(), height = vm["height"].as<int>();
    if (width < 200 || width > 8000 || height < 150 || height > 8000)
        throw UsageError("--width/--height must be 200–8000 × 150–8000 px, got " +
                         std::to_string(width) + " × " + std::to_string(height));
    const model::Profile profile = profileFromOptions(vm);
    const nlohmann::json input = tool->options(options, &vm);

    // Rendering needs a QApplication but never a display.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "dtop";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    gui::initResources();
    models::ActiveProfile active;
    active.setProfile(profile, 0, false);
    models::WorkspaceSession session;
    // Datasets imported into an existing workspace are available; none is created.
    if (const std::string path = workspacePath(vm); openWorkspaceIfExists(path)) {
        QString why;
        if (!session.openWorkspace(QString::fromStdString(path), &why))
            throw FileError(why.toStdString());
    }
    QString catalogueError;
    if (!session.loadCatalogue(QString::fromStdString(app::dataDirectory()), &catalogueError) &&
        (input.contains("measured_dataset") || input.contains("replay_dataset")))
        throw FileError(catalogueError.toStdString());
    widgets::PanelContext context{active, session};
    const gui::ToolInfo* info = gui::findTool(QString::fromLatin1(tool->id));
    std::unique_ptr<widgets::ToolPanel> panel(info->create(context));
    panel->resize(width, height);
    panel->applyInput(input);
    QString error;
    if (!widgets::writeReport(*panel, QString::fromStdString(vm["out"].as<std::string>()),
                              QSize(width, height), &error))
        throw FileError(error.toStdString());
    io.out << "report written to " << vm["out"].as<std::string>() << '\n';
    return kExitOk;
}

} // namespace dtop::cli
