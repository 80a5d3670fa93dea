// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/control/control_form.h"

#include "widgets/field_issue.h"
#include "widgets/number_field.h"
#include "widgets/record_file_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace dtop::widgets {

namespace {

using control::Strategy;

const Strategy kStrategies[] = {Strategy::None, Strategy::Tmd,  Strategy::Dvf,
                                Strategy::DvfEc, Strategy::Lqg, Strategy::IdealDvf};

// The gain slider spans 10⁻² … 10³ A·s/m logarithmically: the useful DVF gains of the rig
// (critical gains of a few to a few hundred A·s/m, docs/tools/control.md) lie inside.
constexpr int kSliderSteps = 500;
constexpr double kSliderLogMin = -2.0;
constexpr double kSliderLogMax = 3.0;

double sliderGain(int position)
{
    return std::pow(10.0, kSliderLogMin + (kSliderLogMax - kSliderLogMin) * position / kSliderSteps);
}

int sliderPosition(double gain)
{
    if (!(gain > 0.0))
        return 0;
    const double t = (std::log10(gain) - kSliderLogMin) / (kSliderLogMax - kSliderLogMin);
    return static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps));
}

void setOptional(NumberField* f, const std::optional<double>& v)
{
    if (v)
        f->setValue(*v);
    else
        f->setText(QString());
}

} // namespace

