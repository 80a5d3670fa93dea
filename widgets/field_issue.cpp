// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/field_issue.h"

#include "widgets/number_field.h"

#include <QBrush>
#include <QColor>
#include <QTableWidgetItem>
#include <QVariant>
#include <QWidget>

namespace dtop::widgets {

namespace {
const char* const kIssue = "dtopIssue"; // the message while marked
const char* const kHint = "dtopHint";   // the tooltip to restore
const QColor kInvalidBackground(0xff, 0xdc, 0xdc);
const QString kInvalidStyle = QStringLiteral("background: #ffdcdc;");
} // namespace

void markFieldIssue(QWidget* field, const QString& message)
{
    if (!field)
        return;
    if (auto* number = qobject_cast<NumberField*>(field)) {
        number->setIssue(message); // marks its edit, shows its message line
        return;
    }
    const bool marked = !fieldIssue(field).isEmpty();
    if (!message.isEmpty()) {
        if (!marked) {
            field->setProperty(kHint, field->toolTip());
            field->setStyleSheet(kInvalidStyle);
        }
        field->setProperty(kIssue, message);
        field->setToolTip(message);
    } else if (marked) {
        field->setToolTip(field->property(kHint).toString());
        field->setStyleSheet(QString());
        field->setProperty(kIssue, QVariant());
    }
}

void markFieldIssue(QTableWidgetItem* cell, const QString& message)
{
    if (!cell)
        return;
    cell->setBackground(message.isEmpty() ? QBrush() : QBrush(kInvalidBackground));
    cell->setToolTip(message);
}

QString fieldIssue(const QWidget* field)
{
    if (!field)
        return {};
    if (const auto* number = qobject_cast<const NumberField*>(field))
        return number->issue();
    return field->property(kIssue).toString();
}

void setFieldToolTip(QWidget* field, const QString& toolTip)
{
    if (!field)
        return;
    if (field->property(kIssue).toString().isEmpty())
        field->setToolTip(toolTip);
    else
        field->setProperty(kHint, toolTip);
}

} // namespace dtop::widgets
