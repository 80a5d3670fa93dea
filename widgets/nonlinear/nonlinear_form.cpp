// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/nonlinear/nonlinear_form.h"

#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dtop::widgets {

namespace {

using nonlinear::NonlinearAnalysis;

struct AnalysisEntry {
    NonlinearAnalysis analysis;
    const char* label;
    const char* tip;
};

const AnalysisEntry kAnalyses[] = {
    {NonlinearAnalysis::ForceCurve, QT_TRANSLATE_NOOP("NonlinearForm", "Force curve (S-curve)"),
     QT_TRANSLATE_NOOP("NonlinearForm", "Periodic response against the force amplitude at a "
                                        "fixed frequency: folds, unstable middle branch")},
    {NonlinearAnalysis::FrequencyCurve,
     QT_TRANSLATE_NOOP("NonlinearForm", "Frequency-response curve"),
     QT_TRANSLATE_NOOP("NonlinearForm", "Periodic response against the frequency at a fixed "
                                        "force, with the backbones of the modes in the range")},
    {NonlinearAnalysis::Backbone, QT_TRANSLATE_NOOP("NonlinearForm", "Backbone (NNM)"),
     QT_TRANSLATE_NOOP("NonlinearForm", "Free, undamped periodic orbits of a mode: frequency "
                                        "against amplitude")},
    {NonlinearAnalysis::FoldCurve, QT_TRANSLATE_NOOP("NonlinearForm", "Bistability map"),
     QT_TRANSLATE_NOOP("NonlinearForm", "Two-parameter fold continuation: the region of the "
                                        "(frequency, force) plane with two stable responses, "
                                        "and its cusp")},
    {NonlinearAnalysis::Sweep, QT_TRANSLATE_NOOP("NonlinearForm", "Open-loop sweep"),
     QT_TRANSLATE_NOOP("NonlinearForm", "Quasi-static sweep up and down (jumps at the folds) "
                                        "and, with a rate, the time-domain sweep")},
    {NonlinearAnalysis::Cbc, QT_TRANSLATE_NOOP("NonlinearForm", "Control-based continuation"),
     QT_TRANSLATE_NOOP("NonlinearForm", "Simulated CBC experiment with a PD controller on floor "
                                        "1, over the model's S-curve")},
};

bool usesForceRange(const nonlinear::NonlinearInput& in)
{
    return in.analysis == NonlinearAnalysis::ForceCurve || in.analysis == NonlinearAnalysis::Cbc ||
           (in.analysis == NonlinearAnalysis::Sweep &&
            in.sweepParameter == nonlinear::SweepParameter::Force);
}

void setOptional(NumberField* f, const std::optional<double>& v)
{
    if (v)
        f->setValue(*v);
    else
        f->setText(QString());
}

} // namespace

