// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/control/control_panel.h"
#include "widgets/form_scroll.h"

#include "common/progress.h"
#include "control/control_json.h"
#include "models/active_profile.h"
#include "widgets/control/control_form.h"
#include "widgets/record_file_field.h"
#include "widgets/control/control_plots.h"
#include "widgets/plot_link.h"
#include "widgets/panel_json.h"
#include "widgets/plot_view.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace dtop::widgets {

namespace {

AnalysisPanel::Texts controlTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Vibration control");
    t.runTip = QObject::tr("Compute the design (Ctrl+Enter)");
    t.cancelTip = QObject::tr("Stop the computation (Esc)");
    t.idle = QObject::tr("Press Run (Ctrl+Enter).");
    t.cancelled = QObject::tr("Cancelled.");
    return t;
}

QString number(const std::optional<double>& v, int digits = 4)
{
    return v ? QString::number(*v, 'g', digits) : QStringLiteral("—");
}

} // namespace

ControlPanel::ControlPanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, controlTexts(), parent), m_active(context.activeProfile)
{
    m_form = new ControlForm(this);
    QWidget* side = formColumn(m_form, 420); // run controls below the form
    // An explicit minimum: the splitter then ignores the run controls' changing size hints
    // (the status line's text, the progress bar shown during a run), which otherwise move its
    // handle and resize every plot twice per gain-drag step. Narrow enough for 1024×700.
    side->setMinimumWidth(kFormMinimumWidth);

    auto* area = new QWidget(this);
    m_banner = new QLabel;
    m_banner->setWordWrap(true);
    // A fixed height (three lines, the longest verdict at 1280×800): a gain drag changes the
    // text on every step, and a label that grew or shrank would re-lay out and resize every plot.
    m_banner->setFixedHeight(3 * m_banner->fontMetrics().lineSpacing() + 14);
    m_banner->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_tabs = new QTabWidget(area);
    m_ke = new PlotView;
    m_ke->setTitle(tr("Kinetic energy"));
    m_tabs->addTab(m_ke, tr("Kinetic energy"));
    m_frf = new PlotView;
    m_tabs->addTab(m_frf, tr("Floor FRF"));
    m_nyquist = new PlotView;
    m_tabs->addTab(m_nyquist, tr("Nyquist"));
    auto* bode = new QSplitter(Qt::Vertical);
    m_bodeMagnitude = new PlotView(bode);
    m_bodePhase = new PlotView(bode);
    m_tabs->addTab(bode, tr("Bode"));
    m_rootLocus = new PlotView;
    m_tabs->addTab(m_rootLocus, tr("Root locus"));
    auto* time = new QSplitter(Qt::Vertical);
    m_drift = new PlotView(time);
    m_current = new PlotView(time);
    m_tabs->addTab(time, tr("Time response"));
    linkXAxes({m_bodeMagnitude, m_bodePhase});
    linkXAxes({m_drift, m_current});
    m_table = new QTableWidget(0, 8, area);
    // Two-line headers and a stretching design column: the table fits the plot column's width
    // at 1280×800 without a horizontal scroll bar (fitTable sets its height to its rows).
    m_table->setHorizontalHeaderLabels(
        {tr("Design"), tr("Stable"), tr("Critical\ngain"), tr("GM\n[dB]"), tr("PM\n[°]"),
         tr("KE red.\n[dB]"), tr("0–∞\n[dB]"), tr("Effort\n[W]")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeaderItem(5)->setToolTip(tr("KE reduction of the band integral"));
    m_table->horizontalHeaderItem(6)->setToolTip(tr("KE reduction of the exact 0–∞ integral"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* areaLayout = new QVBoxLayout(area);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    // The "out of date" banner lies over the verdict (which it concerns), in one cell of fixed
    // height: showing or hiding it never resizes the plots below.
    auto* banners = new QWidget(area);
    banners->setFixedHeight(m_banner->height());
    auto* bannerLayout = new QGridLayout(banners);
    bannerLayout->setContentsMargins(0, 0, 0, 0);
    bannerLayout->addWidget(m_banner, 0, 0);
    bannerLayout->addWidget(staleBanner(), 0, 0);
    areaLayout->addWidget(banners);
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

    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) { drawTab(tab); });
    connect(m_form, &ControlForm::changed, this, [this] { inputsChanged(); });
    // Dragging the gain recomputes at once: one design takes milliseconds.
    connect(m_form, &ControlForm::gainDragged, this, [this] {
        if (canRun())
            run();
    });
    // Releasing the slider runs everything afresh (the drag reused the root locus).
    connect(m_form->gainSlider(), &QSlider::sliderReleased, this, [this] {
        if (canRun())
            run();
    });
    connect(&m_active, &models::ActiveProfile::changed, this, &ControlPanel::onProfileChanged);
    m_form->setStoreys(m_active.profile().storeys());
    inputsChanged();
}

ControlPanel::~ControlPanel() = default;

void ControlPanel::onProfileChanged()
{
    m_form->setStoreys(m_active.profile().storeys());
    inputsChanged();
}

control::ControlInput ControlPanel::currentInput(InputIssues* issues) const
{
    return m_form->input(m_active.profile(), issues);
}

std::optional<AnalysisPanel::Run> ControlPanel::prepareRun(InputIssues& issues)
{
    const control::ControlInput input = currentInput(&issues);
    if (!issues.empty())
        return std::nullopt;
    std::vector<control::Strategy> others;
    for (control::Strategy s : m_form->compared())
        if (s != input.strategy)
            others.push_back(s);
    Run run;
    run.input = control::controlInputToJson(input);
    nlohmann::json compare = nlohmann::json::array();
    for (auto s : others)
        compare.push_back(control::strategyName(s));
    run.input["compare"] = compare;
    addRecordFile(run.input);
    // While the gain slider is dragged, what the gain does not change is taken from the last
    // run of the same other inputs: the root locus and the best stable gain (both functions of
    // the loop and the critical gain only) and the compared designs without a gain.
    nlohmann::json key = run.input;
    key.erase("gain");
    std::shared_ptr<const GainFreeParts> cached;
    if (m_form->gainDragging() && m_gainFree && m_gainFree->key == key)
        cached = m_gainFree;
    run.work = [this, input, others, cached, key](Progress& progress,
                                                   const ShowPartial&) -> Outcome {
        std::vector<control::ControlResult> results;
        results.push_back(runMainDesign(input, cached.get(), progress));
        control::ControlInput light = input; // compared designs: curves and margins only
        light.rootLocus = false;
        light.bestGain = false;
        light.timeDomain.enabled = false;
        auto parts = std::make_shared<GainFreeParts>();
        parts->key = key;
        const auto& main = results.front();
        parts->criticalGain = main.margins ? main.margins->criticalGain : std::nullopt;
        parts->rootLocus = main.rootLocus;
        parts->bestGain = main.bestGain;
        for (control::Strategy s : others) {
            const control::ControlResult* kept = nullptr;
            if (cached && !control::usesGain(s))
                for (const auto& r : cached->gainFree)
                    if (r.strategy == s)
                        kept = &r;
            control::ControlResult r =
                kept ? *kept : std::move(control::runControlComparison(light, {s}, progress).front());
            r.gain = input.gain;
            if (!control::usesGain(s))
                parts->gainFree.push_back(r);
            results.push_back(std::move(r));
        }
        auto shared = std::make_shared<std::vector<control::ControlResult>>(std::move(results));
        Outcome out;
        out.summary = {{"strategy", control::strategyName(main.strategy)},
                       {"stable", main.stable ? nlohmann::json(*main.stable) : nlohmann::json()}};
        out.show = [this, shared, parts] {
            m_gainFree = parts;
            showResults(std::move(*shared));
        };
        return out;
    };
    return run;
}

control::ControlResult ControlPanel::runMainDesign(const control::ControlInput& input,
                                                   const GainFreeParts* cached, Progress& progress)
{
    if (!cached || !control::usesGain(input.strategy))
        return control::runControl(input, progress);
    control::ControlInput fast = input;
    fast.rootLocus = false;
    fast.bestGain = false;
    control::ControlResult r = control::runControl(fast, progress);
    const std::optional<double> critical = r.margins ? r.margins->criticalGain : std::nullopt;
    if (critical != cached->criticalGain)
        return control::runControl(input, progress); // another stable range: recompute both
    r.rootLocus = cached->rootLocus;
    r.bestGain = cached->bestGain;
    return r;
}

void ControlPanel::showStale(bool stale)
{
    // While the gain slider is held the next result lands within a frame: the stale banner
    // would only flash, and showing and hiding it resizes every plot on each step.
    if (stale && m_form->gainDragging())
        staleBanner()->setVisible(false);
}

void ControlPanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void ControlPanel::showResults(std::vector<control::ControlResult> results)
{
    m_results = std::move(results);
    if (m_results.empty())
        return;
    const control::ControlResult& r = m_results.front();
    // Only the shown tab is drawn now; the others when they are shown (or exported), so a gain
    // drag redraws one plot per step instead of eight.
    m_dirtyTabs.assign(static_cast<std::size_t>(m_tabs->count()), true);
    drawTab(m_tabs->currentIndex());

    if (r.stable && !*r.stable) {
        double worst = 0.0, fHz = 0.0;
        for (const auto& p : r.poles)
            if (p.eigenvalue.real() >= worst) {
                worst = p.eigenvalue.real();
                fHz = p.frequencyHz;
            }
        m_banner->setStyleSheet(QStringLiteral(
            "QLabel { background: #c81e1e; color: white; font-weight: bold; padding: 6px; }"));
        m_banner->setText(tr("UNSTABLE: a closed-loop pole at %1 Hz is in the right half-plane "
                             "(Re λ = %2 1/s). Critical gain %3 %4. No reduction or effort "
                             "exists for this design.")
                              .arg(fHz, 0, 'f', 2)
                              .arg(worst, 0, 'g', 3)
                              .arg(number(r.margins ? r.margins->criticalGain : std::nullopt, 6))
                              .arg(QString::fromStdString(r.gainUnit)));
    } else {
        m_banner->setStyleSheet(QStringLiteral(
            "QLabel { background: #e3f4e3; color: #145214; padding: 6px; }"));
        QString text = r.stable ? tr("Stable (closed-loop eigenvalues).") : tr("No feedback loop.");
        if (r.keReductionDb)
            text += tr(" KE reduction %1 dB (band), %2 dB (0–∞).")
                        .arg(*r.keReductionDb, 0, 'f', 2)
                        .arg(number(r.keExactReductionDb));
        if (r.margins && r.margins->criticalGain)
            text += tr(" Critical gain %1 %2.")
                        .arg(*r.margins->criticalGain, 0, 'g', 6)
                        .arg(QString::fromStdString(r.gainUnit));
        if (r.legacyMetrics)
            text += tr(" Prototype's metric (not physical): reduction %1 dB, stable shown '%2'.")
                        .arg(number(r.legacyMetrics->keReductionDb))
                        .arg(QString::fromStdString(r.legacyMetrics->stableShown));
        m_banner->setText(text);
    }
    fillTable();
}

void ControlPanel::drawTab(int tab) const
{
    if (tab < 0 || static_cast<std::size_t>(tab) >= m_dirtyTabs.size() || !m_dirtyTabs[static_cast<std::size_t>(tab)] ||
        m_results.empty())
        return;
    m_dirtyTabs[static_cast<std::size_t>(tab)] = false;
    const control::ControlResult& r = m_results.front();
    switch (tab) {
    case 0:
        drawKineticEnergy(*m_ke, m_results);
        m_ke->setTitle(tr("Kinetic energy, force at floor %1, device at floor %2")
                           .arg(r.forceFloor)
                           .arg(r.floor));
        break;
    case 1:
        drawFloorFrfs(*m_frf, r);
        m_frf->setTitle(tr("Floor FRFs: %1").arg(QString::fromStdString(r.label)));
        break;
    case 2:
        drawNyquist(*m_nyquist, r);
        m_nyquist->setTitle(r.loop ? tr("Nyquist plot of κL₀ (both signs of ω)")
                                   : tr("Nyquist: no feedback loop in %1")
                                         .arg(QString::fromStdString(r.label)));
        break;
    case 3:
        drawBode(*m_bodeMagnitude, *m_bodePhase, r);
        m_bodeMagnitude->setTitle(tr("Bode magnitude of κL₀"));
        m_bodePhase->setTitle(tr("Bode phase of κL₀"));
        break;
    case 4:
        drawRootLocus(*m_rootLocus, r);
        m_rootLocus->setTitle(
            r.rootLocus ? tr("Root locus: critical gain %1 %2 red, design green")
                              .arg(number(r.margins ? r.margins->criticalGain : std::nullopt, 6))
                              .arg(QString::fromStdString(r.gainUnit))
                        : tr("Root locus: no feedback loop"));
        break;
    case 5:
        drawTimeResponse(*m_drift, *m_current, r);
        m_drift->setTitle(r.timeResponse ? tr("Time response") : tr("Time response: not simulated"));
        m_current->setTitle(tr("Coil current"));
        break;
    default:
        break;
    }
}

void ControlPanel::drawPendingTabs() const
{
    for (int t = 0; t < m_tabs->count(); ++t)
        drawTab(t);
}

void ControlPanel::fillTable()
{
    m_table->setRowCount(static_cast<int>(m_results.size()));
    for (int row = 0; row < static_cast<int>(m_results.size()); ++row) {
        const auto& r = m_results[static_cast<std::size_t>(row)];
        const bool unstable = r.stable && !*r.stable;
        const auto* m = r.margins ? &*r.margins : nullptr;
        const QStringList cells = {
            QString::fromStdString(r.label),
            !r.stable ? tr("no loop") : (*r.stable ? tr("yes") : tr("UNSTABLE")),
            m ? number(m->criticalGain, 6) : QStringLiteral("—"),
            m ? number(m->gainMarginDb) : QStringLiteral("—"),
            m ? number(m->phaseMarginDeg) : QStringLiteral("—"),
            number(r.keReductionDb),
            number(r.keExactReductionDb),
            number(r.controlEffortW),
        };
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (unstable) {
                item->setBackground(QColor(250, 210, 210));
                if (c == 1) {
                    item->setForeground(QColor(200, 30, 30));
                    QFont f = item->font();
                    f.setBold(true);
                    item->setFont(f);
                }
            }
            m_table->setItem(row, c, item);
        }
    }
    fitTableHeight();
}

void ControlPanel::fitTableHeight()
{
    // Every row visible (the designs compared are at most six), no vertical scroll bar.
    m_table->resizeRowsToContents();
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);
}

