// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/replay_record.h"

#include <algorithm>

namespace dtop::io {

InputIssues fillReplayFromDataset(const Dataset& d, dynamics::ReplayInput& replay, int forceFloor)
{
    InputIssues issues;
    const std::string name = "dataset '" + d.info.id + "'";
    if (!d.isTimeHistory()) {
        issues.push_back({"record", name + (d.isFrf() ? " is an FRF" : " holds mode shapes") +
                                        "; a replay needs a time history with a measured force "
                                        "and floor velocities"});
        return issues;
    }
    const TimeHistoryData& t = d.timeHistory();
    if (!t.hasForce())
        issues.push_back({"record", name + " has no force channel; a replay drives the twin "
                                           "with the measured force"});
    if (t.response != ResponseQuantity::Velocity)
        issues.push_back({"record", name + " records " + responseQuantityName(t.response) +
                                        "; a replay compares floor velocities"});
    if (t.channels.empty())
        issues.push_back({"record", name + " has no floor channels"});
    int top = 0;
    for (const auto& c : t.channels)
        top = std::max(top, c.floor);
    const int storeys = static_cast<int>(replay.profile.storeys());
    if (top > storeys)
        issues.push_back({"record", name + " measured floor " + std::to_string(top) +
                                        " but the profile '" + replay.profile.name + "' has " +
                                        std::to_string(storeys) + " floors"});
    for (int f = 1; f <= top; ++f)
        if (!t.floor(f))
            issues.push_back({"record", name + " has no channel for floor " + std::to_string(f) +
                                            " (a replay needs floors 1.." + std::to_string(top) +
                                            ")"});
    const int floor = forceFloor > 0 ? forceFloor : d.info.excitationFloor;
    if (floor <= 0)
        issues.push_back({"force_floor", name + " does not say where the force acted; give the "
                                                "force floor"});
    if (!issues.empty())
        return issues;
    replay.timeS = t.timeS;
    replay.forceN = t.forceN;
    replay.forceFloor = floor;
    replay.measuredVelocityMS.clear();
    for (int f = 1; f <= top; ++f)
        replay.measuredVelocityMS.push_back(*t.floor(f));
    return issues;
}

} // namespace dtop::io
