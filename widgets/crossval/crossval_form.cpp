// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/crossval/crossval_form.h"

#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace dtop::widgets {

namespace {

// The defaults of the issue's screenshot: the Southampton rig (force at floor 1) against its
// twin.
constexpr const char* kDefaultReference = "southampton-exp-force1";
constexpr const char* kDefaultCandidate = "profile:southampton-lpm";

double numberOf(const NumberField* f, const char* id, double fallback, InputIssues* issues)
{
    if (f->value())
        return *f->value();
    if (issues)
        issues->push_back({id, "not a number: '" + f->text().toStdString() + "'"});
    return fallback;
}

std::size_t countOf(const NumberField* f, const char* id, std::size_t fallback, InputIssues* issues)
{
    if (auto n = f->count())
        return static_cast<std::size_t>(*n);
    if (issues)
        issues->push_back({id, "not a whole number >= 0: '" + f->text().toStdString() + "'"});
    return fallback;
}

} // namespace

CrossvalForm::CrossvalForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* sourcesBox = new QGroupBox(tr("Sources"), this);
    auto* sources = new QFormLayout(sourcesBox);
    m_reference = new QComboBox(sourcesBox);
    m_reference->setEditable(true);
    m_reference->setInsertPolicy(QComboBox::NoInsert);
    m_reference->setToolTip(tr("The reference: a dataset id (bundled or imported) or "
                               "profile:NAME[@VERSION] (a preset, a saved profile's latest "
                               "version, or its version VERSION)"));
    sources->addRow(tr("Reference"), m_reference);
    m_fields["reference"] = {m_reference};
    m_candidates = new QListWidget(sourcesBox);
    m_candidates->setToolTip(tr("Candidates compared with the reference, in this order (at most "
                                "32). Select one and press Remove to drop it."));
    m_candidates->setMaximumHeight(90);
    sources->addRow(tr("Candidates"), m_candidates);
    m_fields["candidates"] = {m_candidates};
    m_candidateChoice = new QComboBox(sourcesBox);
    m_candidateChoice->setEditable(true);
    m_candidateChoice->setInsertPolicy(QComboBox::NoInsert);
    m_candidateChoice->setToolTip(tr("A source to add as a candidate: pick one or type "
                                     "profile:NAME@VERSION"));
    m_add = new QPushButton(tr("Add"), sourcesBox);
    m_add->setToolTip(tr("Append this source to the candidates"));
    m_remove = new QPushButton(tr("Remove"), sourcesBox);
    m_remove->setToolTip(tr("Remove the selected candidate"));
    m_up = new QPushButton(tr("Up"), sourcesBox);
    m_up->setToolTip(tr("Move the selected candidate up (results follow this order)"));
    auto* choiceRow = new QHBoxLayout;
    choiceRow->addWidget(m_candidateChoice, 1);
    choiceRow->addWidget(m_add);
    auto* editRow = new QHBoxLayout;
    editRow->addWidget(m_remove);
    editRow->addWidget(m_up);
    editRow->addStretch(1);
    sources->addRow(QString(), choiceRow);
    sources->addRow(QString(), editRow);
    layout->addWidget(sourcesBox);

    auto* compareBox = new QGroupBox(tr("Comparison"), this);
    auto* compare = new QFormLayout(compareBox);
    m_bandLo = addField(compare, tr("Band from"), tr("Hz"),
                        tr("Lowest compared frequency; the common grid is cut to the range every "
                           "compared channel covers (nothing is extrapolated)"),
                        "band_lo");
    m_bandHi = addField(compare, tr("Band to"), tr("Hz"), tr("Highest compared frequency"),
                        "band_hi");
    m_fields["band_hz"] = {m_bandLo, m_bandHi};
    m_inputFloor = new QSpinBox(compareBox);
    m_inputFloor->setRange(0, static_cast<int>(model::kMaxStoreys));
    m_inputFloor->setSpecialValueText(tr("from the sources"));
    m_inputFloor->setToolTip(tr("Floor of the unit force (1 = lowest). 'from the sources': the "
                                "reference's documented excitation floor, else the first "
                                "candidate dataset's, else 1. A dataset measured with the force "
                                "elsewhere is refused."));
    compare->addRow(tr("Input floor"), m_inputFloor);
    m_fields["input_floor"] = {m_inputFloor};
    m_quantity = new QComboBox(compareBox);
    m_quantity->addItem(tr("from the sources"), QString());
    m_quantity->addItem(tr("receptance [m/N]"), QStringLiteral("receptance"));
    m_quantity->addItem(tr("mobility [(m/s)/N]"), QStringLiteral("mobility"));
    m_quantity->addItem(tr("accelerance [(m/s²)/N]"), QStringLiteral("accelerance"));
    m_quantity->setToolTip(tr("FRF quantity compared; every side is converted to it by (jω)^p. "
                              "'from the sources': the reference's documented quantity, else "
                              "the first candidate dataset's, else accelerance."));
    compare->addRow(tr("Quantity"), m_quantity);
    m_fields["quantity"] = {m_quantity};
    m_responseFloors = new QLineEdit(compareBox);
    m_responseFloors->setPlaceholderText(tr("all common floors"));
    m_responseFloors->setToolTip(tr("Response floors compared, ascending, e.g. 1,2,3; empty: "
                                    "every floor both sides have"));
    compare->addRow(tr("Response floors"), m_responseFloors);
    m_fields["response_floors"] = {m_responseFloors};
    layout->addWidget(compareBox);

    auto* modesBox = new QGroupBox(tr("Modes and maps"), this);
    auto* modes = new QFormLayout(modesBox);
    m_maxModes = addField(modes, tr("Modes per dataset"), QString(),
                          tr("Modes peak-picked from a dataset (the most prominent); 0 = as "
                             "many as it has floors"),
                          "max_modes");
    m_prominence = addField(modes, tr("Peak prominence"), tr("dB"),
                            tr("Least topographic prominence of a picked peak"),
                            "min_prominence_db");
    m_fdacPoints = addField(modes, tr("FDAC map size"), tr("points"),
                            tr("Frequencies per axis of the FDAC frequency-shift map (2–1000)"),
                            "fdac_points");
    m_gridPoints = addField(modes, tr("Profile grid"), tr("lines"),
                            tr("Lines of the uniform grid used when both sides are profiles"),
                            "profile_grid_points");
    layout->addWidget(modesBox);

    auto* interlabBox = new QGroupBox(tr("Inter-lab view"), this);
    auto* interlab = new QFormLayout(interlabBox);
    m_interlabFloor = new QSpinBox(interlabBox);
    m_interlabFloor->setRange(1, 3);
    m_interlabFloor->setToolTip(tr("Response floor of every rig's FRFs overlaid in the inter-lab "
                                   "view (the prototype showed floor 1)"));
    interlab->addRow(tr("Floor"), m_interlabFloor);
    m_interlabModels = new QCheckBox(tr("include the models in the spread"), interlabBox);
    m_interlabModels->setToolTip(tr("Natural-frequency spread over the models' peaks too, not only "
                                    "the measurements"));
    interlab->addRow(QString(), m_interlabModels);
    layout->addWidget(interlabBox);
    layout->addStretch(1);

    connect(m_reference, &QComboBox::currentTextChanged, this, &CrossvalForm::emitChanged);
    connect(m_quantity, &QComboBox::currentIndexChanged, this, &CrossvalForm::emitChanged);
    connect(m_inputFloor, &QSpinBox::valueChanged, this, &CrossvalForm::emitChanged);
    connect(m_interlabFloor, &QSpinBox::valueChanged, this, &CrossvalForm::emitChanged);
    connect(m_interlabModels, &QCheckBox::toggled, this, &CrossvalForm::emitChanged);
    connect(m_responseFloors, &QLineEdit::textEdited, this, &CrossvalForm::emitChanged);
    connect(m_add, &QPushButton::clicked, this, [this] {
        const QString name = m_candidateChoice->currentText().trimmed();
        if (!name.isEmpty()) {
            addCandidate(name);
            emitChanged();
        }
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_candidates->currentItem()) {
            delete item;
            emitChanged();
        }
    });
    connect(m_up, &QPushButton::clicked, this, [this] {
        const int row = m_candidates->currentRow();
        if (row > 0) {
            QListWidgetItem* item = m_candidates->takeItem(row);
            m_candidates->insertItem(row - 1, item);
            m_candidates->setCurrentRow(row - 1);
            emitChanged();
        }
    });

    crossval::CrossvalInput defaults;
    defaults.reference = crossval::CrossvalSource::unresolved(kDefaultReference);
    defaults.candidates = {crossval::CrossvalSource::unresolved(kDefaultCandidate)};
    setInput(defaults);
}

