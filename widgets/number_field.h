// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <cstdint>

class QLabel;
class QLineEdit;

namespace dtop::widgets {

// One numeric input of a form: a line edit with its unit beside it and, under it, the message
// of the input issue that names it (red, hidden when there is none). It accepts any text so
// that a bad value can be shown and explained instead of silently clamped; the form parses it.
class NumberField : public QWidget {
    Q_OBJECT
public:
    NumberField(const QString& unit, const QString& toolTip, QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    // Shows the value in the shortest form that reads back exactly.
    void setValue(double value);
    void setCount(std::uint64_t value);
    // Parses the text ("1e-3", " 2.5 "); false when it is not a number.
    bool value(double& out) const;
    // Parses a whole number >= 0.
    bool count(std::uint64_t& out) const;

    // The issue's message under the field and a red frame; an empty message clears both.
    void setIssue(const QString& message);
    QString issue() const;
    QLineEdit* edit() const { return m_edit; }
    void setUnit(const QString& unit);

signals:
    void edited();

private:
    QLineEdit* m_edit;
    QLabel* m_unit;
    QLabel* m_message;
};

} // namespace dtop::widgets
