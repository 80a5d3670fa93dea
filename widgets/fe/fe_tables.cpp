// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/fe/fe_tables.h"

#include "widgets/plot_view.h"

#include <QHeaderView>
#include <QObject>
#include <QTableWidget>

#include <cmath>

namespace dtop::widgets {

namespace {

QString num(double v, int digits = 5)
{
    return std::isfinite(v) ? QString::number(v, 'g', digits) : QStringLiteral("—");
}

QString fixed(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("—");
}

void setRow(QTableWidget& table, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                      : Qt::AlignRight | Qt::AlignVCenter);
        table.setItem(row, c, item);
    }
}

// An effective mass below a microgram is round-off of a mode that does not move that way.
QString massText(double kg)
{
    return std::abs(kg) < 1e-9 ? QStringLiteral("0") : QString::number(kg, 'g', 4);
}

double at(const std::vector<double>& v, std::size_t i)
{
    return i < v.size() ? v[i] : std::nan("");
}

} // namespace

void setUpTable(QTableWidget& table, const QStringList& headers)
{
    table.setColumnCount(static_cast<int>(headers.size()));
    table.setHorizontalHeaderLabels(headers);
    table.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // No stretched last column: when the columns are wider than the view it would be cut
    // (its header too); they scroll instead.
    table.verticalHeader()->hide();
    table.setEditTriggers(QAbstractItemView::NoEditTriggers);
    table.setSelectionBehavior(QAbstractItemView::SelectRows);
    table.setSelectionMode(QAbstractItemView::SingleSelection);
    table.setWordWrap(false);
}

void fillModeTable(QTableWidget& table, const fe::FrameModes& modes)
{
    table.setRowCount(static_cast<int>(modes.modes.size()));
    for (std::size_t i = 0; i < modes.modes.size(); ++i) {
        const fe::FrameMode& m = modes.modes[i];
        QStringList shape;
        for (double v : m.floorShape)
            shape << QString::number(v, 'f', 3);
        setRow(table, static_cast<int>(i),
               {QString::number(i + 1), fixed(m.frequencyHz, 3),
                QString::fromLatin1(fe::modeKindName(m.kind)), massText(m.effectiveMassKg[0]),
                massText(m.effectiveMassKg[1]), massText(m.effectiveMassKg[2]),
                fixed(100.0 * m.floorEnergyFraction, 1), shape.join(QStringLiteral(", "))});
    }
}

void fillConvergenceTable(QTableWidget& table, const fe::FeResult& r)
{
    std::size_t modes = 0;
    for (const auto& row : r.convergence)
        modes = std::max(modes, row.frequenciesHz.size());
    modes = std::min<std::size_t>(modes, 8);
    QStringList headers = {QObject::tr("Elements per span"), QObject::tr("DOFs")};
    for (std::size_t k = 0; k < modes; ++k)
        headers << QObject::tr("f%1 [Hz]").arg(k + 1);
    setUpTable(table, headers);
    table.setRowCount(static_cast<int>(r.convergence.size()));
    for (std::size_t i = 0; i < r.convergence.size(); ++i) {
        const auto& row = r.convergence[i];
        QStringList cells = {QString::number(row.elementsPerColumn), QString::number(row.dofs)};
        for (std::size_t k = 0; k < modes; ++k)
            cells << fixed(at(row.frequenciesHz, k), 5);
        setRow(table, static_cast<int>(i), cells);
    }
}

void drawConvergence(PlotView& plot, const fe::FeResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Elements per free span"), QStringLiteral("–"), AxisScale::Log});
    plot.setYAxis({QObject::tr("|f − f(finest)| / f(finest)"), QStringLiteral("–"),
                   AxisScale::Log});
    if (r.convergence.size() < 2) {
        plot.setTitle(QObject::tr("Mesh convergence: not computed"));
        return;
    }
    const auto& finest = r.convergence.back();
    const std::size_t modes = std::min<std::size_t>(finest.frequenciesHz.size(), 6);
    for (std::size_t k = 0; k < modes; ++k) {
        std::vector<double> x, y;
        for (std::size_t i = 0; i + 1 < r.convergence.size(); ++i) {
            const double f = at(r.convergence[i].frequenciesHz, k), ref = finest.frequenciesHz[k];
            x.push_back(r.convergence[i].elementsPerColumn);
            // Differences at round-off level say "converged", not a number to plot.
            y.push_back(std::max(std::abs(f - ref) / ref, 1e-12));
        }
        SeriesStyle style;
        style.markers = true;
        plot.addSeries(QObject::tr("f%1 %2 Hz").arg(k + 1).arg(finest.frequenciesHz[k], 0, 'f', 1),
                       x, y, style);
    }
    plot.setXRange(0.8, 1.25 * r.convergence[r.convergence.size() - 2].elementsPerColumn);
    plot.setTitle(QObject::tr("Change from %1 elements per span (1e-12: round-off)")
                      .arg(finest.elementsPerColumn));
}

