// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/active_profile.h"

#include "model/presets.h"

namespace dtop::models {

ActiveProfile::ActiveProfile(QObject* parent)
    : QObject(parent), m_profile(*model::preset(model::presetNames().front()))
{
}

QString ActiveProfile::label() const
{
    QString text = QString::fromStdString(m_profile.name);
    if (m_version > 0)
        text += tr(" v%1").arg(m_version);
    else
        text += model::preset(m_profile.name) ? tr(" (preset)") : tr(" (not saved)");
    if (m_edited)
        text += tr(", edited");
    return text;
}

void ActiveProfile::setProfile(const model::Profile& profile, int version, bool edited)
{
    m_profile = profile;
    m_version = version;
    m_edited = edited;
    emit changed();
}

void ActiveProfile::edit(const model::Profile& profile)
{
    m_profile = profile;
    m_edited = true;
    emit changed();
}

} // namespace dtop::models
