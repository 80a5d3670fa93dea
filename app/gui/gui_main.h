// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dtop::gui {

// Creates the QApplication and the main window and runs the event loop.
int runGui(int argc, char** argv);

} // namespace dtop::gui
