// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "control/control.h"

#include <QWidget>

#include <map>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QSlider;
class QSpinBox;

namespace dtop::widgets {

class NumberField;
class RecordFileField;

// The inputs of the `control` tool: strategy, device location, gain (field and logarithmic
// slider), the two-body device with a live read-out of its natural frequency and damping
// ratio, the compensator (empty = derived from the device), LQG weights, TMD tuning, legacy
// metrics, the strategies overlaid for comparison and the time response.
class ControlForm : public QWidget {
    Q_OBJECT
public:
    explicit ControlForm(QWidget* parent = nullptr);

    // The input the form shows on `profile`; fields that do not read as numbers are listed in
    // `issues` (range checks are ControlInput::validate's). Options the form has no field for
    // (band, root-locus gains, excitation details) keep the values of the last setInput().
    control::ControlInput input(const model::Profile& profile, InputIssues* issues) const;
    void setInput(const control::ControlInput& input);
    void setStoreys(std::size_t storeys);
    void showIssues(const InputIssues& issues);

    // Strategies drawn beside the design for comparison (the design's own is skipped).
    std::vector<control::Strategy> compared() const;
    void setCompared(const std::vector<control::Strategy>& strategies);

    RecordFileField* recordFile() const { return m_recordFile; }
    NumberField* gainField() const { return m_gain; }
    NumberField* proofMassField() const { return m_proofMass; }
    QSlider* gainSlider() const { return m_gainSlider; }
    QComboBox* strategyBox() const { return m_strategy; }
    QSpinBox* floorBox() const { return m_floor; }
    QLabel* deviceReadout() const { return m_deviceReadout; }
    // True while the gain slider is being dragged (the panel then runs on every move).
    bool gainDragging() const;

signals:
    void changed();
    void gainDragged(); // the slider moved the gain

private:
    NumberField* addField(QFormLayout* form, const QString& label, const QString& unit,
                          const QString& tip, const char* field);
    void updateDevice();
    void updateEnabled();
    void syncSliderFromField();

    QComboBox* m_strategy;
    QSpinBox* m_floor;
    QSpinBox* m_forceFloor;
    NumberField* m_gain;
    QSlider* m_gainSlider;
    NumberField* m_baseMass;
    NumberField* m_proofMass;
    NumberField* m_stiffness;
    NumberField* m_damping;
    NumberField* m_forceFactor;
    NumberField* m_resistance;
    QLabel* m_deviceReadout;
    NumberField* m_ecEstimateHz;
    NumberField* m_ecEstimateDamping;
    NumberField* m_ecTargetHz;
    NumberField* m_ecTargetDamping;
    NumberField* m_lqgQ;
    NumberField* m_lqgR;
    NumberField* m_lqgProcess;
    NumberField* m_lqgMeasurement;
    QComboBox* m_tune;
    QComboBox* m_frfQuantity;
    QCheckBox* m_legacy;
    std::map<control::Strategy, QCheckBox*> m_compare;
    QCheckBox* m_timeResponse;
    QComboBox* m_excitation;
    RecordFileField* m_recordFile;
    std::map<std::string, QWidget*> m_fields; // issue field id → widget
    control::ControlInput m_base;
    bool m_syncing = false;
};

} // namespace dtop::widgets
