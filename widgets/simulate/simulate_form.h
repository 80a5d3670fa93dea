// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "dynamics/replay.h"
#include "dynamics/simulate.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace dtop::widgets {

class NumberField;

// The left-hand form of the virtual-test panel: every input of SimulateInput (excitation with
// its parameters and units, duration, sample rate, scenarios with their scatter, Welch
// options, output quantity) and the choice of a recorded test to replay. It only reads and
// shows values; the panel validates them and hands the issues back to showIssues().
class SimulateForm : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Test, Replay };

    // What a recorded excitation comes from: a dataset's force or a CSV file.
    struct RecordSource {
        QString datasetId; // time-history dataset (recorded force only)
        QString file;      // CSV time_s,value
    };

    explicit SimulateForm(QWidget* parent = nullptr);

    Mode mode() const;
    void setMode(Mode mode);

    // The test's inputs on top of `base` (profile, records): text that is not a number is an
    // issue naming its field; the result still has to pass SimulateInput::validate().
    dynamics::SimulateInput simulateInput(const dynamics::SimulateInput& base,
                                          InputIssues& issues) const;
    void setSimulateInput(const dynamics::SimulateInput& input);
    // Where the base-motion or recorded-force samples come from.
    RecordSource recordSource() const;
    void setRecordSource(const RecordSource& source);

    dynamics::ResponseQuantity outputQuantity() const;
    void setOutputQuantity(dynamics::ResponseQuantity q);

    // Replay: the Welch options of the spectra group, the dataset and the force floor
    // (0 = where the dataset says).
    signal::WelchOptions welchOptions(InputIssues& issues) const;
    QString replayDataset() const;
    void setReplayDataset(const QString& id);
    int replayForceFloor() const;
    void setReplayForceFloor(int floor);
    void setReplayInfo(const QString& text);

    // Datasets offered: time histories (id, title) with a force.
    void setDatasets(const QList<QPair<QString, QString>>& timeHistories);
    void setStoreys(int storeys);

    // Shows every issue under its field (the rest in the message line); returns the count.
    int showIssues(const InputIssues& issues);
    // The field's shown issue ("" if none), for tests.
    QString issueOf(const QString& field) const;
    // Sets a field's text as if typed (tests, keyboard users). False for an unknown field.
    bool setFieldText(const QString& field, const QString& text);

signals:
    void changed();

private:
    QWidget* buildExcitation();
    QWidget* buildTest();
    QWidget* buildScenarios();
    QWidget* buildSpectra();
    QWidget* buildReplay();
    NumberField* field(const QString& id, const QString& unit, const QString& toolTip);
    void updateVisibility();
    void updateScatterUnits();
    void read(const char* id, double& target, InputIssues& issues) const;
    void readCount(const char* id, std::size_t& target, InputIssues& issues) const;

    QMap<QString, NumberField*> m_fields;
    QComboBox* m_mode;
    QGroupBox* m_excitationBox;
    QGroupBox* m_testBox;
    QGroupBox* m_scenarioBox;
    QGroupBox* m_replayBox;
    QComboBox* m_kind;
    QSpinBox* m_floor;
    QStackedWidget* m_kindPages;
    QCheckBox* m_randomPerScenario;
    QComboBox* m_sweepLaw;
    QLineEdit* m_baseFile;
    QComboBox* m_baseHold;
    QLabel* m_baseMessage;
    QComboBox* m_forceSource;
    QLineEdit* m_forceFile;
    QComboBox* m_forceHold;
    QLabel* m_forceMessage;
    QComboBox* m_integrator;
    QComboBox* m_sampling;
    QComboBox* m_distribution;
    QComboBox* m_massSpreadKind;
    QComboBox* m_stiffnessSpreadKind;
    QComboBox* m_dampingSpreadKind;
    QComboBox* m_window;
    QComboBox* m_outputQuantity;
    QComboBox* m_frfQuantity;
    QLabel* m_frfLabel;
    QLabel* m_outputLabel;
    QComboBox* m_replayDataset;
    QComboBox* m_replayFloor;
    QLabel* m_replayInfo;
    QLabel* m_messages;
};

} // namespace dtop::widgets