NonlinearForm::NonlinearForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* analysisBox = new QGroupBox(tr("Analysis"), this);
    auto* analysisForm = new QFormLayout(analysisBox);
    m_analysis = new QComboBox(analysisBox);
    for (const auto& a : kAnalyses) {
        m_analysis->addItem(tr(a.label), QString::fromLatin1(nonlinearAnalysisName(a.analysis)));
        m_analysis->setItemData(m_analysis->count() - 1, tr(a.tip), Qt::ToolTipRole);
    }
    m_analysis->setToolTip(tr("What to compute (docs: Help ▸ Nonlinear dynamics)"));
    m_fields["analysis"] = m_analysis;
    analysisForm->addRow(tr("Analysis"), m_analysis);
    m_frequency = addField(analysisForm, tr("Frequency ω"), QStringLiteral("rad/s"),
                           tr("Fixed forcing frequency of the force curve, CBC and force sweep; "
                              "where the bistability map starts (inside its range)"),
                           "frequency_rad_s");
    m_force = addField(analysisForm, tr("Force F"), QStringLiteral("N"),
                       tr("Fixed force amplitude (F cos ωt on floor 1) of the frequency curve "
                          "and the frequency sweep"),
                       "force_n");
    m_from = addField(analysisForm, tr("From"), QStringLiteral("N"),
                      tr("Start of the continued parameter; empty: the analysis's default"),
                      "from");
    m_to = addField(analysisForm, tr("To"), QStringLiteral("N"),
                    tr("End of the continued parameter; empty: the analysis's default"), "to");
    m_rangeNote = new QLabel(analysisBox);
    m_rangeNote->setWordWrap(true);
    m_rangeNote->setStyleSheet(QStringLiteral("color: #555;"));
    analysisForm->addRow(QString(), m_rangeNote);
    m_mode = new QSpinBox(analysisBox);
    m_mode->setRange(0, 3);
    m_mode->setSpecialValueText(tr("every mode"));
    m_mode->setToolTip(tr("Mode whose backbone is traced (1 = lowest); 0: every mode"));
    m_fields["mode"] = m_mode;
    analysisForm->addRow(tr("Backbone mode"), m_mode);
    m_harmonics = new QSpinBox(analysisBox);
    m_harmonics->setRange(0, nonlinear::kMaxHarmonics);
    m_harmonics->setSpecialValueText(tr("automatic"));
    m_harmonics->setToolTip(tr("Odd harmonics retained by the harmonic balance (1, 3, …, 2N−1); "
                               "automatic: added until the highest one is below 1e-7 m, the "
                               "number used is reported"));
    m_fields["harmonics"] = m_harmonics;
    analysisForm->addRow(tr("Harmonics"), m_harmonics);
    m_backbones = new QCheckBox(tr("Overlay the backbones"), analysisBox);
    m_backbones->setToolTip(tr("Frequency curve: draw the backbone of every mode in the range"));
    analysisForm->addRow(QString(), m_backbones);
    m_forceLimit = addField(analysisForm, tr("Force limit"), QStringLiteral("N"),
                            tr("Bistability map: largest force of the fold curve"),
                            "force_limit_n");
    layout->addWidget(analysisBox);

    auto* sweepBox = new QGroupBox(tr("Open-loop sweep"), this);
    auto* sweepForm = new QFormLayout(sweepBox);
    m_sweepParameter = new QComboBox(sweepBox);
    m_sweepParameter->addItem(tr("frequency (at force F)"), QStringLiteral("frequency"));
    m_sweepParameter->addItem(tr("force (at frequency ω)"), QStringLiteral("force"));
    m_sweepParameter->setToolTip(tr("The swept parameter"));
    sweepForm->addRow(tr("Sweep"), m_sweepParameter);
    m_sweepPoints = new QSpinBox(sweepBox);
    m_sweepPoints->setRange(2, static_cast<int>(nonlinear::kMaxSweepPoints));
    m_sweepPoints->setToolTip(tr("Quasi-static sweep: grid points each way"));
    m_fields["sweep_points"] = m_sweepPoints;
    sweepForm->addRow(tr("Points"), m_sweepPoints);
    m_sweepRate = addField(sweepForm, tr("Rate"), QStringLiteral("rad/s²"),
                           tr("Time-domain sweep rate; 0: quasi-static only. A warning says when "
                              "it is too fast for the damping"),
                           "sweep_rate");
    layout->addWidget(sweepBox);

    auto* cbcBox = new QGroupBox(tr("Control-based continuation"), this);
    auto* cbcForm = new QFormLayout(cbcBox);
    m_kp = addField(cbcForm, tr("Gain kp"), QStringLiteral("N/m"),
                    tr("Proportional gain of the PD controller on floor 1, u = kp(x* − x₁) + "
                       "kd(ẋ* − ẋ₁); > 0 stabilises (the prototype's −120 is +120 here)"),
                    "kp");
    m_kd = addField(cbcForm, tr("Gain kd"), QStringLiteral("N·s/m"),
                    tr("Derivative gain of the PD controller"), "kd");
    m_cbcPoints = new QSpinBox(cbcBox);
    m_cbcPoints->setRange(10, static_cast<int>(nonlinear::kMaxCbcPoints));
    m_cbcPoints->setToolTip(tr("About this many points along the S-curve"));
    m_fields["cbc_points"] = m_cbcPoints;
    cbcForm->addRow(tr("Points"), m_cbcPoints);
    m_cbcTolerance = addField(cbcForm, tr("Tolerance"), QStringLiteral("N"),
                              tr("A point is converged when the invasive control force (every "
                                 "harmonic but the first) is at most this"),
                              "cbc_tolerance_n");
    layout->addWidget(cbcBox);

    m_legacy = new QCheckBox(tr("Also run the prototype's default run (compatibility mode)"), this);
    m_legacy->setToolTip(tr("The prototype's sweeps and CBC with its algorithms and defects, "
                            "labelled as such, compared with the bundled reference run"));
    layout->addWidget(m_legacy);
    layout->addStretch(1);

    for (QSpinBox* box : {m_mode, m_harmonics, m_sweepPoints, m_cbcPoints})
        connect(box, &QSpinBox::valueChanged, this, [this] {
            updateEnabled();
            if (!m_syncing)
                emit changed();
        });
    for (QComboBox* box : {m_analysis, m_sweepParameter})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            updateEnabled();
            if (!m_syncing)
                emit changed();
        });
    for (QCheckBox* box : {m_backbones, m_legacy})
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_syncing)
                emit changed();
        });
    setInput(nonlinear::NonlinearInput{});
}

