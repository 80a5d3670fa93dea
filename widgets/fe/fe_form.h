// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "fe/fe_analysis.h"

#include <QWidget>

#include <map>
#include <set>
#include <string>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace dtop::widgets {

class FeSchematic;
class NumberField;

// The inputs of the `fe` tool: the model (base clamp, mesh, frequency limit, joint springs,
// convergence table), the measured rig (an FRF dataset, calibration, equivalent profile), the
// geometry and the material. Lengths, the modulus and the density are shown in SI units or in
// the prototype's inch units (in, psi, slinch/in³); the input is SI either way, and a value
// the user did not edit keeps its exact SI value through any number of unit switches.
class FeForm : public QWidget {
    Q_OBJECT
public:
    enum class Units { Si, Inch };

    explicit FeForm(QWidget* parent = nullptr);

    // The input the form shows; fields that do not read as numbers are listed in `issues`,
    // followed by FeInput::validate()'s issues. The measured modes are those of the last
    // setInput() (frequencies given directly) until another dataset is chosen; the panel
    // replaces them by the chosen dataset's.
    fe::FeInput input(InputIssues* issues) const;
    void setInput(const fe::FeInput& input);
    Units units() const;
    void setUnits(Units units);

    // The FRF datasets offered as the measured rig (id, title); "" = none.
    void setDatasets(const std::vector<std::pair<std::string, std::string>>& datasets);
    std::string measuredDataset() const;
    void setMeasuredDataset(const std::string& id);

    void showIssues(const InputIssues& issues);

    NumberField* lengthField(const std::string& key) const;
    NumberField* modulusField() const { return m_modulus; }
    NumberField* maxFrequencyField() const { return m_maxFrequency; }
    QLineEdit* jointField() const { return m_joints; }
    QComboBox* unitsBox() const { return m_units; }
    QComboBox* datasetBox() const { return m_dataset; }
    QComboBox* calibrationBox() const { return m_calibration; }
    QSpinBox* storeysBox() const { return m_storeys; }
    FeSchematic* schematic() const { return m_schematic; }

signals:
    void changed();

private:
    NumberField* addField(QFormLayout* form, const QString& label, const QString& tip,
                          const std::string& id);
    // The SI value of a converted field: its exact base value unless the user edited it.
    double siValue(const NumberField* field, double base, double factor, const char* id,
                   InputIssues* issues) const;
    void showValues();
    void updateUnits();
    void emitChanged();
    void updateSchematic();

    FeSchematic* m_schematic;
    QComboBox* m_baseClamp;
    QSpinBox* m_elements;
    NumberField* m_maxFrequency;
    QLineEdit* m_joints;
    QCheckBox* m_convergence;
    QComboBox* m_dataset;
    QComboBox* m_calibration;
    QCheckBox* m_equivalent;
    QComboBox* m_units;
    QSpinBox* m_storeys;
    std::map<std::string, NumberField*> m_lengths; // by GeometryLength::key
    QLineEdit* m_addedMasses;
    NumberField* m_modulus;
    NumberField* m_poisson;
    NumberField* m_density;
    std::map<std::string, QWidget*> m_fields; // issue field id → widget
    std::set<const NumberField*> m_edited;    // converted fields the user typed in
    fe::FeInput m_base;                       // SI values of the last setInput / unit switch
    Units m_shown = Units::Si;                // the units the fields show
    bool m_syncing = false;
};

} // namespace dtop::widgets
