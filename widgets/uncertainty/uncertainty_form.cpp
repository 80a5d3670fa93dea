// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/uncertainty/uncertainty_form.h"

#include "uq/chain_model.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"
#include "widgets/uncertainty/parameter_spread_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <numbers>
#include <set>
#include <utility>

namespace dtop::widgets {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
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

// The fields of this form show 6 significant digits and keep the exact value.
NumberField* numberField(QWidget* parent, double displayFactor = 1.0)
{
    NumberField::Options options;
    options.displayDigits = 6;
    options.displayFactor = displayFactor;
    return new NumberField(options, parent);
}
} // namespace

UncertaintyForm::UncertaintyForm(QWidget* parent) : QWidget(parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 4, 0);
    column->addWidget(buildModel());
    column->addWidget(buildSpreads());
    column->addWidget(buildFrequencies());
    column->addWidget(buildMethods());
    column->addStretch(1);

    // Every input edit is a change (the panel revalidates and marks its results stale).
    for (NumberField* f : {m_scaleAll, m_sds, m_fmin, m_fmax, m_tolerance})
        connect(f, &NumberField::edited, this, &UncertaintyForm::onEdited);
    for (QSpinBox* s : {m_inputFloor, m_points, m_samples, m_maxVertices, m_maxBoxes})
        connect(s, &QSpinBox::valueChanged, this, &UncertaintyForm::onEdited);
    for (QComboBox* c : {m_quantity, m_gridMode, m_sampling})
        connect(c, &QComboBox::currentIndexChanged, this, &UncertaintyForm::onEdited);
    for (QLineEdit* e : {m_seed, m_percentiles, m_frequencies})
        connect(e, &QLineEdit::textChanged, this, &UncertaintyForm::onEdited);
    for (auto& [m, box] : m_methods)
        connect(box, &QCheckBox::toggled, this, &UncertaintyForm::onEdited);
    connect(m_spreads, &ParameterSpreadEditor::changed, this, &UncertaintyForm::onEdited);

    m_fieldWidgets = {{"input_floor", m_inputFloor}, {"scale", m_scaleAll},
                      {"sds_per_half_width", m_sds}, {"fmin", m_fmin},
                      {"fmax", m_fmax},               {"points", m_points},
                      {"frequencies", m_frequencies}, {"methods", m_methodBox},
                      {"samples", m_samples},         {"seed", m_seed},
                      {"percentiles", m_percentiles}, {"max_vertices", m_maxVertices},
                      {"tolerance", m_tolerance},     {"max_boxes", m_maxBoxes}};
}

QWidget* UncertaintyForm::buildModel()
{
    // Model and excitation.
    auto* modelBox = new QGroupBox(tr("Model and excitation"), this);
    auto* modelLayout = new QFormLayout(modelBox);
    m_profileLabel = new QLabel(modelBox);
    m_profileLabel->setWordWrap(true);
    m_profileLabel->setToolTip(tr("The active profile (Profile menu, Structure tool): its m, k, c "
                                  "are the nominal values, in their own SI units"));
    auto* preset = new QPushButton(tr("Prototype defaults (full-scale)"), modelBox);
    preset->setToolTip(tr("The prototype's uncertainty page: the full-scale preset as the active "
                          "profile, ±10 % on all parameters, force at floor 2, 5–200 rad/s "
                          "(0.796–31.8 Hz), adaptive grid, all four methods"));
    connect(preset, &QPushButton::clicked, this, &UncertaintyForm::prototypeDefaultsRequested);
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
    return modelBox;
}

QWidget* UncertaintyForm::buildSpreads()
{
    // Parameter intervals.
    auto* spreadBox = new QGroupBox(tr("Parameter intervals"), this);
    auto* spreadLayout = new QVBoxLayout(spreadBox);
    auto* globalRow = new QHBoxLayout;
    m_scaleAll = numberField(spreadBox);
    m_scaleAll->setMaximumWidth(60);
    m_scaleAll->setToolTip(tr("Scale all: multiplies the half-width of every interval (1 = as "
                              "given, 0 = no uncertainty)"));
    m_allPercent = numberField(spreadBox);
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
    m_sds = numberField(spreadBox);
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
    return spreadBox;
}

QWidget* UncertaintyForm::buildFrequencies()
{
    // Frequencies.
    auto* freqBox = new QGroupBox(tr("Frequencies"), this);
    auto* freqLayout = new QFormLayout(freqBox);
    auto* range = new QHBoxLayout;
    m_fmin = numberField(freqBox);
    m_fmax = numberField(freqBox);
    m_fmin->setToolTip(tr("Lowest frequency [Hz]"));
    m_fmax->setToolTip(tr("Highest frequency [Hz]"));
    m_omegaRange = new QLabel(freqBox);
    m_omegaRange->setStyleSheet(QStringLiteral("font-style: italic;")); // not grey: grey reads as disabled
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
    return freqBox;
}

QWidget* UncertaintyForm::buildMethods()
{
    // Methods, each with its settings.
    m_methodBox = new QGroupBox(tr("Methods"), this);
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
    m_tolerance = numberField(m_methodBox, 100.0);
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
    return m_methodBox;
}


uq::UncertaintyInput UncertaintyForm::input(const model::Profile& profile, InputIssues* issuesOut) const
{
    InputIssues parse;
    uq::UncertaintyInput in;
    in.profile = profile;
    in.parameters = m_spreads->spreads(parse);
    auto number = [&](const NumberField* f, const char* field, const char* unit, double& out) {
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

void UncertaintyForm::updateGridWidgets()
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

void UncertaintyForm::showIssues(const InputIssues& issues)
{
    std::map<std::string, std::string> byField;
    for (const auto& i : issues)
        byField.emplace(i.field, i.message);
    for (const auto& [field, widget] : m_fieldWidgets) {
        const auto it = byField.find(field);
        const QString message = it != byField.end() ? QString::fromStdString(it->second) : QString();
        if (widget == m_methodBox)
            m_methodBox->setTitle(message.isEmpty() ? tr("Methods") : tr("Methods — choose at least one"));
        else
            markFieldIssue(widget, message);
    }
    // Unreadable text keeps the defaults' scale (1) and shape width (3 sd) for the live box.
    m_spreads->showBox(m_scaleAll->value().value_or(1.0), m_sds->value().value_or(3.0), issues);
    updateGridWidgets();
}

void UncertaintyForm::setInput(const uq::UncertaintyInput& in)
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
}

void UncertaintyForm::setProfile(const model::Profile& profile, const QString& label)
{
    const bool updating = std::exchange(m_updating, true);
    m_profileLabel->setText(label);
    m_spreads->setNominal(uq::ChainModel::nominalParameters(profile), profile.storeys());
    m_inputFloor->setRange(1, static_cast<int>(profile.storeys()));
    m_updating = updating;
}

void UncertaintyForm::onEdited()
{
    if (!m_updating)
        emit changed();
}

} // namespace dtop::widgets
