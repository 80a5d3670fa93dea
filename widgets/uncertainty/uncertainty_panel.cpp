// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/uncertainty/uncertainty_panel.h"

#include "common/progress.h"
#include "io/uncertainty_json.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/analysis_runner.h"
#include "widgets/panel_json.h"
#include "widgets/plot_view.h"
#include "widgets/uncertainty/uncertainty_form.h"
#include "widgets/uncertainty/uncertainty_plots.h"
#include "widgets/uncertainty/uq_method_key.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace dtop::widgets {

namespace {
QString seconds(double s)
{
    return s < 1.0 ? QObject::tr("%1 ms").arg(s * 1e3, 0, 'f', 0)
                   : QObject::tr("%1 s").arg(s, 0, 'f', 2);
}

AnalysisPanel::Texts uncertaintyTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Uncertainty analysis");
    t.runTip = QObject::tr("Compute the bounds (Ctrl+Enter); the cheap methods appear first");
    t.cancelTip = QObject::tr("Stop the computation (Esc); finished methods stay on screen");
    t.idle = QObject::tr("Press Run (Ctrl+Enter).");
    t.cancelled = QObject::tr("Cancelled: only the methods that finished are shown.");
    return t;
}

// The run record's summary: grid size, each method's time, the worst verified gap.
nlohmann::json runSummary(const uq::UncertaintyResult& result)
{
    nlohmann::json methods = nlohmann::json::object();
    for (const auto& m : result.methods)
        methods[uq::uqMethodName(m.method)] = {{"label", m.label}, {"seconds", m.seconds}};
    nlohmann::json summary = {{"points", result.frequencyHz.size()}, {"methods", methods}};
    if (!result.gap.empty())
        summary["worst_gap"] = std::isfinite(result.worstGap) ? nlohmann::json(result.worstGap)
                                                              : nlohmann::json();
    return summary;
}
} // namespace

UncertaintyPanel::UncertaintyPanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, uncertaintyTexts(), parent), m_active(context.activeProfile)
{
    m_form = new UncertaintyForm(this);
    QWidget* side = formColumn(m_form, 450); // run controls below the form

    QWidget* plots = buildPlots();
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(plots);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_form, &UncertaintyForm::changed, this, &UncertaintyPanel::onFormChanged);
    connect(m_form, &UncertaintyForm::prototypeDefaultsRequested, this,
            &UncertaintyPanel::applyPrototypeDefaults);
    // Methods that will not finish are no longer "running…".
    connect(runner(), &models::AnalysisRunner::cancelled, this, &UncertaintyPanel::updateSummary);
    connect(runner(), &models::AnalysisRunner::failed, this, &UncertaintyPanel::updateSummary);
    connect(&m_active, &models::ActiveProfile::changed, this, &UncertaintyPanel::onProfileChanged);

    m_updating = true;
    onProfileChanged();
    m_form->setInput(uq::UncertaintyInput{}); // the prototype's settings on the active profile
    m_updating = false;
    inputsChanged();
}

UncertaintyPanel::~UncertaintyPanel() = default;

QWidget* UncertaintyPanel::buildPlots()
{
    auto* area = new QWidget(this);
    m_magnitudeScale = new QComboBox(area);
    m_magnitudeScale->addItem(tr("dB"), static_cast<int>(AxisScale::Decibel));
    m_magnitudeScale->addItem(tr("log"), static_cast<int>(AxisScale::Log));
    m_magnitudeScale->setToolTip(tr("Magnitude axis: 20·log10(|H| / 1 unit) dB, or |H| on a "
                                    "logarithmic axis"));
    m_percentileBand = new QCheckBox(tr("percentile band"), area);
    m_percentileBand->setChecked(false); // the four methods read best alone
    m_percentileBand->setToolTip(tr("Draw the sampled envelope's outermost percentile band"));
    connect(m_magnitudeScale, &QComboBox::currentIndexChanged, this, &UncertaintyPanel::redraw);
    connect(m_percentileBand, &QCheckBox::toggled, this, &UncertaintyPanel::redraw);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Magnitude"), area));
    bar->addWidget(m_magnitudeScale);
    bar->addWidget(m_percentileBand);
    bar->addStretch(1);
    m_key = new UqMethodKey(area);
    m_key->setToolTip(tr("What each curve guarantees (hover an entry); untick to hide it"));
    connect(m_key, &UqMethodKey::visibilityChanged, this, &UncertaintyPanel::applyKey);

    m_tabs = new QTabWidget(area);
    m_gapPage = new QWidget(area);
    m_gapPlot = new PlotView(m_gapPage);
    m_gapPlot->setTitle(tr("Gap between verified outer and optimised inner"));
    m_gapLabel = new QLabel(m_gapPage);
    m_gapLabel->setWordWrap(true);
    auto* gapLayout = new QVBoxLayout(m_gapPage);
    gapLayout->setContentsMargins(0, 0, 0, 0);
    gapLayout->addWidget(m_gapPlot, 1);
    gapLayout->addWidget(m_gapLabel);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { updateSummary(); });
    m_summary = new QLabel(area);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    QFont small = m_summary->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_summary->setFont(small);

    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(staleBanner());
    layout->addLayout(bar);
    layout->addWidget(m_key);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_summary);
    return area;
}

