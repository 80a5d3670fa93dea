// SPDX-License-Identifier: GPL-3.0-or-later
// JSON syntax errors as file positions, and CSV of text cells (used by `dtop profile`).
#include "io/json_text.h"
#include "io/text_table.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace dtop::io;

TEST_CASE("JSON syntax errors give line and column of the offending character",
          "[workspace][json]")
{
    JsonSyntaxError e;
    CHECK_FALSE(parseJsonText("{\"a\": 1,\n \"b\": tru }", e));
    CHECK(e.line == 2);
    CHECK(e.problem.find("invalid literal") != std::string::npos);
    CHECK(e.problem.find("json.exception") == std::string::npos);

    CHECK_FALSE(parseJsonText("{\r\n  \"a\": [1,\r\n  2,, 3]\r\n}", e));
    CHECK(e.line == 3);
    CHECK(e.column == 5); // "  2,," : the second comma

    CHECK_FALSE(parseJsonText("", e));
    CHECK(e.line == 1);
    CHECK(e.column == 1);
    CHECK_FALSE(parseJsonText("{\"a\": 1\n", e)); // ends too early: after the last character
    CHECK(e.line == 2);
    CHECK(e.column == 1);

    const auto withBom = parseJsonText("\xEF\xBB\xBF{\"a\": 2}", e);
    REQUIRE(withBom);
    CHECK((*withBom)["a"] == 2);

    std::size_t line = 0, column = 0;
    lineAndColumn("ab\ncd\n", 4, line, column);
    CHECK(line == 2);
    CHECK(column == 2);
    lineAndColumn("ab\ncd\n", 0, line, column);
    CHECK(line == 1);
    CHECK(column == 1);
    lineAndColumn("ab\ncd\n", 3, line, column);
    CHECK(line == 2);
    CHECK(column == 1);
}

TEST_CASE("A number too large for a double is a located input error, not an exception",
          "[workspace][json]")
{
    // Issue #16: a 400-digit damper value used to escape as "internal error ... 406".
    const std::string huge(400, '9');
    const std::string text = "{\n  \"name\": \"rig: a\",\n  \"dampers_n_s_m\": [7.8963, " + huge +
                             ", 1.0]\n}";
    JsonSyntaxError e;
    CHECK_FALSE(parseJsonText(text, e));
    CHECK(e.line == 3);
    CHECK(e.column == 29);
    CHECK(e.problem.find("too large for a double") != std::string::npos);
    CHECK(e.problem.find("'dampers_n_s_m'") != std::string::npos);
    CHECK(e.problem.find("400 characters") != std::string::npos);
    CHECK(e.problem.size() < 200); // the literal is abbreviated

    CHECK_FALSE(parseJsonText("[1e999]", e));
    CHECK(e.line == 1);
    CHECK(e.column == 2);
    CHECK(e.problem.find("field") == std::string::npos); // no key to name
    // The largest doubles and denormals still parse.
    CHECK(parseJsonText("[1.7976931348623157e308, -1.7976931348623157e308, 4.9e-324]", e));
}

TEST_CASE("Text tables quote cells with commas, quotes and line breaks", "[workspace][json]")
{
    TextTable t;
    t.headers = {"name", "note"};
    t.rows = {{"lab", "plain"}, {"a,b", "say \"hi\""}, {"", "two\nlines"}};
    std::ostringstream out;
    t.write(out);
    CHECK(out.str() == "name,note\nlab,plain\n\"a,b\",\"say \"\"hi\"\"\"\n,\"two\nlines\"\n");
}
