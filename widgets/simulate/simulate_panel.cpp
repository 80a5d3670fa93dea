// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/simulate/simulate_panel.h"

#include "io/profile_json.h"
#include "io/replay_record.h"
#include "io/simulate_json.h"
#include "io/time_series_csv.h"
#include "models/active_profile.h"
#include "models/analysis_runner.h"
#include "models/workspace_session.h"
#include "widgets/simulate/simulate_form.h"
#include "widgets/simulate/simulate_plots.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <chrono>

namespace dtop::widgets {

namespace {
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string recordKey(const SimulateForm::RecordSource& s)
{
    return s.datasetId.isEmpty() ? "file" : "dataset";
}
} // namespace

SimulatePanel::SimulatePanel(PanelContext& context, QWidget* parent)
    : ToolPanel(parent), m_active(context.activeProfile), m_session(context.session),
      m_runner(new models::AnalysisRunner(this))
{
    m_form = new SimulateForm(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(330);

    m_run = new QPushButton(tr("Run"), this);
    m_run->setDefault(true);
    m_run->setToolTip(tr("Run the test with these inputs (Ctrl+Return)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the running analysis (Esc)"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_progress->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run, 1);
    buttons->addWidget(m_cancel);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 4, 0);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addWidget(m_progress);
    leftLayout->addLayout(buttons);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel { background: #fdebd0; color: #7e5109; border: 1px solid #f5b041; padding: 4px; }"));
    m_banner->hide();
    m_plots = new SimulatePlots(this);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(m_plots, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({370, 900});
    split->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    auto* runKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    runKey->setContext(Qt::WidgetWithChildrenShortcut);
    auto* runKeyPad = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    runKeyPad->setContext(Qt::WidgetWithChildrenShortcut);
    auto* cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    cancelKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(runKey, &QShortcut::activated, this, &SimulatePanel::run);
    connect(runKeyPad, &QShortcut::activated, this, &SimulatePanel::run);
    connect(cancelKey, &QShortcut::activated, this, &SimulatePanel::cancel);
    connect(m_run, &QPushButton::clicked, this, &SimulatePanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &SimulatePanel::cancel);

    connect(m_runner, &models::AnalysisRunner::progressChanged, this,
            [this](double fraction, const QString& stage) {
                m_progress->setValue(static_cast<int>(1000.0 * fraction));
                m_progress->setToolTip(stage);
            });
    connect(m_runner, &models::AnalysisRunner::cancelled, this, [this] {
        setRunning(false);
        emit statusMessage(tr("Virtual test cancelled"));
    });
    connect(m_runner, &models::AnalysisRunner::failed, this, [this](const QString& message) {
        setRunning(false);
        emit statusMessage(tr("Virtual test failed: %1").arg(message));
    });
    connect(m_form, &SimulateForm::changed, this, &SimulatePanel::onInputsChanged);
    connect(&m_active, &models::ActiveProfile::changed, this, &SimulatePanel::onActiveProfileChanged);
    connect(&m_session, &models::WorkspaceSession::datasetsChanged, this,
            &SimulatePanel::populateDatasets);

    m_form->setStoreys(static_cast<int>(m_active.profile().storeys()));
    populateDatasets();
    validateInputs();
    // Open on a result: the default hammer test takes a few milliseconds.
    QTimer::singleShot(0, this, &SimulatePanel::runIfNothingShown);
}

SimulatePanel::~SimulatePanel() = default;

void SimulatePanel::populateDatasets()
{
    QList<QPair<QString, QString>> list;
    for (const auto& d : m_session.datasets())
        if (d.info.kind == io::DatasetKind::TimeHistory)
            list.append({QString::fromStdString(d.info.id), QString::fromStdString(d.info.title)});
    m_form->setDatasets(list);
    updateReplayInfo();
    validateInputs();
}

void SimulatePanel::updateReplayInfo()
{
    const QString id = m_form->replayDataset();
    for (const auto& d : m_session.datasets())
        if (QString::fromStdString(d.info.id) == id) {
            m_form->setReplayInfo(
                tr("%1 s at %2 Hz, force at floor %3. %4")
                    .arg(d.info.durationS)
                    .arg(d.info.samplingRateHz)
                    .arg(d.info.excitationFloor > 0 ? QString::number(d.info.excitationFloor)
                                                    : tr("(not stated)"))
                    .arg(QString::fromStdString(d.info.notes)));
            return;
        }
    m_form->setReplayInfo(id.isEmpty() ? tr("No recorded time history is available.") : QString());
}

bool SimulatePanel::loadRecord(const SimulateForm* form, dynamics::SimulateInput& in,
                               InputIssues& issues) const
{
    const bool base = in.excitation.kind == dynamics::ExcitationKind::BaseMotion;
    if (!base && in.excitation.kind != dynamics::ExcitationKind::RecordedForce)
        return true;
    const auto source = form->recordSource();
    const char* field = base ? "base_record" : "force_record";
    dynamics::SampledSignal& target = base ? in.excitation.baseAcceleration : in.excitation.recordedForce;
    const dynamics::SampleHold hold = target.hold;
    const QString key = source.datasetId.isEmpty() ? QStringLiteral("file:") + source.file
                                                   : QStringLiteral("dataset:") + source.datasetId;
    if (source.datasetId.isEmpty() && source.file.isEmpty()) {
        issues.push_back({field, base ? "choose the CSV file of the ground acceleration "
                                        "(time_s, acceleration_m_s2)"
                                      : "choose a dataset or a CSV file (time_s, force_n) of the force"});
        return false;
    }
    auto cached = m_records.find(key);
    if (cached == m_records.end()) {
        dynamics::SampledSignal s;
        if (source.datasetId.isEmpty()) {
            io::TimeSeries series;
            std::string error;
            if (!io::readTimeSeriesCsv(source.file.toStdString(), series, error)) {
                issues.push_back({field, error});
                return false;
            }
            s.timeS = std::move(series.timeS);
            s.values = std::move(series.values);
        } else {
            const auto read = m_session.dataset(source.datasetId.toStdString());
            if (!read) {
                issues.push_back({field, read.error().text()});
                return false;
            }
            const io::Dataset& d = read.value();
            if (!d.isTimeHistory() || !d.timeHistory().hasForce()) {
                issues.push_back({field, "dataset '" + d.info.id + "' has no recorded force"});
                return false;
            }
            s.timeS = d.timeHistory().timeS;
            s.values = d.timeHistory().forceN;
        }
        cached = m_records.emplace(key, std::move(s)).first;
    }
    target = cached->second;
    target.hold = hold;
    return true;
}

bool SimulatePanel::prepare(Prepared& p, InputIssues& issues) const
{
    p.replay = m_form->mode() == SimulateForm::Mode::Replay;
    p.quantity = m_form->outputQuantity();
    dynamics::SimulateInput base;
    base.profile = m_active.profile();
    InputIssues parseIssues;
    p.test = m_form->simulateInput(base, parseIssues);
    for (auto& issue : parseIssues)
        // A replay uses only the spectrum options of the form.
        if (!p.replay || issue.field.rfind("psd_", 0) == 0)
            issues.push_back(std::move(issue));
    if (p.replay) {
        p.replayInput.profile = m_active.profile();
        p.replayInput.welch = p.test.welch;
        p.datasetId = m_form->replayDataset();
        if (p.datasetId.isEmpty()) {
            issues.push_back({"record", "choose a recorded time history to replay"});
        } else if (const auto read = m_session.dataset(p.datasetId.toStdString()); !read) {
            issues.push_back({"record", read.error().text()});
        } else {
            p.recordTitle = QString::fromStdString(read.value().info.title);
            for (auto& issue : io::fillReplayFromDataset(read.value(), p.replayInput,
                                                         m_form->replayForceFloor()))
                issues.push_back(std::move(issue));
            if (issues.empty())
                for (auto& issue : p.replayInput.validate())
                    issues.push_back(std::move(issue));
        }
    } else if (loadRecord(m_form, p.test, issues)) {
        // Fields that did not parse kept their last value, which validates on its own.
        for (auto& issue : p.test.validate())
            issues.push_back(std::move(issue));
    }
    p.json = inputJson(p);
    return issues.empty();
}

nlohmann::json SimulatePanel::inputJson(const Prepared& p) const
{
    nlohmann::json j;
    if (p.replay) {
        j = io::replayInputToJson(p.replayInput);
        j["replay_dataset"] = p.datasetId.toStdString();
        j["replay_force_floor"] = m_form->replayForceFloor();
    } else {
        j = io::simulateInputToJson(p.test);
        const auto source = m_form->recordSource();
        if (p.test.excitation.kind == dynamics::ExcitationKind::BaseMotion ||
            p.test.excitation.kind == dynamics::ExcitationKind::RecordedForce)
            j["excitation"]["record"][recordKey(source)] =
                (source.datasetId.isEmpty() ? source.file : source.datasetId).toStdString();
    }
    j["mode"] = p.replay ? "replay" : "test";
    j["psd_quantity"] = dynamics::responseQuantityName(p.quantity);
    j["profile_label"] = m_active.label().toStdString();
    return j;
}

void SimulatePanel::validateInputs()
{
    Prepared p;
    InputIssues issues;
    m_valid = prepare(p, issues);
    m_form->showIssues(issues);
    m_run->setEnabled(m_valid && !m_runner->isRunning());
    m_run->setToolTip(m_valid ? tr("Run the test with these inputs (Ctrl+Return)")
                              : tr("Correct the inputs marked in red first"));
}

void SimulatePanel::onInputsChanged()
{
    updateReplayInfo();
    validateInputs();
    if (m_runner->isRunning())
        m_runner->invalidate(); // its result would no longer match the form
    if (m_shown && !m_stale) {
        m_stale = true;
        m_banner->setText(tr("Out of date: the inputs changed since these results were "
                             "computed. Run (Ctrl+Return) to update them."));
        m_banner->show();
        m_plots->setEnabled(false);
    }
}

void SimulatePanel::onActiveProfileChanged()
{
    m_form->setStoreys(static_cast<int>(m_active.profile().storeys()));
    onInputsChanged();
}

bool SimulatePanel::hasCurrentResult() const
{
    return m_shown.has_value() && !m_stale;
}

void SimulatePanel::runIfNothingShown()
{
    if (!m_shown && !m_runner->isRunning() && m_valid)
        run();
}

void SimulatePanel::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_progress->setValue(0);
    m_cancel->setEnabled(running);
    m_run->setEnabled(!running && m_valid);
}

void SimulatePanel::run()
{
    Prepared p;
    InputIssues issues;
    m_valid = prepare(p, issues);
    m_form->showIssues(issues);
    if (!m_valid) {
        m_run->setEnabled(false);
        emit statusMessage(tr("Correct the inputs marked in red first"));
        return;
    }
    const auto start = Clock::now();
    auto prepared = std::make_shared<const Prepared>(std::move(p));
    setRunning(true);
    m_runner->start([this, prepared, start](Progress& progress) -> models::AnalysisRunner::Apply {
        if (prepared->replay) {
            auto r = std::make_shared<dynamics::ReplayResult>(
                dynamics::runReplay(prepared->replayInput, progress));
            return [this, prepared, r, start] {
                applyResult(*prepared, std::nullopt, std::move(*r), secondsSince(start));
            };
        }
        auto r = std::make_shared<dynamics::SimulateResult>(
            dynamics::runSimulate(prepared->test, progress));
        return [this, prepared, r, start] {
            applyResult(*prepared, std::move(*r), std::nullopt, secondsSince(start));
        };
    });
}

void SimulatePanel::cancel()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

void SimulatePanel::finishPendingWork()
{
    if (hasCurrentResult() && !m_runner->isRunning())
        return;
    m_runner->invalidate();
    setRunning(false);
    Prepared p;
    InputIssues issues;
    m_valid = prepare(p, issues);
    m_form->showIssues(issues);
    if (!m_valid)
        return;
    const auto start = Clock::now();
    if (p.replay) {
        auto r = dynamics::runReplay(p.replayInput);
        applyResult(p, std::nullopt, std::move(r), secondsSince(start));
    } else {
        auto r = dynamics::runSimulate(p.test);
        applyResult(p, std::move(r), std::nullopt, secondsSince(start));
    }
}

void SimulatePanel::applyResult(const Prepared& p, std::optional<dynamics::SimulateResult> test,
                                std::optional<dynamics::ReplayResult> replay, double seconds)
{
    m_shown = p;
    m_testResult = std::move(test);
    m_replayResult = std::move(replay);
    m_stale = false;
    m_banner->hide();
    m_plots->setEnabled(true);
    setRunning(false);
    nlohmann::json summary;
    std::optional<std::uint64_t> seed;
    if (m_replayResult) {
        m_plots->showReplay(*m_replayResult, p.replayInput, p.recordTitle);
        summary = {{"mode", "replay"},
                   {"dataset", p.datasetId.toStdString()},
                   {"nrmse", m_replayResult->nrmse}};
        QStringList errors;
        for (double e : m_replayResult->nrmse)
            errors << QStringLiteral("%1 %").arg(100.0 * e, 0, 'f', 2);
        emit statusMessage(tr("Replay of %1: NRMSE per floor %2 (%3 s)")
                               .arg(p.datasetId, errors.join(QStringLiteral(", ")))
                               .arg(seconds, 0, 'f', 2));
    } else {
        m_plots->showTest(*m_testResult, p.test, p.quantity);
        seed = m_testResult->seed;
        summary = {{"mode", "test"},
                   {"excitation", dynamics::excitationKindName(p.test.excitation.kind)},
                   {"peak_displacement_m", m_testResult->peakDisplacementM},
                   {"natural_frequencies_hz", m_testResult->naturalFrequenciesHz},
                   {"scenarios", m_testResult->scenarios}};
        emit statusMessage(tr("Virtual test done in %1 s").arg(seconds, 0, 'f', 2));
    }
    m_session.recordRun("simulate", p.json, seed, summary);
}

QList<ToolPanel::NamedPlot> SimulatePanel::plots() const
{
    return m_plots->plots();
}

PlotView* SimulatePanel::currentPlot() const
{
    return m_plots->currentPlot();
}

nlohmann::json SimulatePanel::reportInput() const
{
    if (hasCurrentResult())
        return m_shown->json;
    Prepared p;
    InputIssues issues;
    prepare(p, issues);
    return p.json;
}

nlohmann::json SimulatePanel::reportResult() const
{
    if (!hasCurrentResult())
        return {{"error", "no current result: the inputs are invalid or the run did not finish"}};
    if (m_replayResult) {
        nlohmann::json j = io::replayResultToJson(*m_replayResult, m_shown->replayInput);
        j["record"] = {{"dataset", m_shown->datasetId.toStdString()},
                       {"title", m_shown->recordTitle.toStdString()}};
        return j;
    }
    return io::simulateResultToJson(*m_testResult, m_shown->test, m_shown->quantity);
}

void SimulatePanel::applyInput(const nlohmann::json& input)
{
    if (!input.is_object())
        return;
    nlohmann::json j = input;
    j.erase("profile");
    const bool replay = j.value("mode", std::string("test")) == "replay";
    InputIssues parseIssues;
    dynamics::SimulateInput in = m_form->simulateInput(dynamics::SimulateInput{}, parseIssues);
    in.profile = m_active.profile();
    if (replay) {
        // The replay JSON shares the Welch and integrator keys with the test's.
        dynamics::SimulateInput welch = in;
        io::simulateInputFromJson(nlohmann::json{{"psd", j.value("psd", nlohmann::json::object())}}, welch);
        in.welch = welch.welch;
    } else {
        io::simulateInputFromJson(j, in);
    }
    m_form->setSimulateInput(in);
    if (!replay && j.contains("excitation") && j["excitation"].contains("record")) {
        const auto& r = j["excitation"]["record"];
        SimulateForm::RecordSource s;
        if (r.contains("dataset") && r["dataset"].is_string())
            s.datasetId = QString::fromStdString(r["dataset"].get<std::string>());
        if (r.contains("file") && r["file"].is_string())
            s.file = QString::fromStdString(r["file"].get<std::string>());
        m_form->setRecordSource(s);
    }
    dynamics::ResponseQuantity q;
    if (j.contains("psd_quantity") && j["psd_quantity"].is_string() &&
        dynamics::parseResponseQuantity(j["psd_quantity"].get<std::string>(), q))
        m_form->setOutputQuantity(q);
    if (j.contains("replay_dataset") && j["replay_dataset"].is_string())
        m_form->setReplayDataset(QString::fromStdString(j["replay_dataset"].get<std::string>()));
    if (j.contains("replay_force_floor") && j["replay_force_floor"].is_number_integer())
        m_form->setReplayForceFloor(j["replay_force_floor"].get<int>());
    m_form->setMode(replay ? SimulateForm::Mode::Replay : SimulateForm::Mode::Test);
    onInputsChanged();
}

void SimulatePanel::saveSettings(QSettings& settings) const
{
    Prepared p;
    InputIssues issues;
    prepare(p, issues);
    nlohmann::json j = p.json;
    j.erase("profile");
    j.erase("profile_label");
    settings.setValue(QStringLiteral("input"), QString::fromStdString(j.dump()));
    settings.setValue(QStringLiteral("testTab"), m_plots->testTabs()->currentIndex());
    settings.setValue(QStringLiteral("replayTab"), m_plots->replayTabs()->currentIndex());
    settings.setValue(QStringLiteral("floorShown"), m_plots->floorChoice()->currentIndex());
}

void SimulatePanel::restoreSettings(QSettings& settings)
{
    m_plots->testTabs()->setCurrentIndex(settings.value(QStringLiteral("testTab"), 0).toInt());
    m_plots->replayTabs()->setCurrentIndex(settings.value(QStringLiteral("replayTab"), 0).toInt());
    m_plots->setFloorShown(settings.value(QStringLiteral("floorShown"), 0).toInt());
    const QString text = settings.value(QStringLiteral("input")).toString();
    if (text.isEmpty())
        return;
    const auto j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!j.is_discarded())
        applyInput(j);
}

} // namespace dtop::widgets
