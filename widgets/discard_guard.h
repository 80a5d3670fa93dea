// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;

namespace dtop::models {
class ActiveProfile;
}

namespace dtop::widgets {

// Asks before `action` (e.g. "Switching to 'southampton-lpm'") replaces the active profile's
// unsaved edits. True when there are none or the user chose to discard them; Cancel is the
// default, so Enter never loses work.
bool mayDiscardEdits(QWidget* parent, const models::ActiveProfile& active, const QString& action);

} // namespace dtop::widgets
