// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/fe/fe_form.h"

#include "fe/imperial_units.h"
#include "widgets/fe/fe_schematic.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dtop::widgets {

namespace {

// "445" or "456, 724, 307" → numbers; an issue under `id` when an item is not a number.
std::vector<double> numberList(const QLineEdit* edit, const char* id, InputIssues* issues)
{
    std::vector<double> out;
    const QStringList items =
        edit->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        if (const auto v = parseNumber(item))
            out.push_back(*v);
        else if (issues)
            issues->push_back({id, "not a number: '" + item.toStdString() + "'"});
    }
    return out;
}

QString listText(const std::vector<double>& values)
{
    QStringList items;
    for (double v : values)
        items << QString::number(v, 'g', QLocale::FloatingPointShortest);
    return items.join(QStringLiteral(", "));
}

} // namespace

FeForm::FeForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_schematic = new FeSchematic(this);
    layout->addWidget(m_schematic);

    auto* modelBox = new QGroupBox(tr("Model"), this);
    auto* model = new QFormLayout(modelBox);
    m_baseClamp = new QComboBox(modelBox);
    m_baseClamp->addItem(tr("top of the base clamp (z = clamp height)"), QStringLiteral("top"));
    m_baseClamp->addItem(tr("base plate (z = 0)"), QStringLiteral("base"));
    m_baseClamp->setToolTip(tr("Where the columns are clamped to the ground: at the top of the "
                               "base clamp blocks (closest to the prototype's solid model) or "
                               "at the base plate (the first storey one clamp height longer)"));
    model->addRow(tr("Base clamp"), m_baseClamp);
    m_fields["base_clamp"] = m_baseClamp;
    m_elements = new QSpinBox(modelBox);
    m_elements->setRange(1, fe::kMaxElementsPerSpan);
    m_elements->setSuffix(tr(" per free span"));
    m_elements->setToolTip(tr("Timoshenko beam elements per free column span; the sway modes "
                              "converge with one, local column modes need about 8"));
    model->addRow(tr("Elements"), m_elements);
    m_fields["elements_per_column"] = m_elements;
    m_maxFrequency = addField(model, tr("Frequency limit"),
                              tr("Every mode below this frequency is reported"),
                              "max_frequency_hz");
    m_maxFrequency->setUnit(tr("Hz"));
    m_joints = new QLineEdit(modelBox);
    m_joints->setPlaceholderText(tr("rigid"));
    setFieldToolTip(m_joints, tr("Rotational springs at the column–clamp joints about the weak "
                                 "axis [N·m/rad]: empty = rigid joints, one value = every "
                                 "joint, one value per storey (comma separated)"));
    auto* jointRow = new QWidget(modelBox);
    auto* jointLayout = new QHBoxLayout(jointRow);
    jointLayout->setContentsMargins(0, 0, 0, 0);
    jointLayout->addWidget(m_joints, 1);
    jointLayout->addWidget(new QLabel(tr("N·m/rad"), jointRow));
    model->addRow(tr("Joint springs"), jointRow);
    m_fields["joint_stiffness_nm_per_rad"] = m_joints;
    m_convergence = new QCheckBox(tr("meshes of 1, 2, 4, 8, 12, 24 elements"), modelBox);
    m_convergence->setToolTip(tr("Solve the model on six meshes and tabulate the frequencies"));
    model->addRow(tr("Convergence"), m_convergence);
    m_fields["convergence_elements"] = m_convergence;
    layout->addWidget(modelBox);

    auto* rigBox = new QGroupBox(tr("Against the rig"), this);
    auto* rig = new QFormLayout(rigBox);
    m_dataset = new QComboBox(rigBox);
    m_dataset->setToolTip(tr("A measured FRF dataset of the rig (its sway modes by peak picking) "
                             "or a profile (its undamped modes and floor shapes), compared with "
                             "the model's weak sway modes"));
    rig->addRow(tr("Measured"), m_dataset);
    m_fields["calibrate_to"] = m_dataset;
    m_fields["measured_mode_shapes"] = m_dataset;
    m_calibration = new QComboBox(rigBox);
    m_calibration->addItem(tr("off (compare only)"), QStringLiteral("off"));
    m_calibration->addItem(tr("one joint stiffness"), QStringLiteral("single"));
    m_calibration->addItem(tr("one per storey"), QStringLiteral("per-storey"));
    m_calibration->setToolTip(tr("Fit the joint rotational stiffness to the measured frequencies "
                                 "by least squares"));
    rig->addRow(tr("Calibration"), m_calibration);
    m_fields["calibration"] = m_calibration;
    m_equivalent = new QCheckBox(tr("condense to a shear building"), rigBox);
    m_equivalent->setToolTip(tr("Storey masses and stiffnesses that reproduce the (calibrated) "
                                "frame's sway modes; Save as profile stores them"));
    rig->addRow(tr("Equivalent"), m_equivalent);
    layout->addWidget(rigBox);

    auto* geometryBox = new QGroupBox(tr("Geometry"), this);
    auto* geometry = new QFormLayout(geometryBox);
    m_units = new QComboBox(geometryBox);
    m_units->addItem(tr("SI (m, Pa, kg/m³)"), QStringLiteral("si"));
    m_units->addItem(tr("inch (in, psi, slinch/in³)"), QStringLiteral("inch"));
    m_units->setToolTip(tr("Units of the geometry and material fields; the prototype's inch "
                           "units are converted exactly (1 in = 0.0254 m)"));
    geometry->addRow(tr("Units"), m_units);
    m_storeys = new QSpinBox(geometryBox);
    m_storeys->setRange(1, 10);
    m_storeys->setToolTip(tr("Number of storeys; the columns must reach the top floor"));
    geometry->addRow(tr("Storeys"), m_storeys);
    m_fields["storeys"] = m_storeys;
    for (const auto& l : fe::geometryLengths()) {
        QString label = QString::fromLatin1(l.label);
        label[0] = label[0].toUpper();
        m_lengths[l.key] = addField(geometry, label,
                                    tr("%1 of the rig (default: the Southampton rig)").arg(label),
                                    std::string(l.key) + "_m");
    }
    m_addedMasses = new QLineEdit(geometryBox);
    m_addedMasses->setPlaceholderText(tr("none"));
    setFieldToolTip(m_addedMasses, tr("Point masses at the floor-plate centres, one per floor "
                                      "[kg], comma separated; empty = none"));
    auto* massRow = new QWidget(geometryBox);
    auto* massLayout = new QHBoxLayout(massRow);
    massLayout->setContentsMargins(0, 0, 0, 0);
    massLayout->addWidget(m_addedMasses, 1);
    massLayout->addWidget(new QLabel(tr("kg"), massRow));
    geometry->addRow(tr("Added masses"), massRow);
    m_fields["added_masses_kg"] = m_addedMasses;
    layout->addWidget(geometryBox);

    auto* materialBox = new QGroupBox(tr("Material (default AL6082)"), this);
    auto* material = new QFormLayout(materialBox);
    m_modulus = addField(material, tr("Young's modulus E"), tr("Young's modulus of the columns "
                                                               "and floors"),
                         "youngs_modulus_pa");
    m_poisson = addField(material, tr("Poisson's ratio ν"),
                         tr("Sets the shear modulus and Cowper's shear factor"), "poisson_ratio");
    m_poisson->setUnit(tr("–"));
    m_density = addField(material, tr("Density ρ"), tr("Density of every part"), "density_kg_m3");
    layout->addWidget(materialBox);
    layout->addStretch(1);

    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        // Frequencies given with the input (dtop fe --measured-hz) give way to the choice.
        if (!m_syncing) {
            m_base.calibrateToHz.clear();
            m_base.measuredModeShapes.clear();
        }
    });
    for (QComboBox* box : {m_baseClamp, m_dataset, m_calibration})
        connect(box, &QComboBox::currentIndexChanged, this, &FeForm::emitChanged);
    connect(m_units, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_syncing)
            setUnits(index == 1 ? Units::Inch : Units::Si);
    });
    for (QSpinBox* box : {m_elements, m_storeys})
        connect(box, &QSpinBox::valueChanged, this, &FeForm::emitChanged);
    for (QCheckBox* box : {m_convergence, m_equivalent})
        connect(box, &QCheckBox::toggled, this, &FeForm::emitChanged);
    for (QLineEdit* edit : {m_joints, m_addedMasses})
        connect(edit, &QLineEdit::textEdited, this, &FeForm::emitChanged);

    setDatasets({});
    setInput(fe::FeInput{});
}

