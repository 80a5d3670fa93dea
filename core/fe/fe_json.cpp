// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/fe_json.h"

#include "io/json_numbers.h"
#include "io/profile_json.h"

#include <set>
#include <stdexcept>

namespace dtop::fe {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string& key, const std::string& what) {
    throw std::invalid_argument("fe input key '" + key + "' " + what);
}

double number(const json& v, const std::string& key) {
    if (!v.is_number())
        fail(key, "must be a number, got " + v.dump());
    return v.get<double>();
}

int integer(const json& v, const std::string& key) {
    if (!v.is_number_integer())
        fail(key, "must be an integer, got " + v.dump());
    const auto i = v.get<long long>();
    if (i < -1000000000LL || i > 1000000000LL)
        fail(key, "is out of range: " + v.dump());
    return static_cast<int>(i);
}

bool boolean(const json& v, const std::string& key) {
    if (!v.is_boolean())
        fail(key, "must be true or false, got " + v.dump());
    return v.get<bool>();
}

std::string text(const json& v, const std::string& key) {
    if (!v.is_string())
        fail(key, "must be a string, got " + v.dump());
    return v.get<std::string>();
}

std::vector<double> numbers(const json& v, const std::string& key) {
    if (!v.is_array())
        fail(key, "must be a list of numbers, got " + v.dump());
    std::vector<double> out;
    for (const auto& x : v)
        out.push_back(number(x, key));
    return out;
}

void rejectUnknown(const json& object, const std::set<std::string>& known,
                   const std::string& prefix) {
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!known.count(it.key()))
            fail(prefix + it.key(), "is not an fe input key");
}

void readGeometry(const json& j, RigGeometry& g) {
    if (!j.is_object())
        fail("geometry", "must be an object, got " + j.dump());
    std::set<std::string> known = {"storeys", "added_masses_kg"};
    for (const auto& l : geometryLengths()) {
        const std::string m = std::string(l.key) + "_m", in = std::string(l.key) + "_in";
        known.insert(m);
        known.insert(in);
        const bool hasM = j.contains(m), hasIn = j.contains(in);
        if (hasM && hasIn)
            fail("geometry." + in, "and geometry." + m + " are both given; give one");
        if (hasM)
            g.*l.member = number(j.at(m), "geometry." + m);
        if (hasIn)
            g.*l.member = inches(number(j.at(in), "geometry." + in));
    }
    rejectUnknown(j, known, "geometry.");
    if (j.contains("storeys"))
        g.storeys = integer(j.at("storeys"), "geometry.storeys");
    if (j.contains("added_masses_kg"))
        g.addedMassesKg = numbers(j.at("added_masses_kg"), "geometry.added_masses_kg");
}

void readMaterial(const json& j, Material& m) {
    if (!j.is_object())
        fail("material", "must be an object, got " + j.dump());
    rejectUnknown(j,
                  {"youngs_modulus_pa", "youngs_modulus_psi", "poisson_ratio", "density_kg_m3",
                   "density_slinch_in3"},
                  "material.");
    if (j.contains("youngs_modulus_pa") && j.contains("youngs_modulus_psi"))
        fail("material.youngs_modulus_psi",
             "and material.youngs_modulus_pa are both given; give one");
    if (j.contains("density_kg_m3") && j.contains("density_slinch_in3"))
        fail("material.density_slinch_in3", "and material.density_kg_m3 are both given; give one");
    if (j.contains("youngs_modulus_pa"))
        m.youngModulusPa = number(j.at("youngs_modulus_pa"), "material.youngs_modulus_pa");
    if (j.contains("youngs_modulus_psi"))
        m.youngModulusPa = psi(number(j.at("youngs_modulus_psi"), "material.youngs_modulus_psi"));
    if (j.contains("poisson_ratio"))
        m.poissonRatio = number(j.at("poisson_ratio"), "material.poisson_ratio");
    if (j.contains("density_kg_m3"))
        m.densityKgM3 = number(j.at("density_kg_m3"), "material.density_kg_m3");
    if (j.contains("density_slinch_in3"))
        m.densityKgM3 =
            slinchPerCubicInch(number(j.at("density_slinch_in3"), "material.density_slinch_in3"));
}

json floorDisplacementJson(const std::array<double, 6>& d) {
    return {{"x", d[0]}, {"y", d[1]}, {"z", d[2]}, {"rx", d[3]}, {"ry", d[4]}, {"rz", d[5]}};
}

