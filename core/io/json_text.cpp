// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/json_text.h"

#include <algorithm>

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
    }
}

} // namespace dtop::io
