// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/design/result_tables.h"


#include <QHeaderView>
#include <QTableWidget>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dtop::widgets {

namespace {

QString num(double v, int digits = 4)
{
    return std::isfinite(v) ? QString::number(v, 'g', digits) : QStringLiteral("—");
}

QString pm(double v, double e, int digits = 4)
{
    return num(v, digits) + QStringLiteral(" ± ") + num(e, 2);
}

QString interval(double lo, double hi)
{
    return QStringLiteral("[%1, %2]").arg(lo, 0, 'f', 3).arg(hi, 0, 'f', 3);
}

void setRow(QTableWidget& table, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size() && c < table.columnCount(); ++c)
        table.setItem(row, c, new QTableWidgetItem(cells[c]));
}

} // namespace

QTableWidget* makeResultTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // No stretched last column: when the columns are wider than the view it would be cut
    // (its header too); they scroll instead.
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    addTableCsvActions(*table, QStringLiteral("design-table.csv"));
    return table;
}

void fillStatisticsTable(QTableWidget& table, const design::DesignResult& r)
{
    table.setRowCount(static_cast<int>(r.outputs.size()));
    for (std::size_t k = 0; k < r.outputs.size(); ++k) {
        const auto& o = r.outputs[k];
        const auto& s = o.statistics;
        auto quantile = [&](double level) {
            for (std::size_t q = 0; q < s.quantileLevels.size() && q < s.quantiles.size(); ++q)
                if (std::abs(s.quantileLevels[q] - level) < 1e-9)
                    return num(s.quantiles[q], 5);
            return QStringLiteral("—");
        };
        setRow(table, static_cast<int>(k),
               {QStringLiteral("%1 [%2]").arg(QString::fromStdString(o.name), QString::fromStdString(o.unit)),
                num(o.nominal, 6), pm(s.mean, s.stdError, 6), pm(s.std, s.stdStdError, 5),
                num(s.skewness, 3), quantile(0.05), quantile(0.5), quantile(0.95),
                QString::number(s.samples)});
    }
}

void fillSobolTable(QTableWidget& table, const design::SobolOutputResult& s)
{
    int rows = 0;
    for (const auto& i : s.inputs)
        rows += i.random ? 1 : 0;
    table.setRowCount(rows + 1);
    int row = 0;
    for (const auto& i : s.inputs) {
        if (!i.random)
            continue;
        setRow(table, row++,
               {QString::fromStdString(i.input), QString::number(i.first, 'f', 4),
                interval(i.firstLow, i.firstHigh), QString::number(i.total, 'f', 4),
                interval(i.totalLow, i.totalHigh), QString::number(i.firstJansen, 'f', 4),
                QString::number(i.totalHomma, 'f', 4)});
    }
    setRow(table, row,
           {QObject::tr("sum"), QString::number(s.sumFirst, 'f', 4), interval(s.sumFirstLow, s.sumFirstHigh),
            QString(), QString(), QString(), QString()});
}

void fillEigenTable(QTableWidget& table, const design::FisherResult& f,
                    const std::vector<design::ParameterInfo>& parameters)
{
    const std::size_t n = f.eigenvaluesScaled.size();
    table.setRowCount(static_cast<int>(n));
    for (std::size_t k = 0; k < n; ++k) {
        QString vector;
        if (static_cast<std::size_t>(f.eigenvectorsScaled.cols()) > k) {
            std::vector<std::size_t> order(static_cast<std::size_t>(f.eigenvectorsScaled.rows()));
            std::iota(order.begin(), order.end(), std::size_t{0});
            const auto col = static_cast<Eigen::Index>(k);
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                return std::abs(f.eigenvectorsScaled(static_cast<Eigen::Index>(a), col)) >
                       std::abs(f.eigenvectorsScaled(static_cast<Eigen::Index>(b), col));
            });
            for (std::size_t j = 0; j < std::min<std::size_t>(3, order.size()); ++j)
                if (order[j] < parameters.size())
                    vector += (j ? QStringLiteral(", ") : QString()) +
                              QStringLiteral("%1 %2")
                                  .arg(f.eigenvectorsScaled(static_cast<Eigen::Index>(order[j]), col), 0, 'f', 2)
                                  .arg(QString::fromStdString(parameters[order[j]].name));
        }
        setRow(table, static_cast<int>(k),
               {QString::number(k + 1),
                k < f.eigenvalueStdErrors.size() ? pm(f.eigenvaluesScaled[k], f.eigenvalueStdErrors[k])
                                                 : num(f.eigenvaluesScaled[k]),
                k < f.halfSampleEigenvalues.size() ? num(f.halfSampleEigenvalues[k]) : QStringLiteral("—"),
                vector});
    }
}

void fillParameterTable(QTableWidget& table, const std::vector<design::ParameterInfo>& parameters,
                        const design::FisherResult& f, const design::ProbabilityResult& p,
                        const design::KlView& kl)
{
    table.setRowCount(static_cast<int>(parameters.size()));
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        const auto& b = parameters[j];
        auto at = [j](const std::vector<double>& v) { return j < v.size() ? v[j] : std::nan(""); };
        setRow(table, static_cast<int>(j),
               {QString::fromStdString(b.name),
                num(b.value, 6) + (b.unit.empty() ? QString() : QStringLiteral(" ") + QString::fromStdString(b.unit)),
                num(b.scale, 4) + (b.scaleIsSpread ? QObject::tr(" (sd)") : QString()),
                f.diagonalStdErrors.size() > j ? pm(at(f.diagonalScaled), at(f.diagonalStdErrors))
                                               : num(at(f.diagonalScaled)),
                num(at(f.upperBoundDiagonal)),
                p.gradientStdError.size() > j ? pm(at(p.gradientScaled), at(p.gradientStdError), 3)
                                              : num(at(p.gradientScaled), 3),
                num(at(p.boundScaled), 3), kl.computed ? num(at(kl.perParameter), 3) : QStringLiteral("—")});
    }
}

} // namespace dtop::widgets