NumberField* CrossvalForm::addField(QFormLayout* form, const QString& label, const QString& unit,
                                    const QString& tip, const char* field)
{
    auto* f = new NumberField(unit, tip, form->parentWidget());
    form->addRow(label, f);
    m_fields[field] = {f};
    connect(f, &NumberField::edited, this, &CrossvalForm::emitChanged);
    return f;
}

void CrossvalForm::emitChanged()
{
    if (!m_syncing)
        emit changed();
}

void CrossvalForm::addCandidate(const QString& name)
{
    m_candidates->addItem(name);
}

void CrossvalForm::setSourceNames(const std::vector<std::string>& names)
{
    const bool was = m_syncing;
    m_syncing = true;
    const QString reference = m_reference->currentText();
    const QString choice = m_candidateChoice->currentText();
    m_reference->clear();
    m_candidateChoice->clear();
    for (const std::string& n : names) {
        m_reference->addItem(QString::fromStdString(n));
        m_candidateChoice->addItem(QString::fromStdString(n));
    }
    m_reference->setCurrentText(reference);
    m_candidateChoice->setCurrentText(choice);
    m_syncing = was;
}

crossval::CrossvalInput CrossvalForm::input(InputIssues* issues) const
{
    crossval::CrossvalInput in;
    in.reference = crossval::CrossvalSource::unresolved(m_reference->currentText().trimmed().toStdString());
    for (int i = 0; i < m_candidates->count(); ++i)
        in.candidates.push_back(
            crossval::CrossvalSource::unresolved(m_candidates->item(i)->text().toStdString()));
    in.bandLoHz = numberOf(m_bandLo, "band_lo", in.bandLoHz, issues);
    in.bandHiHz = numberOf(m_bandHi, "band_hi", in.bandHiHz, issues);
    in.inputFloor = m_inputFloor->value();
    const QString q = m_quantity->currentData().toString();
    if (!q.isEmpty()) {
        dynamics::FrfQuantity quantity;
        if (dynamics::parseFrfQuantity(q.toStdString(), quantity))
            in.quantity = quantity;
    }
    const QString floors = m_responseFloors->text().trimmed();
    if (!floors.isEmpty())
        for (const QString& part : floors.split(QLatin1Char(','))) {
            bool ok = false;
            const int f = part.trimmed().toInt(&ok);
            if (!ok) {
                if (issues)
                    issues->push_back({"response_floors", "floors are whole numbers separated by "
                                                          "commas, got '" +
                                                              floors.toStdString() + "'"});
                in.responseFloors.clear();
                break;
            }
            in.responseFloors.push_back(f);
        }
    in.maxModes = countOf(m_maxModes, "max_modes", in.maxModes, issues);
    in.peakPicking.minProminenceDb =
        numberOf(m_prominence, "min_prominence_db", in.peakPicking.minProminenceDb, issues);
    in.fdacPoints = countOf(m_fdacPoints, "fdac_points", in.fdacPoints, issues);
    in.profileGridPoints = countOf(m_gridPoints, "profile_grid_points", in.profileGridPoints, issues);
    return in;
}

