// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <QObject>
#include <QString>

namespace dtop::models {

// The profile every tool works on. `version` is the saved version it came from (0 = a built-in
// preset); `edited` says it differs from that version (unsaved edits).
class ActiveProfile : public QObject {
    Q_OBJECT
public:
    explicit ActiveProfile(QObject* parent = nullptr);

    const model::Profile& profile() const { return m_profile; }
    int version() const { return m_version; }
    bool isEdited() const { return m_edited; }
    // "southampton-lpm (preset)", "rig-2026 v3", "rig-2026 v3, edited"
    QString label() const;

    void setProfile(const model::Profile& profile, int version, bool edited);
    // An edit of the current profile (keeps the name and version, marks it edited).
    void edit(const model::Profile& profile);

signals:
    void changed();

private:
    model::Profile m_profile;
    int m_version = 0;
    bool m_edited = false;
};

} // namespace dtop::models
