// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/json_text.h"

#include <algorithm>
#include <cctype>

namespace dtop::io {

void lineAndColumn(const std::string& text, std::size_t offset, std::size_t& line,
                   std::size_t& column)
{
    offset = std::min(offset, text.size());
    const auto begin = text.begin();
    line = 1 + static_cast<std::size_t>(std::count(begin, begin + static_cast<long>(offset), '\n'));
    const std::size_t lineStart = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
    column = lineStart == std::string::npos ? offset + 1 : offset - lineStart;
}

namespace {

// The key whose value starts at or after `offset`: the last `"name":` before it (arrays
// included: `"dampers": [1, 1e999]` names "dampers"). Empty when there is none.
std::string keyBefore(const std::string& text, std::size_t offset)
{
    for (std::size_t colon = text.rfind(':', offset); colon != std::string::npos && colon > 0;
         colon = text.rfind(':', colon - 1)) {
        std::size_t end = colon;
        while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1])))
            --end;
        if (end == 0 || text[end - 1] != '"')
            continue; // a colon inside a string value
        const std::size_t begin = text.rfind('"', end - 2);
        if (begin != std::string::npos)
            return text.substr(begin + 1, end - 2 - begin);
    }
    return {};
}

} // namespace

std::optional<nlohmann::json> parseJsonText(const std::string& text, JsonSyntaxError& error)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is the 1-based position of the character the parser stopped at.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        lineAndColumn(text, offset, error.line, error.column);
        std::string message = e.what();
        // "[json.exception.parse_error.101] parse error at line 2, column 5: syntax error ..."
        if (const auto at = message.find("parse error"); at != std::string::npos)
            if (const auto colon = message.find(": ", at); colon != std::string::npos)
                message = message.substr(colon + 2);
        error.problem = message;
        return std::nullopt;
    } catch (const nlohmann::json::out_of_range& e) {
        // A number beyond the range of a double (id 406): the parser names the literal
        // ("number overflow parsing '1e999'") but not where it is, so find it.
        const std::string message = e.what();
        const auto open = message.find('\'');
        const auto close = message.rfind('\'');
        const std::string literal =
            open != std::string::npos && close > open ? message.substr(open + 1, close - open - 1)
                                                      : std::string();
        std::size_t offset = literal.empty() ? std::string::npos : text.find(literal);
        if (offset == std::string::npos)
            offset = 0;
        lineAndColumn(text, offset, error.line, error.column);
        const std::string key = keyBefore(text, offset);
        std::string shown = literal.size() > 24 ? literal.substr(0, 20) + "…" : literal;
        error.problem = "number " + shown + " (" + std::to_string(literal.size()) +
                        " characters) is too large for a double (±1.8e308)" +
                        (key.empty() ? std::string() : " in field '" + key + "'");
        return std::nullopt;
    }
}

} // namespace dtop::io
