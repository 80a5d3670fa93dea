// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/main_window.h"

#include "dtop/version.h"
#include "gui/profile_actions.h"
#include "gui/resources_init.h"
#include "tools/tool_descriptor.h"
#include "io/profile_json.h"
#include "io/workspace_backup.h"
#include "io/workspace_error.h"
#include "models/active_profile.h"
#include "models/analysis_runner.h"
#include "models/workspace_session.h"
#include "widgets/analysis_panel.h"
#include "widgets/dataset_browser.h"
#include "widgets/structure/structure_panel.h"
#include "widgets/plot_view.h"
#include "widgets/tool_list.h"
#include "widgets/tool_panel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTextBrowser>
#include <QUndoGroup>
#include <QVBoxLayout>
#include <QDialog>

namespace dtop::gui {

namespace {
const QSize kReportImageSize(1600, 1000);

QString settingsGroup(const QString& toolId)
{
    return QStringLiteral("panels/") + toolId;
}
} // namespace

MainWindow::MainWindow(const StartupOptions& options, QWidget* parent)
    : QMainWindow(parent), m_activeProfile(new models::ActiveProfile(this)),
      m_session(new models::WorkspaceSession(this)), m_context{*m_activeProfile, *m_session}
{
    setWindowTitle(QString::fromUtf8(kApplicationName));
    setObjectName(QStringLiteral("mainWindow"));
    initResources(); // also for tests and benchmarks that build a window directly
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    m_stack = new QStackedWidget(this);
    setCentralWidget(m_stack);
    buildDocks();
    buildMenus();
    m_profileStatus = new QLabel(this);
    m_workspaceStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_workspaceStatus);
    statusBar()->addPermanentWidget(m_profileStatus);
    connect(m_session, &models::WorkspaceSession::workspaceChanged, this, &MainWindow::updateStatus);
    connect(m_activeProfile, &models::ActiveProfile::changed, this, &MainWindow::updateStatus);
    QString error;
    if (!m_session->loadCatalogue(options.dataDirectory, &error))
        statusBar()->showMessage(tr("Bundled datasets unavailable: %1").arg(error));
    if (!options.workspacePath.isEmpty())
        m_session->openWorkspace(options.workspacePath, &m_startupWorkspaceError);
    updateStatus();
    resizeDocks({m_toolDock}, {260}, Qt::Horizontal);
    m_defaultState = saveState();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks()
{
    m_toolList = new widgets::ToolList(this);
    for (const tools::ToolDescriptor* tool : tools::registeredTools())
        m_toolList->addTool(QString::fromLatin1(tool->id),
                            QIcon(QString::fromStdString(tool->iconPath())), tr(tool->name),
                            tr(tool->summary), true);
    for (const tools::PlannedTool& tool : tools::plannedTools())
        m_toolList->addTool(QString::fromLatin1(tool.id),
                            QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(tool.id))),
                            tr(tool.name), tr(tool.summary), false);
    m_toolDock = new QDockWidget(tr("Tools"), this);
    m_toolDock->setObjectName(QStringLiteral("toolDock"));
    m_toolDock->setWidget(m_toolList);
    m_toolDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable |
                            QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, m_toolDock);
    connect(m_toolList, &widgets::ToolList::toolChosen, this,
            [this](const QString& id) { showTool(id); });

    // Help opens in its own window beside the main one: a dock would squeeze the panels.
    m_helpWindow = new QDialog(this, Qt::Window);
    m_helpWindow->setObjectName(QStringLiteral("helpWindow"));
    m_helpWindow->resize(560, 720);
    m_help = new QTextBrowser(m_helpWindow);
    m_help->setOpenExternalLinks(false);
    auto* helpLayout = new QVBoxLayout(m_helpWindow);
    helpLayout->setContentsMargins(0, 0, 0, 0);
    helpLayout->addWidget(m_help);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Import dataset…"), this, &MainWindow::importDataset)
        ->setShortcut(QKeySequence(tr("Ctrl+I")));
    file->addAction(tr("Open &workspace…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Open or create a workspace"), m_session->workspacePath(),
            tr("DTOP workspaces (*.dtop);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            openWorkspace(path, true);
    });
    file->addSeparator();
    QAction* png = file->addAction(tr("Export plot as &PNG…"), this, &MainWindow::exportPlotPng);
    png->setShortcut(QKeySequence(tr("Ctrl+E")));
    QAction* csv = file->addAction(tr("Export plot as &CSV…"), this, &MainWindow::exportPlotCsv);
    csv->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    QAction* report = file->addAction(tr("Export &report…"), this, &MainWindow::exportReport);
    report->setShortcut(QKeySequence(tr("Ctrl+R")));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    // Undo/redo of the shown panel's edits (the profile editor's, on the structure tool). A text
    // field being edited keeps its own Ctrl+Z first (Qt gives it the shortcut override).
    m_undo = new QUndoGroup(this);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("editUndo"));
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    redo->setObjectName(QStringLiteral("editRedo"));
    edit->addAction(undo);
    edit->addAction(redo);

    m_profileActions = new ProfileActions(*m_activeProfile, *m_session, this);
    m_profileActions->fillMenu(menuBar()->addMenu(tr("&Profile")));
    connect(m_profileActions, &ProfileActions::editRequested, this,
            [this] { showTool(QStringLiteral("structure")); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Measured data"), this, [this] { structurePanel()->showDatasetsTab(); })
        ->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    view->addAction(m_toolDock->toggleViewAction());
    m_toolDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+T")));
    view->addSeparator();
    view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    // Every tool from the keyboard: Ctrl+1…Ctrl+9 in dock order, Ctrl+PgDown/PgUp to step.
    view->addSeparator();
    int number = 1;
    for (const tools::ToolDescriptor* tool : tools::registeredTools()) {
        const QString id = QString::fromLatin1(tool->id);
        QAction* action = view->addAction(tr(tool->name), this, [this, id] { showTool(id); });
        action->setObjectName(QStringLiteral("showTool_") + id);
        if (number <= 9)
            action->setShortcut(QKeySequence(tr("Ctrl+%1").arg(number)));
        ++number;
    }
    view->addAction(tr("&Next tool"), this, [this] { stepTool(+1); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    view->addAction(tr("&Previous tool"), this, [this] { stepTool(-1); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* toolHelp = help->addAction(tr("Help for this &tool"), this, &MainWindow::showHelp);
    toolHelp->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About DTOP desktop"), this, &MainWindow::showAbout);
}

bool MainWindow::showTool(const QString& id)
{
    const tools::ToolDescriptor* tool = tools::findTool(id.toStdString());
    if (!tool)
        return false;
    widgets::ToolPanel* panel = m_panels.value(id);
    if (!panel) {
        panel = tool->createPanel(m_context);
        panel->setParent(m_stack);
        QSettings settings;
        settings.beginGroup(settingsGroup(id));
        panel->restoreSettings(settings);
        m_panels.insert(id, panel);
        m_stack->addWidget(panel);
        connect(panel, &widgets::ToolPanel::statusMessage, this,
                [this](const QString& text) { statusBar()->showMessage(text, 8000); });
        // "Open this run again" (twin history): the run's tool with the run's input.
        connect(panel, &widgets::ToolPanel::openToolRequested, this,
                [this](const QString& toolId, const QString& inputJson) {
                    const auto input =
                        nlohmann::json::parse(inputJson.toStdString(), nullptr, false);
                    if (!showTool(toolId) || !input.is_object()) {
                        statusBar()->showMessage(tr("Cannot open a run of '%1' again").arg(toolId),
                                                 8000);
                        return;
                    }
                    currentPanel()->applyInput(input);
                });
        if (QUndoStack* stack = panel->undoStack())
            m_undo->addStack(stack);
    }
    m_stack->setCurrentWidget(panel);
    m_undo->setActiveStack(panel->undoStack());
    if (m_toolList->currentToolId() != id)
        m_toolList->selectTool(id);
    setWindowTitle(tr("%1 — %2").arg(tr(tool->name), QString::fromUtf8(kApplicationName)));
    if (m_helpWindow->isVisible())
        showHelp();
    return true;
}

void MainWindow::stepTool(int step)
{
    const auto& list = tools::registeredTools();
    const auto* panel = currentPanel();
    const auto count = static_cast<int>(list.size());
    int index = 0;
    for (int i = 0; i < count; ++i)
        if (panel && panel->toolId() == QLatin1String(list[static_cast<std::size_t>(i)]->id))
            index = i;
    showTool(QString::fromLatin1(list[static_cast<std::size_t>((index + step + count) % count)]->id));
}

widgets::ToolPanel* MainWindow::currentPanel() const
{
    return qobject_cast<widgets::ToolPanel*>(m_stack->currentWidget());
}

QString MainWindow::profileStatusText() const
{
    return m_profileStatus->text();
}

void MainWindow::updateStatus()
{
    m_profileStatus->setText(tr("Profile: %1").arg(m_activeProfile->label()));
    m_workspaceStatus->setText(m_session->hasWorkspace()
                                   ? tr("Workspace: %1").arg(m_session->workspacePath())
                                   : tr("No workspace: profiles cannot be saved"));
}

bool MainWindow::openWorkspace(const QString& path, bool interactive, QString* error)
{
    QString why;
    if (m_session->openWorkspace(path, &why))
        return true;
    if (error)
        *error = why;
    statusBar()->showMessage(why);
    if (interactive) {
        m_startupWorkspaceError = why;
        offerWorkspaceRecovery();
    }
    return false;
}

void MainWindow::offerWorkspaceRecovery()
{
    if (m_startupWorkspaceError.isEmpty())
        return;
    const QString why = m_startupWorkspaceError;
    m_startupWorkspaceError.clear();
    QMessageBox box(QMessageBox::Warning, tr("Workspace cannot be used"),
                    tr("The workspace cannot be opened, so it has been left exactly as it is."),
                    QMessageBox::NoButton, this);
    box.setInformativeText(why);
    // With a workspace open (File ▸ Open workspace), keeping it is the safe default.
    QPushButton* keep = m_session->hasWorkspace()
                            ? box.addButton(tr("Keep the current workspace"), QMessageBox::RejectRole)
                            : box.addButton(tr("Continue without a workspace"), QMessageBox::RejectRole);
    QPushButton* other = box.addButton(tr("Use another workspace…"), QMessageBox::AcceptRole);
    // The way back from a damaged workspace: its newest backup that verifies (the damaged file
    // is kept in the backup folder).
    const QString failed = m_session->failedWorkspacePath();
    const auto backup = failed.isEmpty() ? std::nullopt : io::latestGoodBackup(failed.toStdString());
    QPushButton* restore =
        backup ? box.addButton(tr("Restore the backup of %1")
                                   .arg(QFileInfo(QString::fromStdString(*backup)).lastModified()
                                            .toString(Qt::ISODate)),
                               QMessageBox::AcceptRole)
               : nullptr;
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    if (restore && box.clickedButton() == restore) {
        try {
            io::restoreWorkspace(failed.toStdString(), *backup);
        } catch (const io::WorkspaceError& e) {
            QMessageBox::warning(this, tr("Restore failed"), QString::fromUtf8(e.what()));
            return;
        }
        openWorkspace(failed, true);
        return;
    }
    if (box.clickedButton() != other)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("New workspace"), QString(), tr("DTOP workspaces (*.dtop)"), nullptr,
        QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        openWorkspace(path, true);
}

widgets::StructurePanel* MainWindow::structurePanel()
{
    showTool(QStringLiteral("structure"));
    return qobject_cast<widgets::StructurePanel*>(panel(QStringLiteral("structure")));
}

void MainWindow::importDataset()
{
    widgets::StructurePanel* structure = structurePanel();
    structure->showDatasetsTab();
    structure->datasets()->importFile();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    // The last active profile, if it still reads and validates (settings can be hand-edited).
    const QByteArray profileJson = settings.value(QStringLiteral("profile/json")).toByteArray();
    if (!profileJson.isEmpty()) {
        const auto json = nlohmann::json::parse(profileJson.toStdString(), nullptr, false);
        InputIssues issues;
        if (const auto p = io::profileFromJson(json, issues); p && p->validate().empty())
            m_activeProfile->setProfile(*p, settings.value(QStringLiteral("profile/version")).toInt(),
                                        settings.value(QStringLiteral("profile/edited")).toBool());
    }
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString tool = settings.value(QStringLiteral("window/tool"), QStringLiteral("structure")).toString();
    if (!showTool(tool))
        showTool(QStringLiteral("structure"));
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("profile/json"),
                      QByteArray::fromStdString(io::profileToJson(m_activeProfile->profile()).dump()));
    settings.setValue(QStringLiteral("profile/version"), m_activeProfile->version());
    settings.setValue(QStringLiteral("profile/edited"), m_activeProfile->isEdited());
    if (const auto* panel = currentPanel())
        settings.setValue(QStringLiteral("window/tool"), panel->toolId());
    for (auto it = m_panels.begin(); it != m_panels.end(); ++it) {
        settings.beginGroup(settingsGroup(it.key()));
        it.value()->saveSettings(settings);
        settings.endGroup();
    }
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    resize(1280, 800);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    event->accept();
}

void MainWindow::exportPlotPng()
{
    const auto* panel = currentPanel();
    widgets::PlotView* plot = panel ? panel->currentPlot() : nullptr;
    if (!plot)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plot as PNG"),
                                                      panel->toolId() + QStringLiteral(".png"),
                                                      tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !plot->exportPng(path, kReportImageSize, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else if (!path.isEmpty())
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::exportPlotCsv()
{
    const auto* panel = currentPanel();
    widgets::PlotView* plot = panel ? panel->currentPlot() : nullptr;
    if (!plot)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plot data as CSV"),
                                                      panel->toolId() + QStringLiteral(".csv"),
                                                      tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !plot->exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else if (!path.isEmpty())
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::exportReport()
{
    if (!currentPanel())
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export report to folder"));
    if (!dir.isEmpty())
        exportReportTo(dir);
}

bool MainWindow::exportReportTo(const QString& dir)
{
    widgets::ToolPanel* panel = currentPanel();
    if (!panel)
        return false;
    const auto write = [this, dir](widgets::ToolPanel& p, const QString& outOfDate) {
        QString error;
        if (!widgets::writeReport(p, dir, kReportImageSize, &error, outOfDate)) {
            QMessageBox::warning(this, tr("Report failed"), error);
            return false;
        }
        statusBar()->showMessage(tr("Report written to %1").arg(dir), 5000);
        return true;
    };
    auto* analysis = qobject_cast<widgets::AnalysisPanel*>(panel);
    if (!analysis || analysis->hasCurrentResult())
        return write(*panel, {});
    // Never compute on the GUI thread here: a run can take many seconds.
    const QString why = !analysis->hasResult() ? tr("No result has been computed for these inputs.")
                        : analysis->isStale()  ? tr("The inputs changed after the results shown.")
                                               : tr("The results shown are incomplete (the run was "
                                                    "cancelled or is still going).");
    QMessageBox box(QMessageBox::Question, tr("Export report"),
                    why + QLatin1Char(' ') + tr("Run the analysis first, or export what is shown?"),
                    QMessageBox::NoButton, this);
    QPushButton* runFirst = box.addButton(tr("Run, then export"), QMessageBox::AcceptRole);
    QPushButton* asShown = box.addButton(tr("Export as shown"), QMessageBox::ActionRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(runFirst);
    runFirst->setEnabled(analysis->canRun());
    if (!analysis->canRun())
        box.setDefaultButton(asShown);
    box.exec();
    if (box.clickedButton() == asShown)
        return write(*panel, analysis->hasResult()
                                 ? tr("Out of date: these results are not those of the inputs "
                                      "now in the form.")
                                 : tr("No result: the analysis was not run."));
    if (box.clickedButton() != runFirst)
        return false;
    // Written when the run of these inputs finishes; a cancelled or failed run writes nothing.
    models::AnalysisRunner* runner = analysis->runner();
    auto connections = std::make_shared<std::vector<QMetaObject::Connection>>();
    const auto disconnectAll = [connections] {
        for (const auto& c : *connections)
            QObject::disconnect(c);
    };
    QPointer<widgets::AnalysisPanel> target(analysis);
    connections->push_back(connect(runner, &models::AnalysisRunner::finished, this,
                                   [this, target, write, disconnectAll] {
                                       disconnectAll();
                                       if (target && target->hasCurrentResult())
                                           write(*target, {});
                                   }));
    const auto notWritten = [this, disconnectAll] {
        disconnectAll();
        statusBar()->showMessage(tr("Report not written: the run did not finish."), 8000);
    };
    connections->push_back(connect(runner, &models::AnalysisRunner::cancelled, this, notWritten));
    connections->push_back(connect(runner, &models::AnalysisRunner::failed, this, notWritten));
    if (!analysis->isRunning())
        analysis->run();
    statusBar()->showMessage(tr("The report will be written to %1 when the run finishes.").arg(dir));
    return true;
}

void MainWindow::showHelp()
{
    const auto* panel = currentPanel();
    const tools::ToolDescriptor* tool = tools::findTool(
        panel ? panel->toolId().toStdString() : tools::registeredTools().front()->id);
    // Every registered tool has its page (checked by the conformance test).
    QFile page(QString::fromStdString(tool->helpPath()));
    m_help->setHtml(page.open(QIODevice::ReadOnly) ? QString::fromUtf8(page.readAll()) : QString());
    m_helpWindow->setWindowTitle(tr("Help — %1").arg(tr(tool->name)));
    m_helpWindow->show();
    m_helpWindow->raise();
}

void MainWindow::showAbout()
{
    QFile notice(QStringLiteral(":/licences/LICENSE-Cristallo-BSD-3"));
    const QString dataLicence =
        notice.open(QIODevice::ReadOnly) ? QString::fromUtf8(notice.readAll()).toHtmlEscaped()
                                         : QString();
    QMessageBox box(this);
    box.setWindowTitle(tr("About DTOP desktop"));
    box.setIconPixmap(QIcon(QStringLiteral(":/icons/dtop.svg")).pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>DTOP desktop %1</h3>"
                   "<p>Digital twin operational platform of a three-storey shear-building "
                   "laboratory structure.</p>"
                   "<p>Licensed under the GNU General Public License, version 3 or later. Built "
                   "with Qt %2 (GPL-3 for Qt Charts), Eigen, Boost and SQLite.</p>")
                    .arg(QString::fromUtf8(kVersion), QString::fromLatin1(qVersion())));
    box.setInformativeText(
        tr("<p>The prerecorded lab data come from DTOP-Cristallo, © 2021 "
           "Digital-Twin-Operational-Platform, under the BSD 3-Clause licence:</p><pre "
           "style='font-size:small'>%1</pre>")
            .arg(dataLicence));
    box.exec();
}

} // namespace dtop::gui
