// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/simulate/simulate_form.h"

#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace dtop::widgets {

namespace {
using dynamics::ExcitationKind;

constexpr ExcitationKind kKinds[] = {ExcitationKind::Hammer,     ExcitationKind::HalfSine,
                                     ExcitationKind::Random,     ExcitationKind::Sine,
                                     ExcitationKind::Sweep,      ExcitationKind::BaseMotion,
                                     ExcitationKind::RecordedForce};

// The numeric fields of one excitation kind and where they live in `e`.
std::vector<std::pair<const char*, double*>> kindFields(dynamics::Excitation& e, ExcitationKind k)
{
    switch (k) {
    case ExcitationKind::Hammer:
        return {{"hammer_peak", &e.hammer.peakN},
                {"hammer_centre", &e.hammer.centreS},
                {"hammer_width", &e.hammer.widthS}};
    case ExcitationKind::HalfSine:
        return {{"halfsine_peak", &e.halfSine.peakN},
                {"halfsine_start", &e.halfSine.startS},
                {"halfsine_duration", &e.halfSine.durationS}};
    case ExcitationKind::Random:
        return {{"random_rms", &e.random.rmsN},
                {"random_f1", &e.random.bandLowHz},
                {"random_f2", &e.random.bandHighHz}};
    case ExcitationKind::Sine:
        return {{"sine_amplitude", &e.sine.amplitudeN},
                {"sine_frequency", &e.sine.frequencyHz},
                {"sine_phase", &e.sine.phaseRad}};
    case ExcitationKind::Sweep:
        return {{"sweep_amplitude", &e.sweep.amplitudeN},
                {"sweep_f0", &e.sweep.startHz},
                {"sweep_f1", &e.sweep.endHz},
                {"sweep_start", &e.sweep.startS},
                {"sweep_duration", &e.sweep.durationS}};
    case ExcitationKind::BaseMotion:
    case ExcitationKind::RecordedForce:
        break;
    }
    return {};
}

// The other plain numeric fields of a test.
std::vector<std::pair<const char*, double*>> testFields(dynamics::SimulateInput& in)
{
    return {{"duration", &in.durationS},
            {"sample_rate", &in.sampleRateHz},
            {"mass_spread", &in.scatter.mass.spread},
            {"stiffness_spread", &in.scatter.stiffness.spread},
            {"damping_spread", &in.scatter.damping.spread},
            {"x0_sd", &in.scatter.initialDisplacementSdM},
            {"v0_sd", &in.scatter.initialVelocitySdMS},
            {"psd_overlap", &in.welch.overlap}};
}

// Issue fields that several groups share with one widget.
QString widgetFieldOf(const std::string& field)
{
    const QString f = QString::fromStdString(field);
    if (f.endsWith(QLatin1String("_truncation")))
        return QStringLiteral("truncation");
    return f;
}

QFormLayout* formLayout(QWidget* parent)
{
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setVerticalSpacing(5);
    return form;
}

QComboBox* combo(QWidget* parent, const QString& toolTip)
{
    auto* c = new QComboBox(parent);
    c->setToolTip(toolTip);
    return c;
}

void selectData(QComboBox* c, const QVariant& data)
{
    const int i = c->findData(data);
    if (i >= 0)
        c->setCurrentIndex(i);
}

QLabel* errorLabel(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #c0392b;"));
    l->hide();
    return l;
}

void showError(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}
} // namespace

SimulateForm::SimulateForm(QWidget* parent) : QWidget(parent)
{
    m_mode = combo(this, tr("Virtual test: simulate a test of the active profile.\nReplay: drive "
                            "the active profile with the force measured in a recorded test and "
                            "compare its floor velocities with the measured ones."));
    m_mode->addItem(tr("Virtual test"), static_cast<int>(Mode::Test));
    m_mode->addItem(tr("Replay a recorded test"), static_cast<int>(Mode::Replay));
    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(new QLabel(tr("Mode"), this));
    modeRow->addWidget(m_mode, 1);

    m_messages = errorLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(modeRow);
    layout->addWidget(buildReplay());
    layout->addWidget(buildExcitation());
    layout->addWidget(buildTest());
    layout->addWidget(buildScenarios());
    layout->addWidget(buildSpectra());
    layout->addWidget(m_messages);
    layout->addStretch(1);

    setStoreys(3);
    setSimulateInput(dynamics::SimulateInput{});
    for (NumberField* f : m_fields)
        connect(f, &NumberField::edited, this, &SimulateForm::changed);
    for (QComboBox* c : findChildren<QComboBox*>())
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            updateVisibility();
            updateScatterUnits();
            emit changed();
        });
    for (QLineEdit* e : {m_baseFile, m_forceFile})
        connect(e, &QLineEdit::textEdited, this, &SimulateForm::changed);
    connect(m_floor, &QSpinBox::valueChanged, this, &SimulateForm::changed);
    connect(m_randomPerScenario, &QCheckBox::toggled, this, &SimulateForm::changed);
    updateVisibility();
    updateScatterUnits();
}

