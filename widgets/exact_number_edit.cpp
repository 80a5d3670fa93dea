// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/exact_number_edit.h"

#include <QLocale>

#include <cmath>

namespace dtop::widgets {

std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    const double v = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok)
        return std::nullopt;
    return v;
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', 6);
}

ExactNumberEdit::ExactNumberEdit(QWidget* parent, double displayFactor)
    : QLineEdit(parent), m_factor(displayFactor), m_value(0.0)
{
    setText(formatNumber(0.0));
    connect(this, &QLineEdit::textEdited, this, [this](const QString& text) {
        parse(text);
        emit valueChanged();
    });
}

void ExactNumberEdit::setValue(double value)
{
    m_value = value;
    setText(formatNumber(value * m_factor));
}

void ExactNumberEdit::setTextAsTyped(const QString& text)
{
    setText(text);
    parse(text);
    emit valueChanged();
}

void ExactNumberEdit::parse(const QString& text)
{
    m_value = parseNumber(text);
    if (m_value)
        *m_value /= m_factor;
}

} // namespace dtop::widgets
