// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "crossval/crossval.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace dtop::widgets {

class NumberField;

// The inputs of the `crossval` tool: the reference and the ordered candidates (a dataset id or
// profile:NAME[@VERSION], picked from the list or typed), the band, the input floor, the
// compared quantity, the response floors, peak picking and grids; and the inter-lab view's
// floor and whether its spread includes the models.
class CrossvalForm : public QWidget {
    Q_OBJECT
public:
    explicit CrossvalForm(QWidget* parent = nullptr);

    // The sources the lists offer (datasets, then profiles).
    void setSourceNames(const std::vector<std::string>& names);
    // The input the form shows, sources by name only (not loaded); fields that do not read as
    // numbers or floors are listed in `issues` (range checks are CrossvalInput::validate's).
    crossval::CrossvalInput input(InputIssues* issues) const;
    void setInput(const crossval::CrossvalInput& input);
    void showIssues(const InputIssues& issues);

    int interlabFloor() const;
    void setInterlabFloor(int floor);
    bool interlabModels() const;
    void setInterlabModels(bool include);

    QComboBox* referenceBox() const { return m_reference; }
    QListWidget* candidateList() const { return m_candidates; }
    QComboBox* candidateChoice() const { return m_candidateChoice; }
    QPushButton* addCandidateButton() const { return m_add; }
    NumberField* bandLoField() const { return m_bandLo; }
    NumberField* bandHiField() const { return m_bandHi; }
    QSpinBox* inputFloorBox() const { return m_inputFloor; }
    QComboBox* quantityBox() const { return m_quantity; }
    QLineEdit* responseFloorsEdit() const { return m_responseFloors; }
    QSpinBox* interlabFloorBox() const { return m_interlabFloor; }

signals:
    void changed();

private:
    NumberField* addField(QFormLayout* form, const QString& label, const QString& unit,
                          const QString& tip, const char* field);
    void addCandidate(const QString& name);
    void emitChanged();

    QComboBox* m_reference;
    QListWidget* m_candidates;
    QComboBox* m_candidateChoice;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_up;
    NumberField* m_bandLo;
    NumberField* m_bandHi;
    QSpinBox* m_inputFloor;
    QComboBox* m_quantity;
    QLineEdit* m_responseFloors;
    NumberField* m_maxModes;
    NumberField* m_prominence;
    NumberField* m_fdacPoints;
    NumberField* m_gridPoints;
    QSpinBox* m_interlabFloor;
    QCheckBox* m_interlabModels;
    std::map<std::string, std::vector<QWidget*>> m_fields; // issue field id → widgets
    bool m_syncing = false;
};

} // namespace dtop::widgets
