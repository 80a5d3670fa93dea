// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"
#include "widgets/panel_context.h"
#include "widgets/tool_panel.h"

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTableWidget;

namespace dtop::models {
class ActiveProfile;
}

namespace dtop::widgets {

class DatasetBrowser;
class FrameView;
class PlotView;
class ProfileEditor;

// Tool `structure`: edit the active profile and see its modes, FRFs and animated mode shapes,
// all updated live as you type (the analysis takes well under a millisecond).
class StructurePanel : public ToolPanel {
    Q_OBJECT
public:
    explicit StructurePanel(PanelContext& context, QWidget* parent = nullptr);

    QString toolId() const override { return QStringLiteral("structure"); }
    QList<NamedPlot> plots() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    nlohmann::json reportResult() const override;
    void applyInput(const nlohmann::json& input) override;
    QUndoStack* undoStack() const override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    ProfileEditor* editor() const { return m_editor; }
    QTableWidget* modalTable() const { return m_modalTable; }
    const std::optional<dynamics::ModalResult>& modalResult() const { return m_modal; }
    DatasetBrowser* datasets() const { return m_datasets; }
    QComboBox* profileChoice() const { return m_profileChoice; }
    // Switches to a preset or a saved profile's latest version, as choosing it in the list
    // does: asks before discarding unsaved edits. False if the user kept the edits.
    bool chooseProfile(int index);
    // Brings the measured-data tab to the front.
    void showDatasetsTab();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // Splits the left column's height: the profile as tall as it needs up to what leaves the
    // modes table its rows, the modes right below it. Again when the storey count changes.
    void fitProfileAndModes();
    QWidget* buildFrfTab();
    void populateProfileChoices();
    void populateMeasuredChoices();
    // The active profile's entry names the active version ("my-rig v1 (latest v2), edited").
    void showActiveChoice();
    void addMeasuredOverlay(const dynamics::FrfInput& input);
    double onModelBranch(double frequencyHz, double phaseDeg, std::size_t floor) const;
    QWidget* buildModeTab();
    void onActiveProfileChanged();
    void recompute();
    void updateModalTable();
    void updateFrf();
    // The user zoomed or panned the FRF plots: the range fields take the range shown.
    void followZoom(double minHz, double maxHz);
    void updateModeView();
    dynamics::FrfInput frfInput() const;

    models::ActiveProfile& m_active;
    models::WorkspaceSession& m_session;
    ProfileEditor* m_editor;
    QComboBox* m_profileChoice;
    QLabel* m_provenance;
    QTableWidget* m_modalTable;
    QSplitter* m_leftColumn;
    QWidget* m_profileColumn;
    QWidget* m_modesBox;
    int m_fittedStoreys = 0; // the storey count and height fitProfileAndModes() last split
    int m_fittedHeight = 0;
    QTabWidget* m_tabs;

    QComboBox* m_quantity;
    QSpinBox* m_inputFloor;
    QComboBox* m_magnitudeScale;
    QCheckBox* m_autoRange;
    QDoubleSpinBox* m_fmin;
    QDoubleSpinBox* m_fmax;
    QComboBox* m_measured;
    PlotView* m_magnitude;
    PlotView* m_phase;

    QComboBox* m_mode;
    QPushButton* m_play;
    QSlider* m_amplitude;
    FrameView* m_frame;
    DatasetBrowser* m_datasets;

    std::optional<dynamics::ModalResult> m_modal;
    std::optional<dynamics::FrfResult> m_frf;
    bool m_editing = false;
};

} // namespace dtop::widgets
