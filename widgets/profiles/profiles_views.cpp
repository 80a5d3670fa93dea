// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/profiles/profiles_views.h"

#include "dynamics/frequency_grid.h"
#include "dynamics/frf.h"
#include "io/run_record_json.h"
#include "widgets/plot_view.h"

#include <QFont>
#include <QHeaderView>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace dtop::widgets {

namespace {

constexpr std::size_t kFrfPoints = 1500;

QString number(const std::optional<double>& v, int digits = 6)
{
    return v && std::isfinite(*v) ? QString::number(*v, 'g', digits) : QStringLiteral("—");
}

QString percent(double v)
{
    return std::isfinite(v) ? QString::asprintf("%+.3g", v) : QStringLiteral("—");
}

void setRow(QTableWidget& table, int row, const QStringList& cells, bool bold = false)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (cells[c].size() > 30)
            item->setToolTip(cells[c]);
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        if (bold) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
        }
        table.setItem(row, c, item);
    }
}

// Columns fit their contents but no wider than `maxWidth` pixels (long notes and provenance
// texts are elided; the tooltip of the cell has the whole text).
void fitColumns(QTableWidget& table, int maxWidth = 240)
{
    table.resizeColumnsToContents();
    for (int c = 0; c < table.columnCount(); ++c)
        if (table.columnWidth(c) > maxWidth)
            table.setColumnWidth(c, maxWidth);
}

void prepare(QTableWidget& table, const QStringList& headers, std::size_t rows)
{
    table.clearContents();
    table.setColumnCount(static_cast<int>(headers.size()));
    table.setHorizontalHeaderLabels(headers);
    table.setRowCount(static_cast<int>(rows));
}

bool isText(const crossval::ParameterChange& c)
{
    return c.field == "name" || c.field == "provenance" || c.field == "damping_model";
}

// The damped modes of both profiles, for the overlay's grid and range.
std::vector<double> modesOf(const crossval::ProfileDiff& diff, bool older, bool damping)
{
    std::vector<double> v;
    for (const auto& m : diff.modes) {
        const auto& f = older ? (damping ? m.oldDampingRatio : m.oldFrequencyHz)
                              : (damping ? m.newDampingRatio : m.newFrequencyHz);
        if (f)
            v.push_back(*f);
    }
    return v;
}

} // namespace

void fillTimelineTable(QTableWidget& table, const crossval::ProfileHistory& history)
{
    std::size_t modes = 0;
    for (const auto& e : history.versions)
        modes = std::max(modes, e.frequenciesHz.size());
    QStringList headers = {QObject::tr("Version"), QObject::tr("Saved (UTC)"),
                           QObject::tr("Provenance"), QObject::tr("Changed"), QObject::tr("Note")};
    for (std::size_t r = 0; r < modes; ++r)
        headers << QObject::tr("f%1 [Hz]").arg(r + 1);
    prepare(table, headers, history.versions.size());
    for (std::size_t v = 0; v < history.versions.size(); ++v) {
        const auto& e = history.versions[v];
        QStringList cells = {e.version > 0 ? QString::number(e.version) : QObject::tr("preset"),
                             QString::fromStdString(e.createdUtc).left(19).replace('T', ' '),
                             QString::fromLatin1(crossval::provenanceKindName(e.provenance)),
                             v == 0 ? QStringLiteral("—") : QString::number(e.changedParameters),
                             QString::fromStdString(e.note)};
        for (std::size_t r = 0; r < modes; ++r)
            cells << (r < e.frequenciesHz.size() ? QString::number(e.frequenciesHz[r], 'f', 4)
                                                 : QStringLiteral("—"));
        setRow(table, static_cast<int>(v), cells);
    }
    fitColumns(table);
}

void drawModeEvolution(PlotView& plot, const crossval::ProfileHistory& history)
{
    const PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setTitle(QObject::tr("Modal frequencies of %1 over its versions")
                      .arg(QString::fromStdString(history.name)));
    plot.setXAxis({QObject::tr("Version"), QString(), AxisScale::Linear, 1.0});
    plot.setYAxis({QObject::tr("Natural frequency"), QStringLiteral("Hz")});
    std::vector<double> versions;
    for (const auto& e : history.versions)
        versions.push_back(e.version);
    for (std::size_t r = 0; r < history.modeFrequenciesHz.size(); ++r) {
        SeriesStyle style{PlotView::paletteColor(static_cast<int>(r))};
        plot.addSeries(QObject::tr("Mode %1").arg(r + 1), versions, history.modeFrequenciesHz[r],
                       style);
        style.markers = true;
        plot.addSeries(QObject::tr("Mode %1 (versions)").arg(r + 1), versions,
                       history.modeFrequenciesHz[r], style);
    }
    // Half a version of margin, so that the first and last points are not on the frame.
    if (!versions.empty())
        plot.setXRange(versions.front() - 0.5, versions.back() + 0.5);
}

