// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/nonlinear/nonlinear_panel.h"

#include "common/progress.h"
#include "io/dataset_catalogue.h"
#include "io/profile_json.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "nonlinear/nonlinear_json.h"
#include "widgets/nonlinear/nonlinear_form.h"
#include "widgets/nonlinear/nonlinear_plots.h"
#include "widgets/panel_json.h"
#include "widgets/plot_view.h"
#include "widgets/table_csv.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

namespace dtop::widgets {

namespace {

using nonlinear::NonlinearAnalysis;
using nonlinear::NonlinearResult;

AnalysisPanel::Texts nonlinearTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Nonlinear dynamics");
    t.runTip = QObject::tr("Compute the branch (Ctrl+Enter)");
    t.cancelTip = QObject::tr("Stop the computation; the points found so far stay (Esc)");
    t.idle = QObject::tr("Press Run (Ctrl+Enter).");
    t.cancelled = QObject::tr("Cancelled: the points computed so far are shown.");
    return t;
}

bool hasCubicSprings(const model::Profile& p)
{
    return std::any_of(p.cubicStiffnesses.begin(), p.cubicStiffnesses.end(),
                       [](double k) { return k != 0.0; });
}

QString g(double v, int digits = 6)
{
    return QString::number(v, 'g', digits);
}

// "57.321 N at 0.55855 m" or "15.8187 rad/s at …": a fold in the branch's parameter.
QString foldText(const NonlinearResult& r, const nonlinear::FoldPoint& f)
{
    const QString where = branchInForce(r) ? QStringLiteral("%1 N").arg(g(f.forceN, 8))
                                           : QStringLiteral("%1 rad/s").arg(g(f.frequencyRadS, 8));
    return QObject::tr("%1 (A₁ = %2 m)").arg(where, g(f.amplitudeM, 5));
}

QString foldList(const NonlinearResult& r, const std::vector<nonlinear::FoldPoint>& folds)
{
    QStringList parts;
    for (const auto& f : folds)
        parts << foldText(r, f);
    return parts.isEmpty() ? QObject::tr("none") : parts.join(QStringLiteral(", "));
}

QString summaryText(const NonlinearResult& r, bool complete)
{
    QStringList lines;
    QStringList wn;
    for (double w : r.naturalFrequenciesRadS)
        wn << g(w, 5);
    lines << QObject::tr("Linear natural frequencies %1 rad/s.").arg(wn.join(QStringLiteral(", ")));
    switch (r.analysis) {
    case NonlinearAnalysis::Backbone:
        lines << QObject::tr("Backbone: %1 orbits, up to %2 odd harmonics.")
                     .arg(r.backbone.size())
                     .arg(r.harmonics);
        break;
    case NonlinearAnalysis::FoldCurve:
        lines << QObject::tr("S-curve folds at ω = %1 rad/s: %2.")
                     .arg(g(r.folds.empty() ? 0.0 : r.folds.front().frequencyRadS, 5),
                          foldList(r, r.folds));
        if (r.foldCurve.hasCusp)
            lines << QObject::tr("Cusp at ω = %1 rad/s, F = %2 N: bistable above it between the "
                                 "two fold branches.")
                         .arg(g(r.foldCurve.cusp.frequencyRadS, 6), g(r.foldCurve.cusp.forceN, 4));
        else if (complete)
            lines << QObject::tr("No cusp inside the frequency range.");
        break;
    case NonlinearAnalysis::Cbc: {
        std::size_t bad = 0;
        double worst = 0.0;
        for (const auto& p : r.cbc) {
            bad += p.converged ? 0 : 1;
            if (p.converged)
                worst = std::max(worst, std::abs(p.errorN));
        }
        lines << QObject::tr("CBC: %1 points, %2 not converged; largest |error| of the converged "
                             "points %3 N.")
                     .arg(r.cbc.size())
                     .arg(bad)
                     .arg(g(worst, 3));
        lines << QObject::tr("CBC folds: %1. Model folds: %2.")
                     .arg(foldList(r, r.folds), foldList(r, r.modelFolds));
        break;
    }
    default:
        lines << QObject::tr("%1 points; folds: %2.").arg(r.branch.size()).arg(foldList(r, r.folds));
        break;
    }
    if (r.analysis != NonlinearAnalysis::Backbone && complete)
        lines << QObject::tr("Harmonics used: %1 odd (change with two more: %2 m).")
                     .arg(r.harmonics)
                     .arg(g(r.harmonicsCheckM, 2));
    for (const auto& b : r.bifurcations)
        if (b.type != nonlinear::BifurcationType::Fold)
            lines << QObject::tr("%1 at F = %2 N, ω = %3 rad/s.")
                         .arg(QString::fromLatin1(bifurcationTypeName(b.type)), g(b.forceN, 6),
                              g(b.frequencyRadS, 6));
    if (r.legacyComparison) {
        const auto& c = *r.legacyComparison;
        lines << QObject::tr("Compatibility mode vs the bundled reference run: rows %1, max "
                             "difference %2 m, %3 N.")
                     .arg(c.rowCountsMatch ? QObject::tr("match") : QObject::tr("DIFFER"))
                     .arg(g(c.maxAmplitudeDifferenceM, 2))
                     .arg(g(c.maxForceDifferenceN, 2));
    }
    for (const auto& w : r.warnings)
        lines << QStringLiteral("⚠ ") + QString::fromStdString(w);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

NonlinearPanel::NonlinearPanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, nonlinearTexts(), parent), m_active(context.activeProfile)
{
    m_form = new NonlinearForm(this);
    QWidget* side = formColumn(m_form, 400);
    m_profileNote = new QLabel(side);
    m_profileNote->setWordWrap(true);
    m_profileNote->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4d6; color: #5a4300; padding: 4px; }"));
    m_usePreset = new QPushButton(tr("Use the cbc-demo preset"), side);
    m_usePreset->setToolTip(tr("Make the cbc-demo preset (0.2 kg floors, 200 N/m storeys, a "
                               "200 N/m³ cubic ground spring) the active profile"));
    auto* sideLayout = static_cast<QVBoxLayout*>(side->layout());
    sideLayout->insertWidget(0, m_usePreset);
    sideLayout->insertWidget(0, m_profileNote);

    auto* area = new QWidget(this);
    m_summary = new QLabel(area);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs = new QTabWidget(area);
    m_branch = new PlotView;
    m_tabs->addTab(m_branch, tr("Branch"));
    m_floors = new PlotView;
    m_tabs->addTab(m_floors, tr("Floors"));
    auto* orbit = new QWidget;
    auto* orbitLayout = new QVBoxLayout(orbit);
    orbitLayout->setContentsMargins(0, 0, 0, 0);
    auto* pick = new QHBoxLayout;
    m_orbit = new QSlider(Qt::Horizontal, orbit);
    m_orbit->setToolTip(tr("The branch point whose orbit is shown"));
    m_orbitLabel = new QLabel(orbit);
    m_orbitLabel->setMinimumWidth(320);
    pick->addWidget(new QLabel(tr("Orbit:"), orbit));
    pick->addWidget(m_orbit, 1);
    pick->addWidget(m_orbitLabel);
    orbitLayout->addLayout(pick);
    auto* orbitSplit = new QSplitter(Qt::Horizontal, orbit);
    m_time = new PlotView(orbitSplit);
    m_phase = new PlotView(orbitSplit);
    auto* orbitSplit2 = new QSplitter(Qt::Vertical, orbit);
    orbitSplit2->addWidget(orbitSplit);
    m_harmonics = new PlotView(orbitSplit2);
    orbitSplit2->setStretchFactor(0, 3); // the orbit plots side by side need the height
    orbitSplit2->setStretchFactor(1, 2);
    orbitLayout->addWidget(orbitSplit2, 1);
    m_tabs->addTab(orbit, tr("Orbit"));
    m_map = new PlotView;
    m_tabs->addTab(m_map, tr("Bistability map"));
    m_cbcErrors = new PlotView;
    m_tabs->addTab(m_cbcErrors, tr("CBC errors"));
    auto* legacy = new QSplitter(Qt::Vertical);
    m_legacyFrequency = new PlotView(legacy);
    m_legacyForce = new PlotView(legacy);
    m_tabs->addTab(legacy, tr("Prototype run"));
    m_table = new QTableWidget(0, 5, area);
    m_table->setHorizontalHeaderLabels({tr("Point"), tr("Force [N]"), tr("Frequency [rad/s]"),
                                        tr("Amplitude x₁ [m]"), tr("Note")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMaximumHeight(130);
    addTableCsvActions(*m_table, QStringLiteral("nonlinear-folds.csv"));
    auto* areaLayout = new QVBoxLayout(area);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    areaLayout->addWidget(staleBanner());
    areaLayout->addWidget(m_summary);
    areaLayout->addWidget(m_tabs, 1);
    areaLayout->addWidget(m_table);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(area);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    // Titles and axes before the first run, so that an empty plot says what it will show.
    const NonlinearResult empty;
    drawBranch(*m_branch, empty);
    m_branch->setTitle(tr("Branch: press Run"));
    drawFloorAmplitudes(*m_floors, empty);
    m_floors->setTitle(tr("Amplitude of every floor"));
    drawOrbit(*m_time, *m_phase, m_active.profile(), nonlinear::BranchPoint{});
    m_time->setTitle(tr("Orbit over one period"));
    m_phase->setTitle(tr("Phase portrait"));
    drawHarmonicContent(*m_harmonics, nonlinear::BranchPoint{});
    m_harmonics->setTitle(tr("Harmonic content"));
    drawBistabilityMap(*m_map, empty);
    m_map->setTitle(tr("Bistability map: choose the analysis “Bistability map”"));
    drawCbcErrors(*m_cbcErrors, empty);
    m_cbcErrors->setTitle(tr("CBC errors: choose the analysis “Control-based continuation”"));
    // The prototype's published default run (data/nonlinear/data_download.txt), read once.
    if (const std::string path = legacyReferencePath(); !path.empty()) {
        try {
            m_reference = nonlinear::readLegacyDownload(path);
        } catch (const std::exception& e) {
            emit statusMessage(tr("Reference run unreadable: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    drawLegacy(*m_legacyFrequency, *m_legacyForce, nullptr, m_reference ? &*m_reference : nullptr);
    m_legacyFrequency->setTitle(tr("Prototype's reference run (bundled file): frequency sweeps"));
    m_legacyForce->setTitle(tr("Prototype's reference run: amplitude sweeps and CBC"));

    connect(m_form, &NonlinearForm::changed, this, [this] { inputsChanged(); });
    connect(m_orbit, &QSlider::valueChanged, this, [this] { showOrbit(); });
    connect(m_branch, &PlotView::pointClicked, this,
            [this](const QString&, double x, double y) { pickOrbitAt(x, y); });
    connect(m_usePreset, &QPushButton::clicked, this, [this] {
        m_active.setProfile(*model::preset("cbc-demo"), 0, false);
    });
    connect(&m_active, &models::ActiveProfile::changed, this, &NonlinearPanel::onProfileChanged);
    onProfileChanged();
}

NonlinearPanel::~NonlinearPanel() = default;

void NonlinearPanel::onProfileChanged()
{
    const model::Profile& p = m_active.profile();
    m_form->setProfile(p);
    const bool cubic = hasCubicSprings(p);
    m_profileNote->setVisible(!cubic);
    m_usePreset->setVisible(!cubic);
    m_profileNote->setText(tr("The active profile (%1) has no cubic springs: its response is "
                              "linear, without folds. The tool's model is the cbc-demo preset.")
                               .arg(m_active.label()));
    inputsChanged();
}

std::string NonlinearPanel::legacyReferencePath() const
{
    const io::Catalogue* c = session().catalogue();
    if (!c)
        return {};
    for (const auto& f : c->otherFiles)
        if (f.id == "cbc-reference-run")
            return c->pathOf(f.file);
    return {};
}

nonlinear::NonlinearInput NonlinearPanel::currentInput(InputIssues* issues) const
{
    return m_form->input(m_active.profile(), issues);
}

std::optional<AnalysisPanel::Run> NonlinearPanel::prepareRun(InputIssues& issues)
{
    const nonlinear::NonlinearInput input = currentInput(&issues);
    if (!issues.empty())
        return std::nullopt;
    Run run;
    run.input = nonlinear::nonlinearInputToJson(input);
    const nonlinear::LegacyReference reference{legacyReferencePath()};
    run.work = [this, input, reference](Progress& progress, const ShowPartial& partial) -> Outcome {
        // Points appear as they are computed: the branch so far, redrawn a few times a second.
        auto last = std::chrono::steady_clock::now();
        const auto onPoint = [&](const NonlinearResult& sofar) {
            const auto now = std::chrono::steady_clock::now();
            if (now - last < std::chrono::milliseconds(150))
                return;
            last = now;
            auto copy = std::make_shared<NonlinearResult>(sofar);
            partial([this, copy, profile = input.profile] { showResult(*copy, profile, false); });
        };
        auto result = std::make_shared<NonlinearResult>(
            nonlinear::runNonlinear(input, progress, onPoint, reference));
        Outcome out;
        out.summary = {{"analysis", nonlinearAnalysisName(result->analysis)},
                       {"points", result->branch.size()},
                       {"folds", result->folds.size()},
                       {"harmonics", result->harmonics}};
        out.show = [this, result, profile = input.profile] { showResult(*result, profile, true); };
        return out;
    };
    return run;
}

void NonlinearPanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void NonlinearPanel::showResult(const NonlinearResult& r, const model::Profile& profile,
                                bool complete)
{
    m_result = r;
    m_resultProfile = profile;
    const QString growing = complete ? QString() : tr(" (computing…)");
    drawBranch(*m_branch, r);
    switch (r.analysis) {
    case NonlinearAnalysis::ForceCurve:
        m_branch->setTitle(tr("S-curve at ω = %1 rad/s: unstable dashed, folds and jumps red%2")
                               .arg(g(r.branch.empty() ? 0.0 : r.branch.front().frequencyRadS, 5),
                                    growing));
        break;
    case NonlinearAnalysis::FrequencyCurve:
        m_branch->setTitle(tr("Frequency response at F = %1 N: backbones, folds and jumps%2")
                               .arg(g(r.branch.empty() ? 0.0 : r.branch.front().forceN, 5),
                                    growing));
        break;
    case NonlinearAnalysis::Backbone:
        m_branch->setTitle(tr("Backbone curves (free, undamped orbits)%1").arg(growing));
        break;
    case NonlinearAnalysis::FoldCurve:
        m_branch->setTitle(tr("S-curve the fold curve starts from%1").arg(growing));
        break;
    case NonlinearAnalysis::Sweep:
        m_branch->setTitle(tr("Sweeps: quasi-static (QS) jumps at the folds, time-domain (TD) "
                              "later%1")
                               .arg(growing));
        break;
    case NonlinearAnalysis::Cbc:
        m_branch->setTitle(tr("Simulated CBC over the model's S-curve%1").arg(growing));
        break;
    }
    drawFloorAmplitudes(*m_floors, r);
    m_floors->setTitle(tr("Amplitude of every floor%1").arg(growing));
    if (r.analysis == NonlinearAnalysis::FoldCurve) {
        drawBistabilityMap(*m_map, r);
        m_map->setTitle(tr("Bistability map: two stable responses inside the fold curve%1")
                            .arg(growing));
    }
    if (r.analysis == NonlinearAnalysis::Cbc) {
        drawCbcErrors(*m_cbcErrors, r);
        m_cbcErrors->setTitle(tr("CBC: error against the model and invasive control force%1")
                                  .arg(growing));
    }
    if (r.legacy) {
        drawLegacy(*m_legacyFrequency, *m_legacyForce, &*r.legacy,
                   m_reference ? &*m_reference : nullptr);
        m_legacyFrequency->setTitle(tr("Prototype's frequency sweeps: file (points), repro "
                                       "(lines)"));
        m_legacyForce->setTitle(tr("Prototype's amplitude sweeps and CBC: file and repro"));
    }
    m_summary->setText(summaryText(r, complete));

    const int count = static_cast<int>(r.branch.size());
    m_orbit->blockSignals(true);
    m_orbit->setRange(0, std::max(0, count - 1));
    if (complete) {
        int pickIndex = m_pendingOrbit;
        if (pickIndex < 0 || pickIndex >= count) {
            // Default: the orbit of largest amplitude, where the harmonics matter most.
            pickIndex = 0;
            for (int i = 1; i < count; ++i)
                if (r.branch[static_cast<std::size_t>(i)].amplitudeM[0] >
                    r.branch[static_cast<std::size_t>(pickIndex)].amplitudeM[0])
                    pickIndex = i;
        }
        m_pendingOrbit = -1;
        m_orbit->setValue(pickIndex);
    }
    m_orbit->blockSignals(false);
    m_orbit->setEnabled(count > 0);
    if (complete) {
        showOrbit();
        fillTable();
    }
}

void NonlinearPanel::showOrbit()
{
    if (!m_result || m_result->branch.empty()) {
        m_orbitLabel->setText(tr("no branch point (a backbone has no forced orbit)"));
        return;
    }
    const auto i = static_cast<std::size_t>(
        std::clamp(m_orbit->value(), 0, static_cast<int>(m_result->branch.size()) - 1));
    const nonlinear::BranchPoint& p = m_result->branch[i];
    drawOrbit(*m_time, *m_phase, m_resultProfile, p);
    drawHarmonicContent(*m_harmonics, p);
    const QString where = tr("F = %1 N, ω = %2 rad/s, %3")
                              .arg(g(p.forceN, 6), g(p.frequencyRadS, 6),
                                   p.stable ? tr("stable") : tr("unstable"));
    m_orbitLabel->setText(tr("point %1 of %2: %3, max |μ| = %4")
                              .arg(i + 1)
                              .arg(m_result->branch.size())
                              .arg(where, g(p.multipliersAbsMax, 4)));
    m_time->setTitle(where); // the orbit over one period of this point (narrow: no more words)
    m_phase->setTitle(tr("Phase portrait of floor 1"));
    m_harmonics->setTitle(tr("Harmonic content (%1 odd harmonics)").arg(p.harmonics));
}

void NonlinearPanel::pickOrbitAt(double x, double y)
{
    if (!m_result || m_result->branch.empty())
        return;
    const NonlinearResult& r = *m_result;
    const bool byForce = branchInForce(r);
    auto parameter = [byForce](const nonlinear::BranchPoint& p) {
        return byForce ? p.forceN : p.frequencyRadS;
    };
    // Nearest branch point in the plot's proportions (each axis scaled by the branch's range).
    double xMin = parameter(r.branch.front()), xMax = xMin;
    double yMin = r.branch.front().amplitudeM[0], yMax = yMin;
    for (const auto& p : r.branch) {
        xMin = std::min(xMin, parameter(p));
        xMax = std::max(xMax, parameter(p));
        yMin = std::min(yMin, p.amplitudeM[0]);
        yMax = std::max(yMax, p.amplitudeM[0]);
    }
    const double xs = std::max(xMax - xMin, 1e-300), ys = std::max(yMax - yMin, 1e-300);
    std::size_t best = 0;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < r.branch.size(); ++i) {
        const double d = std::hypot((parameter(r.branch[i]) - x) / xs,
                                    (r.branch[i].amplitudeM[0] - y) / ys);
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    m_orbit->setValue(static_cast<int>(best));
    showOrbit(); // also when the slider already stood there
    m_tabs->setCurrentIndex(m_tabs->indexOf(m_orbit->parentWidget()));
}

void NonlinearPanel::fillTable()
{
    m_table->setRowCount(0);
    if (!m_result)
        return;
    const NonlinearResult& r = *m_result;
    auto addRow = [this](const QString& kind, double f, double w, double a, const QString& note) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells = {kind, g(f, 8), g(w, 8), g(a, 6), note};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
    };
    const bool cbc = r.analysis == NonlinearAnalysis::Cbc;
    for (const auto& f : r.folds)
        addRow(cbc ? tr("CBC fold") : tr("fold"), f.forceN, f.frequencyRadS, f.amplitudeM,
               cbc ? tr("measured (parabola vertex)") : tr("localised on the branch"));
    for (const auto& f : r.modelFolds)
        addRow(tr("model fold"), f.forceN, f.frequencyRadS, f.amplitudeM, tr("harmonic balance"));
    for (const auto& b : r.bifurcations)
        if (b.type != nonlinear::BifurcationType::Fold)
            addRow(QString::fromLatin1(bifurcationTypeName(b.type)), b.forceN, b.frequencyRadS,
                   b.amplitudeM, b.becomesStable ? tr("becomes stable") : tr("loses stability"));
    if (r.foldCurve.hasCusp)
        addRow(tr("cusp"), r.foldCurve.cusp.forceN, r.foldCurve.cusp.frequencyRadS,
               r.foldCurve.cusp.amplitudeM, tr("bistability begins"));
    // A sweep's jumps: at the fold's parameter, the other one fixed.
    const double fixedForce = r.branch.empty() ? 0.0 : r.branch.front().forceN;
    const double fixedFrequency = r.branch.empty() ? 0.0 : r.branch.front().frequencyRadS;
    const bool byForce = branchInForce(r);
    for (const auto& j : r.sweep.jumps)
        addRow(j.up ? tr("jump (up)") : tr("jump (down)"), byForce ? j.parameter : fixedForce,
               byForce ? fixedFrequency : j.parameter, j.amplitudeAfterM,
               tr("from %1 m").arg(g(j.amplitudeBeforeM, 5)));
}

QList<ToolPanel::NamedPlot> NonlinearPanel::plots() const
{
    return {{QStringLiteral("branch"), m_branch},
            {QStringLiteral("floor_amplitudes"), m_floors},
            {QStringLiteral("orbit_time"), m_time},
            {QStringLiteral("orbit_phase"), m_phase},
            {QStringLiteral("harmonic_content"), m_harmonics},
            {QStringLiteral("bistability_map"), m_map},
            {QStringLiteral("cbc_errors"), m_cbcErrors},
            {QStringLiteral("prototype_frequency_sweep"), m_legacyFrequency},
            {QStringLiteral("prototype_amplitude_sweep"), m_legacyForce}};
}

PlotView* NonlinearPanel::currentPlot() const
{
    return currentTabPlot(m_tabs, m_tabs->currentIndex() == 2 ? m_time : m_legacyFrequency);
}

nlohmann::json NonlinearPanel::reportInput() const
{
    InputIssues issues;
    const nonlinear::NonlinearInput input = currentInput(&issues);
    nlohmann::json j = nonlinear::nonlinearInputToJson(input);
    j.erase("profile");
    addIssues(j, issues);
    return j;
}

nlohmann::json NonlinearPanel::reportResult() const
{
    return m_result ? nonlinear::nonlinearResultToJson(*m_result) : nlohmann::json::object();
}

void NonlinearPanel::applyInput(const nlohmann::json& json)
{
    if (!json.is_object())
        return;
    nlohmann::json keys = json;
    keys.erase("profile");
    keys.erase("issues");
    // "tab": the plot tab to show ("Bistability map", ...), for screenshots of a chosen view.
    applyTabKey(keys, m_tabs);
    if (keys.contains("orbit") && keys["orbit"].is_number_integer()) {
        m_pendingOrbit = keys["orbit"].get<int>();
        if (m_result && m_pendingOrbit < static_cast<int>(m_result->branch.size()))
            m_orbit->setValue(m_pendingOrbit);
    }
    keys.erase("orbit");
    try {
        nlohmann::json merged = nonlinear::nonlinearInputToJson(currentInput());
        merged.erase("profile");
        // A range left to the analysis's default stays so unless the input sets it.
        const nonlinear::NonlinearInput now = currentInput();
        merged["from"] = now.from ? nlohmann::json(*now.from) : nlohmann::json();
        merged["to"] = now.to ? nlohmann::json(*now.to) : nlohmann::json();
        for (const auto& [k, v] : keys.items())
            merged[k] = v;
        // Validated against the active profile, not the preset the codec starts from.
        merged["profile"] = io::profileToJson(m_active.profile());
        m_form->setInput(nonlinear::nonlinearInputFromJson(merged));
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
    }
    inputsChanged();
}

void NonlinearPanel::saveSettings(QSettings& settings) const
{
    nlohmann::json j = reportInput();
    j.erase("issues");
    const nonlinear::NonlinearInput now = currentInput();
    j["from"] = now.from ? nlohmann::json(*now.from) : nlohmann::json();
    j["to"] = now.to ? nlohmann::json(*now.to) : nlohmann::json();
    settings.setValue(QStringLiteral("input"), QString::fromStdString(j.dump()));
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

void NonlinearPanel::restoreSettings(QSettings& settings)
{
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
    const QString text = settings.value(QStringLiteral("input")).toString();
    if (text.isEmpty())
        return;
    const auto j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!j.is_discarded())
        applyInput(j);
}

void NonlinearPanel::showEvent(QShowEvent* event)
{
    AnalysisPanel::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!hasResult() && canRun())
            QTimer::singleShot(0, this, &NonlinearPanel::run);
    }
}

} // namespace dtop::widgets
