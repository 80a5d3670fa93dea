// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace dtop::io {

// Writes `content` to a temporary file beside `path`, flushes it and renames it over `path`,
// so a crash or a full disk never leaves a half-written file. On failure returns false and
// sets `error` to a message naming the file and the reason.
bool writeFileAtomically(const std::string& path, const std::string& content, std::string& error);

// Reads a whole file; on failure returns false with `error` naming the file and the reason.
bool readFile(const std::string& path, std::string& content, std::string& error);

} // namespace dtop::io
