// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/uncertainty_json.h"

#include "io/json_numbers.h"
#include "io/profile_json.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::io {

using nlohmann::json;

json uncertaintyInputToJson(const uq::UncertaintyInput& input)
{
    json parameters = json::array();
    const uq::ParameterBox box = input.box();
    for (std::size_t i = 0; i < box.size(); ++i) {
        json p = {{"name", box.names[i]},
                  {"unit", box.units[i]},
                  {"nominal", jsonNumber(box.nominal[i])},
                  {"lower", jsonNumber(box.lower[i])},
                  {"upper", jsonNumber(box.upper[i])},
                  {"shape", uq::spreadShapeName(box.shapes[i])}};
        const uq::ParameterSpread& spread = input.parameters[i];
        if (spread.form == uq::ParameterSpread::Form::RelativePercent)
            p["percent"] = jsonNumber(spread.percent);
        else
            p["interval"] = {jsonNumber(spread.lower), jsonNumber(spread.upper)};
        parameters.push_back(std::move(p));
    }
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
                         {"unconverged", r.verified.unconverged},
                         {"searches", r.verified.searches},
                         {"inner_raised", r.verified.raised},
                         {"largest_inner_raise", jsonNumber(r.verified.largestRaise)}};
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

namespace {

// Reads the keys of the input JSON one by one; a malformed key becomes an issue naming it.
class InputReader {
public:
    InputReader(const json& j, InputIssues& issues) : m_json(j), m_issues(issues) {}

    const json* find(const char* key) const
    {
        const auto it = m_json.find(key);
        return it == m_json.end() ? nullptr : &*it;
    }
    void problem(const char* key, const std::string& what)
    {
        m_issues.push_back({key, std::string("uncertainty input key '") + key + "' " + what});
    }
    void number(const char* key, double& out)
    {
        if (const json* v = find(key)) {
            if (v->is_number())
                out = v->get<double>();
            else
                problem(key, "must be a number, got " + v->dump());
        }
    }
    template <typename Integer> void count(const char* key, Integer& out)
    {
        if (const json* v = find(key)) {
            const bool nonNegative =
                v->is_number_unsigned() || (v->is_number_integer() && v->get<long long>() >= 0);
            if (nonNegative && v->get<std::uint64_t>() <=
                                   static_cast<std::uint64_t>(std::numeric_limits<Integer>::max()))
                out = static_cast<Integer>(v->get<std::uint64_t>());
            else
                problem(key, "must be an integer >= 0, got " + v->dump());
        }
    }
    void numbers(const char* key, std::vector<double>& out)
    {
        const json* v = find(key);
        if (!v)
            return;
        std::vector<double> values;
        if (!numberArray(*v, values))
            problem(key, "must be an array of numbers, got " + v->dump());
        else
            out = std::move(values);
    }
    // Enumerations given by name: parse(text, value) -> bool.
    template <typename Value, typename Parse>
    void name(const char* key, Value& out, Parse parse, const char* expected)
    {
        if (const json* v = find(key)) {
            Value value = out;
            if (v->is_string() && parse(v->get<std::string>(), value))
                out = value;
            else
                problem(key, std::string("must be ") + expected + ", got " + v->dump());
        }
    }

    // null stands for a non-finite number (jsonNumber writes NaN and ±inf as null).
    static bool numberArray(const json& v, std::vector<double>& out)
    {
        if (!v.is_array())
            return false;
        out.clear();
        for (const auto& x : v) {
            if (x.is_number())
                out.push_back(x.get<double>());
            else if (x.is_null())
                out.push_back(std::numeric_limits<double>::quiet_NaN());
            else
                return false;
        }
        return true;
    }

private:
    const json& m_json;
    InputIssues& m_issues;
};

bool parseGridMode(const std::string& text, uq::UqGridMode& mode)
{
    for (auto m : {uq::UqGridMode::Adaptive, uq::UqGridMode::Linear, uq::UqGridMode::Explicit})
        if (text == uq::uqGridModeName(m)) {
            mode = m;
            return true;
        }
    return false;
}

// One parameter's spread from {"percent"} or {"interval"} or {"lower", "upper"}, plus "shape".
bool readSpread(const json& p, uq::ParameterSpread& spread)
{
    if (!p.is_object())
        return false;
    uq::ParameterSpread s = spread;
    std::vector<double> interval;
    if (const auto it = p.find("percent"); it != p.end()) {
        if (!it->is_number())
            return false;
        s.form = uq::ParameterSpread::Form::RelativePercent;
        s.percent = it->get<double>();
    } else if (const auto iv = p.find("interval"); iv != p.end()) {
        if (!InputReader::numberArray(*iv, interval) || interval.size() != 2)
            return false;
        s.form = uq::ParameterSpread::Form::Explicit;
        s.lower = interval[0];
        s.upper = interval[1];
    } else {
        const auto lo = p.find("lower"), hi = p.find("upper");
        if (lo == p.end() || hi == p.end() || !lo->is_number() || !hi->is_number())
            return false;
        s.form = uq::ParameterSpread::Form::Explicit;
        s.lower = lo->get<double>();
        s.upper = hi->get<double>();
    }
    if (const auto it = p.find("shape"); it != p.end())
        if (!it->is_string() || !uq::parseSpreadShape(it->get<std::string>(), s.shape))
            return false;
    spread = s;
    return true;
}

} // namespace

