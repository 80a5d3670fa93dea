// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/profiles/profiles_panel.h"

#include "crossval/profile_diff_json.h"
#include "io/run_record_json.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/profile_reference.h"
#include "models/workspace_session.h"
#include "widgets/field_issue.h"
#include "widgets/plot_view.h"
#include "widgets/profiles/profiles_views.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>

namespace dtop::widgets {

struct ProfilesPanel::Side {
    models::ResolvedProfile resolved;
};

namespace {

QTableWidget* makeTable(QWidget* parent)
{
    auto* table = new QTableWidget(parent);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setStretchLastSection(true);
    // Columns wider than the view scroll sideways, pixel by pixel (not a whole column a step).
    table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    return table;
}

// The width that shows every column of `table` without scrolling sideways.
int tableContentWidth(const QTableWidget& table)
{
    return 2 * table.frameWidth() + table.verticalScrollBar()->sizeHint().width() +
           table.horizontalHeader()->length();
}

void setComboItems(QComboBox* combo, const QStringList& items)
{
    const QString text = combo->currentText();
    combo->clear();
    combo->addItems(items);
    combo->setCurrentText(text);
}

QString text(const nlohmann::json& j)
{
    return j.is_string() ? QString::fromStdString(j.get<std::string>()) : QString();
}

} // namespace

ProfilesPanel::ProfilesPanel(PanelContext& context, QWidget* parent)
    : ToolPanel(parent), m_context(context)
{
    // Left: what to show.
    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);

    auto* historyBox = new QGroupBox(tr("Timeline"), side);
    auto* historyForm = new QFormLayout(historyBox);
    m_history = new QComboBox(historyBox);
    setFieldToolTip(m_history, tr("The profile whose saved versions the timeline shows (a "
                                  "built-in preset has a single, unversioned entry)"));
    historyForm->addRow(tr("Profile"), m_history);
    m_historyNote = new QLabel(historyBox);
    m_historyNote->setWordWrap(true);
    historyForm->addRow(m_historyNote);
    sideLayout->addWidget(historyBox);

    auto* diffBox = new QGroupBox(tr("Compare two versions"), side);
    auto* diffForm = new QFormLayout(diffBox);
    m_old = new QComboBox(diffBox);
    m_new = new QComboBox(diffBox);
    for (QComboBox* c : {m_old, m_new}) {
        c->setEditable(true);
        c->setInsertPolicy(QComboBox::NoInsert);
        c->setMinimumContentsLength(18);
    }
    setFieldToolTip(m_old, tr("Older side: NAME (latest saved version or preset) or "
                              "NAME@VERSION; any profile may be compared with any other"));
    setFieldToolTip(m_new, tr("Newer side: NAME (latest saved version or preset) or "
                              "NAME@VERSION"));
    diffForm->addRow(tr("Old"), m_old);
    diffForm->addRow(tr("New"), m_new);
    m_diffSummary = new QLabel(diffBox);
    m_diffSummary->setWordWrap(true);
    diffForm->addRow(m_diffSummary);
    sideLayout->addWidget(diffBox);

    auto* runsBox = new QGroupBox(tr("Run records"), side);
    auto* runsForm = new QFormLayout(runsBox);
    m_runsTool = new QComboBox(runsBox);
    m_runsTool->setToolTip(tr("Only the runs of this tool"));
    runsForm->addRow(tr("Tool"), m_runsTool);
    m_runsLimit = new QSpinBox(runsBox);
    m_runsLimit->setRange(0, 1'000'000);
    m_runsLimit->setSpecialValueText(tr("all"));
    m_runsLimit->setSuffix(tr(" runs"));
    m_runsLimit->setToolTip(tr("Show at most this many runs, the newest (0 = all)"));
    runsForm->addRow(tr("Newest"), m_runsLimit);
    auto* refreshButton = new QPushButton(tr("Refresh"), runsBox);
    refreshButton->setToolTip(tr("Read the saved profiles and run records of the workspace again"));
    runsForm->addRow(refreshButton);
    sideLayout->addWidget(runsBox);
    sideLayout->addStretch(1);

    // Right: the timeline, the diff, the runs.
    m_tabs = new QTabWidget(this);
    auto* timeline = new QSplitter(Qt::Vertical);
    m_timeline = makeTable(timeline);
    m_evolution = new PlotView(timeline);
    timeline->setStretchFactor(1, 1);
    m_tabs->addTab(timeline, tr("Timeline"));