ControlForm::ControlForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* designBox = new QGroupBox(tr("Design"), this);
    auto* design = new QFormLayout(designBox);
    m_strategy = new QComboBox(designBox);
    for (Strategy s : kStrategies)
        m_strategy->addItem(QString::fromUtf8(control::strategyLabel(s)),
                            QString::fromLatin1(control::strategyName(s)));
    m_strategy->setToolTip(tr("Passive TMD, velocity feedback through the inertial actuator "
                              "(DVF), DVF with the electronic compensator, LQG, or the ideal "
                              "skyhook DVF (a force −h·Bl·v, no actuator dynamics)"));
    design->addRow(tr("Strategy"), m_strategy);
    m_fields["strategy"] = m_strategy;
    m_floor = new QSpinBox(designBox);
    m_floor->setToolTip(tr("Floor carrying the device and the collocated velocity sensor"));
    design->addRow(tr("Device floor"), m_floor);
    m_fields["floor"] = m_floor;
    m_forceFloor = new QSpinBox(designBox);
    m_forceFloor->setToolTip(tr("Floor the harmonic primary force acts on"));
    design->addRow(tr("Force floor"), m_forceFloor);
    m_fields["force_floor"] = m_forceFloor;
    m_gain = addField(design, tr("Gain h"), tr("A·s/m"),
                      tr("Velocity-feedback gain: coil current per floor velocity "
                         "(dvf, dvf-ec, ideal-dvf)"),
                      "gain");
    m_gainSlider = new QSlider(Qt::Horizontal, designBox);
    m_gainSlider->setRange(0, kSliderSteps);
    m_gainSlider->setToolTip(tr("Drag to change the gain (0.01 to 1000 A·s/m, logarithmic); "
                                "every plot follows"));
    design->addRow(QString(), m_gainSlider);
    m_tune = new QComboBox(designBox);
    m_tune->addItem(tr("as entered"), QStringLiteral("none"));
    m_tune->addItem(tr("Den Hartog (mode 1)"), QStringLiteral("den-hartog"));
    m_tune->addItem(tr("minimum band KE"), QStringLiteral("ke-optimal"));
    m_tune->setToolTip(tr("TMD tuning of k_p and c_p: Den Hartog's fixed-point rule on the first "
                          "mode, or numerical minimisation of the band-integrated kinetic energy"));
    design->addRow(tr("TMD tuning"), m_tune);
    m_fields["tune"] = m_tune;
    layout->addWidget(designBox);

    auto* deviceBox = new QGroupBox(tr("Device (inertial actuator / TMD)"), this);
    auto* device = new QFormLayout(deviceBox);
    m_baseMass = addField(device, tr("Base mass m_b"), tr("kg"),
                          tr("Casing mass added rigidly to the floor"), "base_mass");
    m_proofMass = addField(device, tr("Proof mass m_p"), tr("kg"), tr("Moving (proof) mass"),
                           "proof_mass");
    m_stiffness = addField(device, tr("Suspension k_p"), tr("N/m"),
                           tr("Proof-mass suspension stiffness"), "suspension_stiffness");
    m_damping = addField(device, tr("Suspension c_p"), tr("N·s/m"),
                         tr("Proof-mass suspension damping"), "suspension_damping");
    m_forceFactor = addField(device, tr("Force factor Bl"), tr("N/A"),
                             tr("Voice-coil force per ampere"), "force_factor");
    m_resistance = addField(device, tr("Coil resistance R_e"), tr("Ω"),
                            tr("For the electrical power R_e·|i|²/2"), "coil_resistance");
    m_deviceReadout = new QLabel(deviceBox);
    m_deviceReadout->setToolTip(tr("Natural frequency √(k_p/m_p)/2π and damping ratio "
                                   "c_p/(2√(k_p m_p)) of the proof mass on its suspension"));
    device->addRow(tr("Device"), m_deviceReadout);
    layout->addWidget(deviceBox);

    auto* ecBox = new QGroupBox(tr("Compensator (DVF + EC; empty = derived)"), this);
    auto* ec = new QFormLayout(ecBox);
    m_ecEstimateHz = addField(ec, tr("Estimate f̂"), tr("Hz"),
                              tr("Actuator resonance the compensator cancels; empty: the "
                                 "device's own"),
                              "ec_estimate_hz");
    m_ecEstimateDamping = addField(ec, tr("Estimate ζ̂"), tr("ratio"),
                                   tr("Damping ratio of that resonance (0.06, not 6 %); empty: "
                                      "the device's own"),
                                   "ec_estimate_damping");
    m_ecTargetHz = addField(ec, tr("Target f_c"), tr("Hz"),
                            tr("New actuator resonance; empty: 0.3 × the structure's first "
                               "frequency"),
                            "ec_target_hz");
    m_ecTargetDamping = addField(ec, tr("Target ζ_c"), tr("ratio"),
                                 tr("New damping ratio (ratio, not %); empty: 0.7"),
                                 "ec_target_damping");
    layout->addWidget(ecBox);

    auto* lqgBox = new QGroupBox(tr("LQG weights"), this);
    auto* lqg = new QFormLayout(lqgBox);
    m_lqgQ = addField(lqg, tr("State weight q"), tr("1/J"),
                      tr("Weight of twice the structure's mechanical energy"), "lqg_state_weight");
    m_lqgR = addField(lqg, tr("Input weight r"), tr("1/A²"),
                      tr("Weight of the squared coil current"), "lqg_input_weight");
    m_lqgProcess = addField(lqg, tr("Process noise Q_n"), tr("N²·s"),
                            tr("Intensity of the white primary force"), "lqg_process_noise");
    m_lqgMeasurement = addField(lqg, tr("Sensor noise R_n"), tr("(m/s)²·s"),
                                tr("Intensity of the velocity-sensor noise"),
                                "lqg_measurement_noise");
    layout->addWidget(lqgBox);

    auto* showBox = new QGroupBox(tr("Show"), this);
    auto* show = new QFormLayout(showBox);
    auto* compareRow = new QWidget(showBox);
    auto* compareGrid = new QHBoxLayout(compareRow);
    compareGrid->setContentsMargins(0, 0, 0, 0);
    for (Strategy s : kStrategies) {
        auto* box = new QCheckBox(QString::fromLatin1(control::strategyName(s)), compareRow);
        box->setToolTip(tr("Overlay %1 on the kinetic-energy plot and add it to the results "
                           "table").arg(QString::fromUtf8(control::strategyLabel(s))));
        compareGrid->addWidget(box);
        m_compare[s] = box;
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_syncing)
                emit changed();
        });
    }
    show->addRow(tr("Compare"), compareRow);
    m_frfQuantity = new QComboBox(showBox);
    m_frfQuantity->addItem(tr("receptance [m/N]"), QStringLiteral("receptance"));
    m_frfQuantity->addItem(tr("mobility [(m/s)/N]"), QStringLiteral("mobility"));
    m_frfQuantity->addItem(tr("accelerance [(m/s²)/N]"), QStringLiteral("accelerance"));
    show->addRow(tr("Floor FRF"), m_frfQuantity);
    m_legacy = new QCheckBox(tr("prototype's metrics (20·log10 KE)"), showBox);
    m_legacy->setToolTip(tr("Also compute the prototype's printed numbers, labelled as the "
                            "prototype's metric: its KE curve in 20·log10 (twice the energy "
                            "ratio in dB) and its stability verdict from the wrong output"));
    show->addRow(tr("Legacy"), m_legacy);
    m_fields["legacy"] = m_legacy;
    m_timeResponse = new QCheckBox(tr("simulate"), showBox);
    m_excitation = new QComboBox(showBox);
    m_excitation->addItem(tr("hammer"), QStringLiteral("hammer"));
    m_excitation->addItem(tr("random force"), QStringLiteral("random"));
    m_excitation->addItem(tr("sine"), QStringLiteral("sine"));
    m_excitation->addItem(tr("swept sine"), QStringLiteral("sweep"));
    m_excitation->addItem(tr("ground acceleration record"), QStringLiteral("base"));
    m_excitation->addItem(tr("force record"), QStringLiteral("record"));
    m_excitation->setToolTip(tr("Virtual-test excitation (the simulate tool's defaults): a "
                                "force on the force floor, or a recorded ground acceleration "
                                "or force read from a CSV file"));
    auto* timeRow = new QWidget(showBox);
    auto* timeLayout = new QHBoxLayout(timeRow);
    timeLayout->setContentsMargins(0, 0, 0, 0);
    timeLayout->addWidget(m_timeResponse);
    timeLayout->addWidget(m_excitation, 1);
    show->addRow(tr("Time response"), timeRow);
    m_fields["excitation"] = m_excitation;
    m_recordFile = new RecordFileField(tr("CSV with columns time_s and the ground acceleration "
                                          "[m/s²] (outputs relative to the ground) or the force "
                                          "[N] on the force floor"),
                                       showBox);
    show->addRow(tr("Record"), m_recordFile);
    m_fields["record_file"] = m_recordFile;
    connect(m_recordFile, &RecordFileField::changed, this, [this] {
        if (!m_syncing)
            emit changed();
    });
    layout->addWidget(showBox);
    layout->addStretch(1);

    for (QComboBox* box : {m_strategy, m_tune, m_frfQuantity, m_excitation})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            updateEnabled();
            if (!m_syncing)
                emit changed();
        });
    for (QSpinBox* box : {m_floor, m_forceFloor})
        connect(box, &QSpinBox::valueChanged, this, [this] {
            if (!m_syncing)
                emit changed();
        });
    for (QCheckBox* box : {m_legacy, m_timeResponse})
        connect(box, &QCheckBox::toggled, this, [this] {
            updateEnabled();
            if (!m_syncing)
                emit changed();
        });
    connect(m_gain, &NumberField::edited, this, &ControlForm::syncSliderFromField);
    connect(m_gainSlider, &QSlider::valueChanged, this, [this](int position) {
        if (m_syncing)
            return;
        m_syncing = true;
        m_gain->setValue(sliderGain(position));
        m_syncing = false;
        emit changed();
        emit gainDragged();
    });
    for (NumberField* f : {m_proofMass, m_stiffness, m_damping})
        connect(f, &NumberField::edited, this, &ControlForm::updateDevice);

    setStoreys(3);
    setInput(control::ControlInput{});
}

