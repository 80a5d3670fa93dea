// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/fe/fe_panel.h"

#include "common/progress.h"
#include "fe/fe_json.h"
#include "models/profile_reference.h"
#include "models/workspace_session.h"
#include "widgets/crossval/crossval_sources.h"
#include "widgets/fe/fe_form.h"
#include "widgets/fe/fe_mode_view.h"
#include "widgets/fe/fe_tables.h"
#include "widgets/panel_json.h"
#include "widgets/plot_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dtop::widgets {

namespace {

AnalysisPanel::Texts feTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Frame FE model");
    t.runTip = QObject::tr("Build the frame model and compute its modes (Ctrl+Enter)");
    t.cancelTip = QObject::tr("Stop the computation (Esc)");
    t.idle = QObject::tr("Press Run (Ctrl+Enter).");
    t.cancelled = QObject::tr("Cancelled.");
    return t;
}

const char* kProjections[] = {"3d", "front", "side", "plan"};

QTableWidget* newTable(QWidget* parent)
{
    auto* table = new QTableWidget(parent);
    table->setAlternatingRowColors(true);
    return table;
}

} // namespace

FePanel::FePanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, feTexts(), parent)
{
    m_form = new FeForm(this);
    QWidget* side = formColumn(m_form, 400); // run controls below the form

    auto* area = new QWidget(this);
    m_summary = new QLabel(area);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs = new QTabWidget(area);

    // Modes: the view over the mode table.
    auto* modes = new QSplitter(Qt::Vertical);
    auto* viewBox = new QWidget(modes);
    auto* viewLayout = new QVBoxLayout(viewBox);
    viewLayout->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    m_projection = new QComboBox(viewBox);
    m_projection->addItem(tr("3-D (drag to turn)"));
    m_projection->addItem(tr("front, y–z (weak sway)"));
    m_projection->addItem(tr("side, x–z (strong sway)"));
    m_projection->addItem(tr("plan, x–y (torsion)"));
    m_projection->setToolTip(tr("Projection of the mode view"));
    m_shownModel = new QComboBox(viewBox);
    m_shownModel->addItem(tr("model as given"));
    m_shownModel->addItem(tr("calibrated model"));
    m_shownModel->setToolTip(tr("Modes of the model as entered, or of the model with the "
                                "calibrated joint stiffness"));
    m_animate = new QCheckBox(tr("Animate"), viewBox);
    m_animate->setChecked(true);
    controls->addWidget(new QLabel(tr("View"), viewBox));
    controls->addWidget(m_projection);
    controls->addWidget(new QLabel(tr("Modes of"), viewBox));
    controls->addWidget(m_shownModel);
    controls->addWidget(m_animate);
    controls->addStretch(1);
    viewLayout->addLayout(controls);
    m_view = new FeModeView(viewBox);
    viewLayout->addWidget(m_view, 1);
    m_modeTable = newTable(modes);
    setUpTable(*m_modeTable, {tr("#"), tr("f [Hz]"), tr("Kind"), tr("m_eff x [kg]"),
                              tr("m_eff y [kg]"), tr("m_eff z [kg]"), tr("Floors' KE [%]"),
                              tr("Floor shape (floor 1 first)")});
    m_modeTable->setToolTip(tr("Every mode below the frequency limit; select one to see it"));
    modes->addWidget(viewBox);
    modes->addWidget(m_modeTable);
    modes->setStretchFactor(0, 3);
    modes->setStretchFactor(1, 1);
    modes->setSizes({430, 190}); // the table shows the five modes of the rig
    m_tabs->addTab(modes, tr("Modes"));

    auto* convergence = new QSplitter(Qt::Vertical);
    m_convergenceTable = newTable(convergence);
    m_convergencePlot = new PlotView(convergence);
    convergence->addWidget(m_convergenceTable);
    convergence->addWidget(m_convergencePlot);
    convergence->setSizes({210, 400});
    m_tabs->addTab(convergence, tr("Convergence"));

    auto* rig = new QWidget;
    auto* rigLayout = new QVBoxLayout(rig);
    rigLayout->setContentsMargins(0, 0, 0, 0);
    m_comparisonTable = newTable(rig);
    m_comparisonTable->setMaximumHeight(130);
    m_comparisonPlot = new PlotView(rig);
    m_calibrationLabel = new QLabel(rig);
    m_calibrationLabel->setWordWrap(true);
    m_calibrationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_equivalentTable = newTable(rig);
    m_equivalentTable->setMaximumHeight(130);
    m_saveProfile = new QPushButton(tr("Save as profile…"), rig);
    m_saveProfile->setToolTip(tr("Save the equivalent shear building as a new profile version "
                                 "in the workspace, with the FE model as its provenance"));
    m_saveProfile->setEnabled(false);
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(new QLabel(tr("Equivalent shear building"), rig));
    saveRow->addStretch(1);
    saveRow->addWidget(m_saveProfile);
    rigLayout->addWidget(m_comparisonTable);
    rigLayout->addWidget(m_calibrationLabel);
    rigLayout->addWidget(m_comparisonPlot, 1);
    rigLayout->addLayout(saveRow);
    rigLayout->addWidget(m_equivalentTable);
    m_tabs->addTab(rig, tr("Against the rig"));

    m_massTable = newTable(nullptr);
    m_tabs->addTab(m_massTable, tr("Masses"));

    fillComparisonTable(*m_comparisonTable, fe::FeResult{});
    fillEquivalentTable(*m_equivalentTable, fe::FeResult{});
    fillMassTable(*m_massTable, fe::FeResult{});
    m_massTable->setRowCount(0);
    drawConvergence(*m_convergencePlot, fe::FeResult{});
    drawComparison(*m_comparisonPlot, fe::FeResult{});

    auto* areaLayout = new QVBoxLayout(area);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    areaLayout->addWidget(staleBanner());
    areaLayout->addWidget(m_summary);
    areaLayout->addWidget(m_tabs, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(area);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_form, &FeForm::changed, this, [this] { inputsChanged(); });
    connect(m_projection, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_view->setProjection(static_cast<FeModeView::Projection>(index));
    });
    connect(m_shownModel, &QComboBox::currentIndexChanged, this, [this] { showModes(); });
    connect(m_animate, &QCheckBox::toggled, this, [this](bool on) {
        m_view->setPlaying(on && isVisible());
        if (!on)
            m_view->setPhase(0.5 * 3.14159265358979323846);
    });
    connect(m_modeTable, &QTableWidget::itemSelectionChanged, this, &FePanel::showSelectedMode);
    connect(m_saveProfile, &QPushButton::clicked, this, &FePanel::askSaveProfile);
    connect(&session(), &models::WorkspaceSession::datasetsChanged, this,
            &FePanel::refreshDatasets);
    refreshDatasets();
    inputsChanged();
}

