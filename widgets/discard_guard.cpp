// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/discard_guard.h"

#include "models/active_profile.h"

#include <QMessageBox>
#include <QPushButton>

namespace dtop::widgets {

bool mayDiscardEdits(QWidget* parent, const models::ActiveProfile& active, const QString& action)
{
    if (!active.isEdited())
        return true;
    QMessageBox box(QMessageBox::Warning, QObject::tr("Unsaved profile edits"),
                    QObject::tr("'%1' has unsaved edits. %2 discards them.")
                        .arg(active.label(), action),
                    QMessageBox::NoButton, parent);
    box.setInformativeText(
        QObject::tr("Keep them with Profile ▸ Save as new version (Ctrl+S) first."));
    QPushButton* discard = box.addButton(QObject::tr("Discard edits"), QMessageBox::DestructiveRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == discard;
}

} // namespace dtop::widgets