NumberField* ControlForm::addField(QFormLayout* form, const QString& label, const QString& unit,
                                   const QString& tip, const char* field)
{
    auto* f = new NumberField(unit, tip, form->parentWidget());
    form->addRow(label, f);
    m_fields[field] = f;
    connect(f, &NumberField::edited, this, [this] {
        if (!m_syncing)
            emit changed();
    });
    return f;
}

bool ControlForm::gainDragging() const
{
    return m_gainSlider->isSliderDown();
}

void ControlForm::syncSliderFromField()
{
    if (!m_gain->value() || m_syncing)
        return;
    m_syncing = true;
    m_gainSlider->setValue(sliderPosition(*m_gain->value()));
    m_syncing = false;
}

void ControlForm::updateDevice()
{
    const auto mp = m_proofMass->value(), kp = m_stiffness->value(), cp = m_damping->value();
    if (!mp || !kp || !cp || !(*mp > 0.0) || !(*kp > 0.0) || !(*cp >= 0.0)) {
        m_deviceReadout->setText(tr("— (needs m_p > 0, k_p > 0, c_p ≥ 0)"));
        return;
    }
    control::InertialActuator a;
    a.proofMassKg = *mp;
    a.suspensionStiffnessNM = *kp;
    a.suspensionDampingNsM = *cp;
    m_deviceReadout->setText(tr("f_p = %1 Hz, ζ_p = %2 (%3 %)")
                                 .arg(a.naturalFrequencyHz(), 0, 'f', 3)
                                 .arg(a.dampingRatio(), 0, 'f', 4)
                                 .arg(100.0 * a.dampingRatio(), 0, 'f', 2));
}

