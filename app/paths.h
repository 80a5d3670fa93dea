// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace dtop::app {

// Folder of the bundled datasets: $DTOP_DATA_DIR, else <prefix>/share/dtop/data next to an
// installed executable, else the source tree's data/ (development builds).
std::string dataDirectory();

} // namespace dtop::app
