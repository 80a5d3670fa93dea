// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/identify/identify_panel.h"

#include "common/progress.h"
#include "identification/identify_json.h"
#include "io/replay_record.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/heat_map.h"
#include "widgets/identify/identify_form.h"
#include "widgets/identify/identify_plots.h"
#include "widgets/identify/identify_tables.h"
#include "widgets/panel_json.h"
#include "widgets/plot_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace dtop::widgets {

using identification::IdentifyInput;
using identification::IdentifyResult;

namespace {

AnalysisPanel::Texts identifyTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Identification");
    t.runTip = QObject::tr("Identify the modes (Ctrl+Enter)");
    t.cancelTip = QObject::tr("Stop the identification (Esc)");
    t.idle = QObject::tr("Press Run (Ctrl+Enter).");
    t.cancelled = QObject::tr("Cancelled.");
    return t;
}

QTableWidget* makeTable(QWidget* parent)
{
    auto* t = new QTableWidget(0, 0, parent);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    addTableCsvActions(*t, QStringLiteral("identify-table.csv"));
    t->setToolTip(QObject::tr("Right-click: copy the table as CSV"));
    return t;
}

} // namespace

IdentifyPanel::IdentifyPanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, identifyTexts(), parent), m_active(context.activeProfile)
{
    m_form = new IdentifyForm(this);
    QWidget* side = formColumn(m_form, 350); // run controls below the form

    auto* area = new QWidget(this);
    m_summary = new QLabel(area);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs = new QTabWidget(area);
    m_diagram = new PlotView;
    m_tabs->addTab(m_diagram, tr("Stabilisation"));
    m_resynthesis = new PlotView;
    m_tabs->addTab(m_resynthesis, tr("Resynthesis"));
    auto* nyquistPage = new QWidget;
    auto* nyquistLayout = new QVBoxLayout(nyquistPage);
    nyquistLayout->setContentsMargins(0, 0, 0, 0);
    m_nyquistMode = new QComboBox(nyquistPage);
    m_nyquistMode->setToolTip(tr("The mode whose mobility circle is shown"));
    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(new QLabel(tr("Mode"), nyquistPage));
    modeRow->addWidget(m_nyquistMode);
    modeRow->addStretch(1);
    nyquistLayout->addLayout(modeRow);
    m_nyquist = new PlotView(nyquistPage);
    nyquistLayout->addWidget(m_nyquist, 1);
    m_tabs->addTab(nyquistPage, tr("Nyquist"));
    // Each MAC matrix as a heat map (exported by reports) over a table of its values.
    auto* macSplit = new QSplitter(Qt::Horizontal);
    auto macColumn = [&](HeatMap*& map, QTableWidget*& table) {
        auto* column = new QWidget(macSplit);
        auto* l = new QVBoxLayout(column);
        l->setContentsMargins(0, 0, 0, 0);
        map = new HeatMap(column);
        map->setToolTip(tr("Right-click to save the heat map as PNG or CSV"));
        l->addWidget(map, 3);
        table = makeTable(column);
        table->setSelectionMode(QAbstractItemView::NoSelection);
        l->addWidget(table, 2);
    };
    macColumn(m_mac, m_macTable);
    macColumn(m_macProfile, m_macProfileTable);
    m_tabs->addTab(macSplit, tr("MAC"));
    m_history = new PlotView;
    m_tabs->addTab(m_history, tr("Updating"));
    m_replayPlot = new PlotView;
    m_tabs->addTab(m_replayPlot, tr("Replay"));

    m_tables = new QTabWidget(area);
    m_modesTable = makeTable(m_tables);
    m_methodsTable = makeTable(m_tables);
    m_physicalTable = makeTable(m_tables);
    m_updateTable = makeTable(m_tables);
    m_tables->addTab(m_modesTable, tr("Modes"));
    m_tables->addTab(m_methodsTable, tr("Methods"));
    m_tables->addTab(m_physicalTable, tr("Physical chain"));
    m_tables->addTab(m_updateTable, tr("Updated parameters"));
    m_tables->setMaximumHeight(180);

    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(new QLabel(tr("Updated profile name"), area));
    m_saveName = new QLineEdit(area);
    m_saveName->setToolTip(tr("Saved as the next version of this name in the workspace (a "
                              "built-in preset's name cannot be used)"));
    saveRow->addWidget(m_saveName, 1);
    m_save = new QPushButton(tr("Save as new version"), area);
    m_save->setToolTip(tr("Store the updated profile, with the dataset and method as its "
                          "provenance, and make it the active profile"));
    saveRow->addWidget(m_save);

    auto* areaLayout = new QVBoxLayout(area);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    areaLayout->addWidget(staleBanner());
    areaLayout->addWidget(m_summary);
    areaLayout->addWidget(m_tabs, 1);
    areaLayout->addWidget(m_tables);
    areaLayout->addLayout(saveRow);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(area);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    for (PlotView* p : {m_diagram, m_resynthesis, m_nyquist, m_history, m_replayPlot})
        p->setTitle(tr("Press Run"));
    m_mac->setTitle(tr("Press Run"));
    m_macProfile->setTitle(tr("Press Run"));

    connect(m_form, &IdentifyForm::changed, this, [this] { inputsChanged(); });
    connect(m_diagram, &PlotView::pointClicked, this,
            [this](const QString& series, double x, double y) {
                if (isPoleSeries(series))
                    pickPole(x, static_cast<int>(std::lround(y)));
            });
    connect(m_nyquistMode, &QComboBox::currentIndexChanged, this, &IdentifyPanel::showNyquist);
    connect(m_save, &QPushButton::clicked, this,
            [this] { saveUpdatedProfile(m_saveName->text().trimmed()); });
    connect(m_saveName, &QLineEdit::textChanged, this, &IdentifyPanel::updateSaveControls);
    connect(&m_active, &models::ActiveProfile::changed, this, &IdentifyPanel::onProfileChanged);
    connect(&session(), &models::WorkspaceSession::datasetsChanged, this,
            &IdentifyPanel::reloadDatasets);
    reloadDatasets();
    m_form->setStoreys(m_active.profile().storeys());
    updateSaveControls();
    inputsChanged();
}