NumberField* NonlinearForm::addField(QFormLayout* form, const QString& label, const QString& unit,
                                     const QString& tip, const char* field)
{
    auto* f = new NumberField(unit, tip, form->parentWidget());
    form->addRow(label, f);
    m_fields[field] = f;
    connect(f, &NumberField::edited, this, [this] {
        updateEnabled();
        if (!m_syncing)
            emit changed();
    });
    return f;
}

void NonlinearForm::updateEnabled()
{
    nonlinear::NonlinearInput in = m_base;
    in.analysis = kAnalyses[std::max(0, m_analysis->currentIndex())].analysis;
    nonlinear::parseSweepParameter(m_sweepParameter->currentData().toString().toStdString(),
                                   in.sweepParameter);
    const bool force = usesForceRange(in);
    const bool sweep = in.analysis == NonlinearAnalysis::Sweep;
    const bool cbc = in.analysis == NonlinearAnalysis::Cbc;
    const bool backbone = in.analysis == NonlinearAnalysis::Backbone;
    const bool fold = in.analysis == NonlinearAnalysis::FoldCurve;
    m_frequency->setEnabled(force || fold);
    m_force->setEnabled(in.analysis == NonlinearAnalysis::FrequencyCurve || (sweep && !force));
    const QString unit = force ? QStringLiteral("N") : QStringLiteral("rad/s");
    m_from->setUnit(unit);
    m_to->setUnit(unit);
    m_from->setEnabled(!backbone);
    // Placeholders show the default range the analysis takes when a field is left empty.
    in.from.reset();
    in.to.reset();
    in.frequencyRadS = m_frequency->value().value_or(in.frequencyRadS);
    in.mode = m_mode->value();
    const QString defaultFrom = QString::number(in.effectiveFrom(), 'g', 4);
    QString defaultTo;
    try {
        defaultTo = QString::number(in.effectiveTo(), 'g', 4);
    } catch (const std::exception&) {
        defaultTo = tr("default");
    }
    m_from->edit()->setPlaceholderText(defaultFrom);
    m_to->edit()->setPlaceholderText(defaultTo);
    m_rangeNote->setText(backbone ? tr("Backbone: traced from the linear mode up to “To” "
                                       "(default 1.25 × the mode's frequency).")
                         : fold   ? tr("Bistability map: the frequency range; the fold curve "
                                       "starts at the first fold of the S-curve at ω.")
                                  : tr("Empty range fields take the defaults shown."));
    m_mode->setEnabled(backbone);
    m_backbones->setEnabled(in.analysis == NonlinearAnalysis::FrequencyCurve);
    m_forceLimit->setEnabled(fold);
    m_sweepParameter->setEnabled(sweep);
    m_sweepPoints->setEnabled(sweep);
    m_sweepRate->setEnabled(sweep);
    m_sweepRate->setUnit(force ? QStringLiteral("N/s") : QStringLiteral("rad/s²"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_kp, m_kd, m_cbcPoints, m_cbcTolerance})
        w->setEnabled(cbc);
}

