// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "nonlinear/nonlinear_analysis.h"

#include <QWidget>

#include <map>
#include <string>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace dtop::widgets {

class NumberField;

// The inputs of the `nonlinear` tool: the analysis, the fixed frequency or force, the range of
// the continued parameter (empty = the analysis's default, shown as a placeholder), the
// backbone mode, the number of harmonics (0 = automatic), the CBC gains and the sweep. Fields
// that do not apply to the chosen analysis are disabled; units follow the continued parameter.
class NonlinearForm : public QWidget {
    Q_OBJECT
public:
    explicit NonlinearForm(QWidget* parent = nullptr);

    // The input the form shows on `profile`; unreadable fields and the issues of
    // NonlinearInput::validate are listed in `issues`. Options without a field (tolerances,
    // CBC estimator details) keep the values of the last setInput().
    nonlinear::NonlinearInput input(const model::Profile& profile, InputIssues* issues) const;
    void setInput(const nonlinear::NonlinearInput& input);
    // The profile the analysis runs on: the mode choice and the default-range placeholders.
    void setProfile(const model::Profile& profile);
    void showIssues(const InputIssues& issues);

    QComboBox* analysisBox() const { return m_analysis; }
    NumberField* frequencyField() const { return m_frequency; }
    NumberField* forceField() const { return m_force; }
    NumberField* fromField() const { return m_from; }
    NumberField* toField() const { return m_to; }
    NumberField* kpField() const { return m_kp; }
    QSpinBox* harmonicsBox() const { return m_harmonics; }

signals:
    void changed();

private:
    NumberField* addField(QFormLayout* form, const QString& label, const QString& unit,
                          const QString& tip, const char* field);
    void updateEnabled();

    QComboBox* m_analysis;
    NumberField* m_frequency;
    NumberField* m_force;
    NumberField* m_from;
    NumberField* m_to;
    QLabel* m_rangeNote;
    QSpinBox* m_mode;
    QSpinBox* m_harmonics;
    QCheckBox* m_backbones;
    NumberField* m_forceLimit;
    QComboBox* m_sweepParameter;
    QSpinBox* m_sweepPoints;
    NumberField* m_sweepRate;
    NumberField* m_kp;
    NumberField* m_kd;
    QSpinBox* m_cbcPoints;
    NumberField* m_cbcTolerance;
    QCheckBox* m_legacy;
    std::map<std::string, QWidget*> m_fields; // issue field id → widget
    nonlinear::NonlinearInput m_base;
    bool m_syncing = false;
};

} // namespace dtop::widgets
