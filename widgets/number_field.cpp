// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/number_field.h"

#include "io/number_format.h"
#include "widgets/field_issue.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace dtop::widgets {

std::optional<double> parseNumber(const QString& text)
{
    double v = 0.0;
    if (!io::parseNumber(text.toStdString(), v))
        return std::nullopt;
    return v;
}

double requiredFieldValue(const NumberField* f, const char* id, double fallback,
                          InputIssues* issues)
{
    if (!f->value()) {
        if (issues)
            issues->push_back({id, "not a number: '" + f->text().toStdString() + "'"});
        return fallback;
    }
    return *f->value();
}

std::optional<double> optionalFieldValue(const NumberField* f, const char* id, InputIssues* issues)
{
    if (f->text().trimmed().isEmpty())
        return std::nullopt;
    if (!f->value() && issues)
        issues->push_back({id, "not a number: '" + f->text().toStdString() + "'"});
    return f->value();
}

NumberField::NumberField(QWidget* parent) : NumberField(Options{}, parent) {}

NumberField::NumberField(const QString& unit, const QString& toolTip, QWidget* parent)
    : NumberField(Options{unit, true, true}, parent)
{
    setToolTip(toolTip);
}

NumberField::NumberField(const Options& options, QWidget* parent)
    : QWidget(parent), m_options(options), m_edit(new QLineEdit(this))
{
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    if (options.unitColumn || !options.unit.isEmpty()) {
        m_unit = new QLabel(options.unit, this);
        if (options.unitColumn)
            m_unit->setMinimumWidth(m_unit->fontMetrics().horizontalAdvance(QStringLiteral("N·s/m")));
        row->addWidget(m_unit);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addLayout(row);
    if (options.messageLine) {
        m_message = new QLabel(this);
        m_message->setWordWrap(true);
        m_message->setStyleSheet(QStringLiteral("color: #c0392b;"));
        m_message->hide();
        layout->addWidget(m_message);
    } else {
        // The edit alone: the field sizes like a line edit in the form's layouts.
        setSizePolicy(m_edit->sizePolicy());
    }
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString& text) {
        parse(text);
        emit edited();
    });
}

QString NumberField::text() const
{
    return m_edit->text();
}

void NumberField::setText(const QString& text)
{
    m_edit->setText(text);
    parse(text);
}

void NumberField::setTextAsTyped(const QString& text)
{
    setText(text);
    emit edited();
}

void NumberField::setValue(double value)
{
    const double shown = value * m_options.displayFactor;
    m_edit->setText(m_options.displayDigits > 0
                        ? QString::number(shown, 'g', m_options.displayDigits)
                        : QString::fromStdString(io::formatNumber(shown)));
    m_value = value;
}

void NumberField::setCount(std::uint64_t value)
{
    setText(QString::number(value));
}

std::optional<std::uint64_t> NumberField::count() const
{
    bool ok = false;
    const QString t = m_edit->text().trimmed();
    const qulonglong v = t.toULongLong(&ok);
    if (!ok || t.startsWith(QLatin1Char('+')))
        return std::nullopt;
    return v;
}

void NumberField::parse(const QString& text)
{
    m_value = parseNumber(text);
    if (m_value)
        *m_value /= m_options.displayFactor;
}

void NumberField::setToolTip(const QString& toolTip)
{
    setFieldToolTip(m_edit, toolTip);
    if (m_unit)
        m_unit->setToolTip(toolTip);
}

void NumberField::setIssue(const QString& message)
{
    m_issue = message;
    markFieldIssue(m_edit, message);
    if (m_message) {
        m_message->setText(message);
        m_message->setVisible(!message.isEmpty());
    }
}

void NumberField::setUnit(const QString& unit)
{
    if (m_unit)
        m_unit->setText(unit);
}

} // namespace dtop::widgets