FePanel::~FePanel() = default;

void FePanel::refreshDatasets()
{
    // FRF datasets (modes by peak picking) and profiles (their undamped modes), named as
    // `dtop fe --calibrate-to` takes them.
    std::vector<std::pair<std::string, std::string>> sources;
    const auto datasets = session().datasets();
    for (const std::string& name : crossvalSourceNames(datasets, session().savedProfiles())) {
        std::string title = "the undamped modes of this profile (frequencies and floor shapes)";
        bool modeShapes = false; // calibration reads FRFs, not stored mode shapes
        for (const auto& d : datasets)
            if (d.info.id == name) {
                title = d.info.title;
                modeShapes = d.info.kind == io::DatasetKind::ModeShapes;
            }
        if (!modeShapes)
            sources.emplace_back(name, title);
    }
    m_form->setDatasets(sources);
    inputsChanged();
}

fe::FeInput FePanel::currentInput(InputIssues& issues, std::optional<fe::MeasuredSway>& measured)
{
    fe::FeInput in = m_form->input(&issues);
    const std::string id = m_form->measuredDataset();
    if (id.empty() || !issues.empty())
        return in;
    try {
        if (id.rfind("profile:", 0) == 0) {
            const auto profile =
                models::resolveProfile(id, session().workspace(), "calibrate_to", issues);
            if (!profile)
                return in;
            measured = fe::measuredSwayFromProfile(profile->profile, "profile:" + profile->label,
                                                   in.geometry.storeys, in.maxFrequencyHz);
        } else {
            const auto read = session().dataset(id);
            if (!read) {
                issues.push_back({"calibrate_to", "measured dataset: " + read.error().text()});
                return in;
            }
            measured = fe::measuredSwayFromDataset(read.value(), in.geometry.storeys,
                                                   in.maxFrequencyHz);
        }
    } catch (const std::invalid_argument& e) {
        issues.push_back({"calibrate_to", e.what()});
        return in;
    }
    in.calibrateToHz = measured->frequenciesHz;
    in.measuredModeShapes = measured->shapes;
    for (auto& issue : in.validate())
        issues.push_back(std::move(issue));
    return in;
}

