// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/identify/identify_tables.h"

#include <QAction>
#include <QHeaderView>
#include <QObject>
#include <QStringList>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace dtop::widgets {

using identification::IdentifyResult;

namespace {

void setTable(QTableWidget& table, const QStringList& headers, const std::vector<QStringList>& rows)
{
    table.clear();
    table.setColumnCount(static_cast<int>(headers.size()));
    table.setHorizontalHeaderLabels(headers);
    table.setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r)
        for (int c = 0; c < rows[std::size_t(r)].size() && c < headers.size(); ++c)
            table.setItem(r, c, new QTableWidgetItem(rows[std::size_t(r)][c]));
    table.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

QString num(double v, int digits = 5)
{
    return std::isfinite(v) ? QString::number(v, 'g', digits) : QStringLiteral("—");
}

QString at(const std::vector<double>& v, std::size_t i, int digits = 5)
{
    return i < v.size() ? num(v[i], digits) : QStringLiteral("—");
}

// "used" when the chain (shear-building) model rests on mode m, why not otherwise.
QString chainUse(const IdentifyResult& r, std::size_t m)
{
    if (!r.physical)
        return QObject::tr("no chain model");
    const auto& used = r.physical->modesUsed;
    return std::binary_search(used.begin(), used.end(), m)
               ? QObject::tr("used")
               : QObject::tr("left out: largest modal mass");
}

} // namespace

void fillModesTable(QTableWidget& table, const IdentifyResult& r)
{
    std::vector<QStringList> rows;
    for (std::size_t m = 0; m < r.modes.size(); ++m) {
        const auto& mode = r.modes[m];
        QString mac = QStringLiteral("—");
        if (r.macProfile.rows() > Eigen::Index(m) && r.macProfile.cols() > 0) {
            Eigen::Index best = 0;
            const double v = r.macProfile.row(Eigen::Index(m)).maxCoeff(&best);
            mac = QObject::tr("%1 (mode %2, %3 Hz)")
                      .arg(v, 0, 'f', 3)
                      .arg(best + 1)
                      .arg(std::size_t(best) < r.profileFrequenciesHz.size()
                               ? r.profileFrequenciesHz[std::size_t(best)]
                               : NAN,
                           0, 'f', 3);
        }
        rows.push_back({QString::number(m + 1), QString::number(mode.frequencyHz, 'f', 4),
                        QString::number(100.0 * mode.dampingRatio, 'f', 3),
                        QString::number(mode.complexity, 'f', 3),
                        QString::number(mode.mpdDeg, 'f', 1), mac,
                        mode.massNormalised ? QObject::tr("yes") : QObject::tr("no"),
                        chainUse(r, m)});
    }
    setTable(table,
             {QObject::tr("Mode"), QObject::tr("f [Hz]"), QObject::tr("ζ [%]"),
              QObject::tr("Complexity 1−MPC"), QObject::tr("MPD [°]"),
              QObject::tr("Best MAC to profile"), QObject::tr("Mass-normalised"),
              QObject::tr("Chain model")},
             rows);
}

void fillMethodsTable(QTableWidget& table, const IdentifyResult& r)
{
    std::size_t modes = 0;
    for (const auto& c : r.comparison)
        modes = std::max(modes, c.frequenciesHz.size());
    QStringList headers = {QObject::tr("Method")};
    for (std::size_t m = 0; m < modes; ++m)
        headers << QObject::tr("Mode %1: f [Hz] / ζ [%]").arg(m + 1);
    headers << QObject::tr("Masses [kg]");
    std::vector<QStringList> rows;
    for (const auto& c : r.comparison) {
        QStringList row = {QString::fromLatin1(identificationMethodName(c.method))};
        if (!c.failure.empty()) {
            row << QString::fromStdString(c.failure);
            rows.push_back(row);
            continue;
        }
        for (std::size_t m = 0; m < modes; ++m)
            row << (m < c.frequenciesHz.size()
                        ? QStringLiteral("%1 / %2")
                              .arg(c.frequenciesHz[m], 0, 'f', 4)
                              .arg(m < c.dampingRatios.size() ? 100.0 * c.dampingRatios[m] : NAN,
                                   0, 'f', 3)
                        : QStringLiteral("—"));
        QStringList masses;
        for (double v : c.masses)
            masses << QString::number(v, 'f', 3);
        row << (masses.isEmpty() ? QStringLiteral("—") : masses.join(QStringLiteral(", ")));
        rows.push_back(row);
    }
    setTable(table, headers, rows);
}