NumberField* FeForm::addField(QFormLayout* form, const QString& label, const QString& tip,
                              const std::string& id)
{
    NumberField::Options options;
    options.unitColumn = true;
    options.messageLine = true;
    options.displayDigits = 10;
    auto* f = new NumberField(options, form->parentWidget());
    f->setToolTip(tip);
    form->addRow(label, f);
    m_fields[id] = f;
    connect(f, &NumberField::edited, this, [this, f] {
        m_edited.insert(f);
        emitChanged();
    });
    return f;
}

void FeForm::emitChanged()
{
    updateSchematic();
    if (!m_syncing)
        emit changed();
}

void FeForm::updateSchematic()
{
    const fe::FeInput in = input(nullptr);
    m_schematic->setGeometry(in.geometry, in.baseClamp, m_shown == Units::Inch);
}

FeForm::Units FeForm::units() const
{
    return m_shown;
}

double FeForm::siValue(const NumberField* field, double base, double factor, const char* id,
                       InputIssues* issues) const
{
    if (!m_edited.count(field))
        return base;
    if (const auto v = field->value())
        return *v * factor;
    if (issues)
        issues->push_back({id, "not a number: '" + field->text().toStdString() + "'"});
    return base;
}

fe::FeInput FeForm::input(InputIssues* issues) const
{
    fe::FeInput in = m_base;
    const bool inch = units() == Units::Inch;
    fe::parseBaseClamp(m_baseClamp->currentData().toString().toStdString(), in.baseClamp);
    in.elementsPerColumn = m_elements->value();
    if (const auto f = m_maxFrequency->value())
        in.maxFrequencyHz = *f;
    else if (issues)
        issues->push_back({"max_frequency_hz",
                           "not a number: '" + m_maxFrequency->text().toStdString() + "'"});
    in.jointStiffnessNmPerRad = numberList(m_joints, "joint_stiffness_nm_per_rad", issues);
    in.convergence = m_convergence->isChecked();
    fe::parseJointCalibration(m_calibration->currentData().toString().toStdString(),
                              in.calibration);
    in.equivalentProfile = m_equivalent->isChecked();
    in.geometry.storeys = m_storeys->value();
    for (const auto& l : fe::geometryLengths()) {
        const std::string id = std::string(l.key) + "_m";
        in.geometry.*l.member = siValue(m_lengths.at(l.key), m_base.geometry.*l.member,
                                        inch ? fe::kMetresPerInch : 1.0, id.c_str(), issues);
    }
    in.geometry.addedMassesKg = numberList(m_addedMasses, "added_masses_kg", issues);
    in.material.youngModulusPa =
        siValue(m_modulus, m_base.material.youngModulusPa, inch ? fe::kPascalsPerPsi : 1.0,
                "youngs_modulus_pa", issues);
    if (const auto v = m_poisson->value())
        in.material.poissonRatio = *v;
    else if (issues)
        issues->push_back({"poisson_ratio", "not a number: '" + m_poisson->text().toStdString() +
                                                "'"});
    in.material.densityKgM3 =
        siValue(m_density, m_base.material.densityKgM3, inch ? fe::kKgPerM3PerSlinchPerIn3 : 1.0,
                "density_kg_m3", issues);
    if (issues && issues->empty())
        for (auto& issue : in.validate())
            issues->push_back(std::move(issue));
    return in;
}

