// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <QList>
#include <QString>
#include <QWidget>

class QSettings;
class QUndoStack;

namespace dtop::widgets {

class Figure;
class PlotView;

// A tool's panel in the main window (form → runner → plots/tables). The shell
// uses this interface for exports, reports, help and remembered inputs.
class ToolPanel : public QWidget {
    Q_OBJECT
public:
    struct NamedPlot {
        QString fileStem; // "frf_magnitude": names the PNG and CSV of a report
        PlotView* plot;
    };

    struct NamedFigure {
        QString fileStem; // "mac": names the PNG and CSV of a report
        const Figure* figure;
    };

    using QWidget::QWidget;

    virtual QString toolId() const = 0;
    virtual QList<NamedPlot> plots() const = 0;
    // Pictures that are not plots (heat maps, the FE mode view); none by default. Reports write
    // them beside the plots.
    virtual QList<NamedFigure> figures() const { return {}; }
    // The plot File ▸ Export acts on: the one the user is looking at.
    virtual PlotView* currentPlot() const;

    // Every effective input and the results, for the report's JSON.
    virtual nlohmann::json reportInput() const = 0;
    virtual nlohmann::json reportResult() const = 0;
    // Sets the panel's inputs from JSON with the keys of reportInput() (missing keys keep their
    // value). Used by `dtop report`; values were validated by the command line.
    virtual void applyInput(const nlohmann::json& input) = 0;
    // Completes any pending or background work synchronously (reports need final results).
    virtual void finishPendingWork() {}
    // The edits Edit ▸ Undo/Redo act on while this panel is shown; none by default.
    virtual QUndoStack* undoStack() const { return nullptr; }

    // Remembered last inputs (QSettings group chosen by the shell).
    virtual void saveSettings(QSettings& settings) const;
    virtual void restoreSettings(QSettings& settings);

signals:
    void statusMessage(const QString& text);
    // Asks the shell to show tool `toolId` and apply `inputJson` (an input as reportInput()
    // gives it) to its panel: the twin history's "Open this run again".
    void openToolRequested(const QString& toolId, const QString& inputJson);
};

// Writes <dir>/<stem>.png (rendered offscreen at `size`) and <dir>/<stem>.csv for every plot and
// every figure that holds data, and <dir>/<tool>.json with {"tool", "version", "input",
// "result", "files"}. Creates `dir`. Returns false with a message naming the file on failure.
// By default the panel first finishes its pending work (the report is of the current inputs;
// `dtop report` runs this way). With `outOfDate` set, the results are written as shown, without
// computing anything: every plot carries `outOfDate` as a note and the JSON has it as
// "out_of_date" (the window's File ▸ Export report of a stale or cancelled result).
bool writeReport(ToolPanel& panel, const QString& dir, const QSize& size, QString* error,
                 const QString& outOfDate = {});

} // namespace dtop::widgets
