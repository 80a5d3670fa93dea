// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace dtop::gui {

// The tools of DESIGN.md §4, in dock order. Adding a tool = one line here + its files.
struct ToolInfo {
    const char* id;
    const char* name;
    const char* description;
    const char* icon; // resource path
    bool available;
};

const std::vector<ToolInfo>& tools();

} // namespace dtop::gui