NumberField* SimulateForm::field(const QString& id, const QString& unit, const QString& toolTip)
{
    auto* f = new NumberField(unit, toolTip, this);
    f->setObjectName(id);
    m_fields.insert(id, f);
    return f;
}

QWidget* SimulateForm::buildExcitation()
{
    m_excitationBox = new QGroupBox(tr("Excitation"), this);
    m_kind = combo(m_excitationBox, tr("What drives the structure"));
    m_kind->addItem(tr("Impact hammer (Gaussian pulse)"), static_cast<int>(ExcitationKind::Hammer));
    m_kind->addItem(tr("Half-sine pulse"), static_cast<int>(ExcitationKind::HalfSine));
    m_kind->addItem(tr("Random shaker force"), static_cast<int>(ExcitationKind::Random));
    m_kind->addItem(tr("Sine"), static_cast<int>(ExcitationKind::Sine));
    m_kind->addItem(tr("Swept sine"), static_cast<int>(ExcitationKind::Sweep));
    m_kind->addItem(tr("Ground acceleration (CSV)"), static_cast<int>(ExcitationKind::BaseMotion));
    m_kind->addItem(tr("Recorded force"), static_cast<int>(ExcitationKind::RecordedForce));
    m_floor = new QSpinBox(m_excitationBox);
    m_floor->setRange(1, 3);
    m_floor->setToolTip(tr("Floor the force acts on (1 = lowest). Ground motion acts through "
                           "the base under floor 1."));
    m_kindPages = new QStackedWidget(m_excitationBox);

    auto page = [this](const std::initializer_list<std::tuple<QString, QString, QString, QString>>& rows) {
        auto* w = new QWidget(m_kindPages);
        auto* form = formLayout(w);
        form->setContentsMargins(0, 0, 0, 0);
        for (const auto& [id, label, unit, tip] : rows)
            form->addRow(label, field(id, unit, tip));
        m_kindPages->addWidget(w);
        return form;
    };
    page({{"hammer_peak", tr("Peak force"), tr("N"), tr("Peak of the Gaussian force pulse F(t) = A·exp(−(t−t₀)²/2σ²) [N]; the prototype's 300 N")},
          {"hammer_centre", tr("Centre time t₀"), tr("s"), tr("Time of the pulse peak [s]; half the impulse arrives before it")},
          {"hammer_width", tr("Width σ"), tr("s"), tr("Standard deviation of the Gaussian [s] (FWHM = 2.355 σ); the prototype's 10 ms. Impulse = A·σ·√(2π)")}});
    page({{"halfsine_peak", tr("Peak force"), tr("N"), tr("Peak of the half-sine pulse F = A·sin(π(t−t₀)/τ) [N]")},
          {"halfsine_start", tr("Start time t₀"), tr("s"), tr("Time the pulse starts [s]")},
          {"halfsine_duration", tr("Duration τ"), tr("s"), tr("Length of the pulse [s]; its spectrum is flat to about 1/τ Hz")}});
    QFormLayout* random = page(
        {{"random_rms", tr("RMS force"), tr("N"), tr("RMS of the force realisation over the record [N]")},
         {"random_f1", tr("Band from f₁"), tr("Hz"), tr("Lower edge of the flat force spectrum [Hz]")},
         {"random_f2", tr("Band to f₂"), tr("Hz"), tr("Upper edge of the flat force spectrum [Hz] (≤ fs/2)")}});
    m_randomPerScenario = new QCheckBox(tr("new realisation per scenario"), this);
    m_randomPerScenario->setToolTip(tr("Draw an independent force for every Monte-Carlo scenario "
                                       "(otherwise all scenarios see the nominal's force)"));
    random->addRow(QString(), m_randomPerScenario);
    page({{"sine_amplitude", tr("Amplitude"), tr("N"), tr("Force amplitude A of F = A·sin(2πft + φ) [N]")},
          {"sine_frequency", tr("Frequency f"), tr("Hz"), tr("Forcing frequency [Hz]")},
          {"sine_phase", tr("Phase φ"), tr("rad"), tr("Phase at t = 0 [rad]; the start transient is simulated too")}});
    QFormLayout* sweep = page(
        {{"sweep_amplitude", tr("Amplitude"), tr("N"), tr("Force amplitude of the swept sine [N]")},
         {"sweep_f0", tr("Start frequency f₀"), tr("Hz"), tr("Instantaneous frequency at the start of the sweep [Hz]")},
         {"sweep_f1", tr("End frequency f₁"), tr("Hz"), tr("Instantaneous frequency at the end of the sweep [Hz]")},
         {"sweep_start", tr("Start time"), tr("s"), tr("Time the sweep starts [s]")},
         {"sweep_duration", tr("Sweep duration"), tr("s"), tr("Length of the sweep [s]; the force is 0 after it")}});
    m_sweepLaw = combo(this, tr("Linear: frequency grows at a constant rate. Logarithmic: "
                                "exponentially, equal time per octave."));
    m_sweepLaw->addItem(tr("linear"), static_cast<int>(dynamics::SweepLaw::Linear));
    m_sweepLaw->addItem(tr("logarithmic"), static_cast<int>(dynamics::SweepLaw::Logarithmic));
    sweep->addRow(tr("Law"), m_sweepLaw);

    auto holdCombo = [this] {
        QComboBox* c = combo(this, tr("How the record continues between samples: automatic "
                                      "(straight lines, or held values when straight lines "
                                      "would lose the record's impulse, as for an impact "
                                      "sampled at t = 0), straight lines (first-order hold) "
                                      "or held values (zero-order hold)"));
        c->addItem(tr("automatic (keeps the impulse)"), static_cast<int>(dynamics::SampleHold::Auto));
        c->addItem(tr("linear between samples"), static_cast<int>(dynamics::SampleHold::Linear));
        c->addItem(tr("held (zero-order)"), static_cast<int>(dynamics::SampleHold::ZeroOrder));
        return c;
    };
    auto fileRow = [this](QLineEdit*& edit, const QString& tip) {
        auto* row = new QHBoxLayout;
        edit = new QLineEdit(this);
        edit->setToolTip(tip);
        edit->setPlaceholderText(tr("CSV file"));
        auto* browse = new QPushButton(tr("Browse…"), this);
        browse->setToolTip(tip);
        row->addWidget(edit, 1);
        row->addWidget(browse);
        QLineEdit* target = edit;
        connect(browse, &QPushButton::clicked, this, [this, target] {
            const QString path = QFileDialog::getOpenFileName(this, tr("Record"), target->text(),
                                                              tr("CSV files (*.csv);;All files (*)"));
            if (!path.isEmpty()) {
                target->setText(path);
                emit changed();
            }
        });
        return row;
    };
    {
        auto* w = new QWidget(m_kindPages);
        auto* form = formLayout(w);
        form->setContentsMargins(0, 0, 0, 0);
        form->addRow(tr("Record"), fileRow(m_baseFile, tr("CSV with columns time_s, acceleration_m_s2 "
                                                         "of the ground acceleration [m/s²]; outputs "
                                                         "are relative to the ground")));
        m_baseHold = holdCombo();
        form->addRow(tr("Between samples"), m_baseHold);
        m_baseMessage = errorLabel(w);
        form->addRow(m_baseMessage);
        m_kindPages->addWidget(w);
    }
    {
        auto* w = new QWidget(m_kindPages);
        auto* form = formLayout(w);
        form->setContentsMargins(0, 0, 0, 0);
        m_forceSource = combo(w, tr("The force of a recorded time history (applied at the floor "
                                    "chosen above), or a CSV file time_s, force_n"));
        m_forceSource->addItem(tr("CSV file…"), QString());
        form->addRow(tr("Force from"), m_forceSource);
        form->addRow(QString(), fileRow(m_forceFile, tr("CSV with columns time_s, force_n [N]")));
        m_forceHold = holdCombo();
        form->addRow(tr("Between samples"), m_forceHold);
        m_forceMessage = errorLabel(w);
        form->addRow(m_forceMessage);
        m_kindPages->addWidget(w);
    }

    auto* form = formLayout(m_excitationBox);
    form->addRow(tr("Type"), m_kind);
    form->addRow(tr("Force at floor"), m_floor);
    form->addRow(m_kindPages);
    return m_excitationBox;
}

