// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <QWidget>

#include <array>
#include <map>
#include <vector>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableWidget;
class QUndoStack;

namespace dtop::widgets {

class NumberField;

// Table editor of a profile: n storeys (1–20), m, k, c and cubic kc per storey, or Rayleigh
// damping (α, β, or ζ on two modes). Validates on every keystroke: a bad field turns red with
// its message as tooltip and in the message line, and only valid profiles are emitted.
class ProfileEditor : public QWidget {
    Q_OBJECT
public:
    explicit ProfileEditor(QWidget* parent = nullptr);

    // Shows `profile` without emitting edited().
    void setProfile(const model::Profile& profile);
    // The last valid profile (what the tools use).
    const model::Profile& profile() const { return m_valid; }
    // The current problems, one line per bad field; empty when valid.
    QStringList issues() const { return m_issues; }

    // For tests and keyboard users: set one cell ("k2") or field ("alpha") as if typed.
    bool setFieldText(const QString& field, const QString& text);

    // Every edit is undoable (Edit ▸ Undo, Ctrl+Z); showing another profile clears the history.
    QUndoStack* undoStack() const { return m_undo; }

signals:
    void edited(const dtop::model::Profile& profile);
    void validityChanged(bool valid);

private:
    using FloorTexts = std::array<QString, 4>; // m, k, c, kc of one floor
    // Everything the user can type, for undo/redo. `beyond` holds the floors above the current
    // count, so lowering the count and raising it again restores them.
    struct State {
        std::vector<FloorTexts> floors;
        std::vector<FloorTexts> beyond;
        int damping = 0;
        QString alpha, beta, zeta;
        int modeA = 1, modeB = 2;
        bool operator==(const State&) const = default;
    };
    class StateChange;
    State captureState() const;
    void restoreState(const State& state);
    int rowOfFloor(int floorIndex) const;
    std::vector<FloorTexts> readTexts() const; // floor 1 first
    void writeTexts(const std::vector<FloorTexts>& texts);
    void rebuildRows(int storeys);
    void updateDampingWidgets();
    void onChanged();
    // Reads the widgets into a profile; unparsable text becomes an issue.
    model::Profile readProfile(InputIssues& issues) const;
    void showIssues(const InputIssues& issues);

    QSpinBox* m_storeys;
    QTableWidget* m_table;
    QComboBox* m_dampingModel;
    NumberField* m_alpha;
    NumberField* m_beta;
    NumberField* m_zeta;
    QSpinBox* m_modeA;
    QSpinBox* m_modeB;
    QWidget* m_rayleighCoefficients;
    QWidget* m_rayleighRatio;
    QLabel* m_message;

    QUndoStack* m_undo;
    State m_lastState;          // what the undo history last recorded
    std::vector<FloorTexts> m_beyond; // floors above the count, floor n+1 first

    model::Profile m_valid;
    QStringList m_issues;
    bool m_updating = false;
};

} // namespace dtop::widgets