nonlinear::NonlinearInput NonlinearForm::input(const model::Profile& profile,
                                               InputIssues* issues) const
{
    nonlinear::NonlinearInput in = m_base;
    in.profile = profile;
    in.analysis = kAnalyses[std::max(0, m_analysis->currentIndex())].analysis;
    in.frequencyRadS = requiredFieldValue(m_frequency, "frequency_rad_s", in.frequencyRadS, issues);
    in.forceN = requiredFieldValue(m_force, "force_n", in.forceN, issues);
    in.from = optionalFieldValue(m_from, "from", issues);
    in.to = optionalFieldValue(m_to, "to", issues);
    in.mode = m_mode->value();
    in.harmonics = m_harmonics->value();
    in.backbonesWithFrequencyCurve = m_backbones->isChecked();
    in.forceLimitN = requiredFieldValue(m_forceLimit, "force_limit_n", in.forceLimitN, issues);
    nonlinear::parseSweepParameter(m_sweepParameter->currentData().toString().toStdString(),
                                   in.sweepParameter);
    in.sweepPoints = static_cast<std::size_t>(m_sweepPoints->value());
    in.sweepRate = requiredFieldValue(m_sweepRate, "sweep_rate", in.sweepRate, issues);
    in.kp = requiredFieldValue(m_kp, "kp", in.kp, issues);
    in.kd = requiredFieldValue(m_kd, "kd", in.kd, issues);
    in.cbcPoints = static_cast<std::size_t>(m_cbcPoints->value());
    in.cbcToleranceN = requiredFieldValue(m_cbcTolerance, "cbc_tolerance_n", in.cbcToleranceN,
                                          issues);
    in.legacy = m_legacy->isChecked();
    if (issues && issues->empty())
        for (auto& issue : in.validate())
            issues->push_back(std::move(issue));
    return in;
}

void NonlinearForm::setInput(const nonlinear::NonlinearInput& in)
{
    const model::Profile profile = m_base.profile; // the panel's (setProfile), not the input's
    m_base = in;
    m_base.profile = profile;
    m_syncing = true;
    for (int i = 0; i < m_analysis->count(); ++i)
        if (kAnalyses[i].analysis == in.analysis)
            m_analysis->setCurrentIndex(i);
    m_frequency->setValue(in.frequencyRadS);
    m_force->setValue(in.forceN);
    setOptional(m_from, in.from);
    setOptional(m_to, in.to);
    m_mode->setValue(in.mode);
    m_harmonics->setValue(in.harmonics);
    m_backbones->setChecked(in.backbonesWithFrequencyCurve);
    m_forceLimit->setValue(in.forceLimitN);
    m_sweepParameter->setCurrentIndex(
        m_sweepParameter->findData(QString::fromLatin1(sweepParameterName(in.sweepParameter))));
    m_sweepPoints->setValue(static_cast<int>(in.sweepPoints));
    m_sweepRate->setValue(in.sweepRate);
    m_kp->setValue(in.kp);
    m_kd->setValue(in.kd);
    m_cbcPoints->setValue(static_cast<int>(in.cbcPoints));
    m_cbcTolerance->setValue(in.cbcToleranceN);
    m_legacy->setChecked(in.legacy);
    m_syncing = false;
    updateEnabled();
}

void NonlinearForm::setProfile(const model::Profile& profile)
{
    m_base.profile = profile;
    m_syncing = true;
    m_mode->setMaximum(static_cast<int>(profile.storeys()));
    m_syncing = false;
    updateEnabled();
}

void NonlinearForm::showIssues(const InputIssues& issues)
{
    for (const auto& [id, widget] : m_fields) {
        QString message;
        for (const auto& issue : issues)
            if (issue.field == id)
                message += (message.isEmpty() ? QString() : QStringLiteral("; ")) +
                           QString::fromStdString(issue.message);
        markFieldIssue(widget, message);
    }
    // Profile issues (m1, k2, …) are the profile editor's; the panel lists them too.
    updateEnabled();
}

} // namespace dtop::widgets