void readUncertaintyInput(const json& j, uq::UncertaintyInput& input, InputIssues& issues)
{
    if (!j.is_object()) {
        issues.push_back({"input", "the uncertainty input must be a JSON object"});
        return;
    }
    InputReader r(j, issues);
    if (const json* p = r.find("profile")) {
        if (const auto profile = profileFromJson(*p, issues)) {
            input.profile = *profile;
            if (input.parameters.size() != 3 * profile->storeys())
                input.setUniformSpread(10.0);
        }
    }
    if (const json* list = r.find("parameters")) {
        const std::size_t n = input.profile.storeys();
        if (!list->is_array() || list->size() != 3 * n) {
            r.problem("parameters", "must be an array of " + std::to_string(3 * n) +
                                        " parameters (m, k, c of every storey)");
        } else {
            std::vector<uq::ParameterSpread> spreads = input.parameters;
            spreads.resize(3 * n);
            for (std::size_t i = 0; i < 3 * n; ++i) {
                const json& p = (*list)[i];
                const std::string expected = uq::parameterName(i, n);
                const auto name = p.is_object() ? p.find("name") : p.end();
                if (p.is_object() && name != p.end() && *name != expected) {
                    r.problem("parameters", "item " + std::to_string(i + 1) + " must be " +
                                                expected + ", got " + name->dump());
                    return;
                }
                if (!readSpread(p, spreads[i])) {
                    r.problem("parameters", "item " + std::to_string(i + 1) + " (" + expected +
                                                ") needs a number 'percent', an 'interval' "
                                                "[lo, hi] or numbers 'lower' and 'upper', and "
                                                "a 'shape' uniform, normal or lognormal");
                    return;
                }
            }
            input.parameters = std::move(spreads);
        }
    }
    r.number("scale_all", input.scaleAll);
    r.number("sds_per_half_width", input.sdsPerHalfWidth);
    if (const json* v = r.find("input_floor")) {
        if (v->is_number_integer() && v->get<long long>() >= 0 && v->get<long long>() <= 1000)
            input.inputFloor = v->get<int>();
        else
            r.problem("input_floor", "must be a floor number, got " + v->dump());
    }
    r.name("quantity", input.quantity, dynamics::parseFrfQuantity,
           "receptance, mobility or accelerance");
    r.name("grid", input.gridMode, parseGridMode, "adaptive, linear or explicit");
    r.number("fmin_hz", input.fminHz);
    r.number("fmax_hz", input.fmaxHz);
    r.count("points", input.points);
    r.numbers("frequencies_hz", input.frequenciesHz);
    if (const json* list = r.find("methods")) {
        std::vector<uq::UqMethod> methods;
        bool ok = list->is_array();
        for (std::size_t i = 0; ok && i < list->size(); ++i) {
            uq::UqMethod m;
            ok = (*list)[i].is_string() && uq::parseUqMethod((*list)[i].get<std::string>(), m);
            if (ok && std::find(methods.begin(), methods.end(), m) == methods.end())
                methods.push_back(m);
        }
        if (ok)
            input.methods = std::move(methods);
        else
            r.problem("methods", "must be an array of sampled, vertex, optimised, verified, "
                                 "cartesian, got " + list->dump());
    }
    r.name("sampling", input.sampling, uq::parseSamplingMethod,
           "sobol, latin-hypercube or monte-carlo");
    r.count("samples", input.samples);
    r.count("seed", input.seed);
    r.numbers("percentiles", input.percentiles);
    r.count("max_vertices", input.maxVertices);
    r.number("tolerance", input.verifiedTolerance);
    r.count("max_boxes", input.maxBoxesPerBound);
}

std::optional<uq::UncertaintyInput> uncertaintyInputFromJson(const json& j, InputIssues& issues)
{
    const std::size_t before = issues.size();
    uq::UncertaintyInput input;
    readUncertaintyInput(j, input, issues);
    if (issues.size() != before)
        return std::nullopt;
    return input;
}

} // namespace dtop::io
