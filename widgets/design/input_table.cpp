// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/design/input_table.h"

#include "design/design_input.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QComboBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>
#include <utility>

namespace dtop::widgets {

namespace {

using design::InputDistributionKind;

enum Column { kName, kKind, kA, kB, kLower, kUpper, kColumns };

const InputDistributionKind kKinds[] = {InputDistributionKind::Normal, InputDistributionKind::LogNormal,
                                        InputDistributionKind::Gamma,
                                        InputDistributionKind::TruncatedNormal,
                                        InputDistributionKind::Fixed};

// The shortest text that reads back as exactly v.
QString numberText(double v)
{
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    for (int digits = 1; digits < 17; ++digits) {
        const QString t = QString::number(v, 'g', digits);
        if (t.toDouble() == v)
            return t;
    }
    return QString::number(v, 'g', 17);
}

constexpr int kHintRole = Qt::UserRole + 1; // a cell's own tooltip, kept while it is marked

// The number in a cell; ±inf allowed for the bounds.
std::optional<double> cellNumber(const QTableWidgetItem* item, bool infinite)
{
    const QString t = item ? item->text().trimmed() : QString();
    if (infinite && (t == QLatin1String("inf") || t == QLatin1String("+inf") || t.isEmpty()))
        return std::numeric_limits<double>::infinity();
    if (infinite && t == QLatin1String("-inf"))
        return -std::numeric_limits<double>::infinity();
    return parseNumber(t);
}

} // namespace

InputDistributionTable::InputDistributionTable(QWidget* parent) : QWidget(parent)
{
    m_table = new QTableWidget(0, kColumns, this);
    m_table->setHorizontalHeaderLabels(
        {tr("Input"), tr("Distribution"), tr("a"), tr("b"), tr("lower"), tr("upper")});
    const QStringList tips = {
        tr("Physical input and its unit: floor force f [N], storey stiffness k [N/m], storey "
           "damper c [N·s/m], floor mass m [kg]"),
        tr("normal, lognormal (a, b = mean and sd of the input), gamma (a = shape κ, b = scale "
           "θ), truncated normal (a, b = μ, σ of the parent normal, within [lower, upper]) or "
           "fixed (a = the value). A spread b = 0 makes an input fixed at its mean."),
        tr("First parameter: mean μ (normal, lognormal, truncated normal), shape κ (gamma, "
           "dimensionless) or the fixed value"),
        tr("Second parameter: standard deviation σ (normal, lognormal, truncated normal) or "
           "scale θ (gamma), in the input's unit"),
        tr("Truncated normal only: lower bound (fixed, not a parameter)"),
        tr("Truncated normal only: upper bound (empty or inf = none)")};
    for (int c = 0; c < kColumns; ++c)
        m_table->horizontalHeaderItem(c)->setToolTip(tips[c]);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(kA, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(kB, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(kKind, QHeaderView::Fixed);
    m_table->setColumnWidth(kKind, 118);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_syncing)
            return;
        updateRowHints(item->row());
        emit changed();
    });
}

void InputDistributionTable::addRow(int row, const design::InputDistribution& d)
{
    const std::size_t index = static_cast<std::size_t>(row);
    auto* name = new QTableWidgetItem(
        QStringLiteral("%1 [%2]")
            .arg(QString::fromStdString(design::DesignInput::inputName(index, m_storeys)),
                 QString::fromUtf8(design::DesignInput::inputUnit(index, m_storeys))));
    name->setFlags(Qt::ItemIsEnabled);
    m_table->setItem(row, kName, name);
    auto* kind = new QComboBox(m_table);
    for (InputDistributionKind k : kKinds)
        kind->addItem(QString::fromLatin1(design::inputDistributionKindName(k)), static_cast<int>(k));
    kind->setCurrentIndex(kind->findData(static_cast<int>(d.kind)));
    m_table->setCellWidget(row, kKind, kind);
    connect(kind, &QComboBox::currentIndexChanged, this, [this, row] {
        if (m_syncing)
            return;
        updateRowHints(row);
        emit changed();
    });
    m_table->setItem(row, kA, new QTableWidgetItem(numberText(d.a)));
    m_table->setItem(row, kB, new QTableWidgetItem(d.kind == InputDistributionKind::Fixed ? QString()
                                                                                           : numberText(d.b)));
    const bool truncated = d.kind == InputDistributionKind::TruncatedNormal;
    m_table->setItem(row, kLower, new QTableWidgetItem(truncated ? numberText(d.lower) : QString()));
    m_table->setItem(row, kUpper, new QTableWidgetItem(truncated ? numberText(d.upper) : QString()));
    updateRowHints(row);
}

