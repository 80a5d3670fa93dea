// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop report <tool> --out DIR`: renders the tool's panel offscreen with the given inputs and
// writes every plot as PNG, the CSV of what each plot draws, and a JSON of inputs and results.
#include "cli/commands.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/workspace_options.h"
#include "gui/resources_init.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "paths.h"
#include "tools/tool_descriptor.h"
#include "widgets/panel_context.h"
#include "widgets/tool_panel.h"

#include <QApplication>

#include <memory>

namespace po = boost::program_options;

namespace dtop::cli {

int runReportCommand(const std::vector<std::string>& args, CommandIo& io)
{
    std::string known;
    for (const tools::ToolDescriptor* t : tools::registeredTools())
        known += (known.empty() ? "" : ", ") + std::string(t->id);
    if (args.empty() || args.front().rfind("-", 0) == 0) {
        if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
            io.out << "Usage: dtop report <tool> --out DIR [options]\n\nTools: " << known
                   << "\nSee dtop report <tool> --help for the tool's options.\n";
            return kExitOk;
        }
        throw UsageError("report needs a tool id first: one of " + known);
    }
    const tools::ToolDescriptor* tool = tools::findTool(args.front());
    if (!tool)
        throw UsageError("unknown report tool '" + args.front() + "'; known: " + known);

    po::options_description options("Options");
    addModelOptions(options, tool->defaultProfile);
    options.add_options()
        ("out", po::value<std::string>(), "folder to write the report into (created if needed)")
        ("width", po::value<int>()->default_value(1600), "image width [px]")
        ("height", po::value<int>()->default_value(1000), "image height [px]");
    tool->report.add(options);
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
    int profileVersion = 0; // the run record names the saved version the report used
    const model::Profile profile = profileFromOptions(vm, &profileVersion);
    const nlohmann::json input = tool->report.panelInput(vm);

    // Rendering needs a QApplication but never a display.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "dtop";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    gui::initResources();
    models::ActiveProfile active;
    active.setProfile(profile, profileVersion, false);
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
    std::unique_ptr<widgets::ToolPanel> panel(tool->createPanel(context));
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