    auto* diff = new QSplitter(Qt::Vertical);
    auto* tables = new QSplitter(Qt::Horizontal, diff);
    m_parameters = makeTable(tables);
    // Sized to its columns (tableContentWidth), so its last column is not stretched.
    m_parameters->horizontalHeader()->setStretchLastSection(false);
    m_modes = makeTable(tables);
    m_frf = new PlotView(diff);
    diff->setSizes({330, 440});
    m_tabs->addTab(diff, tr("Diff"));

    auto* runs = new QWidget;
    auto* runsLayout = new QVBoxLayout(runs);
    m_runsTable = makeTable(runs);
    m_runsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_openRun = new QPushButton(tr("Open this run again"), runs);
    m_openRun->setToolTip(tr("Show the run's tool with every input of the run restored (and the "
                             "saved profile version it used, when it recorded one)"));
    m_openRun->setEnabled(false);
    runsLayout->addWidget(m_runsTable, 1);
    runsLayout->addWidget(m_openRun, 0, Qt::AlignRight);
    m_tabs->addTab(runs, tr("Runs"));

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_history, &QComboBox::currentTextChanged, this, [this] {
        if (!m_filling)
            onHistoryChosen();
    });
    for (QComboBox* c : {m_old, m_new})
        connect(c, &QComboBox::currentTextChanged, this, [this] {
            if (!m_filling)
                updateDiff();
        });
    connect(m_runsTool, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            updateRuns();
    });
    connect(m_runsLimit, &QSpinBox::valueChanged, this, [this] {
        if (!m_filling)
            updateRuns();
    });
    connect(refreshButton, &QPushButton::clicked, this, &ProfilesPanel::refresh);
    connect(m_runsTable, &QTableWidget::itemSelectionChanged, this, [this] {
        m_openRun->setEnabled(m_runsTable->currentRow() >= 0 &&
                              !m_runsTable->selectedItems().isEmpty());
    });
    connect(m_runsTable, &QTableWidget::cellDoubleClicked, this,
            [this](int row, int) { openRun(row); });
    connect(m_openRun, &QPushButton::clicked, this, [this] { openRun(m_runsTable->currentRow()); });
    connect(&m_context.session, &models::WorkspaceSession::profilesChanged, this,
            &ProfilesPanel::refresh);
    connect(&m_context.session, &models::WorkspaceSession::workspaceChanged, this,
            &ProfilesPanel::refresh);

    refresh();
    const std::string active = m_context.activeProfile.profile().name;
    if (m_history->findText(QString::fromStdString(active)) >= 0)
        m_history->setCurrentText(QString::fromStdString(active));
    onHistoryChosen();
}

ProfilesPanel::~ProfilesPanel() = default;

void ProfilesPanel::refresh()
{
    fillProfileLists();
    updateHistory();
    updateDiff();
    updateRuns();
}

void ProfilesPanel::fillProfileLists()
{
    m_filling = true;
    QStringList names, labels;
    try {
        for (const auto& s : m_context.session.savedProfiles()) {
            names << QString::fromStdString(s.name);
            for (int v = s.latestVersion; v >= 1; --v)
                labels << QString::fromStdString(s.name) + "@" + QString::number(v);
        }
    } catch (const std::exception& e) {
        emit statusMessage(tr("Cannot read the saved profiles: %1").arg(e.what()));
    }
    for (const auto& p : model::presetNames()) {
        names << QString::fromStdString(p);
        labels << QString::fromStdString(p);
    }
    const QString current = m_history->currentText();
    m_history->clear();
    m_history->addItems(names);
    m_history->setCurrentText(current.isEmpty() ? names.value(0) : current);
    setComboItems(m_old, labels);
    setComboItems(m_new, labels);

    std::set<std::string> tools;
    if (io::Workspace* ws = m_context.session.workspace()) {
        try {
            for (const auto& r : ws->runs())
                tools.insert(r.tool);
        } catch (const std::exception&) {
        }
    }
    const QString tool = m_runsTool->currentData().toString();
    m_runsTool->clear();
    m_runsTool->addItem(tr("All tools"), QString());
    for (const auto& t : tools)
        m_runsTool->addItem(QString::fromStdString(t), QString::fromStdString(t));
    if (!tool.isEmpty() && m_runsTool->findData(tool) < 0)
        m_runsTool->addItem(tool, tool);
    m_runsTool->setCurrentIndex(std::max(0, m_runsTool->findData(tool)));
    m_filling = false;
}

void ProfilesPanel::onHistoryChosen()
{
    // The diff defaults to the last change: the previous version against the latest.
    const std::vector<std::string> labels = models::profileLabels(
        m_history->currentText().toStdString(), m_context.session.workspace());
    if (!labels.empty()) {
        m_filling = true;
        m_old->setCurrentText(
            QString::fromStdString(labels[labels.size() > 1 ? labels.size() - 2 : 0]));
        m_new->setCurrentText(QString::fromStdString(labels.back()));
        m_filling = false;
    }
    updateHistory();
    updateDiff();
}

