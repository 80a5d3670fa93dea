// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/crossval.h"
#include "crossval/interlab.h"
#include "widgets/analysis_panel.h"

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QTabWidget;
class QTableWidget;

namespace dtop::widgets {


class CrossvalForm;
class HeatMap;
class PlotView;

// Tool `crossval`: the form (CrossvalForm) on the left; on the right the candidate shown, tabs
// with the FRF overlay, CSAC / CSF, the FDAC map, the MAC heat map, the inter-lab view (every
// rig's measured FRFs of one floor with the natural-frequency spread, and its table) and the
// prototype's four pages; under them the metric table (FRAC, its basis, RMS dB per floor) and
// the paired modes (Δf/f, MAC, damping difference) of every candidate.
class CrossvalPanel : public AnalysisPanel {
    Q_OBJECT
public:
    explicit CrossvalPanel(PanelContext& context, QWidget* parent = nullptr);
    ~CrossvalPanel() override;

    QString toolId() const override { return QStringLiteral("crossval"); }
    QList<NamedPlot> plots() const override;
    QList<NamedFigure> figures() const override;
    PlotView* currentPlot() const override;
    // Keys of crossvalInputToJson plus "interlab_floor", "interlab_models".
    nlohmann::json reportInput() const override;
    // crossvalResultToJson plus "interlab" (the spread table, interlabResultToJson without the
    // curves).
    nlohmann::json reportResult() const override;
    // The keys of reportInput(), and "tab" (a tab's title) and "pair" (the candidate shown, 0-based)
    // for screenshots of a chosen view.
    void applyInput(const nlohmann::json& input) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    CrossvalForm* form() const { return m_form; }
    QComboBox* pairBox() const { return m_pair; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableWidget* metricTable() const { return m_metrics; }
    QTableWidget* modeTable() const { return m_modes; }
    QTableWidget* spreadTable() const { return m_spread; }
    HeatMap* macMap() const { return m_mac; }
    HeatMap* fdacMap() const { return m_fdac; }
    const crossval::CrossvalResult* result() const { return m_result.get(); }
    const crossval::InterlabResult* interlab() const { return m_interlab.get(); }

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;
    void showEvent(QShowEvent* event) override;

private:
    nlohmann::json formJson(crossval::CrossvalInput* input, InputIssues* issues) const;
    void refreshSources();
    void showResults(std::shared_ptr<const crossval::CrossvalResult> result,
                     std::shared_ptr<const crossval::InterlabResult> interlab);
    void showPair();
    void fillTables();
    void fillInterlab();
    void showPrototypeView();

    CrossvalForm* m_form;
    QLabel* m_notes;
    QWidget* m_pairRow;
    QComboBox* m_pair;
    QTabWidget* m_tabs;
    PlotView* m_overlay;
    PlotView* m_signature;
    HeatMap* m_fdac;
    HeatMap* m_mac;
    PlotView* m_interlabPlot;
    QTableWidget* m_spread;
    QLabel* m_interlabNotes;
    QComboBox* m_view;
    QLabel* m_viewNotes; // why a panel is empty, which axis a curve uses
    std::vector<PlotView*> m_viewPlots; // 2 × 2, one per rig
    QTableWidget* m_metrics;
    QTableWidget* m_modes;
    QWidget* m_tables; // the metric and mode tables
    std::shared_ptr<const crossval::CrossvalResult> m_result;
    std::shared_ptr<const crossval::InterlabResult> m_interlab;
    int m_requestedPair = -1; // applyInput's "pair" until a result has that many
    bool m_shownOnce = false;
};

} // namespace dtop::widgets