QList<ToolPanel::NamedPlot> ControlPanel::plots() const
{
    drawPendingTabs(); // exported plots show the current results
    return {{QStringLiteral("kinetic_energy"), m_ke},      {QStringLiteral("floor_frf"), m_frf},
            {QStringLiteral("nyquist"), m_nyquist},        {QStringLiteral("bode_magnitude"), m_bodeMagnitude},
            {QStringLiteral("bode_phase"), m_bodePhase},   {QStringLiteral("root_locus"), m_rootLocus},
            {QStringLiteral("time_drift"), m_drift},       {QStringLiteral("time_current"), m_current}};
}

PlotView* ControlPanel::currentPlot() const
{
    return currentTabPlot(m_tabs, m_tabs->currentIndex() == 3 ? m_bodeMagnitude : m_drift);
}

nlohmann::json ControlPanel::reportInput() const
{
    InputIssues issues;
    const control::ControlInput input = currentInput(&issues);
    nlohmann::json j = control::controlInputToJson(input);
    j.erase("profile");
    addIssues(j, issues);
    nlohmann::json compare = nlohmann::json::array();
    for (auto s : m_form->compared())
        compare.push_back(control::strategyName(s));
    j["compare"] = compare;
    addRecordFile(j);
    return j;
}

// The record's file, so that a report or a run record can be opened again with it.
void ControlPanel::addRecordFile(nlohmann::json& input) const
{
    const QString file = m_form->recordFile()->path();
    if (!file.isEmpty())
        input["record_file"] = file.toStdString();
}

