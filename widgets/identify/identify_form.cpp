// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/identify/identify_form.h"

#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dtop::widgets {

using identification::IdentificationMethod;
using identification::IdentifyInput;

namespace {

constexpr IdentificationMethod kMethods[] = {
    IdentificationMethod::Global, IdentificationMethod::Lscf, IdentificationMethod::Circle};

// The field's number, or `fallback` and an issue naming the field when it is not one.
double numberOf(const NumberField* f, const char* id, double fallback, InputIssues* issues)
{
    if (!f->value()) {
        if (issues)
            issues->push_back({id, "not a number: '" + f->text().toStdString() + "'"});
        return fallback;
    }
    return *f->value();
}

// The field's whole number >= 0, or `fallback` and an issue.
std::uint64_t countOf(const NumberField* f, const char* id, std::uint64_t fallback,
                      InputIssues* issues)
{
    if (!f->count()) {
        if (issues)
            issues->push_back({id, "not a whole number >= 0: '" + f->text().toStdString() + "'"});
        return fallback;
    }
    return *f->count();
}

int orderOf(const NumberField* f, const char* id, int fallback, InputIssues* issues)
{
    return static_cast<int>(std::min<std::uint64_t>(
        countOf(f, id, static_cast<std::uint64_t>(fallback), issues), 100000));
}

} // namespace