IdentifyPanel::~IdentifyPanel() = default;

const IdentifyResult* IdentifyPanel::result() const
{
    return m_shown ? &m_shown->result : nullptr;
}

const identification::ReplayComparison* IdentifyPanel::replay() const
{
    return m_shown && m_shown->replay ? &*m_shown->replay : nullptr;
}

void IdentifyPanel::reloadDatasets()
{
    std::vector<std::pair<std::string, std::string>> all, timeHistories;
    for (const auto& d : session().datasets()) {
        all.emplace_back(d.info.id, d.info.title);
        if (d.info.kind == io::DatasetKind::TimeHistory)
            timeHistories.emplace_back(d.info.id, d.info.title);
    }
    m_form->setDatasets(all, timeHistories);
    inputsChanged();
}

void IdentifyPanel::onProfileChanged()
{
    m_form->setStoreys(m_active.profile().storeys());
    inputsChanged();
}

IdentifyInput IdentifyPanel::currentInput(InputIssues* issues) const
{
    return m_form->input(m_active.profile(), issues);
}

std::optional<AnalysisPanel::Run> IdentifyPanel::prepareRun(InputIssues& issues)
{
    IdentifyInput input = currentInput(&issues);
    const std::string replayId = m_form->replayRecord();
    if (!issues.empty())
        return std::nullopt;
    const auto read = session().dataset(input.dataset);
    if (!read) {
        issues.push_back({"dataset", read.error().text()});
        return std::nullopt;
    }
    input.data = read.value();
    for (auto& issue : input.validate())
        issues.push_back(std::move(issue));
    std::shared_ptr<const io::Dataset> record;
    if (!replayId.empty() && input.update) {
        const auto r = session().dataset(replayId);
        if (!r) {
            issues.push_back({"replay", r.error().text()});
        } else {
            dynamics::ReplayInput check;
            check.profile = input.profile;
            for (auto& issue : io::fillReplayFromDataset(r.value(), check))
                issues.push_back({"replay", issue.message});
            record = std::make_shared<const io::Dataset>(r.value());
        }
    }
    if (!issues.empty())
        return std::nullopt;
    Run run;
    run.input = identification::identifyInputToJson(input);
    run.input["replay"] = input.update ? replayId : std::string();
    run.work = [this, input, record](Progress& progress, const ShowPartial&) -> Outcome {
        auto shown = std::make_shared<Shown>();
        shown->result = identification::runIdentify(input, progress);
        if (record && shown->result.update)
            shown->replay = identification::compareReplay(*record, input.profile,
                                                          shown->result.updatedProfile, 0,
                                                          progress);
        Outcome out;
        nlohmann::json freqs = nlohmann::json::array();
        for (const auto& m : shown->result.modes)
            freqs.push_back(m.frequencyHz);
        out.summary = {{"dataset", input.dataset},
                       {"method", identificationMethodName(input.method)},
                       {"frequencies_hz", freqs}};
        out.show = [this, shown] { showResult(shown); };
        return out;
    };
    return run;
}

void IdentifyPanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void IdentifyPanel::showResult(std::shared_ptr<const Shown> shown)
{
    m_shown = std::move(shown);
    const IdentifyResult& r = m_shown->result;
    const QString dataset = QString::fromStdString(r.dataset);
    drawStabilisation(*m_diagram, r);
    m_diagram->setTitle(r.diagram.orders.empty()
                            ? tr("Stabilisation diagram: LSCF not run (circle fit alone)")
                            : tr("Stabilisation diagram, %1 (click a pole to pick it)").arg(dataset));
    drawResynthesis(*m_resynthesis, r);
    m_resynthesis->setTitle(tr("Measured %1 and %2 model (dashed, error per floor)")
                                .arg(QString::fromLatin1(dynamics::frfQuantityName(r.measured.quantity)),
                                     QString::fromLatin1(identificationMethodName(r.method))));
    std::vector<double> identified;
    for (const auto& m : r.modes)
        identified.push_back(m.frequencyHz);
    const auto identifiedAxis = modeAxis(tr("Identified mode"), QStringLiteral("identified_frequency_hz"),
                                         identified);
    drawMacMatrix(*m_mac, r.mac, identifiedAxis, identifiedAxis);
    m_mac->setTitle(tr("MAC between the identified modes"));
    drawMacMatrix(*m_macProfile, r.macProfile,
                  modeAxis(tr("Profile mode"), QStringLiteral("profile_frequency_hz"),
                           r.profileFrequenciesHz),
                  identifiedAxis);
    const QString profileTitle =
        r.macProfile.size() > 0
            ? tr("MAC against the profile '%1'").arg(QString::fromStdString(m_active.profile().name))
            : tr("MAC against the profile: not available");
    m_macProfile->setTitle(profileTitle);
    fillMacTable(*m_macTable, r.mac, tr("mode"), tr("mode"), identified, identified);
    fillMacTable(*m_macProfileTable, r.macProfile, tr("mode"), tr("profile"), identified,
                 r.profileFrequenciesHz);
    drawUpdateHistory(*m_history, r.update);
    m_history->setTitle(r.update ? tr("Updating: objective %1 → %2 in %3 iterations")
                                       .arg(r.update->objectiveBefore, 0, 'g', 4)
                                       .arg(r.update->objectiveAfter, 0, 'g', 4)
                                       .arg(r.update->history.empty()
                                                ? 0
                                                : r.update->history.back().iteration)
                                 : tr("Updating: not run (tick \"update the active profile\")"));
    drawReplay(*m_replayPlot, m_shown->replay);
    m_replayPlot->setTitle(m_shown->replay
                               ? tr("Replay of %1 before and after updating")
                                     .arg(QString::fromStdString(m_shown->replay->record))
                               : tr("Replay: choose a record (with updating)"));
    {
        const QSignalBlocker block(m_nyquistMode);
        const int current = m_nyquistMode->currentIndex();
        m_nyquistMode->clear();
        for (std::size_t m = 0; m < r.modes.size(); ++m)
            m_nyquistMode->addItem(
                tr("%1: %2 Hz").arg(m + 1).arg(r.modes[m].frequencyHz, 0, 'f', 3));
        m_nyquistMode->setCurrentIndex(
            std::clamp(current, 0, std::max(0, m_nyquistMode->count() - 1)));
    }
    showNyquist();
    fillModesTable(*m_modesTable, r);
    fillMethodsTable(*m_methodsTable, r);
    fillPhysicalTable(*m_physicalTable, r);
    fillUpdateTable(*m_updateTable, r);

    QStringList text;
    QStringList modes;
    for (const auto& m : r.modes)
        modes << tr("%1 Hz (ζ %2 %)").arg(m.frequencyHz, 0, 'f', 3).arg(100.0 * m.dampingRatio, 0, 'f', 3);
    text << tr("%1 modes by %2: %3.")
                .arg(r.modes.size())
                .arg(QString::fromLatin1(identificationMethodName(r.method)))
                .arg(modes.join(QStringLiteral(", ")));
    if (r.physical) {
        QStringList masses;
        for (double m : r.physical->masses)
            masses << QString::number(m, 'f', 3);
        text << tr("Masses %1 kg.").arg(masses.join(QStringLiteral(", ")));
        if (!r.physical->stiffnessChain.tridiagonal)
            text << tr("K is not tridiagonal: dropped entries up to %1 % of max K_ii.")
                        .arg(100.0 * r.physical->stiffnessChain.droppedRelative, 0, 'f', 1);
        else if (!r.physical->stiffnessChain.dropped.empty())
            text << tr("Chain: dropped K entries %1 % of max K_ii.")
                        .arg(100.0 * r.physical->stiffnessChain.droppedRelative, 0, 'f', 1);
        if (!r.physical->notes.empty())
            text << QString::fromStdString(r.physical->notes) + QLatin1Char('.');
    } else {
        text << tr("No physical model: %1").arg(QString::fromStdString(r.physicalNote));
    }
    if (m_shown->replay)
        text << tr("Replay %1: mean NRMSE %2 → %3.")
                    .arg(QString::fromStdString(m_shown->replay->record))
                    .arg(m_shown->replay->meanBefore, 0, 'g', 3)
                    .arg(m_shown->replay->meanAfter, 0, 'g', 3);
    m_summary->setText(text.join(QLatin1Char(' ')));
    if (r.update && m_saveName->text().isEmpty()) {
        const std::string name = m_active.profile().name;
        m_saveName->setText(io::Workspace::checkProfileName(name).empty()
                                ? QString::fromStdString(name)
                                : QString::fromStdString(name) + QStringLiteral("-identified"));
    }
    updateSaveControls();
}