void FeForm::setInput(const fe::FeInput& in)
{
    m_base = in;
    m_syncing = true;
    m_baseClamp->setCurrentIndex(in.baseClamp == fe::BaseClamp::BasePlate ? 1 : 0);
    m_elements->setValue(in.elementsPerColumn);
    m_maxFrequency->setValue(in.maxFrequencyHz);
    m_joints->setText(listText(in.jointStiffnessNmPerRad));
    m_convergence->setChecked(in.convergence);
    m_calibration->setCurrentIndex(m_calibration->findData(
        QString::fromLatin1(fe::jointCalibrationName(in.calibration))));
    m_equivalent->setChecked(in.equivalentProfile);
    m_storeys->setValue(in.geometry.storeys);
    m_addedMasses->setText(listText(in.geometry.addedMassesKg));
    m_poisson->setValue(in.material.poissonRatio);
    m_edited.clear();
    showValues();
    m_syncing = false;
    updateSchematic();
}

void FeForm::setUnits(Units u)
{
    // Keep the values as they stand, in SI, then show them in the new units.
    InputIssues bad;
    const fe::FeInput current = input(&bad);
    m_base.geometry = current.geometry;
    m_base.material = current.material;
    std::set<const NumberField*> invalid;
    for (const NumberField* f : m_edited)
        if (!f->value())
            invalid.insert(f);
    m_edited = invalid;
    m_shown = u;
    m_syncing = true;
    m_units->setCurrentIndex(u == Units::Inch ? 1 : 0);
    showValues();
    m_syncing = false;
    updateSchematic();
    emit changed();
}

