// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/run_record_json.h"

namespace dtop::io {

using nlohmann::json;

std::string runProfileLabel(const RunRecord& run)
{
    return run.profile ? run.profile->name + "@" + std::to_string(run.profile->version)
                       : std::string();
}

json runListEntry(const RunRecord& run)
{
    const std::string profile = runProfileLabel(run);
    return {{"id", run.id},
            {"tool", run.tool},
            {"created_utc", run.createdUtc},
            {"app_version", run.appVersion},
            {"seed", run.seed ? json(*run.seed) : json()},
            {"profile", profile.empty() ? json() : json(profile)},
            {"summary", run.summary}};
}

json runRecordToJson(const RunRecord& run)
{
    json j = runListEntry(run);
    j["input"] = run.input;
    return j;
}

TextTable runListTable(const std::vector<RunRecord>& runs)
{
    TextTable table;
    table.headers = {"id", "tool", "created_utc", "profile", "seed", "summary"};
    for (const RunRecord& r : runs)
        table.rows.push_back({std::to_string(r.id), r.tool, r.createdUtc, runProfileLabel(r),
                              r.seed ? std::to_string(*r.seed) : std::string(),
                              r.summary.is_null() ? std::string() : r.summary.dump()});
    return table;
}

} // namespace dtop::io
