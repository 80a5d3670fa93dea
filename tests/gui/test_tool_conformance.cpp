// SPDX-License-Identifier: GPL-3.0-or-later
// Every registered tool against the platform's contract (docs/architecture.md): its icon and help
// page exist, `--help` of each of its commands and of its report works and lists each option
// once, its panel's input round-trips through JSON, `dtop report <id>` writes its files, and the
// report (the panel) and the tool's command give the same result for the same options.
#include "../app/run_dtop.h"
#include "gui/resources_init.h"
#include "tools/tool_descriptor.h"
#include "widgets/tool_panel.h"
#include "../widgets/panel_test_context.h"

#include <catch2/catch.hpp>

#include <QFile>

#include <cmath>
#include <memory>
#include <regex>

using namespace dtop;

namespace {

// Compares the values of `a` and `b` on the keys both have, recursively; wall-clock timings
// ("seconds") differ between any two runs and are skipped. Returns the first difference's path.
std::string firstDifference(const nlohmann::json& a, const nlohmann::json& b,
                            const std::string& path = "")
{
    if (a.is_object() && b.is_object()) {
        for (const auto& [key, value] : a.items())
            if (key != "seconds" && b.contains(key))
                if (auto d = firstDifference(value, b[key], path + "/" + key); !d.empty())
                    return d;
        return {};
    }
    if (a.is_array() && b.is_array()) {
        if (a.size() != b.size())
            return path + " (sizes " + std::to_string(a.size()) + " and " +
                   std::to_string(b.size()) + ")";
        for (std::size_t i = 0; i < a.size(); ++i)
            if (auto d = firstDifference(a[i], b[i], path + "/" + std::to_string(i)); !d.empty())
                return d;
        return {};
    }
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return x == y || std::abs(x - y) <= 1e-12 * std::max(std::abs(x), std::abs(y))
                   ? std::string()
                   : path + " (" + a.dump() + " and " + b.dump() + ")";
    }
    return a == b ? std::string() : path + " (" + a.dump() + " and " + b.dump() + ")";
}

// How often `--name` is listed as an option in a --help text.
int optionListings(const std::string& help, const std::string& name)
{
    const std::regex listing("\\n\\s+(-\\w, )?--" + name + "\\s");
    return static_cast<int>(std::distance(
        std::sregex_iterator(help.begin(), help.end(), listing), std::sregex_iterator()));
}

void checkHelp(const std::vector<std::string>& command)
{
    std::vector<std::string> args = command;
    args.push_back("--help");
    const auto r = test::runDtop(args);
    INFO("dtop " << args.front() << " --help:\n" << r.out << r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("Usage: dtop " + command.front()) != std::string::npos);
    // Every listed option is listed once (a twice-registered option is ambiguous to parse).
    const std::regex option("\\n\\s+(?:-\\w, )?--([a-z0-9-]+)");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), option);
         it != std::sregex_iterator(); ++it) {
        INFO("option --" << (*it)[1].str());
        CHECK(optionListings(r.out, (*it)[1].str()) == 1);
    }
}

} // namespace

TEST_CASE("Every registered tool conforms to the platform", "[gui][conformance]")
{
    gui::initResources();
    REQUIRE_FALSE(tools::registeredTools().empty());
    for (const tools::ToolDescriptor* tool : tools::registeredTools()) {
        DYNAMIC_SECTION("tool " << tool->id)
        {
            CHECK(tools::findTool(tool->id) == tool);
            CHECK(QFile::exists(QString::fromStdString(tool->iconPath())));
            QFile help(QString::fromStdString(tool->helpPath()));
            REQUIRE(help.open(QIODevice::ReadOnly));
            CHECK(help.size() > 500);
            REQUIRE_FALSE(tool->commands.empty());
            for (const auto& command : tool->commands)
                checkHelp({command.name});
            checkHelp({"report", tool->id});

            // The panel's input round-trips through JSON.
            test::PanelTestContext c;
            std::unique_ptr<widgets::ToolPanel> panel(tool->createPanel(c.context));
            REQUIRE(panel->toolId().toStdString() == tool->id);
            const nlohmann::json input = panel->reportInput();
            panel->applyInput(input);
            CHECK(panel->reportInput() == input);

            // The report (the panel) and the command agree for the same options.
            const auto dir = test::freshTempPath("conformance", tool->id);
            std::vector<std::string> report = {"report", tool->id, "--out", dir.string(),
                                               "--width", "400", "--height", "300"};
            report.insert(report.end(), tool->example.options.begin(), tool->example.options.end());
            const auto written = test::runDtop(report);
            INFO(written.err);
            REQUIRE(written.exitCode == 0);
            const auto json = nlohmann::json::parse(test::slurp(dir / (std::string(tool->id) + ".json")));
            REQUIRE(json["files"].size() >= 2);
            for (const auto& file : json["files"])
                CHECK(std::filesystem::file_size(dir / file.get<std::string>()) > 0);

            std::vector<std::string> run = {tool->commands.front().name};
            run.insert(run.end(), tool->example.options.begin(), tool->example.options.end());
            const auto ran = test::runDtop(run);
            INFO(ran.err);
            REQUIRE(ran.exitCode == 0);
            const auto cli = nlohmann::json::parse(ran.out);
            const std::string key = tool->example.reportResultKey;
            const nlohmann::json& shown = key.empty() ? json["result"] : json["result"][key];
            REQUIRE(shown.is_object());
            CHECK(firstDifference(cli["result"], shown) == "");
            std::filesystem::remove_all(dir);
        }
    }
}
