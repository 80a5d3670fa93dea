// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace dtop::io {

// Where and why JSON text failed to parse: 1-based line and column (in bytes) of the
// offending character, and the parser's description without its exception prefix.
struct JsonSyntaxError {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string problem;
};

// Parses JSON text (a UTF-8 byte-order mark is skipped). On a syntax error returns nothing
// and fills `error`.
std::optional<nlohmann::json> parseJsonText(const std::string& text, JsonSyntaxError& error);

// Line and column (1-based) of a 0-based byte offset in `text`.
void lineAndColumn(const std::string& text, std::size_t offset, std::size_t& line,
                   std::size_t& column);

} // namespace dtop::io