void UncertaintyPanel::rebuildFloorTabs(std::size_t storeys)
{
    if (m_floors.size() == storeys)
        return;
    m_tabs->clear();
    for (auto& f : m_floors)
        delete f.page;
    m_floors.clear();
    for (std::size_t d = 0; d < storeys; ++d) {
        auto* split = new QSplitter(Qt::Vertical);
        auto* bounds = new PlotView(split);
        bounds->setLegendShown(false); // the key above the tabs names every curve in full
        auto* importance = new PlotView(split);
        split->addWidget(bounds);
        split->addWidget(importance);
        split->setStretchFactor(0, 3);
        split->setStretchFactor(1, 2);
        split->setChildrenCollapsible(false);
        m_floors.push_back({split, bounds, importance, {}});
    }
    // Top floor first, as the building stands (the prototype drew the top floor on top too).
    for (std::size_t d = storeys; d-- > 0;)
        m_tabs->addTab(m_floors[d].page, d + 1 == storeys ? tr("Floor %1 (top)").arg(d + 1)
                                                          : tr("Floor %1").arg(d + 1));
    m_tabs->addTab(m_gapPage, tr("Gap"));
    m_tabs->setCurrentIndex(0);
}

PlotView* UncertaintyPanel::boundsPlot(int floor) const
{
    return floor >= 1 && static_cast<std::size_t>(floor) <= m_floors.size()
               ? m_floors[static_cast<std::size_t>(floor - 1)].bounds
               : nullptr;
}

PlotView* UncertaintyPanel::importancePlot(int floor) const
{
    return floor >= 1 && static_cast<std::size_t>(floor) <= m_floors.size()
               ? m_floors[static_cast<std::size_t>(floor - 1)].importance
               : nullptr;
}

void UncertaintyPanel::onProfileChanged()
{
    const model::Profile& p = m_active.profile();
    m_form->setProfile(p, m_active.label());
    rebuildFloorTabs(p.storeys());
    if (m_result && m_result->nominal.size() != p.storeys()) {
        m_result.reset(); // drawn for another number of floors
        m_resultInput.reset();
        forgetResult();
        redraw();
    }
    if (!m_updating)
        inputsChanged();
}

void UncertaintyPanel::onFormChanged()
{
    if (!m_updating)
        inputsChanged();
}

ParameterSpreadEditor* UncertaintyPanel::spreadEditor() const
{
    return m_form->spreadEditor();
}

NumberField* UncertaintyPanel::fminField() const
{
    return m_form->fminField();
}

uq::UncertaintyInput UncertaintyPanel::currentInput(InputIssues* issues) const
{
    return m_form->input(m_active.profile(), issues);
}

std::optional<AnalysisPanel::Run> UncertaintyPanel::prepareRun(InputIssues& issues)
{
    const uq::UncertaintyInput input = currentInput(&issues);
    if (!issues.empty())
        return std::nullopt;
    Run run;
    // Compared as JSON: an edit that is undone, or a key re-applied unchanged, is no change.
    run.input = io::uncertaintyInputToJson(input);
    run.work = [this, input](Progress& progress, const ShowPartial& partial) -> Outcome {
        // Off the GUI thread: `this` is only used by the code shown on the GUI thread.
        // Each finished method is shown at once.
        const auto onStage = [this, &partial, &input](const uq::UncertaintyResult& sofar) {
            auto copy = std::make_shared<uq::UncertaintyResult>(sofar);
            partial([this, copy, input] { showResult(*copy, input); });
        };
        auto result = std::make_shared<uq::UncertaintyResult>(
            uq::runUncertainty(input, progress, onStage));
        Outcome out;
        out.summary = runSummary(*result);
        out.seed = input.seed;
        out.show = [this, result, input] { showResult(*result, input); };
        return out;
    };
    return run;
}

void UncertaintyPanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void UncertaintyPanel::showStale(bool)
{
    redraw();
}

