// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/number_field.h"

#include "io/number_format.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace dtop::widgets {

NumberField::NumberField(const QString& unit, const QString& toolTip, QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_unit(new QLabel(unit, this)),
      m_message(new QLabel(this))
{
    m_edit->setToolTip(toolTip);
    m_unit->setToolTip(toolTip);
    m_unit->setMinimumWidth(m_unit->fontMetrics().horizontalAdvance(QStringLiteral("N·s/m")));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_message->hide();
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_unit);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addLayout(row);
    layout->addWidget(m_message);
    connect(m_edit, &QLineEdit::textEdited, this, &NumberField::edited);
}

QString NumberField::text() const
{
    return m_edit->text();
}

void NumberField::setText(const QString& text)
{
    m_edit->setText(text);
}

void NumberField::setValue(double value)
{
    m_edit->setText(QString::fromStdString(io::formatNumber(value)));
}

void NumberField::setCount(std::uint64_t value)
{
    m_edit->setText(QString::number(value));
}

bool NumberField::value(double& out) const
{
    return io::parseNumber(m_edit->text().trimmed().toStdString(), out);
}

bool NumberField::count(std::uint64_t& out) const
{
    bool ok = false;
    const QString t = m_edit->text().trimmed();
    const qulonglong v = t.toULongLong(&ok);
    if (ok && !t.startsWith(QLatin1Char('+')))
        out = v;
    return ok && !t.startsWith(QLatin1Char('+'));
}

void NumberField::setIssue(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_edit->setStyleSheet(message.isEmpty() ? QString()
                                            : QStringLiteral("border: 1px solid #c0392b;"));
}

void NumberField::setUnit(const QString& unit)
{
    m_unit->setText(unit);
}

QString NumberField::issue() const
{
    return m_message->text();
}

} // namespace dtop::widgets