QWidget* SimulateForm::buildTest()
{
    m_testBox = new QGroupBox(tr("Test"), this);
    auto* form = formLayout(m_testBox);
    form->addRow(tr("Duration T"), field("duration", tr("s"), tr("Simulated duration [s]; samples at t = k/fs, k = 0…⌊T·fs⌋")));
    form->addRow(tr("Sample rate fs"), field("sample_rate", tr("Hz"), tr("Output sample rate [Hz]. The response does not depend on it: pulses are never stepped over (prototype defect D1)")));
    m_integrator = combo(m_testBox, tr("Auto: exact discretisation (matrix exponential, first-order "
                                       "hold) for linear profiles, adaptive Dormand–Prince for "
                                       "cubic storey springs"));
    m_integrator->addItem(tr("auto"), static_cast<int>(dynamics::IntegrationMethod::Auto));
    m_integrator->addItem(tr("exact (linear only)"), static_cast<int>(dynamics::IntegrationMethod::Exact));
    m_integrator->addItem(tr("adaptive (Dormand–Prince)"), static_cast<int>(dynamics::IntegrationMethod::Adaptive));
    form->addRow(tr("Integrator"), m_integrator);
    m_outputQuantity = combo(m_testBox, tr("Response quantity of the time-history and PSD plots"));
    for (auto q : {dynamics::ResponseQuantity::Displacement, dynamics::ResponseQuantity::Velocity,
                   dynamics::ResponseQuantity::Acceleration})
        m_outputQuantity->addItem(QStringLiteral("%1 [%2]").arg(tr(dynamics::responseQuantityName(q)),
                                                               QString::fromUtf8(dynamics::responseQuantityUnit(q))),
                                  static_cast<int>(q));
    m_outputLabel = new QLabel(tr("Output"), m_testBox);
    form->addRow(m_outputLabel, m_outputQuantity);
    return m_testBox;
}

