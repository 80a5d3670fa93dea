// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/gui_main.h"

#include "dtop/version.h"
#include "gui/main_window.h"
#include "gui/resources_init.h"
#include "io/workspace_location.h"
#include "paths.h"
#include "widgets/tool_panel.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QIcon>
#include <QTimer>

#include <fstream>
#include <iostream>
#include <optional>

namespace po = boost::program_options;

namespace dtop::gui {

namespace {

// The tool-input JSON object in `path`, or nothing with the reason (file, line, problem).
std::optional<nlohmann::json> readInputFile(const std::string& path, std::string& why)
{
    std::ifstream file(path);
    if (!file) {
        why = "cannot read " + path;
        return std::nullopt;
    }
    const nlohmann::json json = nlohmann::json::parse(file, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        why = path + ": not a JSON object (a tool input, as `dtop <tool>` prints it under \"input\")";
        return std::nullopt;
    }
    return json;
}

struct GuiOptions {
    StartupOptions startup;
    QString tool;
    QString screenshot;
    QString inputFile;
    QSize size;
    bool startupCheck = false;
};

// `dtop [--workspace FILE] [--tool ID] [--screenshot FILE [--size WxH]]`. Returns an exit code
// when the options say not to open the window (help or an error).
std::optional<int> parseGuiOptions(int argc, char** argv, GuiOptions& gui)
{
    po::options_description options("Window options");
    options.add_options()
        ("workspace", po::value<std::string>(), "workspace FILE (default: the platform's "
                                                "application-data folder)")
        ("tool", po::value<std::string>(), "open this tool (structure, simulate, ...)")
        ("screenshot", po::value<std::string>(),
         "render the window to a PNG FILE and exit (documentation, checks)")
        ("input", po::value<std::string>(),
         "apply this input JSON FILE (the object `dtop <tool>` prints under \"input\") "
         "to the tool --tool opens, e.g. for a --screenshot of that state")
        ("size", po::value<std::string>(), "window size WxH in pixels, e.g. 1280x800")
        ("startup-check", po::bool_switch(),
         "open the window, draw its first frame, print the start-up time and exit");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "dtop: " << e.what() << "; see dtop --help\n";
        return 2;
    }
    gui.startup.dataDirectory = QString::fromStdString(app::dataDirectory());
    gui.startup.workspacePath = QString::fromStdString(
        vm.count("workspace") ? vm["workspace"].as<std::string>() : io::defaultWorkspacePath());
    if (vm.count("tool"))
        gui.tool = QString::fromStdString(vm["tool"].as<std::string>());
    gui.startupCheck = vm["startup-check"].as<bool>();
    if (vm.count("input")) {
        if (!vm.count("tool")) {
            std::cerr << "dtop: --input needs --tool (the tool the input is for)\n";
            return 2;
        }
        gui.inputFile = QString::fromStdString(vm["input"].as<std::string>());
    }
    if (vm.count("screenshot"))
        gui.screenshot = QString::fromStdString(vm["screenshot"].as<std::string>());
    if (vm.count("size")) {
        const QString text = QString::fromStdString(vm["size"].as<std::string>());
        const auto parts = text.split(QLatin1Char('x'));
        const int w = parts.size() == 2 ? parts[0].toInt() : 0;
        const int h = parts.size() == 2 ? parts[1].toInt() : 0;
        if (w < 320 || h < 240 || w > 8000 || h > 8000) {
            std::cerr << "dtop: --size must be WxH with 320 <= W, 240 <= H, both <= 8000, got '"
                      << text.toStdString() << "'\n";
            return 2;
        }
        gui.size = QSize(w, h);
    }
    return std::nullopt;
}

} // namespace

int runGui(int argc, char** argv)
{
    QElapsedTimer startup;
    startup.start();
    GuiOptions options;
    if (const auto exit = parseGuiOptions(argc, argv, options))
        return *exit;
    QApplication app(argc, argv);
    initResources();
    QApplication::setApplicationName(QStringLiteral("dtop"));
    QApplication::setApplicationDisplayName(QString::fromUtf8(kApplicationName));
    QApplication::setOrganizationName(QStringLiteral("DTOP"));
    QApplication::setApplicationVersion(QString::fromUtf8(kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/dtop.svg")));
    MainWindow window(options.startup);
    if (!options.tool.isEmpty() && !window.showTool(options.tool)) {
        std::cerr << "dtop: --tool: unknown or unavailable tool '" << options.tool.toStdString()
                  << "'\n";
        return 2;
    }
    if (!options.inputFile.isEmpty()) {
        std::string why;
        const std::optional<nlohmann::json> input =
            readInputFile(options.inputFile.toStdString(), why);
        if (!input) {
            std::cerr << "dtop: --input: " << why << "\n";
            return 2;
        }
        if (widgets::ToolPanel* panel = window.currentPanel())
            panel->applyInput(*input);
    }
    if (options.size.isValid())
        window.resize(options.size);
    window.show();
    if (!options.screenshot.isEmpty()) {
        // Let layouts, plots and the first animation frame settle, then let the panel finish
        // the work it started on opening (e.g. the uncertainty tool's first run), save, leave.
        QTimer::singleShot(700, &window, [&] {
            // A panel still computing finishes first, so the image shows its results.
            if (widgets::ToolPanel* panel = window.currentPanel())
                panel->finishPendingWork();
            QApplication::processEvents(); // the layouts its results changed
            QApplication::processEvents();
            if (!window.grab().save(options.screenshot)) {
                std::cerr << "dtop: cannot write " << options.screenshot.toStdString() << "\n";
                QApplication::exit(3);
                return;
            }
            QApplication::exit(0);
        });
        return QApplication::exec();
    }
    if (options.startupCheck) {
        // The first zero timer runs once the window has been exposed and painted.
        QTimer::singleShot(0, &window, [&] {
            window.repaint();
            std::cerr << "dtop: window shown " << startup.elapsed() << " ms after main()\n";
            QApplication::exit(0);
        });
        return QApplication::exec();
    }
    QTimer::singleShot(0, &window, &MainWindow::offerWorkspaceRecovery);
    return QApplication::exec();
}

} // namespace dtop::gui