void ProfilesPanel::updateHistory()
{
    m_historyResult.reset();
    const std::string name = m_history->currentText().toStdString();
    std::vector<io::ProfileVersion> versions;
    try {
        if (io::Workspace* ws = m_context.session.workspace())
            versions = ws->profileHistory(name);
        if (versions.empty())
            if (auto p = model::preset(name))
                versions.push_back({*p, 0, "built-in preset", "", ""});
        if (!versions.empty())
            m_historyResult = crossval::summariseHistory(versions);
    } catch (const std::exception& e) {
        emit statusMessage(
            tr("Cannot read the history of %1: %2").arg(QString::fromStdString(name), e.what()));
    }
    if (!m_historyResult) {
        m_timeline->setRowCount(0);
        m_evolution->clear();
        m_historyNote->setText(tr("No saved versions."));
        return;
    }
    const auto& h = *m_historyResult;
    m_historyNote->setText(
        h.versions.front().version == 0
            ? tr("A built-in preset: it has no versions. Save it under a new name (Profile ▸ "
                 "Save) to start a history.")
            : tr("%n saved version(s); the first %1, the latest %2.", "",
                 static_cast<int>(h.versions.size()))
                  .arg(QString::fromStdString(h.versions.front().createdUtc).left(10),
                       QString::fromStdString(h.versions.back().createdUtc).left(10)));
    fillTimelineTable(*m_timeline, h);
    drawModeEvolution(*m_evolution, h);
}

std::optional<ProfilesPanel::Side> ProfilesPanel::resolveSide(QComboBox* field, const char* name)
{
    InputIssues issues;
    std::optional<models::ResolvedProfile> r;
    try {
        r = models::resolveProfile(field->currentText().trimmed().toStdString(),
                                   m_context.session.workspace(), name, issues);
    } catch (const std::exception& e) {
        issues.push_back({name, e.what()});
    }
    if (r)
        issues = r->profile.validate();
    markFieldIssue(field,
                   issues.empty() ? QString() : QString::fromStdString(issues.front().message));
    if (!r || !issues.empty())
        return std::nullopt;
    return Side{std::move(*r)};
}

void ProfilesPanel::updateDiff()
{
    const auto older = resolveSide(m_old, "old");
    const auto newer = resolveSide(m_new, "new");
    if (!older || !newer) {
        m_diff.reset();
        m_parameters->setRowCount(0);
        m_modes->setRowCount(0);
        m_frf->clear();
        m_diffSummary->setText(tr("Fix the marked field: write NAME or NAME@VERSION."));
        return;
    }
    m_oldLabel = QString::fromStdString(older->resolved.label);
    m_newLabel = QString::fromStdString(newer->resolved.label);
    m_diff = crossval::diffProfiles(older->resolved.profile, newer->resolved.profile);
    m_diffSummary->setText(
        m_diff->identical() ? tr("%1 and %2 have the same parameters.").arg(m_oldLabel, m_newLabel)
                            : tr("%n parameter(s) changed from %1 to %2.", "",
                                 static_cast<int>(m_diff->changedParameters))
                                  .arg(m_oldLabel, m_newLabel));
    fillParameterTable(*m_parameters, *m_diff);
    // The parameter table keeps every column in view where the window allows (the mode table
    // beside it scrolls); capped so the window still fits 1024 px (it scrolls there).
    constexpr int kWidestParameterTable = 420;
    const int contentWidth = tableContentWidth(*m_parameters);
    m_parameters->setMinimumWidth(std::min(contentWidth, kWidestParameterTable));
    if (auto* tables = qobject_cast<QSplitter*>(m_parameters->parentWidget()))
        tables->setSizes({contentWidth, std::max(1, tables->width() - contentWidth)});
    // Show the first changed parameter (every parameter is listed, changed or not).
    for (std::size_t i = 0; i < m_diff->parameters.size(); ++i)
        if (m_diff->parameters[i].changed) {
            m_parameters->scrollToItem(m_parameters->item(static_cast<int>(i), 0),
                                       QAbstractItemView::PositionAtTop);
            break;
        }
    fillModeTable(*m_modes, *m_diff);
    drawFrfOverlay(*m_frf, older->resolved.profile, m_oldLabel, newer->resolved.profile,
                   m_newLabel);
}