QString UncertaintyPanel::stageText(const QString& stage) const
{
    uq::UqMethod m;
    if (uq::parseUqMethod(stage.toStdString(), m))
        return QString::fromUtf8(uq::uqMethodLabel(m));
    if (stage == QLatin1String("grid"))
        return tr("frequency grid and nominal FRF");
    return stage;
}

void UncertaintyPanel::showInput(const uq::UncertaintyInput& in)
{
    m_form->setInput(in);
    if (!m_updating)
        inputsChanged();
}

void UncertaintyPanel::applyPrototypeDefaults()
{
    m_updating = true;
    m_active.setProfile(*model::preset("full-scale"), 0, false);
    m_updating = false;
    uq::UncertaintyInput defaults; // full-scale, ±10 %, floor 2, 5–200 rad/s, adaptive
    showInput(defaults);
}

void UncertaintyPanel::showResult(const uq::UncertaintyResult& result,
                                  const uq::UncertaintyInput& input)
{
    m_result = result;
    m_resultInput = input;
    redraw();
}

void UncertaintyPanel::applyKey()
{
    for (const auto& f : m_floors)
        for (const auto& [name, id] : f.ids)
            f.bounds->setSeriesVisible(id, m_key->isShown(name));
}

void UncertaintyPanel::redraw()
{
    if (!m_result) {
        for (auto& f : m_floors) {
            f.bounds->clear();
            f.importance->clear();
        }
        m_gapPlot->clear();
        m_key->setEntries({});
        updateSummary();
        return;
    }
    const uq::UncertaintyResult& r = *m_result;
    UqPlotOptions options;
    options.magnitudeScale = static_cast<AxisScale>(m_magnitudeScale->currentData().toInt());
    options.percentileBand = m_percentileBand->isChecked();
    const QString stale = isStale() ? tr(" — previous inputs") : QString();
    const QString quantity = QString::fromLatin1(dynamics::frfQuantityName(r.quantity));
    for (std::size_t d = 0; d < m_floors.size() && d < r.nominal.size(); ++d) {
        FloorPlots& f = m_floors[d];
        f.bounds->setTitle(tr("Floor %1: %2 bounds, force at floor %3%4")
                               .arg(d + 1)
                               .arg(quantity)
                               .arg(r.inputFloor)
                               .arg(stale));
        f.ids = drawUqFloorBounds(*f.bounds, r, d, options);
        f.importance->setTitle(
            r.importance.shares.empty()
                ? tr("Floor %1: parameter importance needs the optimised method").arg(d + 1)
                : tr("Floor %1: which parameter moves |H| most%2").arg(d + 1).arg(stale));
        drawUqImportance(*f.importance, r, d);
    }
    m_key->setEntries(uqBoundsKey(r, options));
    applyKey();
    const double tolerance = m_resultInput ? m_resultInput->verifiedTolerance : r.verified.tolerance;
    drawUqGap(*m_gapPlot, r, tolerance);
    m_gapPlot->setTitle(r.gap.empty() ? tr("Gap: needs the verified and optimised methods")
                                      : tr("Gap between verified outer and optimised inner%1").arg(stale));
    updateSummary();
}

QString UncertaintyPanel::summaryText() const
{
    return m_summary->text();
}

