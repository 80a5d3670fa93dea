// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/mode_shapes_json.h"

#include "io/json_numbers.h"

#include <cmath>
#include <limits>

namespace dtop::io {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "dtop-mode-shapes";

struct Bad {
    std::string message;
};

const json& field(const json& object, const std::string& key, const std::string& where)
{
    if (!object.is_object() || !object.contains(key))
        throw Bad{where + ": key '" + key + "' is missing"};
    return object[key];
}

// A number, or NaN for null when `nullable`.
double number(const json& j, const std::string& where, bool nullable)
{
    if (nullable && j.is_null())
        return std::numeric_limits<double>::quiet_NaN();
    if (!j.is_number())
        throw Bad{where + " must be a number" + (nullable ? " or null" : "")};
    const double v = j.get<double>();
    if (!std::isfinite(v))
        throw Bad{where + " must be finite"};
    return v;
}

int integer(const json& j, const std::string& where)
{
    if (!j.is_number_integer() || j.get<long long>() < std::numeric_limits<int>::min() ||
        j.get<long long>() > std::numeric_limits<int>::max())
        throw Bad{where + " must be an integer"};
    return j.get<int>();
}

std::vector<double> numbers(const json& j, const std::string& where, std::size_t size)
{
    if (!j.is_array() || j.size() != size)
        throw Bad{where + " must be an array of " + std::to_string(size) + " numbers"};
    std::vector<double> out;
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(number(j[i], where + "[" + std::to_string(i) + "]", false));
    return out;
}

ModeShapeData parse(const json& root)
{
    if (!root.is_object() || !root.contains("format") || root["format"] != kFormat)
        throw Bad{"not a DTOP mode-shape record (\"format\": \"" + std::string(kFormat) +
                  "\" expected)"};
    if (integer(field(root, "version", "record"), "version") != 1)
        throw Bad{"version must be 1"};
    ModeShapeData m;
    m.direction = integer(field(root, "direction", "record"), "direction");
    if (m.direction < 1 || m.direction > 3)
        throw Bad{"direction must be 1, 2 or 3"};
    if (!field(root, "complex", "record").is_boolean())
        throw Bad{"complex must be true or false"};
    m.complex = root["complex"].get<bool>();
    const json& nodes = field(root, "nodes", "record");
    if (!nodes.is_array() || nodes.empty())
        throw Bad{"nodes must be a non-empty array of node labels"};
    for (std::size_t i = 0; i < nodes.size(); ++i)
        m.nodes.push_back(integer(nodes[i], "nodes[" + std::to_string(i) + "]"));
    const json& xyz = field(root, "coordinates_m", "record");
    if (!xyz.is_array() || (!xyz.empty() && xyz.size() != m.nodes.size()))
        throw Bad{"coordinates_m must be [] or one [x, y, z] per node"};
    for (std::size_t i = 0; i < xyz.size(); ++i) {
        const auto v = numbers(xyz[i], "coordinates_m[" + std::to_string(i) + "]", 3);
        m.coordinatesM.push_back({v[0], v[1], v[2]});
    }
    const json& modes = field(root, "modes", "record");
    if (!modes.is_array() || modes.empty())
        throw Bad{"modes must be a non-empty array"};
    const auto rows = static_cast<Eigen::Index>(m.nodes.size());
    m.shapes.resize(rows, static_cast<Eigen::Index>(modes.size()));
    for (std::size_t r = 0; r < modes.size(); ++r) {
        const std::string where = "modes[" + std::to_string(r) + "]";
        const json& mode = modes[r];
        m.modeNumbers.push_back(integer(field(mode, "number", where), where + ".number"));
        m.frequenciesHz.push_back(
            number(field(mode, "frequency_hz", where), where + ".frequency_hz", false));
        m.dampingRatios.push_back(
            number(field(mode, "damping_ratio", where), where + ".damping_ratio", true));
        m.modalMasses.push_back(
            number(field(mode, "modal_mass", where), where + ".modal_mass", true));
        const auto re = numbers(field(mode, "shape_re", where), where + ".shape_re", m.nodes.size());
        const auto im = numbers(field(mode, "shape_im", where), where + ".shape_im", m.nodes.size());
        for (Eigen::Index i = 0; i < rows; ++i)
            m.shapes(i, static_cast<Eigen::Index>(r)) = {re[static_cast<std::size_t>(i)],
                                                         im[static_cast<std::size_t>(i)]};
    }
    return m;
}

double valueOrNaN(const std::vector<double>& v, std::size_t i)
{
    return i < v.size() ? v[i] : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

json modeShapesToJson(const ModeShapeData& m)
{
    json xyz = json::array();
    for (const auto& p : m.coordinatesM)
        xyz.push_back({p[0], p[1], p[2]});
    json modes = json::array();
    for (std::size_t r = 0; r < m.modes(); ++r) {
        std::vector<double> re, im;
        for (Eigen::Index i = 0; i < m.shapes.rows(); ++i) {
            re.push_back(m.shapes(i, static_cast<Eigen::Index>(r)).real());
            im.push_back(m.shapes(i, static_cast<Eigen::Index>(r)).imag());
        }
        modes.push_back({{"number", r < m.modeNumbers.size() ? m.modeNumbers[r]
                                                             : static_cast<int>(r + 1)},
                         {"frequency_hz", m.frequenciesHz[r]},
                         {"damping_ratio", jsonNumber(valueOrNaN(m.dampingRatios, r))},
                         {"modal_mass", jsonNumber(valueOrNaN(m.modalMasses, r))},
                         {"shape_re", re},
                         {"shape_im", im}});
    }
    return {{"format", kFormat}, {"version", 1},         {"direction", m.direction},
            {"complex", m.complex}, {"nodes", m.nodes}, {"coordinates_m", xyz},
            {"modes", modes}};
}

ReadResult<ModeShapeData> modeShapesFromJson(const std::string& text, const std::string& name)
{
    const json root = json::parse(text, nullptr, false);
    if (root.is_discarded())
        return ReadError{name, 0, "the stored mode shapes are not valid JSON"};
    try {
        return parse(root);
    } catch (const Bad& bad) {
        return ReadError{name, 0, "stored mode shapes: " + bad.message};
    }
}

} // namespace dtop::io
