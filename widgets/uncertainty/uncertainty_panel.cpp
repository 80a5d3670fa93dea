// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/uncertainty/uncertainty_panel.h"

#include "io/uncertainty_json.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/analysis_runner.h"
#include "models/workspace_session.h"
#include "uq/chain_model.h"
#include "widgets/exact_number_edit.h"
#include "widgets/plot_view.h"
#include "widgets/uncertainty/parameter_spread_editor.h"
#include "widgets/uncertainty/uncertainty_plots.h"
#include "widgets/uncertainty/uq_method_key.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEventLoop>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <numbers>
#include <set>

namespace dtop::widgets {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
const QString kInvalidStyle = QStringLiteral("background: #ffdcdc;");
constexpr uq::UqMethod kMethodOrder[] = {uq::UqMethod::Sampled, uq::UqMethod::Vertex,
                                         uq::UqMethod::Optimised, uq::UqMethod::Verified,
                                         uq::UqMethod::Cartesian};

QString methodTip(uq::UqMethod m)
{
    switch (m) {
    case uq::UqMethod::Sampled:
        return QObject::tr("Extremes (and percentile bands) of |H| over N structures drawn once "
                           "from the box and used at every frequency. An inner approximation: "
                           "never call it a bound.");
    case uq::UqMethod::Vertex:
        return QObject::tr("Extremes over the 2^p corners of the box (a seeded subset when there "
                           "are more than 'max vertices'). Inner: exact only where |H| is "
                           "monotone in every parameter, which fails near the modes.");
    case uq::UqMethod::Optimised:
        return QObject::tr("Per frequency, |H| maximised and minimised over the box by a "
                           "bound-constrained local optimiser with analytic gradients, started "
                           "from the best vertices and samples and from the neighbouring "
                           "frequency. Inner, best found: every value is attained by a structure "
                           "in the box. Also gives the per-frequency importance.");
    case uq::UqMethod::Verified:
        return QObject::tr("Branch and bound with rigorous, outward-rounded enclosures: every "
                           "structure in the box has |H| inside these curves at each frequency "
                           "of the grid. Refined until within the tolerance of the inner bound "
                           "or until the box budget is spent; the gap is reported.");
    case uq::UqMethod::Cartesian:
        return QObject::tr("The prototype's method, kept for comparison: 30 masses × 30 "
                           "stiffnesses along the box diagonal and two damping corners. A far "
                           "inner approximation near the modes.");
    }
    return {};
}

QString joinNumbers(const std::vector<double>& values)
{
    QStringList parts;
    for (double v : values)
        parts << QString::number(v, 'g', 17);
    return parts.join(QStringLiteral(", "));
}

// "5, 50, 95" → numbers; false if any item is not a number.
bool parseNumberList(const QString& text, std::vector<double>& out)
{
    out.clear();
    const auto items = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        const auto v = parseNumber(item);
        if (!v)
            return false;
        out.push_back(*v);
    }
    return true;
}

QString seconds(double s)
{
    return s < 1.0 ? QObject::tr("%1 ms").arg(s * 1e3, 0, 'f', 0)
                   : QObject::tr("%1 s").arg(s, 0, 'f', 2);
}

QString stageText(const QString& stage)
{
    uq::UqMethod m;
    if (uq::parseUqMethod(stage.toStdString(), m))
        return QString::fromUtf8(uq::uqMethodLabel(m));
    if (stage == QLatin1String("grid"))
        return QObject::tr("frequency grid and nominal FRF");
    return stage;
}
} // namespace