QWidget* SimulateForm::buildScenarios()
{
    m_scenarioBox = new QGroupBox(tr("Monte-Carlo scenarios"), this);
    auto* form = formLayout(m_scenarioBox);
    form->addRow(tr("Scenarios N"), field("scenarios", QString(), tr("Number of scattered structures simulated besides the nominal one (0 = nominal only)")));
    m_sampling = combo(m_scenarioBox, tr("Plain Monte Carlo, or a Latin hypercube (one sample per "
                                         "stratum of every parameter: steadier statistics for few "
                                         "scenarios)"));
    m_sampling->addItem(tr("Monte Carlo"), static_cast<int>(uq::SamplingMethod::MonteCarlo));
    m_sampling->addItem(tr("Latin hypercube"), static_cast<int>(uq::SamplingMethod::LatinHypercube));
    form->addRow(tr("Sampling"), m_sampling);
    form->addRow(tr("Seed"), field("seed", QString(), tr("Master seed of every random input (the scatter and the random force); the same seed gives the same run")));
    m_distribution = combo(m_scenarioBox, tr("Distribution of every scattered m, k and c, each drawn "
                                             "independently (the prototype reused one normal draw "
                                             "for m, k and c, defect D4)"));
    m_distribution->addItem(tr("normal"), static_cast<int>(uq::DistributionKind::Normal));
    m_distribution->addItem(tr("truncated normal"), static_cast<int>(uq::DistributionKind::TruncatedNormal));
    m_distribution->addItem(tr("lognormal"), static_cast<int>(uq::DistributionKind::LogNormal));
    form->addRow(tr("Distribution"), m_distribution);
    form->addRow(tr("Truncation"), field("truncation", tr("σ"), tr("Truncated normal: keep mean ± this many standard deviations (and > 0)")));

    auto spreadRow = [this, form](const char* id, const QString& label, QComboBox*& kind,
                                  const QString& tip) {
        kind = combo(m_scenarioBox, tr("Spread given as a coefficient of variation σ/mean [-], or "
                                       "as a standard deviation σ in the parameter's unit"));
        kind->addItem(tr("CV"), true);
        kind->addItem(tr("σ"), false);
        auto* row = new QHBoxLayout;
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(kind);
        row->addWidget(field(id, QString(), tip), 1);
        form->addRow(label, row);
    };
    spreadRow("mass_spread", tr("Masses m"), m_massSpreadKind, tr("Scatter of every floor mass (0 = fixed)"));
    spreadRow("stiffness_spread", tr("Stiffnesses k"), m_stiffnessSpreadKind, tr("Scatter of every storey stiffness (0 = fixed)"));
    spreadRow("damping_spread", tr("Dampers c"), m_dampingSpreadKind, tr("Scatter of every storey damper (0 = fixed; storey-damper profiles only)"));
    form->addRow(tr("Initial x₀ σ"), field("x0_sd", tr("m"), tr("Random initial displacements: normal standard deviation about rest [m]")));
    form->addRow(tr("Initial v₀ σ"), field("v0_sd", tr("m/s"), tr("Random initial velocities: normal standard deviation about rest [m/s]")));
    form->addRow(tr("Show scenarios"), field("keep_scenarios", QString(), tr("Draw the time histories of the first few scenarios as thin lines (at most 100)")));
    return m_scenarioBox;
}