std::optional<AnalysisPanel::Run> FePanel::prepareRun(InputIssues& issues)
{
    std::optional<fe::MeasuredSway> measured;
    const fe::FeInput input = currentInput(issues, measured);
    if (!issues.empty())
        return std::nullopt;
    Run run;
    run.input = fe::feInputToJson(input);
    run.input["measured_dataset"] = measured ? nlohmann::json(measured->dataset) : nlohmann::json();
    run.work = [this, input, measured](Progress& progress, const ShowPartial&) -> Outcome {
        auto result = std::make_shared<const fe::FeResult>(fe::runFe(input, progress));
        Outcome out;
        std::vector<double> f;
        for (const auto& m : result->modes.modes)
            f.push_back(m.frequencyHz);
        out.summary = {{"frequencies_hz", f}, {"dofs", result->modes.dofs}};
        if (result->calibration)
            out.summary["joint_stiffness_nm_per_rad"] =
                result->calibration->jointStiffnessNmPerRad;
        out.show = [this, result, measured] { showResult(result, measured); };
        return out;
    };
    return run;
}

void FePanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void FePanel::showResult(std::shared_ptr<const fe::FeResult> result,
                         std::optional<fe::MeasuredSway> measured)
{
    m_result = std::move(result);
    m_measured = std::move(measured);
    const fe::FeResult& r = *m_result;
    QStringList floors;
    for (double m : r.floorMassKg)
        floors << QString::number(m, 'f', 4);
    m_summary->setText(
        tr("%1 modes below %2 Hz · %3 DOFs, %4 elements per span, base clamp %5, %6 · %7 · "
           "whole rig %8 kg, moving %9 kg, floors %10 kg")
            .arg(r.modes.modes.size())
            .arg(r.maxFrequencyHz)
            .arg(r.modes.dofs)
            .arg(r.elementsPerColumn)
            .arg(QString::fromLatin1(fe::baseClampName(r.baseClamp)))
            .arg(r.jointStiffnessNmPerRad.empty() ? tr("rigid joints") : tr("joint springs"))
            .arg(QString::fromStdString(r.modes.solver))
            .arg(r.totalMassKg, 0, 'f', 4)
            .arg(r.movingMassKg, 0, 'f', 4)
            .arg(floors.join(QStringLiteral(", "))));

    std::vector<std::array<int, 2>> lines(r.viewLines.begin(), r.viewLines.end());
    m_view->setFrame(r.viewNodes, lines, static_cast<int>(r.floorMassKg.size()));
    m_shownModel->setEnabled(r.calibration.has_value());
    if (!r.calibration)
        m_shownModel->setCurrentIndex(0);
    showModes();

    fillConvergenceTable(*m_convergenceTable, r);
    drawConvergence(*m_convergencePlot, r);
    fillComparisonTable(*m_comparisonTable, r);
    drawComparison(*m_comparisonPlot, r);
    fillEquivalentTable(*m_equivalentTable, r);
    fillMassTable(*m_massTable, r);
    m_saveProfile->setEnabled(r.equivalent.has_value());

    QString text;
    if (m_measured)
        text = tr("Measured: %1 — %2.").arg(QString::fromStdString(m_measured->dataset),
                                           QString::fromStdString(m_measured->method));
    else if (r.comparison)
        text = tr("Measured: the frequencies given with the input.");
    else
        text = tr("No measured rig chosen: pick a dataset under Against the rig.");
    if (r.calibration) {
        const auto& c = *r.calibration;
        QStringList k;
        for (double v : c.jointStiffnessNmPerRad)
            k << QString::number(v, 'f', 1);
        text += QLatin1Char(' ') +
                tr("Calibrated joint stiffness k_θ = %1 N·m/rad (%2, %3 model solves%4). %5")
                    .arg(k.join(QStringLiteral(", ")))
                    .arg(c.converged ? tr("converged") : tr("not converged"))
                    .arg(c.evaluations)
                    .arg(c.atBound ? tr(", AT A SEARCH BOUND") : QString())
                    .arg(QString::fromStdString(c.note));
    }
    m_calibrationLabel->setText(text);
}

