// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "identification/identify.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace dtop::widgets {

class NumberField;

// The inputs of the `identify` tool: the record (an FRF or a time history with a force), the
// method, the band, the number of modes and the driving point; the stabilisation diagram's
// orders and stability criteria and the poles picked by clicking on it; the comparison of
// methods; model updating (parameters and weights) and the record replayed to close the loop.
class IdentifyForm : public QWidget {
    Q_OBJECT
public:
    explicit IdentifyForm(QWidget* parent = nullptr);

    // The input the form shows on `profile`, without the record's samples (the panel loads
    // them); fields that do not read as numbers are listed in `issues` (range checks are
    // IdentifyInput::validate's). Options without a field keep the last setInput()'s values.
    identification::IdentifyInput input(const model::Profile& profile, InputIssues* issues) const;
    void setInput(const identification::IdentifyInput& input);
    // The records offered: (id, title) of every dataset; the replay list gets time histories.
    void setDatasets(const std::vector<std::pair<std::string, std::string>>& all,
                     const std::vector<std::pair<std::string, std::string>>& timeHistories);
    void setStoreys(std::size_t storeys);
    void showIssues(const InputIssues& issues);

    // The record replayed before and after updating ("" = none).
    std::string replayRecord() const;
    void setReplayRecord(const std::string& id);
    // A pole clicked on the stabilisation diagram: added to the picks (replacing the automatic
    // pick); clearPicks() returns to the automatic pick.
    void addPick(const identification::PolePick& pick);
    void clearPicks();

    QComboBox* datasetBox() const { return m_dataset; }
    QComboBox* methodBox() const { return m_method; }
    NumberField* bandLowField() const { return m_bandLo; }
    NumberField* bandHighField() const { return m_bandHi; }
    NumberField* maxOrderField() const { return m_maxOrder; }
    QCheckBox* updateBox() const { return m_update; }
    QComboBox* replayBox() const { return m_replay; }
    QLabel* picksLabel() const { return m_picksLabel; }

signals:
    void changed();

private:
    NumberField* addField(QFormLayout* form, const QString& label, const QString& unit,
                          const QString& tip, const char* field, double displayFactor = 1.0);
    void updatePicks();
    void updateEnabled();
    void emitChanged();

    QComboBox* m_dataset;
    QComboBox* m_method;
    NumberField* m_bandLo;
    NumberField* m_bandHi;
    NumberField* m_modes;
    QComboBox* m_drivingPoint;
    QCheckBox* m_compare;
    NumberField* m_minOrder;
    NumberField* m_maxOrder;
    NumberField* m_orderStep;
    NumberField* m_frequencyTolerance;
    NumberField* m_dampingTolerance;
    NumberField* m_macTolerance;
    QLabel* m_picksLabel;
    QPushButton* m_clearPicks;
    QCheckBox* m_upperResidual;
    QCheckBox* m_lowerResidual;
    QCheckBox* m_update;
    QCheckBox* m_updateK;
    QCheckBox* m_updateM;
    QCheckBox* m_updateC;
    NumberField* m_frequencyWeight;
    NumberField* m_shapeWeight;
    NumberField* m_dampingWeight;
    NumberField* m_tikhonov;
    QComboBox* m_replay;
    std::map<std::string, QWidget*> m_fields; // issue field id → widget
    std::vector<identification::PolePick> m_picks;
    identification::IdentifyInput m_base;
    bool m_syncing = false;
};

} // namespace dtop::widgets