nlohmann::json ControlPanel::reportResult() const
{
    if (m_results.empty())
        return nlohmann::json::object();
    nlohmann::json j = control::controlResultToJson(m_results.front());
    nlohmann::json comparison = nlohmann::json::array();
    for (std::size_t k = 1; k < m_results.size(); ++k) {
        const auto& r = m_results[k];
        comparison.push_back(
            {{"strategy", control::strategyName(r.strategy)},
             {"stable", r.stable ? nlohmann::json(*r.stable) : nlohmann::json()},
             {"ke_reduction_db",
              r.keReductionDb ? nlohmann::json(*r.keReductionDb) : nlohmann::json()},
             {"critical_gain", r.margins && r.margins->criticalGain
                                   ? nlohmann::json(*r.margins->criticalGain)
                                   : nlohmann::json()}});
    }
    j["comparison"] = comparison;
    return j;
}

void ControlPanel::applyInput(const nlohmann::json& json)
{
    if (!json.is_object())
        return;
    nlohmann::json keys = json;
    keys.erase("profile");
    keys.erase("issues");
    std::vector<control::Strategy> compare;
    if (keys.contains("compare") && keys["compare"].is_array())
        for (const auto& s : keys["compare"]) {
            control::Strategy strategy;
            if (s.is_string() && control::parseStrategy(s.get<std::string>(), strategy))
                compare.push_back(strategy);
        }
    keys.erase("compare");
    // "tab": the plot tab to show ("Root locus", ...), for screenshots of a chosen view.
    applyTabKey(keys, m_tabs);
    if (keys.contains("record_file") && keys["record_file"].is_string())
        m_form->recordFile()->setPath(QString::fromStdString(keys["record_file"].get<std::string>()));
    keys.erase("record_file");
    try {
        nlohmann::json merged = control::controlInputToJson(currentInput());
        merged.erase("profile");
        for (const auto& [k, v] : keys.items())
            merged[k] = v;
        m_form->setInput(control::controlInputFromJson(merged));
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
    }
    m_form->setCompared(compare);
    inputsChanged();
}

void ControlPanel::showEvent(QShowEvent* event)
{
    AnalysisPanel::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!hasResult() && canRun())
            QTimer::singleShot(0, this, &ControlPanel::run);
    }
}

} // namespace dtop::widgets