const fe::FrameModes* FePanel::shownModes() const
{
    if (!m_result)
        return nullptr;
    if (m_shownModel->currentIndex() == 1 && m_result->calibration)
        return &m_result->calibration->modes;
    return &m_result->modes;
}

void FePanel::showModes()
{
    const fe::FrameModes* modes = shownModes();
    if (!modes)
        return;
    const int selected = std::max(0, m_modeTable->currentRow());
    fillModeTable(*m_modeTable, *modes);
    if (m_modeTable->rowCount() > 0)
        m_modeTable->selectRow(std::min(selected, m_modeTable->rowCount() - 1));
    showSelectedMode();
}

void FePanel::showSelectedMode()
{
    const fe::FrameModes* modes = shownModes();
    const int row = m_modeTable->currentRow();
    if (!modes || row < 0 || row >= static_cast<int>(modes->modes.size())) {
        m_view->setMode(Eigen::MatrixX3d(0, 3), QString());
        return;
    }
    const fe::FrameMode& m = modes->modes[static_cast<std::size_t>(row)];
    m_view->setMode(m.viewDisplacements,
                    tr("Mode %1: %2 Hz, %3%4")
                        .arg(row + 1)
                        .arg(m.frequencyHz, 0, 'f', 3)
                        .arg(QString::fromLatin1(fe::modeKindName(m.kind)))
                        .arg(m_shownModel->currentIndex() == 1 ? tr(" (calibrated joints)")
                                                               : QString()));
}

bool FePanel::saveEquivalentProfile(const QString& name, QString* error)
{
    if (!m_result || !m_result->equivalent) {
        if (error)
            *error = tr("no equivalent shear building: tick Equivalent and run");
        return false;
    }
    model::Profile profile = m_result->equivalent->profile;
    profile.name = name.toStdString();
    return session()
        .saveProfile(profile, QString::fromStdString(profile.provenance), error)
        .has_value();
}

void FePanel::askSaveProfile()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save as profile"),
                                               tr("Profile name (a new version if it exists):"),
                                               QLineEdit::Normal, QStringLiteral("fe-equivalent"),
                                               &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    QString error;
    if (saveEquivalentProfile(name.trimmed(), &error))
        emit statusMessage(tr("Saved profile %1.").arg(name.trimmed()));
    else
        QMessageBox::warning(this, tr("Save as profile"), error);
}

QList<ToolPanel::NamedPlot> FePanel::plots() const
{
    return {{QStringLiteral("convergence"), m_convergencePlot},
            {QStringLiteral("against_measured"), m_comparisonPlot}};
}

QList<ToolPanel::NamedFigure> FePanel::figures() const
{
    return {{QStringLiteral("mode_view"), m_view}};
}

PlotView* FePanel::currentPlot() const
{
    return m_tabs->currentIndex() == 2 ? m_comparisonPlot : m_convergencePlot;
}

