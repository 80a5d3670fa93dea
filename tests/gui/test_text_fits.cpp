// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing a tool shows is cut short at 1280×800 (docs/architecture.md, "Window sizes"): every
// plot's title and axis titles fit their room, and every table header's lines fit its column,
// on every tab, after the tool's default run — and for the replay of the impulse record.
#include "gui/main_window.h"
#include "gui/resources_init.h"
#include "tools/tool_descriptor.h"
#include "widgets/plot_view.h"
#include "widgets/tool_panel.h"

#include "gui_test_support.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>

using namespace dtop;

namespace {

// Layout requests cascade (a new plot's layout, then its scroll area's): settle them all.
void settle()
{
    for (int i = 0; i < 4; ++i)
        QApplication::processEvents();
}


// Header sections whose widest line is wider than the section (less the style's margins).
QStringList clippedHeaders(const QTableView& table)
{
    QStringList clipped;
    const QHeaderView* header = table.horizontalHeader();
    if (!header->isVisible())
        return clipped;
    const QFontMetrics metrics(header->font());
    const int margin = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c))
            continue;
        const QString text = table.model()->headerData(c, Qt::Horizontal).toString();
        int widest = 0;
        for (const QString& line : text.split(QLatin1Char('\n')))
            widest = std::max(widest, metrics.horizontalAdvance(line));
        if (widest + margin > header->sectionSize(c))
            clipped << text;
    }
    return clipped;
}

// Every cut text of the visible plots and tables under `root`.
QStringList clippedTexts(const QWidget& root)
{
    QStringList clipped;
    for (const widgets::PlotView* plot : root.findChildren<widgets::PlotView*>())
        if (plot->isVisible())
            clipped << plot->clippedTexts();
    for (const QTableView* table : root.findChildren<QTableView*>())
        if (table->isVisible())
            clipped << clippedHeaders(*table);
    return clipped;
}

// Shows each page of each tab widget under `root` in turn and collects what is cut.
QStringList clippedOnEveryTab(QWidget& root)
{
    settle();
    QStringList clipped = clippedTexts(root);
    for (QTabWidget* tabs : root.findChildren<QTabWidget*>()) {
        const int shown = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            settle();
            for (const QString& text : clippedTexts(root))
                clipped << tabs->tabText(i) + ": " + text;
        }
        tabs->setCurrentIndex(shown);
    }
    clipped.removeDuplicates();
    return clipped;
}

void runShown(widgets::ToolPanel& panel, const nlohmann::json& input)
{
    panel.applyInput(input);
    panel.finishPendingWork();
    settle();
}

} // namespace

TEST_CASE("No title, axis title or table header is cut at 1280x800", "[gui][layout][slow]")
{
    const auto shown = test::shownWindow();
    gui::MainWindow& window = *shown;
    for (const tools::ToolDescriptor* tool : tools::registeredTools()) {
        INFO("tool " << tool->id);
        REQUIRE(window.showTool(QString::fromLatin1(tool->id)));
        widgets::ToolPanel* panel = window.currentPanel();
        runShown(*panel, panel->reportInput());
        CHECK(clippedOnEveryTab(*panel).join(QStringLiteral(" | ")).toStdString() == "");
        // Descriptive text in the normal colour: grey reads as a disabled control (item 12).
        for (const QLabel* label : panel->findChildren<QLabel*>()) {
            const QString style = label->styleSheet();
            INFO(label->text().left(60).toStdString());
            for (const char* grey : {"palette(dark)", "palette(mid)", "gray", "grey"})
                CHECK_FALSE(style.contains(QLatin1String(grey), Qt::CaseInsensitive));
        }
    }
}

TEST_CASE("The replay of the impulse record shows its headers, titles and notes whole",
          "[gui][layout]")
{
    const auto shown = test::shownWindow();
    gui::MainWindow& window = *shown;
    REQUIRE(window.showTool(QStringLiteral("simulate")));
    widgets::ToolPanel* panel = window.currentPanel();
    runShown(*panel, {{"mode", "replay"}, {"replay_dataset", "th-impulse"}});
    CHECK(clippedOnEveryTab(*panel).join(QStringLiteral(" | ")).toStdString() == "");
    // The information lines under the table wrap instead of running off the edge.
    for (const QLabel* label : panel->findChildren<QLabel*>())
        if (label->isVisible() && label->text().contains(QStringLiteral("NRMSE =")))
            CHECK(label->wordWrap());
}
