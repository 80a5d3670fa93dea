// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/uncertainty.h"
#include "widgets/analysis_panel.h"

#include <map>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QTabWidget;

namespace dtop::models {
class ActiveProfile;
} // namespace dtop::models

namespace dtop::widgets {

class NumberField;
class ParameterSpreadEditor;
class PlotView;
class UncertaintyForm;
class UqMethodKey;

// Tool `uncertainty`: bounds on |H| of every floor when m, k, c of the active profile lie in a
// box. Inputs with live intervals and inline validation on the left (UncertaintyForm); per
// floor (top floor first) a plot with one band per method, labelled with what it guarantees,
// over the per-frequency importance of each parameter; the verified–optimised gap; the sampled
// envelope's order-statistics statement. Runs through AnalysisPanel and shows the cheap methods
// as soon as they are ready.
class UncertaintyPanel : public AnalysisPanel {
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
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // The input the form describes now, and its problems (empty when Run is enabled).
    uq::UncertaintyInput currentInput(InputIssues* issues = nullptr) const;
    // The result shown (partial while the expensive methods still run).
    const std::optional<uq::UncertaintyResult>& result() const { return m_result; }
    QString summaryText() const;

    // The prototype's `full-scale` case: that preset as the active profile, ±10 % on every
    // parameter, force at floor 2, 5–200 rad/s expressed in Hz, adaptive grid.
    void applyPrototypeDefaults();

    UncertaintyForm* form() const { return m_form; }
    ParameterSpreadEditor* spreadEditor() const;
    NumberField* fminField() const;
    QTabWidget* floorTabs() const { return m_tabs; }
    PlotView* boundsPlot(int floor) const;     // 1-based floor
    PlotView* importancePlot(int floor) const; // 1-based floor
    PlotView* gapPlot() const { return m_gapPlot; }
    UqMethodKey* key() const { return m_key; }

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;
    void showStale(bool stale) override;
    QString stageText(const QString& stage) const override;
    void showEvent(QShowEvent* event) override;

private:
    struct FloorPlots {
        QWidget* page;
        PlotView* bounds;
        PlotView* importance;
        std::map<QString, int> ids; // series of the bounds plot by name
    };
    QWidget* buildPlots();
    void rebuildFloorTabs(std::size_t storeys);
    void onProfileChanged();
    void onFormChanged();
    void showInput(const uq::UncertaintyInput& input);
    void showResult(const uq::UncertaintyResult& result, const uq::UncertaintyInput& input);
    void redraw();
    void applyKey();
    void updateSummary();

    models::ActiveProfile& m_active;
    UncertaintyForm* m_form;

    QComboBox* m_magnitudeScale;
    QCheckBox* m_percentileBand;
    UqMethodKey* m_key;
    QTabWidget* m_tabs;
    std::vector<FloorPlots> m_floors; // floor 1 first
    QWidget* m_gapPage;
    PlotView* m_gapPlot;
    QLabel* m_gapLabel;
    QLabel* m_summary;

    std::optional<uq::UncertaintyResult> m_result;
    std::optional<uq::UncertaintyInput> m_resultInput;
    bool m_updating = false;
    bool m_shownOnce = false;
};

} // namespace dtop::widgets