void fillParameterTable(QTableWidget& table, const crossval::ProfileDiff& diff)
{
    prepare(table,
            {QObject::tr("Parameter"), QObject::tr("Unit"), QObject::tr("Old"), QObject::tr("New"),
             QObject::tr("Change [%]")},
            diff.parameters.size());
    for (std::size_t i = 0; i < diff.parameters.size(); ++i) {
        const auto& p = diff.parameters[i];
        const bool text = isText(p);
        setRow(table, static_cast<int>(i),
               {QString::fromStdString(p.field), QString::fromStdString(p.unit),
                text ? QString::fromStdString(p.oldText) : number(p.oldValue, 10),
                text ? QString::fromStdString(p.newText) : number(p.newValue, 10),
                p.changed ? (text ? QObject::tr("changed") : percent(p.relativeChangePct))
                          : QString()},
               p.changed);
    }
    fitColumns(table, 120); // the provenance text is long: elided, whole in the tooltip
}

void fillModeTable(QTableWidget& table, const crossval::ProfileDiff& diff)
{
    prepare(table,
            {QObject::tr("Mode"), QObject::tr("Old f [Hz]"), QObject::tr("New f [Hz]"),
             QObject::tr("Δf [%]"), QObject::tr("Old ζ [%]"), QObject::tr("New ζ [%]")},
            diff.modes.size());
    auto pct = [](const std::optional<double>& z) {
        return z ? std::optional<double>(100.0 * *z) : std::nullopt;
    };
    for (std::size_t i = 0; i < diff.modes.size(); ++i) {
        const auto& m = diff.modes[i];
        setRow(table, static_cast<int>(i),
               {QString::number(m.mode), number(m.oldFrequencyHz, 7), number(m.newFrequencyHz, 7),
                percent(m.frequencyChangePct), number(pct(m.oldDampingRatio), 4),
                number(pct(m.newDampingRatio), 4)},
               std::isfinite(m.frequencyChangePct) && m.frequencyChangePct != 0.0);
    }
    fitColumns(table);
}

void drawFrfOverlay(PlotView& plot, const model::Profile& older, const QString& oldLabel,
                    const model::Profile& newer, const QString& newLabel)
{
    const crossval::ProfileDiff modes = crossval::diffProfiles(older, newer);
    std::vector<double> f = modesOf(modes, true, false), z = modesOf(modes, true, true);
    const std::vector<double> fNew = modesOf(modes, false, false),
                              zNew = modesOf(modes, false, true);
    f.insert(f.end(), fNew.begin(), fNew.end());
    z.insert(z.end(), zNew.begin(), zNew.end());
    const double highest = f.empty() ? 10.0 : *std::max_element(f.begin(), f.end());
    const std::vector<double> grid =
        dynamics::resonanceRefinedGrid(0.0, 1.4 * highest, kFrfPoints, f, z);

    const PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setTitle(QObject::tr("Receptance to a force at floor 1: %1 solid, %2 dashed")
                      .arg(oldLabel, newLabel));
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz")});
    plot.setYAxis({QObject::tr("Receptance"), QStringLiteral("m/N"), AxisScale::Decibel});
    const std::pair<const model::Profile*, QString> sides[] = {{&older, QObject::tr("old")},
                                                               {&newer, QObject::tr("new")}};
    for (int s = 0; s < 2; ++s) {
        dynamics::FrfInput input;
        input.profile = *sides[s].first;
        input.frequenciesHz = grid;
        const dynamics::FrfResult frf = dynamics::runFrf(input);
        for (std::size_t floor = 0; floor < frf.floors.size(); ++floor) {
            std::vector<double> magnitude;
            magnitude.reserve(frf.frequencyHz.size());
            for (const auto& h : frf.floors[floor])
                magnitude.push_back(std::abs(h));
            SeriesStyle style{PlotView::paletteColor(static_cast<int>(floor))};
            style.dashed = s == 1;
            plot.addSeries(QObject::tr("Floor %1 %2").arg(floor + 1).arg(sides[s].second),
                           frf.frequencyHz, std::move(magnitude), style);
        }
    }
}

void fillRunsTable(QTableWidget& table, const std::vector<io::RunRecord>& runs)
{
    prepare(table,
            {QObject::tr("Run"), QObject::tr("Tool"), QObject::tr("When (UTC)"),
             QObject::tr("Profile version"), QObject::tr("Seed"), QObject::tr("Summary")},
            runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        const std::string profile = io::runProfileLabel(r);
        setRow(table, static_cast<int>(i),
               {QString::number(r.id), QString::fromStdString(r.tool),
                QString::fromStdString(r.createdUtc).left(19).replace('T', ' '),
                profile.empty() ? QStringLiteral("—") : QString::fromStdString(profile),
                r.seed ? QString::number(*r.seed) : QStringLiteral("—"),
                r.summary.is_null() ? QString() : QString::fromStdString(r.summary.dump())});
    }
    fitColumns(table);
}

} // namespace dtop::widgets