void ControlForm::updateEnabled()
{
    const Strategy s = static_cast<Strategy>(m_strategy->currentIndex());
    m_gain->setEnabled(control::usesGain(s));
    m_gainSlider->setEnabled(control::usesGain(s));
    m_tune->setEnabled(s == Strategy::Tmd);
    for (NumberField* f : {m_ecEstimateHz, m_ecEstimateDamping, m_ecTargetHz, m_ecTargetDamping})
        f->setEnabled(s == Strategy::DvfEc);
    for (NumberField* f : {m_lqgQ, m_lqgR, m_lqgProcess, m_lqgMeasurement})
        f->setEnabled(s == Strategy::Lqg);
    m_excitation->setEnabled(m_timeResponse->isChecked());
    const QString kind = m_excitation->currentData().toString();
    m_recordFile->setEnabled(m_timeResponse->isChecked() &&
                             (kind == QStringLiteral("base") || kind == QStringLiteral("record")));
}

void ControlForm::setStoreys(std::size_t storeys)
{
    const int n = std::max(1, static_cast<int>(storeys));
    m_syncing = true;
    m_floor->setRange(1, n);
    m_forceFloor->setRange(1, n);
    m_syncing = false;
}

control::ControlInput ControlForm::input(const model::Profile& profile, InputIssues* issues) const
{
    control::ControlInput in = m_base;
    in.profile = profile;
    in.strategy = static_cast<Strategy>(m_strategy->currentIndex());
    in.floor = m_floor->value();
    in.forceFloor = m_forceFloor->value();
    in.gain = requiredFieldValue(m_gain, "gain", in.gain, issues);
    auto& a = in.actuator;
    a.baseMassKg = requiredFieldValue(m_baseMass, "base_mass", a.baseMassKg, issues);
    a.proofMassKg = requiredFieldValue(m_proofMass, "proof_mass", a.proofMassKg, issues);
    a.suspensionStiffnessNM =
        requiredFieldValue(m_stiffness, "suspension_stiffness", a.suspensionStiffnessNM, issues);
    a.suspensionDampingNsM =
        requiredFieldValue(m_damping, "suspension_damping", a.suspensionDampingNsM, issues);
    a.forceFactorNA = requiredFieldValue(m_forceFactor, "force_factor", a.forceFactorNA, issues);
    a.coilResistanceOhm = requiredFieldValue(m_resistance, "coil_resistance", a.coilResistanceOhm, issues);
    in.compensator.estimateHz = optionalFieldValue(m_ecEstimateHz, "ec_estimate_hz", issues);
    in.compensator.estimateDamping =
        optionalFieldValue(m_ecEstimateDamping, "ec_estimate_damping", issues);
    in.compensator.targetHz = optionalFieldValue(m_ecTargetHz, "ec_target_hz", issues);
    in.compensator.targetDamping = optionalFieldValue(m_ecTargetDamping, "ec_target_damping", issues);
    in.lqg.stateWeight = requiredFieldValue(m_lqgQ, "lqg_state_weight", in.lqg.stateWeight, issues);
    in.lqg.inputWeight = requiredFieldValue(m_lqgR, "lqg_input_weight", in.lqg.inputWeight, issues);
    in.lqg.processNoise =
        requiredFieldValue(m_lqgProcess, "lqg_process_noise", in.lqg.processNoise, issues);
    in.lqg.measurementNoise =
        requiredFieldValue(m_lqgMeasurement, "lqg_measurement_noise", in.lqg.measurementNoise, issues);
    control::parseTmdTuning(m_tune->currentData().toString().toStdString(), in.tune);
    // Tuning belongs to the TMD: kept in the form, not applied to other strategies.
    if (in.strategy != Strategy::Tmd)
        in.tune = control::TmdTuning::None;
    dynamics::parseFrfQuantity(m_frfQuantity->currentData().toString().toStdString(),
                               in.frfQuantity);
    in.legacy = m_legacy->isChecked();
    in.timeDomain.enabled = m_timeResponse->isChecked();
    dynamics::parseExcitationKind(m_excitation->currentData().toString().toStdString(),
                                  in.timeDomain.excitation.kind);
    in.timeDomain.excitation.floor = in.forceFloor;
    if (in.timeDomain.enabled) {
        auto& e = in.timeDomain.excitation;
        const bool base = e.kind == dynamics::ExcitationKind::BaseMotion;
        if (base || e.kind == dynamics::ExcitationKind::RecordedForce) {
            QString error;
            if (auto record = m_recordFile->record(&error))
                (base ? e.baseAcceleration : e.recordedForce) = std::move(*record);
            else if (issues)
                issues->push_back({"record_file", error.toStdString()});
        }
    }
    if (issues)
        for (auto& issue : in.validate())
            issues->push_back(std::move(issue));
    return in;
}