QWidget* SimulateForm::buildSpectra()
{
    auto* box = new QGroupBox(tr("Spectra (Welch)"), this);
    auto* form = formLayout(box);
    m_window = combo(box, tr("Data window of every Welch segment (periodic)"));
    m_window->addItem(tr("Hann"), static_cast<int>(signal::WindowKind::Hann));
    m_window->addItem(tr("Hamming"), static_cast<int>(signal::WindowKind::Hamming));
    m_window->addItem(tr("rectangular"), static_cast<int>(signal::WindowKind::Rectangular));
    form->addRow(tr("Window"), m_window);
    form->addRow(tr("Segment length"), field("psd_segment", tr("samples"), tr("Samples per Welch segment; 0 = the power of two giving ≤ 0.25 Hz resolution (at most the record). Resolution Δf = fs / length")));
    form->addRow(tr("Overlap"), field("psd_overlap", tr("fraction"), tr("Fraction of a segment shared with the next, 0 to 0.95 (0.5 = 50 %)")));
    m_frfQuantity = combo(box, tr("Quantity of the H1 estimate and of the model FRF it is drawn over"));
    for (auto q : {dynamics::FrfQuantity::Receptance, dynamics::FrfQuantity::Mobility,
                   dynamics::FrfQuantity::Accelerance})
        m_frfQuantity->addItem(QStringLiteral("%1 [%2]").arg(tr(dynamics::frfQuantityName(q)),
                                                            QString::fromUtf8(dynamics::frfQuantityUnit(q))),
                               static_cast<int>(q));
    m_frfLabel = new QLabel(tr("FRF (H1)"), box);
    form->addRow(m_frfLabel, m_frfQuantity);
    return box;
}

QWidget* SimulateForm::buildReplay()
{
    m_replayBox = new QGroupBox(tr("Recorded test"), this);
    auto* form = formLayout(m_replayBox);
    m_replayDataset = combo(m_replayBox, tr("A recorded time history with its force and floor "
                                            "velocities (see the Datasets dock)"));
    m_replayDataset->setMinimumContentsLength(16);
    m_replayDataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    form->addRow(tr("Record"), m_replayDataset);
    m_replayFloor = combo(m_replayBox, tr("Floor the measured force drives in the model"));
    form->addRow(tr("Force at floor"), m_replayFloor);
    m_replayInfo = new QLabel(m_replayBox);
    m_replayInfo->setWordWrap(true);
    m_replayInfo->setStyleSheet(QStringLiteral("font-style: italic;")); // not grey: reads as disabled
    form->addRow(m_replayInfo);
    return m_replayBox;
}