void UncertaintyPanel::updateSummary()
{
    if (!m_result) {
        m_summary->setText(tr("No results yet: press Run."));
        m_gapLabel->clear();
        return;
    }
    const uq::UncertaintyResult& r = *m_result;
    QStringList lines;
    QStringList methods;
    for (const auto& m : r.methods)
        methods << tr("<b>%1</b> %2").arg(QString::fromStdString(m.label).toHtmlEscaped(),
                                          seconds(m.seconds));
    if (!isResultComplete() && m_resultInput) {
        for (auto m : m_resultInput->methods)
            if (!r.find(m))
                methods << tr("<i>%1: %2</i>")
                               .arg(QString::fromUtf8(uq::uqMethodLabel(m)),
                                    isRunning() ? tr("running…") : tr("not finished"));
    }
    lines << tr("%1 frequencies, %2 grid. %3.")
                 .arg(r.frequencyHz.size())
                 .arg(QString::fromLatin1(uq::uqGridModeName(
                     m_resultInput ? m_resultInput->gridMode : uq::UqGridMode::Explicit)))
                 .arg(methods.join(QStringLiteral(", ")));
    m_summary->setToolTip(QString::fromStdString(r.grid.description));
    const QWidget* page = m_tabs->currentWidget();
    for (std::size_t d = 0; d < m_floors.size(); ++d)
        if (m_floors[d].page == page)
            if (const QString peaks = uqDominantAtPeaks(r, d); !peaks.isEmpty())
                lines << tr("Floor %1, largest share of the |H| swing at the peaks: %2.")
                             .arg(d + 1)
                             .arg(peaks);
    QString gapText;
    if (!r.gap.empty()) {
        gapText = tr("Worst gap between verified outer and optimised inner: <b>%1 %</b> "
                     "(target %2 %; %3 of %4 bound problems stopped on the budget of %5 boxes; "
                     "the branch and bound raised the inner bound at %6 of %7 points).")
                      .arg(100.0 * r.worstGap, 0, 'g', 3)
                      .arg(100.0 * r.verified.tolerance, 0, 'g', 3)
                      .arg(r.verified.unconverged)
                      .arg(r.verified.problems)
                      .arg(m_resultInput ? static_cast<qulonglong>(m_resultInput->maxBoxesPerBound) : 0ULL)
                      .arg(r.verified.raised)
                      .arg(r.gap.size() * r.frequencyHz.size());
        lines << gapText;
    }
    if (!r.sampledStatement.empty())
        lines << QString::fromStdString(r.sampledStatement).toHtmlEscaped();
    if (isStale())
        lines.prepend(tr("<b>Previous inputs.</b>"));
    m_summary->setText(lines.join(QStringLiteral("<br>")));
    m_gapLabel->setText(gapText.isEmpty() ? tr("Run the verified and optimised methods to see "
                                               "how tight the bounds are.")
                                          : gapText);
}

QList<ToolPanel::NamedPlot> UncertaintyPanel::plots() const
{
    QList<NamedPlot> list;
    for (std::size_t d = m_floors.size(); d-- > 0;) {
        list.push_back({QStringLiteral("floor%1_bounds").arg(d + 1), m_floors[d].bounds});
        list.push_back({QStringLiteral("floor%1_importance").arg(d + 1), m_floors[d].importance});
    }
    list.push_back({QStringLiteral("gap"), m_gapPlot});
    return list;
}

PlotView* UncertaintyPanel::currentPlot() const
{
    QWidget* page = m_tabs->currentWidget();
    for (const auto& f : m_floors)
        if (f.page == page)
            return f.bounds;
    return m_gapPlot;
}

nlohmann::json UncertaintyPanel::reportInput() const
{
    InputIssues issues;
    const uq::UncertaintyInput input = currentInput(&issues);
    nlohmann::json j;
    if (issues.empty()) {
        j = io::uncertaintyInputToJson(input);
    } else {
        addIssues(j, issues);
    }
    j["profile_label"] = m_active.label().toStdString();
    j["magnitude_scale"] = m_magnitudeScale->currentIndex() == 1 ? "log" : "db";
    j["percentile_band"] = m_percentileBand->isChecked();
    return j;
}

nlohmann::json UncertaintyPanel::reportResult() const
{
    if (!m_result)
        return nlohmann::json::object();
    nlohmann::json j = io::uncertaintyResultToJson(*m_result);
    j["complete"] = isResultComplete();
    j["stale"] = isStale();
    return j;
}

void UncertaintyPanel::applyInput(const nlohmann::json& json)
{
    if (!json.is_object())
        return;
    nlohmann::json keys = json;
    keys.erase("profile"); // the panel works on the active profile
    uq::UncertaintyInput input = currentInput();
    InputIssues issues;
    io::readUncertaintyInput(keys, input, issues);
    if (keys.contains("magnitude_scale") && keys["magnitude_scale"].is_string())
        m_magnitudeScale->setCurrentIndex(keys["magnitude_scale"] == "log" ? 1 : 0);
    if (keys.contains("percentile_band") && keys["percentile_band"].is_boolean())
        m_percentileBand->setChecked(keys["percentile_band"].get<bool>());
    showInput(input);
    for (const auto& i : issues)
        emit statusMessage(QString::fromStdString(i.message));
}

void UncertaintyPanel::saveSettings(QSettings& s) const
{
    nlohmann::json input = reportInput();
    input.erase("profile");
    input.erase("profile_label");
    if (!input.contains("issues"))
        s.setValue(QStringLiteral("input"), QString::fromStdString(input.dump()));
    s.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

void UncertaintyPanel::restoreSettings(QSettings& s)
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

void UncertaintyPanel::showEvent(QShowEvent* event)
{
    AnalysisPanel::showEvent(event);
    // Meaningful content on first sight: run the remembered (or default) inputs once.
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!hasResult() && canRun())
            QTimer::singleShot(0, this, &UncertaintyPanel::run);
    }
}

} // namespace dtop::widgets
