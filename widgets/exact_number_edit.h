// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>

#include <optional>

namespace dtop::widgets {

// A line edit for one real number that keeps the exact value it was given: setValue(0.7957747…)
// shows "0.795775" but value() returns the double itself until the user edits the text, so
// remembered and scripted inputs survive the round trip through the form unchanged.
// `displayFactor` shows value × factor (e.g. 100 for a fraction shown in %).
class ExactNumberEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit ExactNumberEdit(QWidget* parent = nullptr, double displayFactor = 1.0);

    void setValue(double value);
    // nullopt while the text is not a number.
    std::optional<double> value() const { return m_value; }
    // Sets the text as if typed (tests, keyboard users); emits valueChanged().
    void setTextAsTyped(const QString& text);

signals:
    void valueChanged();

private:
    void parse(const QString& text);

    double m_factor;
    std::optional<double> m_value;
};

// A number as the user typed it ("1e-3", " 42 "): C locale, surrounding blanks allowed.
std::optional<double> parseNumber(const QString& text);
// Short display form: 6 significant digits, no trailing zeros ("0.795775", "3.465e+08").
QString formatNumber(double value);

} // namespace dtop::widgets
