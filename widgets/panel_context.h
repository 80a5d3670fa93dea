// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dtop::models {
class ActiveProfile;
}

namespace dtop::widgets {

// What every tool panel may use: shared application state owned by the shell.
struct PanelContext {
    models::ActiveProfile& activeProfile;
};

} // namespace dtop::widgets
