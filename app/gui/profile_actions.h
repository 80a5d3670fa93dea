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
    // Profile ▸ New: a new twin named by the user (never an existing name), started from the
    // southampton-lpm preset. Asks before discarding unsaved edits. False if cancelled.
    bool newProfile();
    // Profile ▸ Duplicate: the active profile, edits included, under a new name.
    bool duplicateProfile();
    // History ▸ Make active: version `version` of the active profile's name.
    bool makeActive(int version);

signals:
    void editRequested();

private:
    void showHistory();
    // Asks for a name that is allowed for a saved profile and not taken in the workspace;
    // empty if cancelled.
    QString askName(const QString& title, const QString& suggestion);
    // `base`, or `base-2`, `base-3`… : the first name no saved profile has.
    QString freeName(const QString& base);
    int latestVersion(const std::string& name);

    models::ActiveProfile& m_active;
    models::WorkspaceSession& m_session;
    QWidget* m_window;
};

} // namespace dtop::gui
