// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/panel_json.h"

#include "widgets/plot_view.h"

#include <QTabWidget>

namespace dtop::widgets {

void addIssues(nlohmann::json& input, const InputIssues& issues)
{
    if (issues.empty())
        return;
    input["issues"] = nlohmann::json::array();
    for (const auto& issue : issues)
        input["issues"].push_back(issue.message);
}

void applyTabKey(nlohmann::json& keys, QTabWidget* tabs)
{
    if (keys.contains("tab") && keys["tab"].is_string()) {
        const QString title = QString::fromStdString(keys["tab"].get<std::string>());
        for (int t = 0; t < tabs->count(); ++t)
            if (tabs->tabText(t) == title)
                tabs->setCurrentIndex(t);
    }
    keys.erase("tab");
}

PlotView* currentTabPlot(const QTabWidget* tabs, PlotView* fallback)
{
    if (auto* plot = qobject_cast<PlotView*>(tabs->currentWidget()))
        return plot;
    return fallback;
}

} // namespace dtop::widgets
