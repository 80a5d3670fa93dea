// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QTableWidgetItem;
class QWidget;

namespace dtop::widgets {

// The one way every form marks a bad input: the field turns red and its tooltip becomes the
// issue's message; when the message is empty again the field's own tooltip comes back (the
// tooltip it had when it was marked). A NumberField with a message line also shows the
// message under the field. Marking a field that is already marked only updates the message.
void markFieldIssue(QWidget* field, const QString& message);
// The same for a table cell (the profile editor's m, k, c).
void markFieldIssue(QTableWidgetItem* cell, const QString& message);
// The message `field` is marked with, empty when none.
QString fieldIssue(const QWidget* field);
// Sets the tooltip `field` shows while it is valid (kept aside while it is marked).
void setFieldToolTip(QWidget* field, const QString& toolTip);

} // namespace dtop::widgets
