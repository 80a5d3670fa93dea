// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/utc_timestamp.h"

#include <cstdio>
#include <ctime>

namespace dtop {

std::string utcTimestamp(std::chrono::system_clock::time_point time)
{
    using namespace std::chrono;
    const auto sinceEpoch = time.time_since_epoch();
    auto secondsPart = duration_cast<seconds>(sinceEpoch);
    auto millis = duration_cast<milliseconds>(sinceEpoch - secondsPart).count();
    if (millis < 0) { // before 1970: floor, not truncate
        secondsPart -= seconds(1);
        millis += 1000;
    }
    const std::time_t t = static_cast<std::time_t>(secondsPart.count());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis));
    return buffer;
}

std::string utcTimestampNow() { return utcTimestamp(std::chrono::system_clock::now()); }

} // namespace dtop
