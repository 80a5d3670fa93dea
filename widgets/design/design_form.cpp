// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/design/design_form.h"

#include "widgets/design/input_table.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dtop::widgets {

namespace {

double requiredField(const NumberField* f, const char* id, double fallback, InputIssues* issues)
{
    if (!f->value()) {
        if (issues)
            issues->push_back({id, "not a number: '" + f->text().toStdString() + "'"});
        return fallback;
    }
    return *f->value();
}

std::size_t countField(const NumberField* f, const char* id, std::size_t fallback,
                       InputIssues* issues)
{
    if (const auto c = f->count())
        return static_cast<std::size_t>(*c);
    if (issues)
        issues->push_back({id, "not a whole number >= 0: '" + f->text().toStdString() + "'"});
    return fallback;
}

} // namespace

DesignForm::DesignForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* inputsBox = new QGroupBox(tr("Inputs (independent random variables)"), this);
    auto* inputsLayout = new QVBoxLayout(inputsBox);
    m_inputs = new InputDistributionTable(inputsBox);
    inputsLayout->addWidget(m_inputs);
    auto* buttons = new QHBoxLayout;
    auto* defaults = new QPushButton(tr("Sheffield defaults"), inputsBox);
    defaults->setToolTip(tr("The sheffield-design means and spreads (two gamma dampers) of "
                            "docs/tools/design.md"));
    auto* fromProfile = new QPushButton(tr("Means from profile"), inputsBox);
    fromProfile->setToolTip(tr("The active profile's masses, stiffnesses and dampers as means, "
                               "with 2 % (k, m) and 10 % (c) normal spreads and a force "
                               "f1 ~ N(1, 0.1) N"));
    buttons->addWidget(defaults);
    buttons->addWidget(fromProfile);
    buttons->addStretch(1);
    inputsLayout->addLayout(buttons);
    layout->addWidget(inputsBox);
    connect(m_inputs, &InputDistributionTable::changed, this, &DesignForm::emitChanged);
    connect(defaults, &QPushButton::clicked, this, [this] {
        design::DesignInput in = input(nullptr);
        in.inputs = design::sheffieldDesignInputs();
        if (in.outputs.empty() || std::any_of(in.outputs.begin(), in.outputs.end(), [](const auto& o) {
                return o.floor > 3;
            }))
            in.outputs = design::DesignInput().outputs;
        setInput(in);
        emit changed();
    });
    connect(fromProfile, &QPushButton::clicked, this, &DesignForm::profileInputsRequested);

    auto* analysisBox = new QGroupBox(tr("Analysis"), this);
    auto* analysis = new QFormLayout(analysisBox);
    m_frequency = addField(analysis, tr("Analysis frequency"), tr("Hz"),
                           tr("Frequency of the in-phase harmonic floor forces"), "frequency_hz");
    m_outputsBox = new QGroupBox(analysisBox);
    m_outputsBox->setFlat(true);
    m_outputsBox->setToolTip(tr("x_i: displacement amplitude of floor i [m]; s_i: shear force "
                                "amplitude of storey i [N]. The first one chosen is the "
                                "probability's output."));
    new QGridLayout(m_outputsBox);
    analysis->addRow(tr("Outputs"), m_outputsBox);
    m_fields["outputs"] = m_outputsBox;
    m_shear = new QComboBox(analysisBox);
    m_shear->addItem(tr("complex: spring + damper force"), QStringLiteral("complex"));
    m_shear->addItem(tr("prototype's: k·(|X_i| − |X_i−1|)"), QStringLiteral("prototype"));
    m_shear->setToolTip(tr("Storey shear s_i = |(k_i + iωc_i)(X_i − X_i−1)|, or the prototype's "
                           "definition (magnitudes subtracted, damper force left out), labelled"));
    analysis->addRow(tr("Shear"), m_shear);
    m_sampling = new QComboBox(analysisBox);
    m_sampling->addItem(tr("Monte Carlo"), QStringLiteral("monte-carlo"));
    m_sampling->addItem(tr("Sobol' quasi-Monte Carlo"), QStringLiteral("sobol"));
    m_sampling->setToolTip(tr("Plain Monte Carlo or a randomised Sobol' sequence"));
    analysis->addRow(tr("Sampling"), m_sampling);
    m_fields["sampling"] = m_sampling;
    m_samples = addField(analysis, tr("Samples N"), tr("samples"),
                         tr("Main sample size (statistics, Fisher information, probability); "
                            "10⁷ gives every scaled probability gradient a standard error "
                            "≤ 0.015"),
                         "samples");
    m_seed = addField(analysis, tr("Seed"), QString(),
                      tr("Random seed; results do not depend on the number of threads"), "seed");
    layout->addWidget(analysisBox);

    auto* whatBox = new QGroupBox(tr("Sensitivities"), this);
    auto* what = new QFormLayout(whatBox);
    m_sobol = new QCheckBox(tr("Sobol' indices (first order, total)"), whatBox);
    m_sobol->setToolTip(tr("Saltelli 2010 first-order and Jansen total-effect indices with 95 % "
                           "bootstrap intervals; rows doubled until every half-width ≤ the "
                           "tolerance"));
    what->addRow(m_sobol);
    m_sobolTolerance = addField(what, tr("CI half-width ≤"), tr("–"),
                                tr("Target half-width of every 95 % bootstrap interval of the "
                                   "Sobol' indices"),
                                "sobol_tolerance");
    m_fisher = new QCheckBox(tr("Fisher information of the outputs"), whatBox);
    m_fisher->setToolTip(tr("Output Fisher information with respect to the distribution "
                            "parameters (cross-fitted conditional means on refined cells)"));
    what->addRow(m_fisher);
    m_fisherCells = addField(what, tr("Cell budget"), tr("cells"),
                             tr("Cells of the finest output partition of the Fisher information"),
                             "fisher_max_cells");
    m_probability = new QCheckBox(tr("Probability P(first output < t)"), whatBox);
    m_probability->setToolTip(tr("Probability of the first output below the threshold, with its "
                                 "likelihood-ratio gradient"));
    what->addRow(m_probability);
    m_threshold = addField(what, tr("Threshold t"), tr("m"),
                           tr("In the first output's unit; empty = its nominal value"),
                           "threshold");
    m_legacy = new QCheckBox(tr("prototype's estimators (legacy, labelled)"), whatBox);
    m_legacy->setToolTip(tr("Run the prototype's binned-CDF Fisher information and probability "
                            "estimators on N = 1000 samples instead, labelled as the prototype's"));
    what->addRow(m_legacy);
    layout->addWidget(whatBox);
    layout->addStretch(1);
    for (QCheckBox* box : {m_sobol, m_fisher, m_probability, m_legacy})
        connect(box, &QCheckBox::toggled, this, &DesignForm::emitChanged);
    for (QComboBox* box : {m_shear, m_sampling})
        connect(box, &QComboBox::currentIndexChanged, this, &DesignForm::emitChanged);
    setInput(design::DesignInput());
}

