// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/interlab_json.h"

#include "io/json_numbers.h"

namespace dtop::crossval {

using nlohmann::json;

namespace {
json curveJson(const InterlabCurve& c, bool curves)
{
    json j = {{"dataset", c.datasetId}, {"floor", c.floor},
              {"quantity", c.quantity}, {"own_axis", c.ownAxis},
              {"suspect", c.suspect},   {"peaks_hz", io::jsonArray(c.peaksHz)}};
    if (curves) {
        j["frequency_hz"] = io::jsonArray(c.frequencyHz);
        j["magnitude_db"] = io::jsonArray(c.magnitudeDb);
    }
    return j;
}
} // namespace

json interlabResultToJson(const InterlabResult& r, bool curves)
{
    json rigs = json::array();
    for (const InterlabRigResult& rr : r.rigs) {
        json measured = json::array(), model = json::array();
        for (const auto& c : rr.measured)
            measured.push_back(curveJson(c, curves));
        for (const auto& c : rr.model)
            model.push_back(curveJson(c, curves));
        rigs.push_back({{"rig", rr.rig},
                        {"prototype", rr.prototype},
                        {"missing", rr.missingNote},
                        {"measured", measured},
                        {"model", model}});
    }
    json spread = json::array();
    for (const ModeSpread& s : r.spread)
        spread.push_back({{"mode", s.mode},
                          {"mean_hz", io::jsonNumber(s.meanHz)},
                          {"min_hz", io::jsonNumber(s.minHz)},
                          {"max_hz", io::jsonNumber(s.maxHz)},
                          {"range_hz", io::jsonNumber(s.rangeHz)},
                          {"range_pct", io::jsonNumber(s.rangePct)},
                          {"count", s.count},
                          {"per_source_hz", io::jsonArray(s.perSourceHz)}});
    return {
        {"floor", r.floor}, {"band_hz", {io::jsonNumber(r.bandLoHz), io::jsonNumber(r.bandHiHz)}},
        {"rigs", rigs},     {"spread_sources", r.spreadSources},
        {"spread", spread}, {"notes", r.notes}};
}

json prototypeViewsToJson(const std::vector<PrototypeView>& views)
{
    json out = json::array();
    for (const PrototypeView& v : views) {
        json panels = json::array();
        for (const ViewPanel& p : v.panels) {
            json traces = json::array();
            for (const ViewTrace& t : p.traces)
                traces.push_back({{"name", t.name},
                                  {"dataset", t.datasetId},
                                  {"floor", t.floor},
                                  {"measured", t.measured},
                                  {"markers", t.markers},
                                  {"frequency_hz", io::jsonArray(t.frequencyHz)},
                                  {"magnitude_db", io::jsonArray(t.magnitudeDb)}});
            panels.push_back({{"title", p.title}, {"note", p.note}, {"traces", traces}});
        }
        out.push_back({{"id", v.id}, {"title", v.title}, {"panels", panels}});
    }
    return out;
}

} // namespace dtop::crossval
