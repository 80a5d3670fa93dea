// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <string>

namespace dtop {

// ISO-8601 UTC with milliseconds, "2025-01-31T12:34:56.789Z": sorts as text in time order.
std::string utcTimestamp(std::chrono::system_clock::time_point time);
std::string utcTimestampNow();

} // namespace dtop