void SimulateForm::updateVisibility()
{
    const bool replay = mode() == Mode::Replay;
    m_replayBox->setVisible(replay);
    m_excitationBox->setVisible(!replay);
    m_testBox->setVisible(!replay);
    m_scenarioBox->setVisible(!replay);
    m_frfLabel->setVisible(!replay);
    m_frfQuantity->setVisible(!replay);
    const int kind = m_kind->currentIndex();
    m_kindPages->setCurrentIndex(std::max(0, kind));
    const auto k = static_cast<ExcitationKind>(m_kind->currentData().toInt());
    m_floor->setEnabled(k != ExcitationKind::BaseMotion);
    m_forceFile->setEnabled(m_forceSource->currentData().toString().isEmpty());
    m_fields.value(QStringLiteral("truncation"))
        ->setEnabled(m_distribution->currentData().toInt() ==
                     static_cast<int>(uq::DistributionKind::TruncatedNormal));
}

void SimulateForm::updateScatterUnits()
{
    const std::tuple<const char*, QComboBox*, QString> rows[] = {
        {"mass_spread", m_massSpreadKind, tr("kg")},
        {"stiffness_spread", m_stiffnessSpreadKind, tr("N/m")},
        {"damping_spread", m_dampingSpreadKind, tr("N·s/m")}};
    for (const auto& [id, kind, unit] : rows)
        m_fields.value(QLatin1String(id))->setUnit(kind->currentData().toBool() ? tr("–") : unit);
}

SimulateForm::Mode SimulateForm::mode() const
{
    return static_cast<Mode>(m_mode->currentData().toInt());
}

void SimulateForm::setMode(Mode mode)
{
    selectData(m_mode, static_cast<int>(mode));
}

void SimulateForm::read(const char* id, double& target, InputIssues& issues) const
{
    const NumberField* f = m_fields.value(QLatin1String(id));
    if (const auto v = f->value())
        target = *v;
    else
        issues.push_back({id, std::string(id) + ": '" + f->text().toStdString() + "' is not a number"});
}

void SimulateForm::readCount(const char* id, std::size_t& target, InputIssues& issues) const
{
    const NumberField* f = m_fields.value(QLatin1String(id));
    if (const auto v = f->count())
        target = static_cast<std::size_t>(*v);
    else
        issues.push_back({id, std::string(id) + ": '" + f->text().toStdString() +
                                  "' is not a whole number >= 0"});
}

dynamics::SimulateInput SimulateForm::simulateInput(const dynamics::SimulateInput& base,
                                                    InputIssues& issues) const
{
    dynamics::SimulateInput in = base;
    dynamics::Excitation& e = in.excitation;
    e.kind = static_cast<ExcitationKind>(m_kind->currentData().toInt());
    e.floor = m_floor->value();
    // Only the selected kind's fields: the others keep their last good values.
    for (const auto& [id, target] : kindFields(e, e.kind))
        read(id, *target, issues);
    e.random.newRealisationPerScenario = m_randomPerScenario->isChecked();
    e.sweep.law = static_cast<dynamics::SweepLaw>(m_sweepLaw->currentData().toInt());
    e.baseAcceleration.hold = static_cast<dynamics::SampleHold>(m_baseHold->currentData().toInt());
    e.recordedForce.hold = static_cast<dynamics::SampleHold>(m_forceHold->currentData().toInt());
    for (const auto& [id, target] : testFields(in))
        read(id, *target, issues);
    in.integration.method =
        static_cast<dynamics::IntegrationMethod>(m_integrator->currentData().toInt());

    readCount("scenarios", in.scenarios, issues);
    if (const auto seed = m_fields.value(QStringLiteral("seed"))->count())
        in.seed = *seed;
    else
        issues.push_back({"seed", "seed: '" + m_fields.value(QStringLiteral("seed"))->text().toStdString() +
                                      "' is not a whole number between 0 and 18446744073709551615"});
    in.sampling = static_cast<uq::SamplingMethod>(m_sampling->currentData().toInt());
    const auto kind = static_cast<uq::DistributionKind>(m_distribution->currentData().toInt());
    double truncation = in.scatter.mass.truncationSds;
    if (kind == uq::DistributionKind::TruncatedNormal)
        read("truncation", truncation, issues);
    const std::tuple<const char*, QComboBox*, uq::ParameterScatter*> groups[] = {
        {"mass_spread", m_massSpreadKind, &in.scatter.mass},
        {"stiffness_spread", m_stiffnessSpreadKind, &in.scatter.stiffness},
        {"damping_spread", m_dampingSpreadKind, &in.scatter.damping}};
    for (const auto& [id, relative, scatter] : groups) {
        scatter->kind = kind;
        scatter->truncationSds = truncation;
        scatter->relative = relative->currentData().toBool();
    }
    readCount("keep_scenarios", in.keptScenarios, issues);
    // psd_overlap was read with the test fields.
    in.welch.window = static_cast<signal::WindowKind>(m_window->currentData().toInt());
    readCount("psd_segment", in.welch.segmentLength, issues);
    in.frfQuantity = static_cast<dynamics::FrfQuantity>(m_frfQuantity->currentData().toInt());
    return in;
}