void FeForm::showValues()
{
    const bool inch = units() == Units::Inch;
    for (const auto& l : fe::geometryLengths()) {
        NumberField* f = m_lengths.at(l.key);
        f->setUnit(inch ? tr("in") : tr("m"));
        if (!m_edited.count(f))
            f->setValue(inch ? fe::toInches(m_base.geometry.*l.member) : m_base.geometry.*l.member);
    }
    m_modulus->setUnit(inch ? tr("psi") : tr("Pa"));
    if (!m_edited.count(m_modulus))
        m_modulus->setValue(m_base.material.youngModulusPa / (inch ? fe::kPascalsPerPsi : 1.0));
    m_density->setUnit(inch ? tr("slinch/in³") : tr("kg/m³"));
    if (!m_edited.count(m_density))
        m_density->setValue(m_base.material.densityKgM3 /
                            (inch ? fe::kKgPerM3PerSlinchPerIn3 : 1.0));
}

void FeForm::setDatasets(const std::vector<std::pair<std::string, std::string>>& datasets)
{
    const std::string current = measuredDataset();
    m_syncing = true;
    m_dataset->clear();
    m_dataset->addItem(tr("none"), QString());
    for (const auto& [id, title] : datasets) {
        m_dataset->addItem(QString::fromStdString(id), QString::fromStdString(id));
        m_dataset->setItemData(m_dataset->count() - 1, QString::fromStdString(title),
                               Qt::ToolTipRole);
    }
    m_syncing = false;
    setMeasuredDataset(current);
}

std::string FeForm::measuredDataset() const
{
    return m_dataset->currentData().toString().toStdString();
}

void FeForm::setMeasuredDataset(const std::string& id)
{
    m_syncing = true;
    int index = m_dataset->findData(QString::fromStdString(id));
    if (index < 0) { // not in the catalogue (yet): kept, and the panel says it is unknown
        m_dataset->addItem(QString::fromStdString(id), QString::fromStdString(id));
        index = m_dataset->count() - 1;
    }
    m_dataset->setCurrentIndex(index);
    m_syncing = false;
}

NumberField* FeForm::lengthField(const std::string& key) const
{
    const auto it = m_lengths.find(key);
    return it == m_lengths.end() ? nullptr : it->second;
}

void FeForm::showIssues(const InputIssues& issues)
{
    // Several ids may share a widget (the dataset carries the measured frequencies and shapes).
    std::map<QWidget*, QString> messages;
    for (const auto& [id, widget] : m_fields) {
        QString& message = messages[widget];
        for (const auto& issue : issues)
            if (issue.field == id)
                message += (message.isEmpty() ? QString() : QStringLiteral("; ")) +
                           QString::fromStdString(issue.message);
    }
    for (const auto& [widget, message] : messages)
        markFieldIssue(widget, message);
}

} // namespace dtop::widgets
