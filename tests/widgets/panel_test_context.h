// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/panel_context.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QString>

#include <functional>

namespace dtop::test {

// What the shell gives a panel: the active profile and a session with the bundled data and
// no workspace (tests never touch the user's files).
struct PanelTestContext {
    models::ActiveProfile active;
    models::WorkspaceSession session;
    widgets::PanelContext context{active, session};
    PanelTestContext() { session.loadCatalogue(QString::fromLatin1(DTOP_DATA_DIR), nullptr); }
};

// Runs the event loop until `done` holds or `timeoutMs` passes; returns `done()`.
inline bool waitFor(const std::function<bool()>& done, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

} // namespace dtop::test