void InputDistributionTable::updateRowHints(int row)
{
    const auto* kind = qobject_cast<QComboBox*>(m_table->cellWidget(row, kKind));
    if (!kind)
        return;
    const auto k = static_cast<InputDistributionKind>(kind->currentData().toInt());
    const std::size_t index = static_cast<std::size_t>(row);
    const QString name = QString::fromStdString(design::DesignInput::inputName(index, m_storeys));
    const QString unit = QString::fromUtf8(design::DesignInput::inputUnit(index, m_storeys));
    QString a, b;
    switch (k) {
    case InputDistributionKind::Gamma:
        a = tr("%1: shape κ [–]").arg(name);
        b = tr("%1: scale θ [%2] (mean κθ, sd √κ·θ)").arg(name, unit);
        break;
    case InputDistributionKind::Fixed:
        a = tr("%1: fixed value [%2]").arg(name, unit);
        b = tr("not used by a fixed input");
        break;
    case InputDistributionKind::TruncatedNormal:
        a = tr("%1: μ of the parent normal [%2]").arg(name, unit);
        b = tr("%1: σ of the parent normal [%2] (0 = fixed at μ)").arg(name, unit);
        break;
    default:
        a = tr("%1: mean [%2]").arg(name, unit);
        b = tr("%1: standard deviation [%2] (0 = fixed at the mean)").arg(name, unit);
        break;
    }
    const bool wasSyncing = m_syncing;
    m_syncing = true;
    const bool truncated = k == InputDistributionKind::TruncatedNormal;
    for (int c : {kA, kB, kLower, kUpper}) {
        QTableWidgetItem* item = m_table->item(row, c);
        if (!item)
            continue;
        const bool used = c == kA || (c == kB && k != InputDistributionKind::Fixed) ||
                          ((c == kLower || c == kUpper) && truncated);
        item->setFlags(used ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable
                            : Qt::NoItemFlags);
        if (!used)
            item->setText(QString());
        else if (c == kLower && item->text().isEmpty())
            item->setText(QStringLiteral("0"));
        else if (c == kUpper && item->text().isEmpty())
            item->setText(QStringLiteral("inf"));
        else if (c == kB && item->text().isEmpty())
            item->setText(QStringLiteral("0"));
        const QString tip = c == kA ? a : c == kB ? b
                                    : c == kLower ? tr("%1: lower bound [%2]").arg(name, unit)
                                                  : tr("%1: upper bound [%2] (inf = none)").arg(name, unit);
        item->setData(kHintRole, used ? tip : tr("not used by this distribution"));
        if (item->background().style() == Qt::NoBrush)
            item->setToolTip(item->data(kHintRole).toString());
    }
    m_syncing = wasSyncing;
    // The bounds columns only while a truncated normal needs them.
    bool anyTruncated = false;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (const auto* box = qobject_cast<QComboBox*>(m_table->cellWidget(r, kKind)))
            anyTruncated = anyTruncated ||
                           box->currentData().toInt() == static_cast<int>(InputDistributionKind::TruncatedNormal);
    m_table->setColumnHidden(kLower, !anyTruncated);
    m_table->setColumnHidden(kUpper, !anyTruncated);
}

std::vector<design::InputDistribution> InputDistributionTable::distributions(InputIssues* issues) const
{
    std::vector<design::InputDistribution> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto* kind = qobject_cast<QComboBox*>(m_table->cellWidget(row, kKind));
        design::InputDistribution d;
        d.kind = static_cast<InputDistributionKind>(kind->currentData().toInt());
        const std::string name = design::DesignInput::inputName(static_cast<std::size_t>(row), m_storeys);
        auto read = [&](int column, bool infinite, double& target, const char* what) {
            if (const auto v = cellNumber(m_table->item(row, column), infinite))
                target = *v;
            else if (issues)
                issues->push_back({name, name + ": " + what + " is not a number: '" +
                                             m_table->item(row, column)->text().toStdString() + "'"});
        };
        read(kA, false, d.a, "a");
        if (d.kind != InputDistributionKind::Fixed)
            read(kB, false, d.b, "b");
        if (d.kind == InputDistributionKind::TruncatedNormal) {
            read(kLower, true, d.lower, "lower");
            read(kUpper, true, d.upper, "upper");
        }
        out.push_back(d);
    }
    return out;
}

void InputDistributionTable::setDistributions(const std::vector<design::InputDistribution>& inputs)
{
    m_syncing = true;
    m_storeys = inputs.size() / 4;
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(inputs.size()));
    for (std::size_t i = 0; i < inputs.size(); ++i)
        addRow(static_cast<int>(i), inputs[i]);
    m_syncing = false;
    // Every row shown: the form scrolls, not the table.
    m_table->resizeRowsToContents();
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth() + 2;
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setMinimumHeight(height);
}

void InputDistributionTable::showIssues(const InputIssues& issues)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const std::string name = design::DesignInput::inputName(static_cast<std::size_t>(row), m_storeys);
        QString first, second;
        for (const auto& issue : issues) {
            if (issue.field != name)
                continue;
            const QString m = QString::fromStdString(issue.message);
            // Messages about the spread (σ, θ, sd) belong to b, the rest to a.
            const bool spread = m.contains(QLatin1String("sigma")) || m.contains(QLatin1String("theta")) ||
                                m.contains(QLatin1String("standard deviation")) ||
                                m.contains(QLatin1String("spread")) || m.contains(QLatin1String("b is not"));
            QString& target = spread ? second : first;
            target += (target.isEmpty() ? QString() : QStringLiteral("; ")) + m;
        }
        m_syncing = true;
        for (const auto& [column, message] : {std::pair{int(kA), first}, std::pair{int(kB), second}}) {
            QTableWidgetItem* item = m_table->item(row, column);
            markFieldIssue(item, message);
            if (message.isEmpty())
                item->setToolTip(item->data(kHintRole).toString());
        }
        m_syncing = false;
    }
}

} // namespace dtop::widgets
