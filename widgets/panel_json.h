// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <nlohmann/json.hpp>

class QTabWidget;

namespace dtop::widgets {

class PlotView;

// Small pieces every tool panel's reportInput()/applyInput()/currentPlot() share.

// `input` with an "issues" array of the messages, when there are any: a report made while a
// field is wrong says so beside the input it shows.
void addIssues(nlohmann::json& input, const InputIssues& issues);

// The "tab" key of an input (for screenshots and reopened runs): shows the tab of that title,
// then removes the key so that the tool's own reader does not see it.
void applyTabKey(nlohmann::json& keys, QTabWidget* tabs);

// The plot of the current tab when the tab is one plot, otherwise `fallback`.
PlotView* currentTabPlot(const QTabWidget* tabs, PlotView* fallback);

} // namespace dtop::widgets