IdentifyForm::IdentifyForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* dataBox = new QGroupBox(tr("Record and method"), this);
    auto* data = new QFormLayout(dataBox);
    m_dataset = new QComboBox(dataBox);
    m_dataset->setToolTip(tr("An FRF dataset with complex values (one input, several responses) "
                             "or a time history with a recorded force (the FRF is then "
                             "estimated by H1 with coherence)"));
    data->addRow(tr("Dataset"), m_dataset);
    m_fields["dataset"] = m_dataset;
    m_method = new QComboBox(dataBox);
    m_method->addItem(tr("global: LSCF + LSFD + global refinement"), QStringLiteral("global"));
    m_method->addItem(tr("lscf: LSCF + LSFD residues"), QStringLiteral("lscf"));
    m_method->addItem(tr("circle: corrected circle fit"), QStringLiteral("circle"));
    m_method->setToolTip(tr("The method whose modes are reported, mass-normalised and used for "
                            "updating (docs/tools/identify.md)"));
    data->addRow(tr("Method"), m_method);
    m_bandLo = addField(data, tr("Band from"), tr("Hz"), tr("Lowest frequency identified"),
                        "band_hz");
    m_bandHi = addField(data, tr("Band to"), tr("Hz"), tr("Highest frequency identified"),
                        "band_hz_high");
    m_modes = addField(data, tr("Modes"), QString(),
                       tr("How many modes to report (0 = every stable pole in the band; for the "
                          "circle fit alone every resonance peak)"),
                       "modes");
    m_drivingPoint = new QComboBox(dataBox);
    m_drivingPoint->setToolTip(tr("Floor of the driving point (response at the force): it "
                                  "mass-normalises the shapes; by default the dataset's "
                                  "excitation floor"));
    data->addRow(tr("Driving point"), m_drivingPoint);
    m_fields["driving_point"] = m_drivingPoint;
    m_compare = new QCheckBox(tr("compare with the other methods"), dataBox);
    m_compare->setToolTip(tr("Also run the circle fit, LSCF and global fit for the comparison "
                             "table"));
    data->addRow(QString(), m_compare);
    layout->addWidget(dataBox);

    auto* lscfBox = new QGroupBox(tr("Stabilisation diagram (LSCF)"), this);
    auto* lscf = new QFormLayout(lscfBox);
    m_minOrder = addField(lscf, tr("Lowest order"), QString(),
                          tr("Lowest model order (number of poles) of the diagram"), "min_order");
    m_maxOrder = addField(lscf, tr("Highest order"), QString(),
                          tr("Highest model order of the diagram (≤ 200)"), "max_order");
    m_orderStep = addField(lscf, tr("Order step"), QString(), tr("Step between model orders"),
                           "order_step");
    m_frequencyTolerance =
        addField(lscf, tr("Frequency stable"), tr("%"),
                 tr("A pole is stable in frequency when |Δf|/f to the previous order is below "
                    "this"),
                 "frequency_tolerance", 100.0);
    m_dampingTolerance = addField(lscf, tr("Damping stable"), tr("%"),
                                  tr("Stable in damping: |Δζ|/ζ below this"),
                                  "damping_tolerance", 100.0);
    m_macTolerance = addField(lscf, tr("Shape stable"), tr("%"),
                              tr("Stable in shape: 1 − MAC below this"), "mac_tolerance", 100.0);
    auto* picksRow = new QWidget(lscfBox);
    auto* picksLayout = new QHBoxLayout(picksRow);
    picksLayout->setContentsMargins(0, 0, 0, 0);
    m_picksLabel = new QLabel(picksRow);
    m_picksLabel->setWordWrap(true);
    m_picksLabel->setToolTip(tr("Click a pole on the stabilisation diagram to pick it; picked "
                                "poles replace the automatic pick"));
    m_clearPicks = new QPushButton(tr("Automatic"), picksRow);
    m_clearPicks->setToolTip(tr("Forget the poles picked by clicking: pick the stable poles "
                                "automatically"));
    picksLayout->addWidget(m_picksLabel, 1);
    picksLayout->addWidget(m_clearPicks);
    lscf->addRow(tr("Poles"), picksRow);
    m_fields["picks"] = m_picksLabel;
    m_upperResidual = new QCheckBox(tr("upper residual (flexibility)"), lscfBox);
    m_lowerResidual = new QCheckBox(tr("lower residual (mass)"), lscfBox);
    m_upperResidual->setToolTip(tr("LSFD: a real constant for the modes above the band"));
    m_lowerResidual->setToolTip(tr("LSFD: a real 1/(jω)² term for the modes below the band"));
    lscf->addRow(tr("LSFD"), m_upperResidual);
    lscf->addRow(QString(), m_lowerResidual);
    layout->addWidget(lscfBox);

    auto* updateBox = new QGroupBox(tr("Model updating and replay"), this);
    auto* update = new QFormLayout(updateBox);
    m_update = new QCheckBox(tr("update the active profile"), updateBox);
    m_update->setToolTip(tr("Levenberg–Marquardt with Tikhonov regularisation of the profile's "
                            "parameters to the identified frequencies, shapes and damping"));
    update->addRow(QString(), m_update);
    auto* paramRow = new QWidget(updateBox);
    auto* paramLayout = new QHBoxLayout(paramRow);
    paramLayout->setContentsMargins(0, 0, 0, 0);
    m_updateK = new QCheckBox(tr("k"), paramRow);
    m_updateM = new QCheckBox(tr("m"), paramRow);
    m_updateC = new QCheckBox(tr("c"), paramRow);
    m_updateK->setToolTip(tr("Storey stiffnesses [N/m]"));
    m_updateM->setToolTip(tr("Floor masses [kg] (only with mass-normalised shapes)"));
    m_updateC->setToolTip(tr("Storey dampers [N·s/m] (profiles with storey dampers)"));
    for (QCheckBox* b : {m_updateK, m_updateM, m_updateC})
        paramLayout->addWidget(b);
    paramLayout->addStretch(1);
    update->addRow(tr("Parameters"), paramRow);
    m_fields["update"] = paramRow;
    m_frequencyWeight = addField(update, tr("Frequency weight"), QString(),
                                 tr("Weight of the squared relative frequency errors"),
                                 "frequency_weight");
    m_shapeWeight = addField(update, tr("Shape weight"), QString(),
                             tr("Weight of the squared relative shape errors"), "shape_weight");
    m_dampingWeight = addField(update, tr("Damping weight"), QString(),
                               tr("Weight of the squared relative damping-ratio errors"),
                               "damping_weight");
    m_tikhonov = addField(update, tr("Tikhonov τ"), QString(),
                          tr("Regularisation τ‖ln(θ/θ₀)‖² toward the starting profile"),
                          "tikhonov");
    m_replay = new QComboBox(updateBox);
    m_replay->setToolTip(tr("Closing the loop: a recorded test (force and floor velocities) "
                            "replayed with the profile before and after updating"));
    update->addRow(tr("Replay"), m_replay);
    m_fields["replay"] = m_replay;
    layout->addWidget(updateBox);
    layout->addStretch(1);

    for (QComboBox* box : {m_dataset, m_method, m_drivingPoint, m_replay})
        connect(box, &QComboBox::currentIndexChanged, this, &IdentifyForm::emitChanged);
    for (QCheckBox* box : {m_compare, m_upperResidual, m_lowerResidual, m_update, m_updateK,
                           m_updateM, m_updateC})
        connect(box, &QCheckBox::toggled, this, &IdentifyForm::emitChanged);
    connect(m_clearPicks, &QPushButton::clicked, this, &IdentifyForm::clearPicks);

    setStoreys(3);
    setInput(IdentifyInput{});
}

NumberField* IdentifyForm::addField(QFormLayout* form, const QString& label, const QString& unit,
                                    const QString& tip, const char* field, double displayFactor)
{
    NumberField::Options options;
    options.unit = unit;
    options.unitColumn = true;
    options.messageLine = true;
    options.displayFactor = displayFactor;
    auto* f = new NumberField(options, form->parentWidget());
    f->setToolTip(tip);
    form->addRow(label, f);
    m_fields[field] = f;
    connect(f, &NumberField::edited, this, &IdentifyForm::emitChanged);
    return f;
}