void IdentifyPanel::showNyquist()
{
    if (!m_shown)
        return;
    const int mode = m_nyquistMode->currentIndex();
    drawModeNyquist(*m_nyquist, m_shown->result, static_cast<std::size_t>(std::max(0, mode)));
    m_nyquist->setTitle(mode >= 0 ? tr("Mode %1, %2 Hz: mobility measured (dots), model, circle fit (dashed)")
                                        .arg(mode + 1)
                                        .arg(m_shown->result.modes[std::size_t(mode)].frequencyHz,
                                             0, 'f', 3)
                                  : tr("Nyquist: no mode"));
}

void IdentifyPanel::pickPole(double frequencyHz, int order)
{
    m_form->addPick({order, frequencyHz});
    if (canRun())
        run();
}

void IdentifyPanel::updateSaveControls()
{
    const bool updated = m_shown && m_shown->result.update && !isStale();
    const QString name = m_saveName->text().trimmed();
    const auto issues = io::Workspace::checkProfileName(name.toStdString());
    m_save->setEnabled(updated && issues.empty() && session().hasWorkspace());
    m_save->setToolTip(!updated ? tr("Run with \"update the active profile\" first")
                       : !session().hasWorkspace() ? tr("No workspace is open")
                       : !issues.empty() ? QString::fromStdString(issues.front().message)
                                         : tr("Store the updated profile, with the dataset and "
                                              "method as its provenance, and make it the active "
                                              "profile"));
}