UncertaintyPanel::UncertaintyPanel(PanelContext& context, QWidget* parent)
    : ToolPanel(parent), m_active(context.activeProfile), m_session(context.session),
      m_runner(new models::AnalysisRunner(this))
{
    QWidget* inputs = buildInputs();
    QWidget* plots = buildPlots();
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(inputs);
    split->addWidget(plots);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_runner, &models::AnalysisRunner::started, this, [this] { setRunning(true); });
    connect(m_runner, &models::AnalysisRunner::progressChanged, this,
            [this](double fraction, const QString& stage) {
                m_progress->setValue(static_cast<int>(std::lround(1000.0 * fraction)));
                if (!stage.isEmpty())
                    m_status->setText(tr("Running: %1…").arg(stageText(stage)));
            });
    connect(m_runner, &models::AnalysisRunner::finished, this, [this] {
        setRunning(false);
        m_status->setText(tr("Done in %1.").arg(seconds(m_lastSeconds)));
    });
    connect(m_runner, &models::AnalysisRunner::cancelled, this, [this] {
        setRunning(false);
        m_status->setText(m_stoppedByEdit
                              ? tr("Inputs changed: run stopped. Press Run for the new inputs.")
                              : tr("Cancelled: only the methods that finished are shown."));
        m_stoppedByEdit = false;
    });
    connect(m_runner, &models::AnalysisRunner::failed, this, [this](const QString& message) {
        setRunning(false);
        m_status->setText(tr("Failed: %1").arg(message));
    });
    connect(&m_active, &models::ActiveProfile::changed, this, &UncertaintyPanel::onProfileChanged);

    auto* runKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    runKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(runKey, &QShortcut::activated, this, &UncertaintyPanel::run);
    auto* cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    cancelKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(cancelKey, &QShortcut::activated, this, &UncertaintyPanel::cancel);

    m_updating = true;
    onProfileChanged();
    showInput(uq::UncertaintyInput{}); // the prototype's settings on the active profile
    m_updating = false;
    onInputChanged();
}

UncertaintyPanel::~UncertaintyPanel() = default;