void ProfilesPanel::updateRuns()
{
    m_runs.clear();
    if (io::Workspace* ws = m_context.session.workspace()) {
        const QString tool = m_runsTool->currentData().toString();
        try {
            m_runs = ws->runs(tool.isEmpty() ? std::nullopt
                                             : std::optional<std::string>(tool.toStdString()),
                              static_cast<std::size_t>(m_runsLimit->value()));
        } catch (const std::exception& e) {
            emit statusMessage(tr("Cannot read the run records: %1").arg(e.what()));
        }
    }
    fillRunsTable(*m_runsTable, m_runs);
    m_openRun->setEnabled(false);
}

bool ProfilesPanel::openRun(int row)
{
    if (row < 0 || row >= static_cast<int>(m_runs.size()))
        return false;
    const io::RunRecord& run = m_runs[static_cast<std::size_t>(row)];
    if (run.profile) {
        try {
            io::Workspace* ws = m_context.session.workspace();
            if (auto saved =
                    ws ? ws->profileVersion(run.profile->name, run.profile->version) : std::nullopt)
                m_context.activeProfile.setProfile(saved->profile, saved->version, false);
        } catch (const std::exception& e) {
            emit statusMessage(tr("Cannot read the run's profile: %1").arg(e.what()));
            return false;
        }
    }
    emit openToolRequested(QString::fromStdString(run.tool),
                           QString::fromStdString(run.input.dump()));
    emit statusMessage(
        tr("Run %1 of %2 opened again").arg(run.id).arg(QString::fromStdString(run.tool)));
    return true;
}

QList<ToolPanel::NamedPlot> ProfilesPanel::plots() const
{
    return {{QStringLiteral("mode_evolution"), m_evolution}, {QStringLiteral("diff_frf"), m_frf}};
}

PlotView* ProfilesPanel::currentPlot() const
{
    return m_tabs->currentIndex() == 1 ? m_frf : m_evolution;
}

nlohmann::json ProfilesPanel::reportInput() const
{
    const QString tool = m_runsTool->currentData().toString();
    return {{"history_profile", m_history->currentText().toStdString()},
            {"old", m_old->currentText().trimmed().toStdString()},
            {"new", m_new->currentText().trimmed().toStdString()},
            {"runs_tool", tool.isEmpty() ? nlohmann::json() : nlohmann::json(tool.toStdString())},
            {"runs_limit", m_runsLimit->value()}};
}

nlohmann::json ProfilesPanel::reportResult() const
{
    nlohmann::json result;
    result["history"] =
        m_historyResult ? crossval::profileHistoryToJson(*m_historyResult) : nlohmann::json();
    if (m_diff) {
        nlohmann::json diff = {{"old", m_oldLabel.toStdString()},
                               {"new", m_newLabel.toStdString()}};
        diff.update(crossval::profileDiffToJson(*m_diff));
        result["diff"] = diff;
    } else {
        result["diff"] = nullptr;
    }
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& r : m_runs)
        runs.push_back(io::runListEntry(r));
    result["runs"] = {{"runs", runs}};
    return result;
}

void ProfilesPanel::applyInput(const nlohmann::json& input)
{
    if (input.contains("history_profile")) {
        const QString name = text(input["history_profile"]);
        if (m_history->findText(name) < 0)
            m_history->addItem(name);
        m_history->setCurrentText(name); // sets the diff to its last change
    }
    m_filling = true;
    if (input.contains("old"))
        m_old->setCurrentText(text(input["old"]));
    if (input.contains("new"))
        m_new->setCurrentText(text(input["new"]));
    if (input.contains("runs_tool")) {
        const QString tool = text(input["runs_tool"]);
        if (!tool.isEmpty() && m_runsTool->findData(tool) < 0)
            m_runsTool->addItem(tool, tool);
        m_runsTool->setCurrentIndex(std::max(0, m_runsTool->findData(tool)));
    }
    if (input.contains("runs_limit") && input["runs_limit"].is_number_integer())
        m_runsLimit->setValue(input["runs_limit"].get<int>());
    // "tab": the tab to show ("Timeline", "Diff", "Runs"), for screenshots of a chosen view.
    if (input.contains("tab") && input["tab"].is_string())
        for (int t = 0; t < m_tabs->count(); ++t)
            if (m_tabs->tabText(t) == text(input["tab"]))
                m_tabs->setCurrentIndex(t);
    m_filling = false;
    updateDiff();
    updateRuns();
}

void ProfilesPanel::saveSettings(QSettings& settings) const
{
    settings.setValue("input", QString::fromStdString(reportInput().dump()));
}

void ProfilesPanel::restoreSettings(QSettings& settings)
{
    const auto saved =
        nlohmann::json::parse(settings.value("input").toString().toStdString(), nullptr, false);
    if (saved.is_object())
        applyInput(saved);
}

} // namespace dtop::widgets
