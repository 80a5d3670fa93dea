// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dtop::gui {

// Registers the icons, help pages and licence texts (every file under resources/ but the
// screenshots; the resource file is generated in app/CMakeLists.txt). Needed because they are
// compiled into a static library, whose automatic initialiser the linker drops.
void initResources();

} // namespace dtop::gui