QWidget* UncertaintyPanel::buildInputs()
{
    auto* form = new QWidget(this);
    auto* column = new QVBoxLayout(form);
    column->setContentsMargins(0, 0, 4, 0);

    // Model and excitation.
    auto* modelBox = new QGroupBox(tr("Model and excitation"), form);
    auto* modelLayout = new QFormLayout(modelBox);
    m_profileLabel = new QLabel(modelBox);
    m_profileLabel->setWordWrap(true);
    m_profileLabel->setToolTip(tr("The active profile (Profile menu, Structure tool): its m, k, c "
                                  "are the nominal values, in their own SI units"));
    auto* preset = new QPushButton(tr("Prototype defaults (full-scale)"), modelBox);
    preset->setToolTip(tr("The prototype's uncertainty page: the full-scale preset as the active "
                          "profile, ±10 % on all parameters, force at floor 2, 5–200 rad/s "
                          "(0.796–31.8 Hz), adaptive grid, all four methods"));
    connect(preset, &QPushButton::clicked, this, &UncertaintyPanel::applyPrototypeDefaults);
    m_inputFloor = new QSpinBox(modelBox);
    m_inputFloor->setToolTip(tr("Floor where the unit harmonic force acts (1 = lowest)"));
    m_quantity = new QComboBox(modelBox);
    for (auto q : {dynamics::FrfQuantity::Receptance, dynamics::FrfQuantity::Mobility,
                   dynamics::FrfQuantity::Accelerance})
        m_quantity->addItem(QStringLiteral("%1 [%2]").arg(
                                QString::fromLatin1(dynamics::frfQuantityName(q)),
                                QString::fromUtf8(dynamics::frfQuantityUnit(q))),
                            static_cast<int>(q));
    m_quantity->setToolTip(tr("Response per unit force: displacement, velocity or acceleration"));
    modelLayout->addRow(tr("Profile"), m_profileLabel);
    modelLayout->addRow(QString(), preset);
    modelLayout->addRow(tr("Force at floor"), m_inputFloor);
    modelLayout->addRow(tr("FRF"), m_quantity);

    // Parameter intervals.
    auto* spreadBox = new QGroupBox(tr("Parameter intervals"), form);
    auto* spreadLayout = new QVBoxLayout(spreadBox);
    auto* globalRow = new QHBoxLayout;
    m_scaleAll = new ExactNumberEdit(spreadBox);
    m_scaleAll->setMaximumWidth(60);
    m_scaleAll->setToolTip(tr("Scale all: multiplies the half-width of every interval (1 = as "
                              "given, 0 = no uncertainty)"));
    m_allPercent = new ExactNumberEdit(spreadBox);
    m_allPercent->setValue(10.0);
    m_allPercent->setMaximumWidth(50);
    m_allPercent->setToolTip(tr("Percent used by 'Set all'"));
    auto* setAll = new QPushButton(tr("Set all"), spreadBox);
    setAll->setToolTip(tr("Give every parameter ± this percent of its nominal value"));
    globalRow->addWidget(new QLabel(tr("Scale all ×"), spreadBox));
    globalRow->addWidget(m_scaleAll);
    globalRow->addSpacing(12);
    globalRow->addWidget(new QLabel(tr("±"), spreadBox));
    globalRow->addWidget(m_allPercent);
    globalRow->addWidget(new QLabel(tr("%"), spreadBox));
    globalRow->addWidget(setAll);
    globalRow->addStretch(1);
    m_spreads = new ParameterSpreadEditor(spreadBox);
    auto* sdsRow = new QHBoxLayout;
    m_sds = new ExactNumberEdit(spreadBox);
    m_sds->setMaximumWidth(50);
    m_sds->setToolTip(tr("Normal and lognormal shapes: standard deviation = half-width / this "
                         "(3: the interval is ±3 sd)"));
    sdsRow->addWidget(new QLabel(tr("Normal/lognormal: half-width ="), spreadBox));
    sdsRow->addWidget(m_sds);
    sdsRow->addWidget(new QLabel(tr("sd"), spreadBox));
    sdsRow->addStretch(1);
    spreadLayout->addLayout(globalRow);
    spreadLayout->addWidget(m_spreads);
    spreadLayout->addLayout(sdsRow);
    connect(setAll, &QPushButton::clicked, this, [this] {
        if (const auto p = m_allPercent->value())
            m_spreads->setAllPercent(*p);
    });

    // Frequencies.
    auto* freqBox = new QGroupBox(tr("Frequencies"), form);
    auto* freqLayout = new QFormLayout(freqBox);
    auto* range = new QHBoxLayout;
    m_fmin = new ExactNumberEdit(freqBox);
    m_fmax = new ExactNumberEdit(freqBox);
    m_fmin->setToolTip(tr("Lowest frequency [Hz]"));
    m_fmax->setToolTip(tr("Highest frequency [Hz]"));
    m_omegaRange = new QLabel(freqBox);
    m_omegaRange->setStyleSheet(QStringLiteral("color: palette(mid);"));
    range->addWidget(m_fmin);
    range->addWidget(new QLabel(QStringLiteral("–"), freqBox));
    range->addWidget(m_fmax);
    range->addWidget(new QLabel(tr("Hz"), freqBox));
    range->addWidget(m_omegaRange, 1);
    m_gridMode = new QComboBox(freqBox);
    m_gridMode->addItem(tr("adaptive"), static_cast<int>(uq::UqGridMode::Adaptive));
    m_gridMode->addItem(tr("fixed (linear)"), static_cast<int>(uq::UqGridMode::Linear));
    m_gridMode->addItem(tr("explicit list"), static_cast<int>(uq::UqGridMode::Explicit));
    m_gridMode->setToolTip(tr("Adaptive: a base grid plus every resonance band of the box refined "
                              "to a step ≤ ζ·f/2, with the nominal peaks added. Fixed: evenly "
                              "spaced points. Explicit: exactly the listed frequencies."));
    m_points = new QSpinBox(freqBox);
    m_points->setRange(2, static_cast<int>(uq::kMaxUqGridPoints));
    m_points->setToolTip(tr("Adaptive: points of the base grid; fixed: all points"));
    m_frequencies = new QLineEdit(freqBox);
    m_frequencies->setPlaceholderText(tr("f1, f2, … [Hz]"));
    m_frequencies->setToolTip(tr("Evaluate exactly at these frequencies [Hz], comma-separated"));
    freqLayout->addRow(tr("Range"), range);
    freqLayout->addRow(tr("Grid"), m_gridMode);
    freqLayout->addRow(tr("Points"), m_points);
    freqLayout->addRow(tr("List [Hz]"), m_frequencies);

    // Methods, each with its settings.
    m_methodBox = new QGroupBox(tr("Methods"), form);
    auto* methodLayout = new QFormLayout(m_methodBox);
    for (auto m : kMethodOrder) {
        auto* box = new QCheckBox(QString::fromUtf8(uq::uqMethodLabel(m)), m_methodBox);
        box->setToolTip(methodTip(m));
        m_methods[m] = box;
    }
    m_samples = new QSpinBox(m_methodBox);
    m_samples->setRange(1, 10'000'000);
    m_samples->setGroupSeparatorShown(true);
    m_samples->setToolTip(tr("Number of common parameter sets N (one set for all frequencies)"));
    m_sampling = new QComboBox(m_methodBox);
    for (auto s : {uq::SamplingMethod::Sobol, uq::SamplingMethod::LatinHypercube,
                   uq::SamplingMethod::MonteCarlo})
        m_sampling->addItem(QString::fromLatin1(uq::samplingMethodName(s)), static_cast<int>(s));
    m_sampling->setToolTip(tr("Sobol' low-discrepancy points (randomised by the seed), Latin "
                              "hypercube, or independent Monte Carlo"));
    m_seed = new QLineEdit(m_methodBox);
    m_seed->setMaximumWidth(90);
    m_seed->setToolTip(tr("Seed of the samples and of a vertex subset: the same seed gives the "
                          "same result"));
    m_percentiles = new QLineEdit(m_methodBox);
    m_percentiles->setToolTip(tr("Percentile bands of the sampled |H| [%], comma-separated; the "
                                 "outermost pair is drawn as a band"));
    m_maxVertices = new QSpinBox(m_methodBox);
    m_maxVertices->setRange(1, 1'000'000);
    m_maxVertices->setToolTip(tr("All 2^p corners when there are at most this many, else this "
                                 "many corners drawn with the seed"));
    m_tolerance = new ExactNumberEdit(m_methodBox, 100.0);
    m_tolerance->setMaximumWidth(60);
    m_tolerance->setToolTip(tr("Target gap between verified outer and optimised inner, % of the "
                               "inner value"));
    m_maxBoxes = new QSpinBox(m_methodBox);
    m_maxBoxes->setRange(1, 10'000'000);
    m_maxBoxes->setToolTip(tr("Branch-and-bound budget per frequency, floor and side: more boxes "
                              "give a tighter outer bound and take longer"));
    auto* sampledRow = new QHBoxLayout;
    sampledRow->addWidget(new QLabel(tr("N"), m_methodBox));
    sampledRow->addWidget(m_samples);
    sampledRow->addWidget(m_sampling);
    sampledRow->addWidget(new QLabel(tr("seed"), m_methodBox));
    sampledRow->addWidget(m_seed);
    auto* verifiedRow = new QHBoxLayout;
    verifiedRow->addWidget(new QLabel(tr("tolerance"), m_methodBox));
    verifiedRow->addWidget(m_tolerance);
    verifiedRow->addWidget(new QLabel(tr("%  boxes"), m_methodBox));
    verifiedRow->addWidget(m_maxBoxes);
    verifiedRow->addStretch(1);
    auto* vertexRow = new QHBoxLayout;
    vertexRow->addWidget(new QLabel(tr("max vertices"), m_methodBox));
    vertexRow->addWidget(m_maxVertices);
    vertexRow->addStretch(1);
    methodLayout->addRow(m_methods[uq::UqMethod::Sampled]);
    methodLayout->addRow(sampledRow);
    methodLayout->addRow(tr("percentiles [%]"), m_percentiles);
    methodLayout->addRow(m_methods[uq::UqMethod::Vertex]);
    methodLayout->addRow(vertexRow);
    methodLayout->addRow(m_methods[uq::UqMethod::Optimised]);
    methodLayout->addRow(m_methods[uq::UqMethod::Verified]);
    methodLayout->addRow(verifiedRow);
    methodLayout->addRow(m_methods[uq::UqMethod::Cartesian]);

    column->addWidget(modelBox);
    column->addWidget(spreadBox);
    column->addWidget(freqBox);
    column->addWidget(m_methodBox);
    column->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(450);

    // Run controls stay visible below the scrolling form.
    m_issueLabel = new QLabel(this);
    m_issueLabel->setWordWrap(true);
    m_issueLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_issueLabel->hide();
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_progress->hide();
    m_status = new QLabel(tr("Press Run (Ctrl+Enter)."), this);
    m_status->setWordWrap(true);
    m_run = new QPushButton(tr("Run"), this);
    m_run->setDefault(true);
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_run->setToolTip(tr("Compute the bounds (Ctrl+Enter); the cheap methods appear first"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the computation (Esc); finished methods stay on screen"));
    m_cancel->setEnabled(false);
    connect(m_run, &QPushButton::clicked, this, &UncertaintyPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &UncertaintyPanel::cancel);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run, 1);
    buttons->addWidget(m_cancel);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(scroll, 1);
    sideLayout->addWidget(m_issueLabel);
    sideLayout->addWidget(m_progress);
    sideLayout->addWidget(m_status);
    sideLayout->addLayout(buttons);

    // Every input edit revalidates and marks the results stale.
    for (ExactNumberEdit* f : {m_scaleAll, m_sds, m_fmin, m_fmax, m_tolerance})
        connect(f, &ExactNumberEdit::valueChanged, this, &UncertaintyPanel::onInputChanged);
    for (QSpinBox* s : {m_inputFloor, m_points, m_samples, m_maxVertices, m_maxBoxes})
        connect(s, &QSpinBox::valueChanged, this, &UncertaintyPanel::onInputChanged);
    for (QComboBox* c : {m_quantity, m_gridMode, m_sampling})
        connect(c, &QComboBox::currentIndexChanged, this, &UncertaintyPanel::onInputChanged);
    for (QLineEdit* e : {m_seed, m_percentiles, m_frequencies})
        connect(e, &QLineEdit::textChanged, this, &UncertaintyPanel::onInputChanged);
    for (auto& [m, box] : m_methods)
        connect(box, &QCheckBox::toggled, this, &UncertaintyPanel::onInputChanged);
    connect(m_spreads, &ParameterSpreadEditor::changed, this, &UncertaintyPanel::onInputChanged);

    m_fieldWidgets = {{"input_floor", m_inputFloor}, {"scale", m_scaleAll},
                      {"sds_per_half_width", m_sds}, {"fmin", m_fmin},
                      {"fmax", m_fmax},               {"points", m_points},
                      {"frequencies", m_frequencies}, {"methods", m_methodBox},
                      {"samples", m_samples},         {"seed", m_seed},
                      {"percentiles", m_percentiles}, {"max_vertices", m_maxVertices},
                      {"tolerance", m_tolerance},     {"max_boxes", m_maxBoxes}};
    return side;
}

QWidget* UncertaintyPanel::buildPlots()
{
    auto* area = new QWidget(this);
    m_staleBanner = new QLabel(tr("The inputs have changed: these results are for the previous "
                                  "inputs. Press Run to update."),
                               area);
    m_staleBanner->setWordWrap(true);
    m_staleBanner->setStyleSheet(
        QStringLiteral("background: #fff3c4; color: #5c4400; padding: 4px; border-radius: 3px;"));
    m_staleBanner->hide();
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
    layout->addWidget(m_staleBanner);
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
    // Top floor first (spec §8.8: top plot = top floor).
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
    const bool updating = m_updating;
    m_updating = true;
    m_profileLabel->setText(m_active.label());
    m_spreads->setNominal(uq::ChainModel::nominalParameters(p), p.storeys());
    m_inputFloor->setRange(1, static_cast<int>(p.storeys()));
    rebuildFloorTabs(p.storeys());
    m_updating = updating;
    if (m_result && m_result->nominal.size() != p.storeys()) {
        m_result.reset(); // drawn for another number of floors
        m_resultInput.reset();
    }
    onInputChanged();
}

uq::UncertaintyInput UncertaintyPanel::currentInput(InputIssues* issuesOut) const
{
    InputIssues parse;
    uq::UncertaintyInput in;
    in.profile = m_active.profile();
    in.parameters = m_spreads->spreads(parse);
    auto number = [&](ExactNumberEdit* f, const char* field, const char* unit, double& out) {
        if (const auto v = f->value())
            out = *v;
        else
            parse.push_back({field, std::string(field) + ": '" + f->text().toStdString() +
                                        "' is not a number" + unit});
    };
    number(m_scaleAll, "scale", "", in.scaleAll);
    number(m_sds, "sds_per_half_width", "", in.sdsPerHalfWidth);
    number(m_fmin, "fmin", " (Hz)", in.fminHz);
    number(m_fmax, "fmax", " (Hz)", in.fmaxHz);
    number(m_tolerance, "tolerance", " (%)", in.verifiedTolerance);
    in.inputFloor = m_inputFloor->value();
    in.quantity = static_cast<dynamics::FrfQuantity>(m_quantity->currentData().toInt());
    in.gridMode = static_cast<uq::UqGridMode>(m_gridMode->currentData().toInt());
    in.points = static_cast<std::size_t>(m_points->value());
    if (in.gridMode == uq::UqGridMode::Explicit &&
        !parseNumberList(m_frequencies->text(), in.frequenciesHz))
        parse.push_back({"frequencies", "frequencies: '" + m_frequencies->text().toStdString() +
                                            "' is not a comma-separated list of numbers (Hz)"});
    in.methods.clear();
    for (auto m : kMethodOrder)
        if (m_methods.at(m)->isChecked())
            in.methods.push_back(m);
    in.samples = static_cast<std::size_t>(m_samples->value());
    in.sampling = static_cast<uq::SamplingMethod>(m_sampling->currentData().toInt());
    bool ok = false;
    const qulonglong seed = m_seed->text().trimmed().toULongLong(&ok);
    if (ok)
        in.seed = seed;
    else
        parse.push_back({"seed", "seed: '" + m_seed->text().toStdString() +
                                     "' is not a whole number >= 0"});
    if (!parseNumberList(m_percentiles->text(), in.percentiles))
        parse.push_back({"percentiles", "percentiles: '" + m_percentiles->text().toStdString() +
                                            "' is not a comma-separated list of numbers (%)"});
    in.maxVertices = static_cast<std::size_t>(m_maxVertices->value());
    in.maxBoxesPerBound = static_cast<std::size_t>(m_maxBoxes->value());
    if (issuesOut) {
        // A field that does not parse is reported once, as typed.
        std::set<std::string> unreadable;
        for (const auto& i : parse)
            unreadable.insert(i.field);
        *issuesOut = parse;
        for (const auto& i : in.validate())
            if (!unreadable.count(i.field))
                issuesOut->push_back(i);
    }
    return in;
}

bool UncertaintyPanel::canRun() const
{
    return m_issueLines.isEmpty();
}

bool UncertaintyPanel::isRunning() const
{
    return m_runner->isRunning();
}

void UncertaintyPanel::onInputChanged()
{
    if (m_updating)
        return;
    InputIssues issues;
    const uq::UncertaintyInput input = currentInput(&issues);
    showIssues(issues);
    m_spreads->showBox(input.scaleAll, input.sdsPerHalfWidth, issues);
    updateGridWidgets();
    // Compared as JSON: an edit that is undone, or a key re-applied unchanged, is no change.
    const auto json = [](const uq::UncertaintyInput& in) { return io::uncertaintyInputToJson(in); };
    const bool valid = issues.empty();
    if (m_runner->isRunning() && !(valid && m_runInput && json(input) == json(*m_runInput))) {
        // The run is for the old inputs: stop it and drop what it would still deliver.
        m_stoppedByEdit = true;
        ++m_generation;
        m_runner->invalidate();
    }
    if (m_result) {
        const bool stale = !(valid && m_resultInput && json(input) == json(*m_resultInput));
        if (stale != m_stale) {
            m_stale = stale;
            m_staleBanner->setVisible(stale);
            redraw();
        }
    }
}

void UncertaintyPanel::updateGridWidgets()
{
    const auto mode = static_cast<uq::UqGridMode>(m_gridMode->currentData().toInt());
    const bool explicitList = mode == uq::UqGridMode::Explicit;
    m_fmin->setEnabled(!explicitList);
    m_fmax->setEnabled(!explicitList);
    m_points->setEnabled(!explicitList);
    m_frequencies->setEnabled(explicitList);
    const auto a = m_fmin->value(), b = m_fmax->value();
    m_omegaRange->setText(a && b ? tr("= %1–%2 rad/s").arg(*a * kTwoPi, 0, 'g', 4).arg(*b * kTwoPi, 0, 'g', 4)
                                 : QString());
    const bool sampled = m_methods.at(uq::UqMethod::Sampled)->isChecked();
    for (QWidget* w : std::initializer_list<QWidget*>{m_samples, m_sampling, m_percentiles})
        w->setEnabled(sampled);
    m_seed->setEnabled(sampled || m_methods.at(uq::UqMethod::Vertex)->isChecked());
    m_maxVertices->setEnabled(m_methods.at(uq::UqMethod::Vertex)->isChecked());
    const bool verified = m_methods.at(uq::UqMethod::Verified)->isChecked();
    m_tolerance->setEnabled(verified);
    m_maxBoxes->setEnabled(verified);
}

void UncertaintyPanel::showIssues(const InputIssues& issues)
{
    m_issueLines.clear();
    std::map<std::string, std::string> byField;
    for (const auto& i : issues) {
        m_issueLines << QString::fromStdString(i.message);
        byField.emplace(i.field, i.message);
    }
    for (const auto& [field, widget] : m_fieldWidgets) {
        const auto it = byField.find(field);
        if (widget == m_methodBox) {
            m_methodBox->setTitle(it != byField.end() ? tr("Methods — choose at least one")
                                                      : tr("Methods"));
            continue;
        }
        widget->setStyleSheet(it != byField.end() ? kInvalidStyle : QString());
        if (it != byField.end())
            widget->setProperty("issue", QString::fromStdString(it->second));
        // The message as tooltip while invalid, the field's own help otherwise.
        const QVariant hint = widget->property("hint");
        if (!hint.isValid())
            widget->setProperty("hint", widget->toolTip());
        widget->setToolTip(it != byField.end() ? QString::fromStdString(it->second)
                                               : widget->property("hint").toString());
    }
    m_issueLabel->setText(m_issueLines.join(QLatin1Char('\n')));
    m_issueLabel->setVisible(!m_issueLines.isEmpty());
    m_run->setEnabled(m_issueLines.isEmpty());
}

void UncertaintyPanel::showInput(const uq::UncertaintyInput& in)
{
    const bool updating = m_updating;
    m_updating = true;
    if (in.parameters.size() == 3 * m_spreads->storeys())
        m_spreads->setSpreads(in.parameters);
    m_scaleAll->setValue(in.scaleAll);
    m_sds->setValue(in.sdsPerHalfWidth);
    m_inputFloor->setValue(in.inputFloor);
    m_quantity->setCurrentIndex(m_quantity->findData(static_cast<int>(in.quantity)));
    m_gridMode->setCurrentIndex(m_gridMode->findData(static_cast<int>(in.gridMode)));
    m_fmin->setValue(in.fminHz);
    m_fmax->setValue(in.fmaxHz);
    m_points->setValue(static_cast<int>(std::min<std::size_t>(in.points, uq::kMaxUqGridPoints)));
    m_frequencies->setText(joinNumbers(in.frequenciesHz));
    for (auto& [m, box] : m_methods)
        box->setChecked(in.uses(m));
    m_samples->setValue(static_cast<int>(std::min<std::size_t>(in.samples, 10'000'000)));
    m_sampling->setCurrentIndex(m_sampling->findData(static_cast<int>(in.sampling)));
    m_seed->setText(QString::number(static_cast<qulonglong>(in.seed)));
    m_percentiles->setText(joinNumbers(in.percentiles));
    m_maxVertices->setValue(static_cast<int>(std::min<std::size_t>(in.maxVertices, 1'000'000)));
    m_tolerance->setValue(in.verifiedTolerance);
    m_maxBoxes->setValue(static_cast<int>(std::min<std::size_t>(in.maxBoxesPerBound, 10'000'000)));
    m_updating = updating;
    onInputChanged();
}

void UncertaintyPanel::applyPrototypeDefaults()
{
    m_updating = true;
    m_active.setProfile(*model::preset("full-scale"), 0, false);
    m_updating = false;
    uq::UncertaintyInput defaults; // full-scale, ±10 %, floor 2, 5–200 rad/s, adaptive
    showInput(defaults);
}

void UncertaintyPanel::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_cancel->setEnabled(running);
    if (running)
        m_progress->setValue(0);
}