void IdentifyForm::emitChanged()
{
    if (m_syncing)
        return;
    updateEnabled();
    emit changed();
}

void IdentifyForm::updateEnabled()
{
    const bool circle = m_method->currentData().toString() == QStringLiteral("circle");
    const bool diagram = !circle || m_compare->isChecked();
    for (QWidget* w : std::initializer_list<QWidget*>{
             m_minOrder, m_maxOrder, m_orderStep, m_frequencyTolerance, m_dampingTolerance,
             m_macTolerance, m_clearPicks})
        w->setEnabled(diagram);
    const bool update = m_update->isChecked();
    for (QWidget* w : std::initializer_list<QWidget*>{
             m_updateK, m_updateM, m_updateC, m_frequencyWeight, m_shapeWeight,
             m_dampingWeight, m_tikhonov, m_replay})
        w->setEnabled(update);
}

void IdentifyForm::setDatasets(const std::vector<std::pair<std::string, std::string>>& all,
                               const std::vector<std::pair<std::string, std::string>>& timeHistories)
{
    m_syncing = true;
    const QString dataset = m_dataset->currentData().toString();
    const std::string replay = replayRecord();
    m_dataset->clear();
    for (const auto& [id, title] : all) {
        m_dataset->addItem(QString::fromStdString(id), QString::fromStdString(id));
        m_dataset->setItemData(m_dataset->count() - 1, QString::fromStdString(title),
                               Qt::ToolTipRole);
    }
    m_replay->clear();
    m_replay->addItem(tr("none"), QString());
    for (const auto& [id, title] : timeHistories) {
        m_replay->addItem(QString::fromStdString(id), QString::fromStdString(id));
        m_replay->setItemData(m_replay->count() - 1, QString::fromStdString(title),
                              Qt::ToolTipRole);
    }
    // The current choice, else the last set input's, else the first Southampton FRF.
    int d = m_dataset->findData(dataset);
    if (d < 0)
        d = m_dataset->findData(QString::fromStdString(m_base.dataset));
    if (d < 0)
        d = m_dataset->findData(QStringLiteral("southampton-exp-force1"));
    m_dataset->setCurrentIndex(std::max(0, d));
    m_syncing = false;
    setReplayRecord(replay);
}

void IdentifyForm::setStoreys(std::size_t storeys)
{
    m_syncing = true;
    const int current = m_drivingPoint->currentData().toInt();
    m_drivingPoint->clear();
    m_drivingPoint->addItem(tr("from the dataset"), 0);
    for (int f = 1; f <= int(std::max<std::size_t>(storeys, 1)); ++f)
        m_drivingPoint->addItem(tr("floor %1").arg(f), f);
    m_drivingPoint->setCurrentIndex(std::max(0, m_drivingPoint->findData(current)));
    m_syncing = false;
}

IdentifyInput IdentifyForm::input(const model::Profile& profile, InputIssues* issues) const
{
    IdentifyInput in = m_base;
    in.profile = profile;
    in.dataset = m_dataset->currentData().toString().toStdString();
    identification::parseIdentificationMethod(m_method->currentData().toString().toStdString(),
                                              in.method);
    in.bandLoHz = numberOf(m_bandLo, "band_hz", in.bandLoHz, issues);
    in.bandHiHz = numberOf(m_bandHi, "band_hz_high", in.bandHiHz, issues);
    in.modes = static_cast<std::size_t>(countOf(m_modes, "modes", in.modes, issues));
    in.drivingPoint = m_drivingPoint->currentData().toInt();
    in.compareMethods = m_compare->isChecked();
    in.lscf.minOrder = orderOf(m_minOrder, "min_order", in.lscf.minOrder, issues);
    in.lscf.maxOrder = orderOf(m_maxOrder, "max_order", in.lscf.maxOrder, issues);
    in.lscf.orderStep = orderOf(m_orderStep, "order_step", in.lscf.orderStep, issues);
    in.lscf.frequencyTolerance =
        numberOf(m_frequencyTolerance, "frequency_tolerance", in.lscf.frequencyTolerance, issues);
    in.lscf.dampingTolerance =
        numberOf(m_dampingTolerance, "damping_tolerance", in.lscf.dampingTolerance, issues);
    in.lscf.macTolerance = numberOf(m_macTolerance, "mac_tolerance", in.lscf.macTolerance, issues);
    in.picks = m_picks;
    in.lsfd.upperResidual = m_upperResidual->isChecked();
    in.lsfd.lowerResidual = m_lowerResidual->isChecked();
    in.update = m_update->isChecked();
    in.updating.stiffnesses = m_updateK->isChecked();
    in.updating.masses = m_updateM->isChecked();
    in.updating.damping = m_updateC->isChecked();
    in.updating.frequencyWeight =
        numberOf(m_frequencyWeight, "frequency_weight", in.updating.frequencyWeight, issues);
    in.updating.shapeWeight = numberOf(m_shapeWeight, "shape_weight", in.updating.shapeWeight, issues);
    in.updating.dampingWeight =
        numberOf(m_dampingWeight, "damping_weight", in.updating.dampingWeight, issues);
    in.updating.tikhonov = numberOf(m_tikhonov, "tikhonov", in.updating.tikhonov, issues);
    if (in.dataset.empty() && issues)
        issues->push_back({"dataset", "choose a dataset"});
    return in;
}

