// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <QWidget>

#include <cstdint>
#include <optional>

class QLabel;
class QLineEdit;

namespace dtop::widgets {

// The one numeric input of every form: a line edit that keeps the exact value it was given
// (setValue(0.7957747…) may show "0.795775", but value() returns the double itself until the
// user edits the text, so remembered and scripted inputs survive the form unchanged), with
// optionally its unit beside it and the message of its input issue under it.
// It accepts any text, so that a bad value can be shown and explained instead of silently
// clamped: value() / count() are empty while the text does not read as one.
class NumberField : public QWidget {
    Q_OBJECT
public:
    struct Options {
        // Shown beside the edit; `unitColumn` keeps room for a unit even while it is empty
        // (units that change with another choice, aligned columns of fields).
        QString unit;
        bool unitColumn = false;
        // The issue's message in red under the field as well as in its tooltip.
        bool messageLine = false;
        // Shows value × factor (100 for a fraction shown in %); value() divides it back.
        double displayFactor = 1.0;
        // Significant digits shown for setValue(); 0 = the shortest text that reads back exactly.
        int displayDigits = 0;
    };

    // A bare field: the edit alone, the shortest exact text (labels and units around it are
    // the form's).
    explicit NumberField(QWidget* parent = nullptr);
    NumberField(const Options& options, QWidget* parent = nullptr);
    // A field of a form column: unit beside it (room kept when empty), message line under it.
    NumberField(const QString& unit, const QString& toolTip, QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    // Sets the text as if typed (tests, keyboard users): parsed, emits edited().
    void setTextAsTyped(const QString& text);
    void setValue(double value);
    void setCount(std::uint64_t value);
    // The exact value last set, or the typed text as a number; empty when it is not one (an
    // empty field too).
    std::optional<double> value() const { return m_value; }
    // The text as a whole number >= 0 ("+3", "3.0" are not); empty otherwise.
    std::optional<std::uint64_t> count() const;

    // The tooltip shown while the field is valid (the message replaces it while it is not).
    void setToolTip(const QString& toolTip);
    // Marks the field as invalid with `message` (see markFieldIssue); empty clears the mark.
    void setIssue(const QString& message);
    QString issue() const { return m_issue; }
    void setUnit(const QString& unit);
    QLineEdit* edit() const { return m_edit; }

signals:
    // The user changed the text (not emitted by setValue / setText).
    void edited();

private:
    void parse(const QString& text);

    Options m_options;
    QLineEdit* m_edit;
    QLabel* m_unit = nullptr;
    QLabel* m_message = nullptr;
    std::optional<double> m_value;
    QString m_issue;
};

// "12.5" → 12.5: the text of a numeric field as the user typed it (blanks around allowed,
// C locale); empty when it is not a number.
std::optional<double> parseNumber(const QString& text);

// A form's reading of a required field: its value, or `fallback` and an issue "not a number:
// '…'" for field id `id` (when `issues` is given).
double requiredFieldValue(const NumberField* field, const char* id, double fallback,
                          InputIssues* issues);
// The same for a field that may be left empty ("default"/"derived"): nullopt when empty.
std::optional<double> optionalFieldValue(const NumberField* field, const char* id,
                                         InputIssues* issues);

} // namespace dtop::widgets
