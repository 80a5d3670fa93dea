// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QMenu;
class QWidget;

namespace dtop::models {
class ActiveProfile;
class WorkspaceSession;
} // namespace dtop::models

namespace dtop::gui {

// The Profile menu: new, duplicate, save a version, history. Profiles are never overwritten:
// saving appends a version to the workspace.
class ProfileActions : public QObject {
    Q_OBJECT
public:
    ProfileActions(models::ActiveProfile& active, models::WorkspaceSession& session,
                   QWidget* window);

    void fillMenu(QMenu* menu);
    // Saves the active profile as a new version (asks for a name if it is a preset's, and a
    // note). Returns false if cancelled or refused (a message says why).
    bool saveVersion();

signals:
    void editRequested();

private:
    void newProfile();
    void duplicateProfile();
    void showHistory();
    // Asks for a name that is allowed for a saved profile; empty if cancelled.
    QString askName(const QString& title, const QString& suggestion);

    models::ActiveProfile& m_active;
    models::WorkspaceSession& m_session;
    QWidget* m_window;
};

} // namespace dtop::gui
