// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/uncertainty_json.h"

#include "io/json_numbers.h"
#include "io/profile_json.h"

namespace dtop::io {

using nlohmann::json;

json uncertaintyInputToJson(const uq::UncertaintyInput& input)
{
    json parameters = json::array();
    const uq::ParameterBox box = input.box();
    for (std::size_t i = 0; i < box.size(); ++i)
        parameters.push_back({{"name", box.names[i]},
                              {"unit", box.units[i]},
                              {"nominal", jsonNumber(box.nominal[i])},
                              {"lower", jsonNumber(box.lower[i])},
                              {"upper", jsonNumber(box.upper[i])},
                              {"shape", uq::spreadShapeName(box.shapes[i])}});
    json methods = json::array();
    for (auto m : input.methods)
        methods.push_back(uq::uqMethodName(m));
    json j = {
        {"profile", profileToJson(input.profile)},
        {"parameters", parameters},
        {"scale_all", input.scaleAll},
        {"sds_per_half_width", input.sdsPerHalfWidth},
        {"input_floor", input.inputFloor},
        {"quantity", dynamics::frfQuantityName(input.quantity)},
        {"grid", uq::uqGridModeName(input.gridMode)},
        {"methods", methods},
        {"sampling", uq::samplingMethodName(input.sampling)},
        {"samples", input.samples},
        {"seed", input.seed},
        {"percentiles", jsonArray(input.percentiles)},
        {"max_vertices", input.maxVertices},
        {"tolerance", input.verifiedTolerance},
        {"max_boxes", input.maxBoxesPerBound},
    };
    if (input.gridMode == uq::UqGridMode::Explicit) {
        j["frequencies_hz"] = jsonArray(input.frequenciesHz);
    } else {
        j["fmin_hz"] = input.fminHz;
        j["fmax_hz"] = input.fmaxHz;
        j["points"] = input.points;
    }
    return j;
}

json uncertaintyResultToJson(const uq::UncertaintyResult& r)
{
    const std::size_t n = r.nominal.size();
    json nominal = json::array();
    for (const auto& floor : r.nominal)
        nominal.push_back({{"abs", jsonArray(floor)}});
    json methods = json::object();
    for (const auto& m : r.methods) {
        json floors = json::array();
        for (const auto& f : m.floors)
            floors.push_back({{"lower", jsonArray(f.lower)}, {"upper", jsonArray(f.upper)}});
        methods[uq::uqMethodName(m.method)] = {{"label", m.label},
                                               {"guarantee", m.guarantee},
                                               {"seconds", m.seconds},
                                               {"floors", floors}};
    }
    json bands = json::array();
    for (const auto& floor : r.bands.floors) {
        json perFloor = json::array();
        for (const auto& q : floor)
            perFloor.push_back(jsonArray(q));
        bands.push_back(perFloor);
    }
    json bandList = json::array();
    for (const auto& b : r.grid.bands)
        bandList.push_back({{"mode", b.mode},
                            {"lo_hz", b.loHz},
                            {"hi_hz", b.hiHz},
                            {"min_damping_ratio", b.minDampingRatio},
                            {"max_step_ratio", b.maxStepRatio},
                            {"points", b.points}});
    json parameters = json::array();
    for (std::size_t i = 0; i < r.box.size(); ++i)
        parameters.push_back({{"name", r.box.names[i]},
                              {"unit", r.box.units[i]},
                              {"nominal", jsonNumber(r.box.nominal[i])},
                              {"lower", jsonNumber(r.box.lower[i])},
                              {"upper", jsonNumber(r.box.upper[i])}});
    json result = {
        {"quantity", dynamics::frfQuantityName(r.quantity)},
        {"unit", dynamics::frfQuantityUnit(r.quantity)},
        {"input_floor", r.inputFloor},
        {"parameters", parameters},
        {"grid", {{"description", r.grid.description},
                  {"points", r.frequencyHz.size()},
                  {"bands", bandList},
                  {"peak_frequencies_hz", jsonArray(r.grid.peakFrequencyHz)}}},
        {"frequency_hz", jsonArray(r.frequencyHz)},
        {"nominal", nominal},
        {"methods", methods},
        {"seed", r.seed},
    };
    if (r.find(uq::UqMethod::Sampled)) {
        result["sampled"] = {{"sampling", uq::samplingMethodName(r.sampling)},
                             {"samples", r.samples},
                             {"statement", r.sampledStatement},
                             {"percentiles", jsonArray(r.bands.percentiles)},
                             {"bands", bands}};
    }
    if (r.find(uq::UqMethod::Vertex))
        result["vertex"] = {{"vertices", r.vertices}, {"all_vertices", r.allVertices}};
    if (!r.importance.dominant.empty()) {
        json dominant = json::array();
        json shares = json::array();
        for (std::size_t d = 0; d < n; ++d) {
            json names = json::array();
            for (int i : r.importance.dominant[d])
                names.push_back(i >= 0 ? json(r.box.names[static_cast<std::size_t>(i)]) : json());
            dominant.push_back(names);
            json perParameter = json::object();
            for (std::size_t i = 0; i < r.box.size(); ++i)
                perParameter[r.box.names[i]] = jsonArray(r.importance.shares[d][i]);
            shares.push_back(perParameter);
        }
        result["importance"] = {{"dominant", dominant}, {"shares", shares}};
    }
    if (!r.gap.empty()) {
        json gaps = json::array();
        for (const auto& g : r.gap)
            gaps.push_back(jsonArray(g));
        result["gap"] = {{"floors", gaps},
                         {"worst", jsonNumber(r.worstGap)},
                         {"tolerance", r.verified.tolerance},
                         {"boxes", r.verified.boxes},
                         {"evaluations", r.verified.evaluations},
                         {"problems", r.verified.problems},
                         {"unconverged", r.verified.unconverged}};
    }
    return result;
}

CsvTable uncertaintyResultTable(const uq::UncertaintyResult& r)
{
    CsvTable t;
    t.addColumn("frequency_hz", r.frequencyHz);
    for (std::size_t d = 0; d < r.nominal.size(); ++d) {
        const std::string floor = "floor" + std::to_string(d + 1);
        t.addColumn("nominal_abs_" + floor, r.nominal[d]);
        for (const auto& m : r.methods) {
            const std::string name = uq::uqMethodName(m.method);
            t.addColumn(name + "_lower_" + floor, m.floors[d].lower);
            t.addColumn(name + "_upper_" + floor, m.floors[d].upper);
        }
        if (d < r.bands.floors.size())
            for (std::size_t q = 0; q < r.bands.percentiles.size(); ++q)
                t.addColumn("sampled_p" + formatValue(r.bands.percentiles[q]) + "_" + floor,
                            r.bands.floors[d][q]);
        if (d < r.gap.size())
            t.addColumn("gap_" + floor, r.gap[d]);
    }
    return t;
}

} // namespace dtop::io
