// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "design/design_input.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;

namespace dtop::widgets {

class InputDistributionTable;
class NumberField;

// The inputs of the `design` tool: the input distributions (InputDistributionTable), analysis
// frequency, outputs, shear definition, sampling, sample size and seed, threshold of the
// probability (empty = the nominal output), which analyses to run, and legacy mode. Keys the
// form has no field for (bootstrap resamples, Sobol' row limits, FRF points, legacy details)
// keep the values of the last setInput().
class DesignForm : public QWidget {
    Q_OBJECT
public:
    explicit DesignForm(QWidget* parent = nullptr);

    // The input the form shows; fields that do not read as numbers are listed in `issues`
    // (range checks are DesignInput::validate's).
    design::DesignInput input(InputIssues* issues) const;
    void setInput(const design::DesignInput& input);
    void showIssues(const InputIssues& issues);

    InputDistributionTable* inputTable() const { return m_inputs; }
    NumberField* frequencyField() const { return m_frequency; }
    NumberField* samplesField() const { return m_samples; }
    NumberField* seedField() const { return m_seed; }
    NumberField* thresholdField() const { return m_threshold; }
    QCheckBox* outputBox(const std::string& name) const;
    QCheckBox* legacyBox() const { return m_legacy; }

signals:
    void changed();
    // "Means from profile" was pressed: the panel sets inputs for the active profile.
    void profileInputsRequested();

private:
    NumberField* addField(QFormLayout* form, const QString& label, const QString& unit,
                          const QString& tip, const char* field);
    void rebuildOutputs(std::size_t storeys, const std::vector<design::OutputId>& selected);
    void updateThresholdUnit();
    void emitChanged();

    InputDistributionTable* m_inputs;
    NumberField* m_frequency;
    QGroupBox* m_outputsBox;
    std::vector<std::pair<design::OutputId, QCheckBox*>> m_outputs;
    std::vector<design::OutputId> m_selected; // in the order they were chosen (first: P's)
    QComboBox* m_shear;
    QComboBox* m_sampling;
    NumberField* m_samples;
    NumberField* m_seed;
    NumberField* m_threshold;
    QCheckBox* m_probability;
    QCheckBox* m_sobol;
    NumberField* m_sobolTolerance;
    QCheckBox* m_fisher;
    NumberField* m_fisherCells;
    QCheckBox* m_legacy;
    std::map<std::string, QWidget*> m_fields; // issue field id → widget
    design::DesignInput m_base;
    bool m_syncing = false;
};

} // namespace dtop::widgets
