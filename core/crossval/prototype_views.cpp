// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/prototype_views.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace dtop::crossval {

namespace {

std::string panelTitle(const InterlabRigResult& r)
{
    std::string rig = r.rig;
    if (!rig.empty())
        rig[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rig[0])));
    return r.prototype > 0 ? "Prototype " + std::to_string(r.prototype) + " (" + rig + ")" : rig;
}

ViewTrace traceOf(const InterlabCurve& c, bool measured, const std::string& name)
{
    ViewTrace t;
    t.name = name;
    t.datasetId = c.datasetId;
    t.floor = c.floor;
    t.measured = measured;
    t.frequencyHz = c.frequencyHz;
    t.magnitudeDb = c.magnitudeDb;
    return t;
}

std::string floorName(const InterlabCurve& c)
{
    return "floor " + std::to_string(c.floor) + " (" + c.quantity + ")";
}

ViewPanel allFloors(const InterlabRigResult& r, const std::vector<InterlabCurve>& curves,
                    bool measured, const std::string& missing)
{
    ViewPanel p;
    p.title = panelTitle(r);
    for (const InterlabCurve& c : curves) {
        p.traces.push_back(traceOf(c, measured, floorName(c)));
        if (c.ownAxis)
            p.note += "Floor " + std::to_string(c.floor) +
                      " is drawn on its own frequency axis "
                      "(the source gives it one; whether that axis is right is unknown). ";
        if (c.suspect)
            p.note += "'" + c.datasetId + "' is marked suspect. ";
    }
    if (curves.empty())
        p.note = missing.empty() ? "No record." : missing;
    return p;
}

const InterlabCurve* floorCurve(const std::vector<InterlabCurve>& curves, int floor)
{
    for (const auto& c : curves)
        if (c.floor == floor)
            return &c;
    return nullptr;
}

} // namespace

std::vector<PrototypeView> prototypeViews(const InterlabResult& result)
{
    PrototypeView exp{"experimental", "Experimental data", {}};
    PrototypeView num{"numerical", "Numerical data", {}};
    PrototypeView both{"experimental-vs-numerical", "Experimental vs numerical data", {}};
    PrototypeView inter{"inter-lab", "Experimental vs experimental data", {}};
    ViewPanel overlay;
    overlay.title = "Floor " + std::to_string(result.floor) + " of every rig";
    for (const InterlabRigResult& r : result.rigs) {
        exp.panels.push_back(allFloors(r, r.measured, true, r.missingNote));
        num.panels.push_back(allFloors(r, r.model, false, r.missingNote));
        ViewPanel p;
        p.title = panelTitle(r);
        if (const InterlabCurve* c = floorCurve(r.measured, result.floor))
            p.traces.push_back(traceOf(*c, true, "measured " + floorName(*c)));
        if (const InterlabCurve* c = floorCurve(r.model, result.floor)) {
            p.traces.push_back(traceOf(*c, false, "model " + floorName(*c)));
            p.traces.back().markers = true;
        }
        if (p.traces.size() < 2)
            p.note = r.missingNote.empty() ? "Only one side exists." : r.missingNote;
        both.panels.push_back(std::move(p));
        if (const InterlabCurve* c = floorCurve(r.measured, result.floor))
            overlay.traces.push_back(traceOf(*c, true, panelTitle(r) + " " + floorName(*c)));
    }
    for (const ModeSpread& s : result.spread) {
        char line[160];
        if (std::isnan(s.meanHz))
            std::snprintf(line, sizeof line, "Mode %d: not found. ", s.mode);
        else
            std::snprintf(line, sizeof line,
                          "Mode %d: %.3f Hz mean, %.3f–%.3f Hz (range %.3f Hz, %.1f %%) over %zu "
                          "records. ",
                          s.mode, s.meanHz, s.minHz, s.maxHz, s.rangeHz, s.rangePct, s.count);
        overlay.note += line;
    }
    inter.panels.push_back(std::move(overlay));
    return {exp, num, both, inter};
}

} // namespace dtop::crossval