void UncertaintyPanel::run()
{
    if (!canRun())
        return;
    const uq::UncertaintyInput input = currentInput();
    m_runInput = input;
    const quint64 generation = ++m_generation;
    m_clock.start();
    m_status->setText(tr("Running…"));
    QPointer<UncertaintyPanel> self(this);
    m_runner->start([self, input, generation](Progress& progress) -> models::AnalysisRunner::Apply {
        // Each finished method is shown at once (posted to the GUI thread, dropped if stale).
        auto onStage = [self, generation](const uq::UncertaintyResult& partial) {
            auto copy = std::make_shared<uq::UncertaintyResult>(partial);
            QMetaObject::invokeMethod(
                self.data(),
                [self, generation, copy] {
                    if (self && generation == self->m_generation && self->m_runner->isRunning())
                        self->showResult(*copy, false);
                },
                Qt::QueuedConnection);
        };
        auto result = std::make_shared<uq::UncertaintyResult>(
            uq::runUncertainty(input, progress, onStage));
        return [self, input, generation, result] {
            if (!self || generation != self->m_generation)
                return;
            self->m_lastSeconds = self->m_clock.elapsed() / 1000.0;
            self->showResult(*result, true);
            self->recordRun(input, *result);
        };
    });
}

void UncertaintyPanel::cancel()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

