// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/uncertainty.h"
#include "widgets/panel_context.h"
#include "widgets/tool_panel.h"

#include <QElapsedTimer>

#include <map>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace dtop::models {
class ActiveProfile;
class AnalysisRunner;
class WorkspaceSession;
} // namespace dtop::models

namespace dtop::widgets {

class ExactNumberEdit;
class ParameterSpreadEditor;
class PlotView;
class UqMethodKey;

// Tool `uncertainty`: bounds on |H| of every floor when m, k, c of the active profile lie in a
// box (specs/simulator_uq.md §5, §8.5–8.7). Inputs with live intervals and inline validation
// on the left; per floor (top floor first) a plot with one band per method, labelled with what
// it guarantees, over the per-frequency importance of each parameter; the verified–optimised
// gap; the sampled envelope's order-statistics statement. Runs off the GUI thread, shows the
// cheap methods as soon as they are ready, and marks results stale when an input changes.
class UncertaintyPanel : public ToolPanel {
    Q_OBJECT
public:
    explicit UncertaintyPanel(PanelContext& context, QWidget* parent = nullptr);
    ~UncertaintyPanel() override;

    QString toolId() const override { return QStringLiteral("uncertainty"); }
    QList<NamedPlot> plots() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    nlohmann::json reportResult() const override;
    // Keys of uncertaintyInputToJson (the profile excepted: the panel works on the active
    // profile) plus "magnitude_scale" (db or log) and "percentile_band".
    void applyInput(const nlohmann::json& input) override;
    void finishPendingWork() override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // The input the form describes now, and its problems (empty when Run is enabled).
    uq::UncertaintyInput currentInput(InputIssues* issues = nullptr) const;
    QStringList issues() const { return m_issueLines; }
    bool canRun() const;
    bool isRunning() const;
    // Results on screen are for other inputs than the form's.
    bool isStale() const { return m_stale; }
    // The result shown (partial while the expensive methods still run).
    const std::optional<uq::UncertaintyResult>& result() const { return m_result; }
    bool isResultComplete() const { return m_complete; }
    QString statusText() const;
    QString summaryText() const;

    // The prototype's `full-scale` case: that preset as the active profile, ±10 % on every
    // parameter, force at floor 2, 5–200 rad/s expressed in Hz, adaptive grid.
    void applyPrototypeDefaults();

    ParameterSpreadEditor* spreadEditor() const { return m_spreads; }
    models::AnalysisRunner* runner() const { return m_runner; }
    QTabWidget* floorTabs() const { return m_tabs; }
    PlotView* boundsPlot(int floor) const;     // 1-based floor
    PlotView* importancePlot(int floor) const; // 1-based floor
    PlotView* gapPlot() const { return m_gapPlot; }
    UqMethodKey* key() const { return m_key; }
    ExactNumberEdit* fminField() const { return m_fmin; }

public slots:
    void run();
    void cancel();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct FloorPlots {
        QWidget* page;
        PlotView* bounds;
        PlotView* importance;
        std::map<QString, int> ids; // series of the bounds plot by name
    };
    QWidget* buildInputs();
    QWidget* buildPlots();
    void rebuildFloorTabs(std::size_t storeys);
    void onProfileChanged();
    void onInputChanged();
    void showInput(const uq::UncertaintyInput& input);
    void showIssues(const InputIssues& issues);
    void showResult(const uq::UncertaintyResult& result, bool complete);
    void redraw();
    void applyKey();
    void updateSummary();
    void updateGridWidgets();
    void recordRun(const uq::UncertaintyInput& input, const uq::UncertaintyResult& result);
    void setRunning(bool running);

    models::ActiveProfile& m_active;
    models::WorkspaceSession& m_session;
    models::AnalysisRunner* m_runner;

    QLabel* m_profileLabel;
    QSpinBox* m_inputFloor;
    QComboBox* m_quantity;
    ExactNumberEdit* m_scaleAll;
    ExactNumberEdit* m_allPercent;
    ParameterSpreadEditor* m_spreads;
    ExactNumberEdit* m_sds;
    ExactNumberEdit* m_fmin;
    ExactNumberEdit* m_fmax;
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
    ExactNumberEdit* m_tolerance;
    QSpinBox* m_maxBoxes;
    QLabel* m_issueLabel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_run;
    QPushButton* m_cancel;

    QLabel* m_staleBanner;
    QComboBox* m_magnitudeScale;
    QCheckBox* m_percentileBand;
    UqMethodKey* m_key;
    QTabWidget* m_tabs;
    std::vector<FloorPlots> m_floors; // floor 1 first
    QWidget* m_gapPage;
    PlotView* m_gapPlot;
    QLabel* m_gapLabel;
    QLabel* m_summary;

    std::map<std::string, QWidget*> m_fieldWidgets;
    QStringList m_issueLines;
    std::optional<uq::UncertaintyResult> m_result;
    std::optional<uq::UncertaintyInput> m_resultInput;
    std::optional<uq::UncertaintyInput> m_runInput;
    bool m_complete = false;
    bool m_stale = false;
    bool m_updating = false;
    bool m_shownOnce = false;
    bool m_stoppedByEdit = false;
    quint64 m_generation = 0;
    QElapsedTimer m_clock;
    double m_lastSeconds = 0.0;
};

} // namespace dtop::widgets