void CrossvalForm::setInput(const crossval::CrossvalInput& in)
{
    m_syncing = true;
    m_reference->setCurrentText(QString::fromStdString(in.reference.name));
    m_candidates->clear();
    for (const auto& c : in.candidates)
        addCandidate(QString::fromStdString(c.name));
    m_bandLo->setValue(in.bandLoHz);
    m_bandHi->setValue(in.bandHiHz);
    m_inputFloor->setValue(in.inputFloor);
    m_quantity->setCurrentIndex(
        in.quantity ? m_quantity->findData(QString::fromLatin1(dynamics::frfQuantityName(*in.quantity)))
                    : 0);
    QStringList floors;
    for (int f : in.responseFloors)
        floors << QString::number(f);
    m_responseFloors->setText(floors.join(QLatin1Char(',')));
    m_maxModes->setCount(in.maxModes);
    m_prominence->setValue(in.peakPicking.minProminenceDb);
    m_fdacPoints->setCount(in.fdacPoints);
    m_gridPoints->setCount(in.profileGridPoints);
    m_syncing = false;
}

void CrossvalForm::showIssues(const InputIssues& issues)
{
    // A widget may answer for several fields (a band edge: its own number and the band).
    std::map<QWidget*, QString> messages;
    for (const auto& [id, widgets] : m_fields)
        for (QWidget* w : widgets) {
            QString& message = messages[w];
            for (const auto& issue : issues)
                if (issue.field == id)
                    message += (message.isEmpty() ? QString() : QStringLiteral("; ")) +
                               QString::fromStdString(issue.message);
        }
    for (const auto& [widget, message] : messages)
        markFieldIssue(widget, message);
}

int CrossvalForm::interlabFloor() const
{
    return m_interlabFloor->value();
}

void CrossvalForm::setInterlabFloor(int floor)
{
    m_interlabFloor->setValue(floor);
}

bool CrossvalForm::interlabModels() const
{
    return m_interlabModels->isChecked();
}

void CrossvalForm::setInterlabModels(bool include)
{
    m_interlabModels->setChecked(include);
}

} // namespace dtop::widgets