void UncertaintyPanel::finishPendingWork()
{
    if (m_runner->isRunning()) {
        // Let the run in progress finish (its stages arrive through the event loop).
        QEventLoop loop;
        connect(m_runner, &models::AnalysisRunner::finished, &loop, &QEventLoop::quit);
        connect(m_runner, &models::AnalysisRunner::cancelled, &loop, &QEventLoop::quit);
        connect(m_runner, &models::AnalysisRunner::failed, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if ((m_result && m_complete && !m_stale) || !canRun())
        return;
    const uq::UncertaintyInput input = currentInput();
    m_runInput = input;
    ++m_generation;
    m_clock.start();
    try {
        const uq::UncertaintyResult result = uq::runUncertainty(input);
        m_lastSeconds = m_clock.elapsed() / 1000.0;
        showResult(result, true);
        recordRun(input, result);
        m_status->setText(tr("Done in %1.").arg(seconds(m_lastSeconds)));
    } catch (const std::exception& e) {
        m_status->setText(tr("Failed: %1").arg(QString::fromUtf8(e.what())));
    }
}

void UncertaintyPanel::showResult(const uq::UncertaintyResult& result, bool complete)
{
    m_result = result;
    m_resultInput = m_runInput;
    m_complete = complete;
    m_stale = false;
    m_staleBanner->hide();
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
    const QString stale = m_stale ? tr(" — previous inputs") : QString();
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

QString UncertaintyPanel::statusText() const
{
    return m_status->text();
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
    if (!m_complete && m_resultInput) {
        for (auto m : m_resultInput->methods)
            if (!r.find(m))
                methods << tr("<i>%1: %2</i>")
                               .arg(QString::fromUtf8(uq::uqMethodLabel(m)),
                                    m_runner->isRunning() ? tr("running…") : tr("not finished"));
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
                     "(target %2 %; %3 of %4 bound problems stopped on the budget of %5 boxes).")
                      .arg(100.0 * r.worstGap, 0, 'g', 3)
                      .arg(100.0 * r.verified.tolerance, 0, 'g', 3)
                      .arg(r.verified.unconverged)
                      .arg(r.verified.problems)
                      .arg(m_resultInput ? static_cast<qulonglong>(m_resultInput->maxBoxesPerBound) : 0ULL);
        lines << gapText;
    }
    if (!r.sampledStatement.empty())
        lines << QString::fromStdString(r.sampledStatement).toHtmlEscaped();
    if (m_stale)
        lines.prepend(tr("<b>Previous inputs.</b>"));
    m_summary->setText(lines.join(QStringLiteral("<br>")));
    m_gapLabel->setText(gapText.isEmpty() ? tr("Run the verified and optimised methods to see "
                                               "how tight the bounds are.")
                                          : gapText);
}

void UncertaintyPanel::recordRun(const uq::UncertaintyInput& input,
                                 const uq::UncertaintyResult& result)
{
    nlohmann::json methods = nlohmann::json::object();
    for (const auto& m : result.methods)
        methods[uq::uqMethodName(m.method)] = {{"label", m.label}, {"seconds", m.seconds}};
    nlohmann::json summary = {{"points", result.frequencyHz.size()}, {"methods", methods}};
    if (!result.gap.empty())
        summary["worst_gap"] = std::isfinite(result.worstGap) ? nlohmann::json(result.worstGap)
                                                              : nlohmann::json();
    m_session.recordRun("uncertainty", io::uncertaintyInputToJson(input), input.seed, summary);
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
        j["issues"] = nlohmann::json::array();
        for (const auto& i : issues)
            j["issues"].push_back(i.message);
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
    j["complete"] = m_complete;
    j["stale"] = m_stale;
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
    ToolPanel::showEvent(event);
    // Meaningful content on first sight: run the remembered (or default) inputs once.
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!m_result && canRun())
            QTimer::singleShot(0, this, &UncertaintyPanel::run);
    }
}

} // namespace dtop::widgets