nlohmann::json FePanel::reportInput() const
{
    InputIssues issues;
    const fe::FeInput input = m_form->input(&issues);
    nlohmann::json j = fe::feInputToJson(input);
    const std::string id = m_form->measuredDataset();
    j["measured_dataset"] = id.empty() ? nlohmann::json() : nlohmann::json(id);
    if (m_measured && m_measured->dataset == id) { // the measured modes the result used
        j["calibrate_to"] = m_measured->frequenciesHz;
        j["measured_mode_shapes"] = fe::measuredSwayToJson(*m_measured)["mode_shapes"];
    }
    j["units"] = m_form->units() == FeForm::Units::Inch ? "inch" : "si";
    addIssues(j, issues);
    return j;
}

nlohmann::json FePanel::reportResult() const
{
    if (!m_result)
        return nlohmann::json::object();
    nlohmann::json j = fe::feResultToJson(*m_result);
    if (m_measured)
        j["measured"] = fe::measuredSwayToJson(*m_measured);
    return j;
}

void FePanel::applyInput(const nlohmann::json& json)
{
    if (!json.is_object())
        return;
    nlohmann::json keys = json;
    keys.erase("issues");
    if (keys.contains("units") && keys["units"].is_string())
        m_form->setUnits(keys["units"] == "inch" ? FeForm::Units::Inch : FeForm::Units::Si);
    if (keys.contains("measured_dataset")) {
        const auto& d = keys["measured_dataset"];
        m_form->setMeasuredDataset(d.is_string() ? d.get<std::string>() : std::string());
        if (d.is_string()) { // the dataset gives the measured modes, not the copied numbers
            keys.erase("calibrate_to");
            keys.erase("measured_mode_shapes");
        }
    }
    applyTabKey(keys, m_tabs);
    if (keys.contains("projection") && keys["projection"].is_string())
        for (int p = 0; p < 4; ++p)
            if (keys["projection"] == kProjections[p])
                m_projection->setCurrentIndex(p);
    if (keys.contains("animate") && keys["animate"].is_boolean())
        m_animate->setChecked(keys["animate"].get<bool>());
    const bool calibrated = keys.contains("shown_model") && keys["shown_model"] == "calibrated";
    const int mode = keys.contains("mode") && keys["mode"].is_number_integer()
                         ? keys["mode"].get<int>()
                         : 0;
    for (const char* k :
         {"units", "measured_dataset", "tab", "projection", "shown_model", "mode", "animate"})
        keys.erase(k);
    try {
        InputIssues ignored;
        nlohmann::json merged = fe::feInputToJson(m_form->input(&ignored));
        for (const auto& [k, v] : keys.items())
            merged[k] = v;
        const std::string dataset = m_form->measuredDataset();
        m_form->setInput(fe::feInputFromJson(merged));
        m_form->setMeasuredDataset(dataset);
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
    }
    inputsChanged();
    if (calibrated || mode > 0) {
        finishPendingWork();
        if (calibrated)
            m_shownModel->setCurrentIndex(1);
        if (mode > 0 && mode <= m_modeTable->rowCount())
            m_modeTable->selectRow(mode - 1);
    }
}

void FePanel::saveSettings(QSettings& settings) const
{
    nlohmann::json j = reportInput();
    j.erase("issues");
    j.erase("calibrate_to"); // measured modes come back from the dataset
    j.erase("measured_mode_shapes");
    settings.setValue(QStringLiteral("input"), QString::fromStdString(j.dump()));
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("projection"), m_projection->currentIndex());
}

void FePanel::restoreSettings(QSettings& settings)
{
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
    m_projection->setCurrentIndex(settings.value(QStringLiteral("projection"), 0).toInt());
    const QString text = settings.value(QStringLiteral("input")).toString();
    if (text.isEmpty())
        return;
    const auto j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!j.is_discarded())
        applyInput(j);
}

void FePanel::showEvent(QShowEvent* event)
{
    AnalysisPanel::showEvent(event);
    m_view->setPlaying(m_animate->isChecked());
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!hasResult() && canRun())
            QTimer::singleShot(0, this, &FePanel::run);
    }
}

} // namespace dtop::widgets