void fillPhysicalTable(QTableWidget& table, const IdentifyResult& r)
{
    const auto* p = r.physical ? &*r.physical : nullptr;
    const bool updated = r.update.has_value();
    const std::size_t n = std::max(p ? p->masses.size() : 0, updated ? r.updatedProfile.masses.size() : 0);
    std::vector<QStringList> rows;
    for (std::size_t i = 0; i < n; ++i) {
        QStringList row = {QString::number(i + 1)};
        row << (p ? at(p->masses, i) : QStringLiteral("—"))
            << (p ? at(p->stiffnessChain.storeyValues, i) : QStringLiteral("—"))
            << (p ? at(p->dampingChain.storeyValues, i, 3) : QStringLiteral("—"));
        if (updated)
            row << at(r.updatedProfile.masses, i) << at(r.updatedProfile.stiffnesses, i)
                << at(r.updatedProfile.dampers, i, 3);
        rows.push_back(row);
    }
    QStringList headers = {QObject::tr("Floor"), QObject::tr("Identified m [kg]"),
                           QObject::tr("k [N/m]"), QObject::tr("c [N·s/m]")};
    if (updated)
        headers << QObject::tr("Updated m [kg]") << QObject::tr("k [N/m]")
                << QObject::tr("c [N·s/m]");
    setTable(table, headers, rows);
}

void fillMacTable(QTableWidget& table, const Eigen::MatrixXd& mac, const QString& rowName,
                  const QString& colName, const std::vector<double>& rowFrequenciesHz,
                  const std::vector<double>& colFrequenciesHz)
{
    auto label = [](const QString& name, Eigen::Index i, const std::vector<double>& f) {
        return std::size_t(i) < f.size()
                   ? QStringLiteral("%1 %2\n%3 Hz").arg(name).arg(i + 1).arg(f[std::size_t(i)], 0, 'f', 2)
                   : QStringLiteral("%1 %2").arg(name).arg(i + 1);
    };
    table.clear();
    table.setRowCount(int(mac.rows()));
    table.setColumnCount(int(mac.cols()));
    QStringList rows, cols;
    for (Eigen::Index i = 0; i < mac.rows(); ++i)
        rows << label(rowName, i, rowFrequenciesHz);
    for (Eigen::Index j = 0; j < mac.cols(); ++j)
        cols << label(colName, j, colFrequenciesHz);
    table.setVerticalHeaderLabels(rows);
    table.setHorizontalHeaderLabels(cols);
    table.verticalHeader()->show();
    for (Eigen::Index i = 0; i < mac.rows(); ++i)
        for (Eigen::Index j = 0; j < mac.cols(); ++j) {
            const double v = std::clamp(mac(i, j), 0.0, 1.0);
            auto* item = new QTableWidgetItem(QString::number(mac(i, j), 'f', 3));
            item->setTextAlignment(Qt::AlignCenter);
            item->setBackground(QColor::fromRgbF(float(1.0 - 0.97 * v), float(1.0 - 0.81 * v),
                                                 float(1.0 - 0.58 * v)));
            item->setForeground(v > 0.5 ? QColor(Qt::white) : QColor(Qt::black));
            table.setItem(int(i), int(j), item);
        }
    table.horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table.verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
}



void fillUpdateTable(QTableWidget& table, const IdentifyResult& r)
{
    std::vector<QStringList> rows;
    if (r.update) {
        const auto& u = *r.update;
        for (std::size_t i = 0; i < u.parameterNames.size(); ++i) {
            const double a = u.initial[i], b = u.final[i];
            rows.push_back({QString::fromStdString(u.parameterNames[i]) + QStringLiteral(" [") +
                                QString::fromStdString(u.parameterUnits[i]) + QStringLiteral("]"),
                            num(a), num(b), QString::number(100.0 * (b - a) / a, 'f', 2)});
        }
        for (std::size_t m = 0; m < u.frequenciesAfterHz.size(); ++m)
            rows.push_back({QObject::tr("f%1 [Hz] (MAC)").arg(m + 1),
                            QStringLiteral("%1 (%2)")
                                .arg(at(u.frequenciesBeforeHz, m, 6))
                                .arg(at(u.macBefore, m, 4)),
                            QStringLiteral("%1 (%2)")
                                .arg(at(u.frequenciesAfterHz, m, 6))
                                .arg(at(u.macAfter, m, 4)),
                            QObject::tr("target %1")
                                .arg(m < r.modes.size() ? r.modes[m].frequencyHz : NAN, 0, 'f', 4)});
    }
    setTable(table,
             {QObject::tr("Parameter"), QObject::tr("Before"), QObject::tr("After"),
              QObject::tr("Change [%]")},
             rows);
}

} // namespace dtop::widgets