json comparisonJson(const ModeComparison& c) {
    json j = {{"measured_hz", io::jsonArray(c.measuredHz)},
              {"model_hz", io::jsonArray(c.modelHz)},
              {"frequency_errors_pct", io::jsonArray(c.errorsPct)},
              {"mac", io::jsonArray(c.mac)},
              {"rms_error_pct", io::jsonNumber(c.rmsErrorPct)}};
    if (c.macMatrix.size() > 0) {
        json rows = json::array();
        for (Eigen::Index i = 0; i < c.macMatrix.rows(); ++i) {
            std::vector<double> row(static_cast<std::size_t>(c.macMatrix.cols()));
            for (Eigen::Index k = 0; k < c.macMatrix.cols(); ++k)
                row[static_cast<std::size_t>(k)] = c.macMatrix(i, k);
            rows.push_back(io::jsonArray(row));
        }
        j["mac_matrix"] = rows;
    }
    return j;
}

json modesJson(const FrameModes& modes, bool includeShapes) {
    json list = json::array();
    for (const auto& m : modes.modes) {
        json floors = json::array();
        for (const auto& d : m.floorDisplacements)
            floors.push_back(floorDisplacementJson(d));
        json mode = {{"frequency_hz", m.frequencyHz},
                     {"kind", modeKindName(m.kind)},
                     {"floor_displacements", floors},
                     {"floor_shape", io::jsonArray(m.floorShape)},
                     {"floor_energy_fraction", m.floorEnergyFraction},
                     {"effective_mass_kg",
                      {{"x", m.effectiveMassKg[0]},
                       {"y", m.effectiveMassKg[1]},
                       {"z", m.effectiveMassKg[2]}}}};
        if (includeShapes) {
            json nodes = json::array();
            for (Eigen::Index i = 0; i < m.viewDisplacements.rows(); ++i)
                nodes.push_back({m.viewDisplacements(i, 0), m.viewDisplacements(i, 1),
                                 m.viewDisplacements(i, 2)});
            mode["node_displacements"] = nodes;
        }
        list.push_back(std::move(mode));
    }
    return list;
}

} // namespace

json feInputToJson(const FeInput& input) {
    json geometry = {{"storeys", input.geometry.storeys},
                     {"added_masses_kg", io::jsonArray(input.geometry.addedMassesKg)}};
    for (const auto& l : geometryLengths())
        geometry[std::string(l.key) + "_m"] = input.geometry.*l.member;
    json convergenceElements = json::array();
    for (int e : input.convergenceElements)
        convergenceElements.push_back(e);
    json shapes = json::array();
    for (const auto& s : input.measuredModeShapes)
        shapes.push_back(io::jsonArray(s));
    json joints = nullptr;
    const auto& k = input.jointStiffnessNmPerRad;
    if (k.size() == 1)
        joints = io::jsonNumber(k[0]);
    else if (!k.empty())
        joints = io::jsonArray(k);
    return {
        {"base_clamp", baseClampName(input.baseClamp)},
        {"elements_per_column", input.elementsPerColumn},
        {"max_frequency_hz", input.maxFrequencyHz},
        {"joint_stiffness_nm_per_rad", joints},
        {"solver", eigenSolverName(input.solver)},
        {"convergence", input.convergence},
        {"convergence_elements", convergenceElements},
        {"calibrate_to", io::jsonArray(input.calibrateToHz)},
        {"measured_mode_shapes", shapes},
        {"calibration", jointCalibrationName(input.calibration)},
        {"equivalent_profile", input.equivalentProfile},
        {"profile_name", input.profileName},
        {"geometry", geometry},
        {"material",
         {{"youngs_modulus_pa", input.material.youngModulusPa},
          {"poisson_ratio", input.material.poissonRatio},
          {"density_kg_m3", input.material.densityKgM3}}},
    };
}