void fillComparisonTable(QTableWidget& table, const fe::FeResult& r)
{
    setUpTable(table, {QObject::tr("Mode"), QObject::tr("Measured [Hz]"), QObject::tr("FE [Hz]"),
                       QObject::tr("Error [%]"), QObject::tr("MAC"), QObject::tr("Calibr. [Hz]"),
                       QObject::tr("Error [%]"), QObject::tr("MAC")});
    if (!r.comparison) {
        table.setRowCount(0);
        return;
    }
    const auto& c = *r.comparison;
    const fe::ModeComparison* after = r.calibration ? &r.calibration->after : nullptr;
    table.setRowCount(static_cast<int>(c.measuredHz.size()));
    for (std::size_t i = 0; i < c.measuredHz.size(); ++i)
        setRow(table, static_cast<int>(i),
               {QString::number(i + 1), fixed(c.measuredHz[i], 3), fixed(at(c.modelHz, i), 3),
                fixed(at(c.errorsPct, i), 2), fixed(at(c.mac, i), 4),
                after ? fixed(at(after->modelHz, i), 3) : QStringLiteral("—"),
                after ? fixed(at(after->errorsPct, i), 2) : QStringLiteral("—"),
                after ? fixed(at(after->mac, i), 4) : QStringLiteral("—")});
}

void drawComparison(PlotView& plot, const fe::FeResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Sway mode (weak direction)"), QStringLiteral("–"),
                   AxisScale::Linear, 1.0});
    plot.setYAxis({QObject::tr("Frequency error"), QStringLiteral("%")});
    if (!r.comparison) {
        plot.setTitle(QObject::tr("FE against measured: choose a measured dataset"));
        return;
    }
    auto series = [&](const fe::ModeComparison& c, const QString& name, const QColor& colour) {
        std::vector<double> x, y;
        for (std::size_t i = 0; i < c.errorsPct.size(); ++i) {
            x.push_back(static_cast<double>(i + 1));
            y.push_back(c.errorsPct[i]);
        }
        SeriesStyle style;
        style.color = colour;
        style.markers = true;
        plot.addSeries(name, x, y, style);
    };
    const auto& before = *r.comparison;
    std::vector<double> x = {0.8, before.measuredHz.size() + 0.2};
    SeriesStyle zero;
    zero.color = QColor(120, 120, 120);
    zero.dashed = true;
    zero.width = 1.0;
    plot.addSeries(QObject::tr("measured (0 %)"), x, {0.0, 0.0}, zero);
    series(before, QObject::tr("FE as given"), QColor(200, 60, 40));
    if (r.calibration)
        series(r.calibration->after, QObject::tr("FE calibrated"), QColor(30, 110, 200));
    plot.setTitle(r.calibration
                      ? QObject::tr("FE − measured: RMS %1 % rigid, %2 % calibrated")
                            .arg(before.rmsErrorPct, 0, 'f', 2)
                            .arg(r.calibration->after.rmsErrorPct, 0, 'f', 2)
                      : QObject::tr("FE − measured: RMS %1 %")
                            .arg(before.rmsErrorPct, 0, 'f', 2));
}

void fillEquivalentTable(QTableWidget& table, const fe::FeResult& r)
{
    setUpTable(table, {QObject::tr("Storey"), QObject::tr("Floor mass [kg]"),
                       QObject::tr("Storey stiffness [N/m]"), QObject::tr("Frame f [Hz]"),
                       QObject::tr("Chain f [Hz]"), QObject::tr("MAC")});
    if (!r.equivalent) {
        table.setRowCount(0);
        return;
    }
    const auto& e = *r.equivalent;
    table.setRowCount(static_cast<int>(e.massKg.size()));
    for (std::size_t i = 0; i < e.massKg.size(); ++i)
        setRow(table, static_cast<int>(i),
               {QString::number(i + 1), fixed(e.massKg[i], 4), num(at(e.stiffnessNm, i), 6),
                fixed(at(e.frameHz, i), 3), fixed(at(e.chainHz, i), 3), fixed(at(e.mac, i), 5)});
}

void fillMassTable(QTableWidget& table, const fe::FeResult& r)
{
    setUpTable(table, {QObject::tr("Part"), QObject::tr("Count"), QObject::tr("Each [kg]"),
                       QObject::tr("Total [kg]")});
    const int rows = static_cast<int>(r.parts.size() + r.floorMassKg.size() + 2);
    table.setRowCount(rows);
    int row = 0;
    for (const auto& p : r.parts)
        setRow(table, row++, {QString::fromStdString(p.name), QString::number(p.count),
                              fixed(p.massKg, 5), fixed(p.totalKg(), 5)});
    for (std::size_t i = 0; i < r.floorMassKg.size(); ++i)
        setRow(table, row++,
               {QObject::tr("floor %1 rigid body (plate, blocks, clamped column)").arg(i + 1),
                QStringLiteral("1"), fixed(r.floorMassKg[i], 5), fixed(r.floorMassKg[i], 5)});
    setRow(table, row++, {QObject::tr("moving mass (floors and free column spans)"),
                          QString(), QString(), fixed(r.movingMassKg, 5)});
    setRow(table, row++, {QObject::tr("whole rig"), QString(), QString(),
                          fixed(r.totalMassKg, 5)});
}

} // namespace dtop::widgets
