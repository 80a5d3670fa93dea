// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tool_panel.h"

#include "io/atomic_file.h"
#include "io/dynamics_json.h"
#include "widgets/figure.h"
#include "widgets/plot_view.h"

#include <QDir>
#include <QSettings>

namespace dtop::widgets {

PlotView* ToolPanel::currentPlot() const
{
    for (const auto& p : plots())
        if (p.plot->isVisible())
            return p.plot;
    const auto all = plots();
    return all.isEmpty() ? nullptr : all.front().plot;
}

void ToolPanel::saveSettings(QSettings&) const {}

void ToolPanel::restoreSettings(QSettings&) {}

bool writeReport(ToolPanel& panel, const QString& dir, const QSize& size, QString* error,
                 const QString& outOfDate)
{
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = QObject::tr("cannot create the report folder %1").arg(dir);
        return false;
    }
    if (outOfDate.isEmpty())
        panel.finishPendingWork();
    const QDir out(dir);
    nlohmann::json files = nlohmann::json::array();
    // PlotView and Figure share exportPng / exportCsv.
    const auto write = [&](const QString& stem, const auto& view) {
        const QString png = out.filePath(stem + QStringLiteral(".png"));
        const QString csv = out.filePath(stem + QStringLiteral(".csv"));
        if (!view.exportPng(png, size, error) || !view.exportCsv(csv, error))
            return false;
        files.push_back(stem.toStdString() + ".png");
        files.push_back(stem.toStdString() + ".csv");
        return true;
    };
    for (const auto& [stem, plot] : panel.plots()) {
        const QString note = plot->callerNote();
        if (!outOfDate.isEmpty())
            plot->setNote(note.isEmpty() ? outOfDate : outOfDate + QLatin1Char('\n') + note);
        const bool written = write(stem, *plot);
        plot->setNote(note);
        if (!written)
            return false;
    }
    for (const auto& [stem, figure] : panel.figures())
        if (!figure->isEmpty() && !write(stem, *figure))
            return false;
    nlohmann::json json = io::resultEnvelope(panel.toolId().toStdString(), panel.reportInput(),
                                             panel.reportResult());
    json["files"] = files;
    if (!outOfDate.isEmpty())
        json["out_of_date"] = outOfDate.toStdString();
    const QString jsonPath = out.filePath(panel.toolId() + QStringLiteral(".json"));
    std::string message;
    if (!io::writeFileAtomically(jsonPath.toStdString(), json.dump(2) + "\n", message)) {
        if (error)
            *error = QString::fromStdString(message);
        return false;
    }
    return true;
}

} // namespace dtop::widgets