signal::WelchOptions SimulateForm::welchOptions(InputIssues& issues) const
{
    signal::WelchOptions w;
    w.window = static_cast<signal::WindowKind>(m_window->currentData().toInt());
    readCount("psd_segment", w.segmentLength, issues);
    read("psd_overlap", w.overlap, issues);
    return w;
}

void SimulateForm::setSimulateInput(const dynamics::SimulateInput& in)
{
    const QSignalBlocker block(this);
    const dynamics::Excitation& e = in.excitation;
    {
        const QSignalBlocker k(m_kind);
        selectData(m_kind, static_cast<int>(e.kind));
    }
    m_floor->setValue(e.floor);
    auto set = [this](const char* id, double v) { m_fields.value(QLatin1String(id))->setValue(v); };
    dynamics::SimulateInput copy = in;
    for (auto kind : kKinds)
        for (const auto& [id, value] : kindFields(copy.excitation, kind))
            set(id, *value);
    for (const auto& [id, value] : testFields(copy))
        set(id, *value);
    m_randomPerScenario->setChecked(e.random.newRealisationPerScenario);
    selectData(m_sweepLaw, static_cast<int>(e.sweep.law));
    selectData(m_baseHold, static_cast<int>(e.baseAcceleration.hold));
    selectData(m_forceHold, static_cast<int>(e.recordedForce.hold));
    selectData(m_integrator, static_cast<int>(in.integration.method));
    m_fields.value(QStringLiteral("scenarios"))->setCount(in.scenarios);
    m_fields.value(QStringLiteral("seed"))->setCount(in.seed);
    selectData(m_sampling, static_cast<int>(in.sampling));
    selectData(m_distribution, static_cast<int>(in.scatter.mass.kind));
    set("truncation", in.scatter.mass.truncationSds);
    selectData(m_massSpreadKind, in.scatter.mass.relative);
    selectData(m_stiffnessSpreadKind, in.scatter.stiffness.relative);
    selectData(m_dampingSpreadKind, in.scatter.damping.relative);
    m_fields.value(QStringLiteral("keep_scenarios"))->setCount(in.keptScenarios);
    selectData(m_window, static_cast<int>(in.welch.window));
    m_fields.value(QStringLiteral("psd_segment"))->setCount(in.welch.segmentLength);
    selectData(m_frfQuantity, static_cast<int>(in.frfQuantity));
    updateVisibility();
    updateScatterUnits();
}

SimulateForm::RecordSource SimulateForm::recordSource() const
{
    const auto k = static_cast<ExcitationKind>(m_kind->currentData().toInt());
    if (k == ExcitationKind::BaseMotion)
        return {QString(), m_baseFile->text().trimmed()};
    const QString id = m_forceSource->currentData().toString();
    return {id, id.isEmpty() ? m_forceFile->text().trimmed() : QString()};
}

void SimulateForm::setRecordSource(const RecordSource& source)
{
    const QSignalBlocker block(this);
    const auto k = static_cast<ExcitationKind>(m_kind->currentData().toInt());
    if (k == ExcitationKind::BaseMotion) {
        m_baseFile->setText(source.file);
        return;
    }
    m_forceSource->setCurrentIndex(std::max(0, m_forceSource->findData(source.datasetId)));
    m_forceFile->setText(source.file);
    updateVisibility();
}