NumberField* DesignForm::addField(QFormLayout* form, const QString& label, const QString& unit,
                                  const QString& tip, const char* field)
{
    auto* f = new NumberField(unit, tip, form->parentWidget());
    form->addRow(label, f);
    m_fields[field] = f;
    connect(f, &NumberField::edited, this, &DesignForm::emitChanged);
    return f;
}

void DesignForm::emitChanged()
{
    if (m_syncing)
        return;
    updateThresholdUnit();
    emit changed();
}

void DesignForm::rebuildOutputs(std::size_t storeys, const std::vector<design::OutputId>& selected)
{
    auto* grid = static_cast<QGridLayout*>(m_outputsBox->layout());
    for (auto& [id, box] : m_outputs)
        delete box;
    m_outputs.clear();
    m_selected = selected;
    const auto all = design::allOutputs(storeys);
    for (std::size_t k = 0; k < all.size(); ++k) {
        const design::OutputId id = all[k];
        auto* box = new QCheckBox(QString::fromStdString(design::outputName(id)), m_outputsBox);
        box->setToolTip(QString::fromStdString(design::outputLabel(id)));
        box->setChecked(std::find(selected.begin(), selected.end(), id) != selected.end());
        grid->addWidget(box, id.kind == design::OutputKind::Displacement ? 0 : 1, id.floor - 1);
        m_outputs.emplace_back(id, box);
        connect(box, &QCheckBox::toggled, this, [this, id](bool on) {
            auto it = std::find(m_selected.begin(), m_selected.end(), id);
            if (on && it == m_selected.end())
                m_selected.push_back(id);
            if (!on && it != m_selected.end())
                m_selected.erase(it);
            emitChanged();
        });
    }
}

