// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dtop::models {
class ActiveProfile;
class WorkspaceSession;
} // namespace dtop::models

namespace dtop::widgets {

// What every tool panel may use: shared application state owned by the shell.
struct PanelContext {
    models::ActiveProfile& activeProfile;
    models::WorkspaceSession& session; // bundled datasets, saved profiles, run records
};

} // namespace dtop::widgets