dynamics::ResponseQuantity SimulateForm::outputQuantity() const
{
    return static_cast<dynamics::ResponseQuantity>(m_outputQuantity->currentData().toInt());
}

void SimulateForm::setOutputQuantity(dynamics::ResponseQuantity q)
{
    selectData(m_outputQuantity, static_cast<int>(q));
}

QString SimulateForm::replayDataset() const
{
    return m_replayDataset->currentData().toString();
}

void SimulateForm::setReplayDataset(const QString& id)
{
    selectData(m_replayDataset, id);
}

int SimulateForm::replayForceFloor() const
{
    return m_replayFloor->currentData().toInt();
}

void SimulateForm::setReplayForceFloor(int floor)
{
    selectData(m_replayFloor, floor);
}

void SimulateForm::setReplayInfo(const QString& text)
{
    m_replayInfo->setText(text);
}

void SimulateForm::setDatasets(const QList<QPair<QString, QString>>& timeHistories)
{
    const QSignalBlocker block(this);
    const QString replay = replayDataset();
    const QString force = m_forceSource->currentData().toString();
    {
        const QSignalBlocker a(m_replayDataset), b(m_forceSource);
        m_replayDataset->clear();
        while (m_forceSource->count() > 1)
            m_forceSource->removeItem(1);
        for (const auto& [id, title] : timeHistories) {
            m_replayDataset->addItem(QStringLiteral("%1 — %2").arg(id, title), id);
            m_replayDataset->setItemData(m_replayDataset->count() - 1, title, Qt::ToolTipRole);
            m_forceSource->addItem(tr("dataset %1").arg(id), id);
        }
    }
    setReplayDataset(replay);
    m_forceSource->setCurrentIndex(std::max(0, m_forceSource->findData(force)));
    updateVisibility();
}

void SimulateForm::setStoreys(int storeys)
{
    const QSignalBlocker block(this);
    m_floor->setRange(1, std::max(1, storeys));
    const int floor = replayForceFloor();
    const QSignalBlocker b(m_replayFloor);
    m_replayFloor->clear();
    m_replayFloor->addItem(tr("as recorded"), 0);
    for (int f = 1; f <= storeys; ++f)
        m_replayFloor->addItem(tr("floor %1").arg(f), f);
    setReplayForceFloor(floor);
}

int SimulateForm::showIssues(const InputIssues& issues)
{
    QMap<QString, QStringList> byField;
    QStringList general;
    QStringList base, force;
    for (const auto& issue : issues) {
        const QString f = widgetFieldOf(issue.field);
        const QString message = QString::fromStdString(issue.message);
        if (m_fields.contains(f) && m_fields.value(f)->isVisibleTo(this))
            byField[f] << message;
        else if (f == QLatin1String("base_record"))
            base << message;
        else if (f == QLatin1String("force_record"))
            force << message;
        else
            general << message;
    }
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it)
        it.value()->setIssue(byField.value(it.key()).join(QLatin1Char('\n')));
    showError(m_baseMessage, base.join(QLatin1Char('\n')));
    showError(m_forceMessage, force.join(QLatin1Char('\n')));
    markFieldIssue(m_baseFile, base.join(QLatin1Char('\n')));
    // A record read from a file marks the file's field, one from a dataset the dataset choice.
    const QString forceText = force.join(QLatin1Char('\n'));
    const bool forceFromFile = m_forceSource->currentData().toString().isEmpty();
    markFieldIssue(m_forceFile, forceFromFile ? forceText : QString());
    markFieldIssue(m_forceSource, forceFromFile ? QString() : forceText);
    showError(m_messages, general.join(QLatin1Char('\n')));
    return static_cast<int>(issues.size());
}

QString SimulateForm::issueOf(const QString& field) const
{
    if (const NumberField* f = m_fields.value(field))
        return f->issue();
    return QString();
}

bool SimulateForm::setFieldText(const QString& field, const QString& text)
{
    NumberField* f = m_fields.value(field);
    if (!f)
        return false;
    f->setTextAsTyped(text);
    return true;
}

} // namespace dtop::widgets