bool IdentifyPanel::saveUpdatedProfile(const QString& name)
{
    if (!m_shown || !m_shown->result.update) {
        emit statusMessage(tr("Nothing to save: run with updating first."));
        return false;
    }
    model::Profile profile = m_shown->result.updatedProfile;
    profile.name = name.toStdString();
    QString error;
    const auto saved = session().saveProfile(
        profile,
        tr("identified from dataset '%1' (%2)")
            .arg(QString::fromStdString(m_shown->result.dataset),
                 QString::fromLatin1(identificationMethodName(m_shown->result.method))),
        &error);
    if (!saved) {
        emit statusMessage(tr("Not saved: %1").arg(error));
        return false;
    }
    m_active.setProfile(saved->profile, saved->version, false);
    emit statusMessage(tr("Saved '%1' version %2; it is now the active profile.")
                           .arg(name)
                           .arg(saved->version));
    return true;
}

QList<ToolPanel::NamedFigure> IdentifyPanel::figures() const
{
    return {{QStringLiteral("mac"), m_mac}, {QStringLiteral("mac_profile"), m_macProfile}};
}

QList<ToolPanel::NamedPlot> IdentifyPanel::plots() const
{
    return {{QStringLiteral("stabilisation"), m_diagram},
            {QStringLiteral("resynthesis"), m_resynthesis},
            {QStringLiteral("nyquist"), m_nyquist},
            {QStringLiteral("updating"), m_history},
            {QStringLiteral("replay"), m_replayPlot}};
}

PlotView* IdentifyPanel::currentPlot() const
{
    return currentTabPlot(m_tabs, m_tabs->currentIndex() == 2 ? m_nyquist : m_diagram);
}

nlohmann::json IdentifyPanel::reportInput() const
{
    InputIssues issues;
    const IdentifyInput input = currentInput(&issues);
    nlohmann::json j = identification::identifyInputToJson(input);
    j.erase("profile");
    j["replay"] = m_form->replayRecord();
    addIssues(j, issues);
    return j;
}

nlohmann::json IdentifyPanel::reportResult() const
{
    if (!m_shown)
        return nlohmann::json::object();
    nlohmann::json j = identification::identifyResultToJson(m_shown->result);
    if (m_shown->replay)
        j["replay"] = identification::replayComparisonToJson(*m_shown->replay);
    return j;
}

void IdentifyPanel::applyInput(const nlohmann::json& json)
{
    if (!json.is_object())
        return;
    nlohmann::json keys = json;
    keys.erase("profile");
    keys.erase("issues");
    applyTabKey(keys, m_tabs);
    std::string replay = m_form->replayRecord();
    if (keys.contains("replay") && keys["replay"].is_string())
        replay = keys["replay"].get<std::string>();
    keys.erase("replay");
    try {
        nlohmann::json merged = identification::identifyInputToJson(currentInput(nullptr));
        merged.erase("profile");
        for (const auto& [k, v] : keys.items())
            merged[k] = v;
        m_form->setInput(identification::identifyInputFromJson(merged));
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
    }
    m_form->setReplayRecord(replay);
    inputsChanged();
}

void IdentifyPanel::saveSettings(QSettings& s) const
{
    nlohmann::json input = reportInput();
    if (!input.contains("issues"))
        s.setValue(QStringLiteral("input"), QString::fromStdString(input.dump()));
    s.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

void IdentifyPanel::restoreSettings(QSettings& s)
{
    const QString text = s.value(QStringLiteral("input")).toString();
    if (!text.isEmpty()) {
        const auto json = nlohmann::json::parse(text.toStdString(), nullptr, false);
        if (!json.is_discarded())
            applyInput(json);
    }
    const int tab = s.value(QStringLiteral("tab"), 0).toInt();
    if (tab >= 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
}

void IdentifyPanel::showStale(bool stale)
{
    AnalysisPanel::showStale(stale);
    updateSaveControls();
}

void IdentifyPanel::showEvent(QShowEvent* event)
{
    AnalysisPanel::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!hasResult() && canRun())
            QTimer::singleShot(0, this, &IdentifyPanel::run);
    }
}

} // namespace dtop::widgets