FeInput feInputFromJson(const json& j) {
    if (!j.is_object())
        throw std::invalid_argument("fe input must be a JSON object, got " + j.dump());
    rejectUnknown(j,
                  {"base_clamp", "elements_per_column", "max_frequency_hz",
                   "joint_stiffness_nm_per_rad", "solver", "convergence", "convergence_elements",
                   "calibrate_to", "measured_mode_shapes", "calibration", "equivalent_profile",
                   "profile_name", "geometry", "material"},
                  "");
    FeInput in;
    if (j.contains("base_clamp")) {
        const std::string s = text(j.at("base_clamp"), "base_clamp");
        if (!parseBaseClamp(s, in.baseClamp))
            fail("base_clamp", "must be \"top\" or \"base\", got \"" + s + "\"");
    }
    if (j.contains("elements_per_column"))
        in.elementsPerColumn = integer(j.at("elements_per_column"), "elements_per_column");
    if (j.contains("max_frequency_hz"))
        in.maxFrequencyHz = number(j.at("max_frequency_hz"), "max_frequency_hz");
    if (j.contains("joint_stiffness_nm_per_rad")) {
        const json& v = j.at("joint_stiffness_nm_per_rad");
        if (v.is_null())
            in.jointStiffnessNmPerRad.clear();
        else if (v.is_number())
            in.jointStiffnessNmPerRad = {v.get<double>()};
        else
            in.jointStiffnessNmPerRad = numbers(v, "joint_stiffness_nm_per_rad");
    }
    if (j.contains("solver")) {
        const std::string s = text(j.at("solver"), "solver");
        if (!parseEigenSolver(s, in.solver))
            fail("solver", "must be \"auto\", \"dense\" or \"sparse\", got \"" + s + "\"");
    }
    if (j.contains("convergence"))
        in.convergence = boolean(j.at("convergence"), "convergence");
    if (j.contains("convergence_elements")) {
        const json& v = j.at("convergence_elements");
        if (!v.is_array())
            fail("convergence_elements", "must be a list of integers, got " + v.dump());
        in.convergenceElements.clear();
        for (const auto& x : v)
            in.convergenceElements.push_back(integer(x, "convergence_elements"));
    }
    if (j.contains("calibrate_to"))
        in.calibrateToHz = numbers(j.at("calibrate_to"), "calibrate_to");
    if (j.contains("measured_mode_shapes")) {
        const json& v = j.at("measured_mode_shapes");
        if (!v.is_array())
            fail("measured_mode_shapes", "must be a list of shapes, got " + v.dump());
        in.measuredModeShapes.clear();
        for (const auto& s : v)
            in.measuredModeShapes.push_back(numbers(s, "measured_mode_shapes"));
    }
    if (j.contains("calibration")) {
        const std::string s = text(j.at("calibration"), "calibration");
        if (!parseJointCalibration(s, in.calibration))
            fail("calibration", "must be \"single\", \"per-storey\" or \"off\", got \"" + s + "\"");
    }
    if (j.contains("equivalent_profile"))
        in.equivalentProfile = boolean(j.at("equivalent_profile"), "equivalent_profile");
    if (j.contains("profile_name"))
        in.profileName = text(j.at("profile_name"), "profile_name");
    if (j.contains("geometry"))
        readGeometry(j.at("geometry"), in.geometry);
    if (j.contains("material"))
        readMaterial(j.at("material"), in.material);
    return in;
}

