// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dtop::gui {

// Registers the icons, help pages and licence texts (resources/resources.qrc). Needed because
// they are compiled into a static library, whose automatic initialiser the linker drops.
void initResources();

} // namespace dtop::gui