void ControlForm::setInput(const control::ControlInput& in)
{
    m_base = in;
    m_syncing = true;
    m_strategy->setCurrentIndex(static_cast<int>(in.strategy));
    m_floor->setValue(in.floor);
    m_forceFloor->setValue(in.forceFloor);
    m_gain->setValue(in.gain);
    m_gainSlider->setValue(sliderPosition(in.gain));
    m_baseMass->setValue(in.actuator.baseMassKg);
    m_proofMass->setValue(in.actuator.proofMassKg);
    m_stiffness->setValue(in.actuator.suspensionStiffnessNM);
    m_damping->setValue(in.actuator.suspensionDampingNsM);
    m_forceFactor->setValue(in.actuator.forceFactorNA);
    m_resistance->setValue(in.actuator.coilResistanceOhm);
    setOptional(m_ecEstimateHz, in.compensator.estimateHz);
    setOptional(m_ecEstimateDamping, in.compensator.estimateDamping);
    setOptional(m_ecTargetHz, in.compensator.targetHz);
    setOptional(m_ecTargetDamping, in.compensator.targetDamping);
    m_lqgQ->setValue(in.lqg.stateWeight);
    m_lqgR->setValue(in.lqg.inputWeight);
    m_lqgProcess->setValue(in.lqg.processNoise);
    m_lqgMeasurement->setValue(in.lqg.measurementNoise);
    m_tune->setCurrentIndex(static_cast<int>(in.tune));
    m_frfQuantity->setCurrentIndex(m_frfQuantity->findData(
        QString::fromLatin1(dynamics::frfQuantityName(in.frfQuantity))));
    m_legacy->setChecked(in.legacy);
    m_timeResponse->setChecked(in.timeDomain.enabled);
    const int e = m_excitation->findData(
        QString::fromLatin1(dynamics::excitationKindName(in.timeDomain.excitation.kind)));
    if (e >= 0)
        m_excitation->setCurrentIndex(e);
    m_syncing = false;
    updateDevice();
    updateEnabled();
}

void ControlForm::showIssues(const InputIssues& issues)
{
    for (const auto& [id, widget] : m_fields) {
        QString message;
        for (const auto& issue : issues)
            if (issue.field == id || (id == "force_floor" && issue.field == "input_floor"))
                message += (message.isEmpty() ? QString() : QStringLiteral("; ")) +
                           QString::fromStdString(issue.message);
        markFieldIssue(widget, message);
    }
}

std::vector<control::Strategy> ControlForm::compared() const
{
    std::vector<Strategy> out;
    for (const auto& [s, box] : m_compare)
        if (box->isChecked())
            out.push_back(s);
    return out;
}

void ControlForm::setCompared(const std::vector<control::Strategy>& strategies)
{
    m_syncing = true;
    for (const auto& [s, box] : m_compare)
        box->setChecked(std::find(strategies.begin(), strategies.end(), s) != strategies.end());
    m_syncing = false;
}

} // namespace dtop::widgets