void IdentifyForm::setInput(const IdentifyInput& in)
{
    m_base = in;
    m_base.data = {};
    m_syncing = true;
    const int d = m_dataset->findData(QString::fromStdString(in.dataset));
    if (d >= 0)
        m_dataset->setCurrentIndex(d);
    m_method->setCurrentIndex(
        m_method->findData(QString::fromLatin1(identificationMethodName(in.method))));
    m_bandLo->setValue(in.bandLoHz);
    m_bandHi->setValue(in.bandHiHz);
    m_modes->setCount(in.modes);
    const int p = m_drivingPoint->findData(in.drivingPoint);
    m_drivingPoint->setCurrentIndex(std::max(0, p));
    m_compare->setChecked(in.compareMethods);
    m_minOrder->setCount(static_cast<std::uint64_t>(std::max(0, in.lscf.minOrder)));
    m_maxOrder->setCount(static_cast<std::uint64_t>(std::max(0, in.lscf.maxOrder)));
    m_orderStep->setCount(static_cast<std::uint64_t>(std::max(0, in.lscf.orderStep)));
    m_frequencyTolerance->setValue(in.lscf.frequencyTolerance);
    m_dampingTolerance->setValue(in.lscf.dampingTolerance);
    m_macTolerance->setValue(in.lscf.macTolerance);
    m_picks = in.picks;
    m_upperResidual->setChecked(in.lsfd.upperResidual);
    m_lowerResidual->setChecked(in.lsfd.lowerResidual);
    m_update->setChecked(in.update);
    m_updateK->setChecked(in.updating.stiffnesses);
    m_updateM->setChecked(in.updating.masses);
    m_updateC->setChecked(in.updating.damping);
    m_frequencyWeight->setValue(in.updating.frequencyWeight);
    m_shapeWeight->setValue(in.updating.shapeWeight);
    m_dampingWeight->setValue(in.updating.dampingWeight);
    m_tikhonov->setValue(in.updating.tikhonov);
    m_syncing = false;
    updatePicks();
    updateEnabled();
}

std::string IdentifyForm::replayRecord() const
{
    return m_replay->currentData().toString().toStdString();
}

void IdentifyForm::setReplayRecord(const std::string& id)
{
    m_syncing = true;
    m_replay->setCurrentIndex(std::max(0, m_replay->findData(QString::fromStdString(id))));
    m_syncing = false;
}

void IdentifyForm::addPick(const identification::PolePick& pick)
{
    // One pick per mode: a click near an already picked frequency (1 %) replaces it.
    std::erase_if(m_picks, [&](const identification::PolePick& p) {
        return std::abs(p.frequencyHz - pick.frequencyHz) <= 0.01 * pick.frequencyHz;
    });
    m_picks.push_back(pick);
    std::sort(m_picks.begin(), m_picks.end(),
              [](const auto& a, const auto& b) { return a.frequencyHz < b.frequencyHz; });
    updatePicks();
    emitChanged();
}

void IdentifyForm::clearPicks()
{
    if (m_picks.empty())
        return;
    m_picks.clear();
    updatePicks();
    emitChanged();
}

void IdentifyForm::updatePicks()
{
    if (m_picks.empty()) {
        m_picksLabel->setText(tr("automatic (click the diagram to pick)"));
        m_clearPicks->setEnabled(false);
        return;
    }
    QStringList items;
    for (const auto& p : m_picks)
        items << tr("%1 Hz @ %2").arg(p.frequencyHz, 0, 'f', 3).arg(p.order);
    m_picksLabel->setText(tr("picked: %1").arg(items.join(QStringLiteral(", "))));
    m_clearPicks->setEnabled(true);
}

void IdentifyForm::showIssues(const InputIssues& issues)
{
    for (const auto& [id, widget] : m_fields) {
        QString message;
        for (const auto& issue : issues) {
            const bool match = issue.field == id ||
                               (id == "band_hz_high" && issue.field == "band_hz") ||
                               (id == "update" && (issue.field == "stiffnesses" ||
                                                   issue.field == "masses"));
            if (match)
                message += (message.isEmpty() ? QString() : QStringLiteral("; ")) +
                           QString::fromStdString(issue.message);
        }
        markFieldIssue(widget, message);
    }
}

} // namespace dtop::widgets