json feResultToJson(const FeResult& r, bool includeShapes) {
    json parts = json::array();
    for (const auto& p : r.parts)
        parts.push_back({{"name", p.name},
                         {"count", p.count},
                         {"volume_m3", p.volumeM3},
                         {"mass_kg", p.massKg},
                         {"total_mass_kg", p.totalKg()}});
    json convergence = json::array();
    for (const auto& row : r.convergence)
        convergence.push_back({{"elements_per_column", row.elementsPerColumn},
                               {"dofs", row.dofs},
                               {"frequencies_hz", io::jsonArray(row.frequenciesHz)}});
    json result = {
        {"modes", modesJson(r.modes, includeShapes)},
        {"floor_mass_kg", io::jsonArray(r.floorMassKg)},
        {"total_mass_kg", r.totalMassKg},
        {"moving_mass_kg", r.movingMassKg},
        {"parts", parts},
        {"max_frequency_hz", r.maxFrequencyHz},
        {"elements_per_column", r.elementsPerColumn},
        {"base_clamp", baseClampName(r.baseClamp)},
        {"dofs", r.modes.dofs},
        {"solver", r.modes.solver},
        {"truncated", r.modes.truncated},
        {"convergence", convergence},
    };
    if (includeShapes) {
        json nodes = json::array(), lines = json::array();
        for (const auto& p : r.viewNodes)
            nodes.push_back({p.x(), p.y(), p.z()});
        for (const auto& l : r.viewLines)
            lines.push_back({l[0], l[1]});
        result["mesh"] = {{"nodes_m", nodes}, {"lines", lines}};
    }
    if (r.comparison)
        result["comparison"] = comparisonJson(*r.comparison);
    if (r.calibration) {
        const auto& c = *r.calibration;
        result["calibration"] = {
            {"mode", jointCalibrationName(c.mode)},
            {"joint_stiffness_nm_per_rad", io::jsonArray(c.jointStiffnessNmPerRad)},
            {"frequency_errors_pct", io::jsonArray(c.after.errorsPct)},
            {"frequencies_hz", io::jsonArray(c.after.modelHz)},
            {"measured_hz", io::jsonArray(c.after.measuredHz)},
            {"mac", io::jsonArray(c.after.mac)},
            {"initial_frequency_errors_pct", io::jsonArray(c.before.errorsPct)},
            {"converged", c.converged},
            {"at_bound", c.atBound},
            {"evaluations", c.evaluations},
            {"note", c.note},
            {"modes", modesJson(c.modes, includeShapes)},
        };
    }
    if (r.equivalent) {
        const auto& e = *r.equivalent;
        result["equivalent_profile"] = {
            {"mass_kg", io::jsonArray(e.massKg)},
            {"stiffness_n_m", io::jsonArray(e.stiffnessNm)},
            {"frame_hz", io::jsonArray(e.frameHz)},
            {"chain_hz", io::jsonArray(e.chainHz)},
            {"frequency_errors_pct", io::jsonArray(e.frequencyErrorsPct)},
            {"mac", io::jsonArray(e.mac)},
            {"profile", io::profileToJson(e.profile)},
        };
    }
    return result;
}

json measuredSwayToJson(const MeasuredSway& m) {
    json shapes = json::array();
    for (const auto& s : m.shapes)
        shapes.push_back(io::jsonArray(s));
    return {{"dataset", m.dataset},
            {"method", m.method},
            {"frequencies_hz", io::jsonArray(m.frequenciesHz)},
            {"mode_shapes", shapes}};
}

io::CsvTable feModeTable(const FeResult& r) {
    io::CsvTable t;
    std::vector<double> f, kind, ex, ey, ez, energy;
    const std::size_t floors = r.floorMassKg.size();
    std::vector<std::vector<double>> shape(floors);
    for (const auto& m : r.modes.modes) {
        f.push_back(m.frequencyHz);
        kind.push_back(static_cast<double>(static_cast<int>(m.kind)));
        ex.push_back(m.effectiveMassKg[0]);
        ey.push_back(m.effectiveMassKg[1]);
        ez.push_back(m.effectiveMassKg[2]);
        energy.push_back(m.floorEnergyFraction);
        for (std::size_t i = 0; i < floors && i < m.floorShape.size(); ++i)
            shape[i].push_back(m.floorShape[i]);
    }
    t.addColumn("frequency_hz", f);
    t.addColumn("kind", kind);
    t.addColumn("effective_mass_x_kg", ex);
    t.addColumn("effective_mass_y_kg", ey);
    t.addColumn("effective_mass_z_kg", ez);
    t.addColumn("floor_energy_fraction", energy);
    for (std::size_t i = 0; i < floors; ++i)
        t.addColumn("floor" + std::to_string(i + 1) + "_shape", shape[i]);
    return t;
}

io::CsvTable feConvergenceTable(const FeResult& r) {
    io::CsvTable t;
    std::vector<double> e, dofs;
    std::size_t modes = 0;
    for (const auto& row : r.convergence) {
        e.push_back(row.elementsPerColumn);
        dofs.push_back(row.dofs);
        modes = std::max(modes, row.frequenciesHz.size());
    }
    t.addColumn("elements_per_column", e);
    t.addColumn("dofs", dofs);
    for (std::size_t k = 0; k < modes; ++k) {
        std::vector<double> col;
        for (const auto& row : r.convergence)
            col.push_back(k < row.frequenciesHz.size() ? row.frequenciesHz[k] : std::nan(""));
        t.addColumn("f" + std::to_string(k + 1) + "_hz", col);
    }
    return t;
}

} // namespace dtop::fe
