// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/simulate/simulate_panel.h"

#include "widgets/panel_json.h"

#include "common/progress.h"
#include "io/profile_json.h"
#include "io/replay_record.h"
#include "io/simulate_json.h"
#include "io/time_series_csv.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/panel_json.h"
#include "widgets/simulate/simulate_form.h"
#include "widgets/simulate/simulate_plots.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace dtop::widgets {

namespace {
std::string recordKey(const SimulateForm::RecordSource& s)
{
    return s.datasetId.isEmpty() ? "file" : "dataset";
}

AnalysisPanel::Texts simulateTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Virtual test");
    t.runTip = QObject::tr("Run the test with these inputs (Ctrl+Return)");
    t.cancelTip = QObject::tr("Stop the running analysis (Esc)");
    t.cancelled = QObject::tr("Cancelled.");
    return t;
}
} // namespace

SimulatePanel::SimulatePanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, simulateTexts(), parent), m_active(context.activeProfile)
{
    m_form = new SimulateForm(this);
    QWidget* left = formColumn(m_form, 330); // run controls below the form

    m_plots = new SimulatePlots(this);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(staleBanner());
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

    connect(m_form, &SimulateForm::changed, this, &SimulatePanel::onInputsChanged);
    connect(&m_active, &models::ActiveProfile::changed, this, &SimulatePanel::onActiveProfileChanged);
    connect(&session(), &models::WorkspaceSession::datasetsChanged, this,
            &SimulatePanel::populateDatasets);

    m_form->setStoreys(static_cast<int>(m_active.profile().storeys()));
    populateDatasets();
    // Open on a result: the default hammer test takes a few milliseconds.
    QTimer::singleShot(0, this, &SimulatePanel::runIfNothingShown);
}

SimulatePanel::~SimulatePanel() = default;

void SimulatePanel::populateDatasets()
{
    QList<QPair<QString, QString>> list;
    for (const auto& d : session().datasets())
        if (d.info.kind == io::DatasetKind::TimeHistory)
            list.append({QString::fromStdString(d.info.id), QString::fromStdString(d.info.title)});
    m_form->setDatasets(list);
    updateReplayInfo();
    inputsChanged();
}

void SimulatePanel::updateReplayInfo()
{
    const QString id = m_form->replayDataset();
    for (const auto& d : session().datasets())
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
            const auto read = session().dataset(source.datasetId.toStdString());
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
        } else if (const auto read = session().dataset(p.datasetId.toStdString()); !read) {
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

std::optional<AnalysisPanel::Run> SimulatePanel::prepareRun(InputIssues& issues)
{
    Prepared p;
    if (!prepare(p, issues))
        return std::nullopt;
    auto prepared = std::make_shared<const Prepared>(std::move(p));
    Run run;
    run.input = prepared->json;
    run.work = [this, prepared](Progress& progress, const ShowPartial&) -> Outcome {
        // Off the GUI thread: only `prepared` is read here; `this` is used by `show`.
        Outcome out;
        if (prepared->replay) {
            auto r = std::make_shared<dynamics::ReplayResult>(
                dynamics::runReplay(prepared->replayInput, progress));
            out.summary = {{"mode", "replay"},
                           {"dataset", prepared->datasetId.toStdString()},
                           {"nrmse", r->nrmse}};
            out.show = [this, prepared, r] { applyResult(*prepared, std::nullopt, std::move(*r)); };
            return out;
        }
        auto r = std::make_shared<dynamics::SimulateResult>(
            dynamics::runSimulate(prepared->test, progress));
        out.summary = {{"mode", "test"},
                       {"excitation", dynamics::excitationKindName(prepared->test.excitation.kind)},
                       {"peak_displacement_m", r->peakDisplacementM},
                       {"natural_frequencies_hz", r->naturalFrequenciesHz},
                       {"scenarios", r->scenarios}};
        out.seed = r->seed;
        out.show = [this, prepared, r] { applyResult(*prepared, std::move(*r), std::nullopt); };
        return out;
    };
    return run;
}

void SimulatePanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void SimulatePanel::showStale(bool stale)
{
    m_plots->setEnabled(!stale);
}

void SimulatePanel::onInputsChanged()
{
    updateReplayInfo();
    inputsChanged();
}

void SimulatePanel::onActiveProfileChanged()
{
    m_form->setStoreys(static_cast<int>(m_active.profile().storeys()));
    onInputsChanged();
}

void SimulatePanel::runIfNothingShown()
{
    if (!hasResult() && !isRunning() && canRun())
        run();
}

void SimulatePanel::applyResult(const Prepared& p, std::optional<dynamics::SimulateResult> test,
                                std::optional<dynamics::ReplayResult> replay)
{
    m_shown = p;
    m_testResult = std::move(test);
    m_replayResult = std::move(replay);
    m_plots->setEnabled(!isStale());
    const double seconds = lastRunSeconds();
    if (m_replayResult) {
        m_plots->showReplay(*m_replayResult, p.replayInput, p.recordTitle);
        QStringList errors;
        for (double e : m_replayResult->nrmse)
            errors << QStringLiteral("%1 %").arg(100.0 * e, 0, 'f', 2);
        emit statusMessage(tr("Replay of %1: NRMSE per floor %2 (%3 s)")
                               .arg(p.datasetId, errors.join(QStringLiteral(", ")))
                               .arg(seconds, 0, 'f', 2));
    } else {
        m_plots->showTest(*m_testResult, p.test, p.quantity);
        emit statusMessage(tr("Virtual test done in %1 s").arg(seconds, 0, 'f', 2));
    }
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
    if (j.contains("tab")) {
        nlohmann::json tabKey = {{"tab", j["tab"]}};
        applyTabKey(tabKey, m_plots->testTabs());
        tabKey["tab"] = j["tab"];
        applyTabKey(tabKey, m_plots->replayTabs());
        j.erase("tab");
    }
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