QCheckBox* DesignForm::outputBox(const std::string& name) const
{
    for (const auto& [id, box] : m_outputs)
        if (design::outputName(id) == name)
            return box;
    return nullptr;
}

void DesignForm::updateThresholdUnit()
{
    m_threshold->setUnit(m_selected.empty() ? QString()
                                            : QString::fromUtf8(design::outputUnit(m_selected.front())));
}

design::DesignInput DesignForm::input(InputIssues* issues) const
{
    design::DesignInput in = m_base;
    in.inputs = m_inputs->distributions(issues);
    in.frequencyHz = requiredField(m_frequency, "frequency_hz", m_base.frequencyHz, issues);
    in.outputs = m_selected;
    design::parseShearDefinition(m_shear->currentData().toString().toStdString(), in.shear);
    uq::parseSamplingMethod(m_sampling->currentData().toString().toStdString(), in.sampling);
    in.samples = countField(m_samples, "samples", m_base.samples, issues);
    in.seed = countField(m_seed, "seed", static_cast<std::size_t>(m_base.seed), issues);
    in.probability = m_probability->isChecked();
    if (m_threshold->text().trimmed().isEmpty())
        in.threshold.reset();
    else
        in.threshold = requiredField(m_threshold, "threshold", 0.0, issues);
    in.sobol = m_sobol->isChecked();
    in.sobolTolerance = requiredField(m_sobolTolerance, "sobol_tolerance", m_base.sobolTolerance, issues);
    in.fisher = m_fisher->isChecked();
    in.fisherMaxCells = countField(m_fisherCells, "fisher_max_cells", m_base.fisherMaxCells, issues);
    in.legacy = m_legacy->isChecked();
    return in;
}

void DesignForm::setInput(const design::DesignInput& in)
{
    m_syncing = true;
    m_base = in;
    m_inputs->setDistributions(in.inputs);
    m_frequency->setValue(in.frequencyHz);
    rebuildOutputs(in.storeys(), in.outputs);
    m_shear->setCurrentIndex(m_shear->findData(QString::fromLatin1(design::shearDefinitionName(in.shear))));
    m_sampling->setCurrentIndex(
        std::max(0, m_sampling->findData(QString::fromLatin1(uq::samplingMethodName(in.sampling)))));
    m_samples->setCount(in.samples);
    m_seed->setCount(in.seed);
    m_probability->setChecked(in.probability);
    if (in.threshold)
        m_threshold->setValue(*in.threshold);
    else
        m_threshold->setText(QString());
    m_sobol->setChecked(in.sobol);
    m_sobolTolerance->setValue(in.sobolTolerance);
    m_fisher->setChecked(in.fisher);
    m_fisherCells->setCount(in.fisherMaxCells);
    m_legacy->setChecked(in.legacy);
    updateThresholdUnit();
    m_syncing = false;
}

void DesignForm::showIssues(const InputIssues& issues)
{
    m_inputs->showIssues(issues);
    for (const auto& [id, widget] : m_fields) {
        QString message;
        for (const auto& issue : issues)
            if (issue.field == id)
                message += (message.isEmpty() ? QString() : QStringLiteral("; ")) +
                           QString::fromStdString(issue.message);
        markFieldIssue(widget, message);
    }
    // Problems with the set of inputs as a whole (count, all forces zero) go on the table.
    QString whole;
    for (const auto& issue : issues)
        if (issue.field == "inputs" || issue.field == "input")
            whole += (whole.isEmpty() ? QString() : QStringLiteral("; ")) + QString::fromStdString(issue.message);
    markFieldIssue(m_inputs, whole);
}

} // namespace dtop::widgets
