// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "model/profile.h"
#include "uq/uncertainty.h"

#include <QWidget>

#include <map>
#include <string>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace dtop::widgets {

class NumberField;
class ParameterSpreadEditor;

// The inputs of the uncertainty tool: the force floor and FRF quantity, the interval of every
// parameter (with their live effective intervals), the frequency grid, and the methods with
// their settings. It reads and shows an UncertaintyInput; the panel validates and runs it.
class UncertaintyForm : public QWidget {
    Q_OBJECT
public:
    explicit UncertaintyForm(QWidget* parent = nullptr);

    // The active profile: its label, its m, k, c as the nominal values, its storeys.
    void setProfile(const model::Profile& profile, const QString& label);
    // The input the form describes on `profile`. Text that does not read is an issue named
    // after its field (reported once, as typed); then the issues of UncertaintyInput::validate().
    uq::UncertaintyInput input(const model::Profile& profile, InputIssues* issues = nullptr) const;
    // Shows `input` without emitting changed() (its spreads only if they fit the storeys).
    void setInput(const uq::UncertaintyInput& input);
    // Marks the fields named in `issues`, updates the live intervals and enables the settings
    // of the methods chosen.
    void showIssues(const InputIssues& issues);

    ParameterSpreadEditor* spreadEditor() const { return m_spreads; }
    NumberField* fminField() const { return m_fmin; }

signals:
    // An input changed (typed, picked or ticked by the user).
    void changed();
    // "Prototype defaults" was pressed.
    void prototypeDefaultsRequested();

private:
    QWidget* buildModel();
    QWidget* buildSpreads();
    QWidget* buildFrequencies();
    QWidget* buildMethods();
    void updateGridWidgets();
    void onEdited();

    QLabel* m_profileLabel;
    QSpinBox* m_inputFloor;
    QComboBox* m_quantity;
    NumberField* m_scaleAll;
    NumberField* m_allPercent;
    ParameterSpreadEditor* m_spreads;
    NumberField* m_sds;
    NumberField* m_fmin;
    NumberField* m_fmax;
    QLabel* m_omegaRange;
    QComboBox* m_gridMode;
    QSpinBox* m_points;
    QLineEdit* m_frequencies;
    QGroupBox* m_methodBox;
    std::map<uq::UqMethod, QCheckBox*> m_methods;
    QSpinBox* m_samples;
    QComboBox* m_sampling;
    QLineEdit* m_seed;
    QLineEdit* m_percentiles;
    QSpinBox* m_maxVertices;
    NumberField* m_tolerance;
    QSpinBox* m_maxBoxes;

    std::map<std::string, QWidget*> m_fieldWidgets; // by issue field name
    bool m_updating = false;
};

} // namespace dtop::widgets
