// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop fe`: the rig's 3-D Timoshenko frame model, its modes, mesh convergence, comparison with
// and calibration to measured modes, equivalent shear building, CalculiX deck (docs/tools/fe.md).
#include "tools/fe/fe_command.h"

#include "cli/cli_errors.h"
#include "cli/output_options.h"
#include "cli/workspace_options.h"
#include "fe/calculix_deck.h"
#include "fe/fe_json.h"
#include "io/atomic_file.h"
#include "io/dynamics_json.h"
#include "models/profile_reference.h"
#include "tools/fe/fe_calculix_run.h"
#include "tools/simulate/simulate_command.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

const char* kUsage =
    "[options]\n\n"
    "The rig's own finite-element model: the columns as 3-D Timoshenko beams (shear factor from\n"
    "ν, consistent mass with rotary inertia), each floor a rigid body (plate, clamp blocks,\n"
    "clamped column segments, added mass), the base clamped at --base-clamp, optional rotational\n"
    "springs at the column–clamp joints. Reports every mode below --max-frequency-hz with its\n"
    "kind (sway-weak, sway-strong, torsion, local), floor displacements and effective masses,\n"
    "the part and floor masses, and a mesh-convergence table. With --calibrate-to DATASET-ID\n"
    "(or --measured-hz) the weak sway modes are compared with the measured ones and the joint\n"
    "stiffness is fitted to their frequencies; --equivalent-profile / --save-as condense the\n"
    "frame to a shear building. Lengths default to the rig of docs/tools/fe.md (SI; --units inch\n"
    "reads lengths in in, E in psi and ρ in slinch/in³, converted exactly).";

std::string optionName(const std::string& key)
{
    std::string option = key;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

// The option that sets an InputIssue's field.
std::string optionFor(const std::string& field, const po::variables_map& vm)
{
    static const std::pair<const char*, const char*> kFields[] = {
        {"youngs_modulus_pa", "youngs-modulus"},
        {"density_kg_m3", "density"},
        {"added_masses_kg", "added-masses"},
        {"joint_stiffness_nm_per_rad", "joint-stiffness"},
        {"measured_mode_shapes", "calibrate-to"},
    };
    for (const auto& [key, option] : kFields)
        if (field == key)
            return option;
    if (field == "calibrate_to")
        return vm.count("measured-hz") ? "measured-hz" : "calibrate-to";
    for (const auto& l : fe::geometryLengths())
        if (field == std::string(l.key) + "_m")
            return optionName(l.key);
    return optionName(field);
}

constexpr std::string_view kProfilePrefix = "profile:";

// `--calibrate-to profile:NAME[@VERSION]`: the profile's undamped modes stand for the measured
// ones (a twin's frequencies and floor shapes).
fe::MeasuredSway measuredFromProfile(const po::variables_map& vm, const std::string& source,
                                     const fe::FeInput& in)
{
    auto workspace = openWorkspaceIfExists(workspacePath(vm));
    InputIssues issues;
    const auto profile = models::resolveProfile(source, workspace ? &*workspace : nullptr,
                                                "calibrate-to", issues);
    if (!profile)
        throw UsageError("--" + issues.front().message); // the message starts with the field
    return fe::measuredSwayFromProfile(profile->profile, "profile:" + profile->label,
                                       in.geometry.storeys, in.maxFrequencyHz);
}

std::vector<int> parseIntegerList(const std::string& option, const std::string& text)
{
    std::vector<int> out;
    for (double v : parseNumberList(option, text)) {
        if (v != std::floor(v) || std::abs(v) > 1e9)
            throw UsageError("--" + option + " needs whole numbers, got " + formatValue(v));
        out.push_back(static_cast<int>(v));
    }
    return out;
}

} // namespace

void addFeOptions(po::options_description& options)
{
    const fe::FeInput d;
    po::options_description model("Model");
    model.add_options()
        ("base-clamp", po::value<std::string>()->default_value("top"),
         "top: columns clamped at the top of the base clamp (z = clamp height, 1 in); base: at "
         "the base plate (z = 0)")
        ("elements-per-column", po::value<int>()->default_value(d.elementsPerColumn),
         "Timoshenko elements per free column span (1–400; 12 is converged)")
        ("max-frequency-hz", po::value<double>()->default_value(d.maxFrequencyHz),
         "report every mode below this frequency [Hz]")
        ("joint-stiffness", po::value<std::string>(),
         "rotational springs at the column–clamp joints [N·m/rad]: one value, or one per storey "
         "(absent: rigid joints)")
        ("solver", po::value<std::string>()->default_value("auto"),
         "eigensolver: auto | dense | sparse (shift-invert Lanczos)")
        ("no-convergence", po::bool_switch(), "skip the mesh-convergence table")
        ("convergence-elements", po::value<std::string>()->default_value("1,2,4,8,12,24"),
         "meshes of the convergence table: elements per free span, comma list");
    po::options_description rig("Against the rig");
    rig.add_options()
        ("calibrate-to", po::value<std::string>(),
         "FRF DATASET-ID of the rig (see dtop dataset list): its sway modes by peak picking are "
         "compared with the model's and the joint stiffness is fitted to them; or "
         "profile:NAME[@VERSION]: the profile's undamped modes (frequencies and floor shapes)")
        ("measured-hz", po::value<std::string>(),
         "measured sway frequencies f1,f2,... [Hz] instead of a dataset")
        ("calibration", po::value<std::string>()->default_value("single"),
         "single (one joint stiffness) | per-storey | off (compare only)")
        ("equivalent-profile", po::bool_switch(),
         "condense the (calibrated) frame to the equivalent shear building");
    po::options_description geometry(
        "Geometry and material (absent: the rig of docs/tools/fe.md; units per --units)");
    geometry.add_options()
        ("units", po::value<std::string>()->default_value("si"),
         "si: lengths in m, E in Pa, ρ in kg/m³; inch: lengths in in, E in psi, ρ in slinch/in³")
        ("storeys", po::value<int>(), "number of storeys (default 3)");
    for (const auto& l : fe::geometryLengths())
        geometry.add_options()(optionName(l.key).c_str(), po::value<double>(), l.label);
    geometry.add_options()
        ("added-masses", po::value<std::string>(),
         "added point masses at the floor-plate centres, one per floor [kg]")
        ("youngs-modulus", po::value<double>(), "Young's modulus E (default 69.98 GPa, 1.015e7 psi)")
        ("poisson-ratio", po::value<double>(), "Poisson's ratio ν (default 0.33)")
        ("density", po::value<double>(), "density ρ (default 2700.04 kg/m³, 2.5265e-4 slinch/in³)");
    options.add(model).add(rig).add(geometry);
}

FeOptionsInput feInputFromOptions(const po::variables_map& vm)
{
    FeOptionsInput out;
    fe::FeInput& in = out.input;
    const std::string clamp = vm["base-clamp"].as<std::string>();
    if (!fe::parseBaseClamp(clamp, in.baseClamp))
        throw UsageError("--base-clamp must be top or base, got '" + clamp + "'");
    in.elementsPerColumn = vm["elements-per-column"].as<int>();
    in.maxFrequencyHz = vm["max-frequency-hz"].as<double>();
    if (vm.count("joint-stiffness"))
        in.jointStiffnessNmPerRad =
            parseNumberList("joint-stiffness", vm["joint-stiffness"].as<std::string>());
    const std::string solver = vm["solver"].as<std::string>();
    if (!fe::parseEigenSolver(solver, in.solver))
        throw UsageError("--solver must be auto, dense or sparse, got '" + solver + "'");
    in.convergence = !vm["no-convergence"].as<bool>();
    in.convergenceElements =
        parseIntegerList("convergence-elements", vm["convergence-elements"].as<std::string>());
    const std::string calibration = vm["calibration"].as<std::string>();
    if (!fe::parseJointCalibration(calibration, in.calibration))
        throw UsageError("--calibration must be single, per-storey or off, got '" + calibration +
                         "'");
    in.equivalentProfile = vm["equivalent-profile"].as<bool>();

    const std::string units = vm["units"].as<std::string>();
    if (units != "si" && units != "inch")
        throw UsageError("--units must be si or inch, got '" + units + "'");
    const bool inch = units == "inch";
    if (vm.count("storeys"))
        in.geometry.storeys = vm["storeys"].as<int>();
    for (const auto& l : fe::geometryLengths())
        if (const std::string option = optionName(l.key); vm.count(option)) {
            const double v = vm[option].as<double>();
            in.geometry.*l.member = inch ? fe::inches(v) : v;
        }
    if (vm.count("added-masses"))
        in.geometry.addedMassesKg =
            parseNumberList("added-masses", vm["added-masses"].as<std::string>());
    if (vm.count("youngs-modulus")) {
        const double e = vm["youngs-modulus"].as<double>();
        in.material.youngModulusPa = inch ? fe::psi(e) : e;
    }
    if (vm.count("poisson-ratio"))
        in.material.poissonRatio = vm["poisson-ratio"].as<double>();
    if (vm.count("density")) {
        const double rho = vm["density"].as<double>();
        in.material.densityKgM3 = inch ? fe::slinchPerCubicInch(rho) : rho;
    }

    if (vm.count("calibrate-to") && vm.count("measured-hz"))
        throw UsageError("--calibrate-to and --measured-hz both give the measured modes; give one");
    if (vm.count("measured-hz"))
        in.calibrateToHz = parseNumberList("measured-hz", vm["measured-hz"].as<std::string>());
    // The dataset is read only once the model's own inputs are known to be valid.
    auto issues = in.validate();
    if (issues.empty() && vm.count("calibrate-to")) {
        const std::string id = vm["calibrate-to"].as<std::string>();
        try {
            out.measured = id.rfind(kProfilePrefix, 0) == 0
                               ? measuredFromProfile(vm, id, in)
                               : fe::measuredSwayFromDataset(
                                     loadRecordDataset(vm, id, "calibrate-to"),
                                     in.geometry.storeys, in.maxFrequencyHz);
        } catch (const std::invalid_argument& e) {
            throw UsageError("--calibrate-to: " + std::string(e.what()));
        }
        in.calibrateToHz = out.measured->frequenciesHz;
        in.measuredModeShapes = out.measured->shapes;
        issues = in.validate();
    }
    if (!issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& issue : issues)
            lines.push_back("--" + optionFor(issue.field, vm) + ": " + issue.message);
        throw UsageError(std::move(lines));
    }
    return out;
}

nlohmann::json feOptionsToJson(const FeOptionsInput& options)
{
    nlohmann::json j = fe::feInputToJson(options.input);
    j["measured_dataset"] =
        options.measured ? nlohmann::json(options.measured->dataset) : nlohmann::json();
    return j;
}

int runFeCommand(const tools::ToolDescriptor&, const std::vector<std::string>& args,
                 CommandIo& io)
{
    po::options_description options("Options");
    addFeOptions(options);
    po::options_description outputs("Profile and solver files");
    outputs.add_options()
        ("save-as", po::value<std::string>(),
         "save the equivalent shear building as a new version of profile NAME in the workspace "
         "(implies the equivalent profile; the FE model is its provenance)")
        ("export-ccx", po::value<std::string>(),
         "write the beam model as a CalculiX input deck FILE (.inp)")
        ("run-ccx", po::bool_switch(),
         "run CalculiX (ccx) on the exported deck and report its frequencies beside the "
         "built-in ones (needs ccx, installed by packaging/run.sh --with-fe-solvers)");
    options.add(outputs);
    addWorkspaceOption(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("fe", kUsage, options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    if (vm["run-ccx"].as<bool>() && !vm.count("export-ccx"))
        throw UsageError("--run-ccx needs --export-ccx FILE (the deck it runs)");
    FeOptionsInput parsed = feInputFromOptions(vm);
    fe::FeInput& input = parsed.input;
    if (vm.count("save-as")) {
        input.equivalentProfile = true;
        input.profileName = vm["save-as"].as<std::string>();
        if (const auto issues = io::Workspace::checkProfileName(input.profileName);
            !issues.empty()) {
            std::vector<std::string> lines;
            for (const auto& issue : issues)
                lines.push_back("--save-as: " + issue.message);
            throw UsageError(std::move(lines));
        }
    }
    const fe::FeResult result = fe::runFe(input);
    nlohmann::json json = io::resultEnvelope("fe", feOptionsToJson(parsed),
                                             fe::feResultToJson(result));
    if (parsed.measured)
        json["result"]["measured"] = fe::measuredSwayToJson(*parsed.measured);
    if (vm.count("export-ccx")) {
        const std::string file = vm["export-ccx"].as<std::string>();
        std::ostringstream deck;
        const fe::CalculixDeckSummary summary =
            fe::writeCalculixBeamDeck(deck, input.geometry, input.material,
                                      input.frameOptions(), input.maxFrequencyHz);
        std::string error;
        if (!io::writeFileAtomically(file, deck.str(), error))
            throw FileError("--export-ccx " + file + ": " + error);
        nlohmann::json ccx = {{"deck", file},
                              {"nodes", summary.nodes},
                              {"elements", summary.elements},
                              {"requested_modes", summary.requestedModes},
                              {"joint_springs_omitted", summary.jointSpringsOmitted}};
        if (vm["run-ccx"].as<bool>())
            ccx["run"] = runCalculix(file, result);
        json["result"]["calculix"] = ccx;
    }
    if (vm.count("save-as") && result.equivalent) {
        io::Workspace workspace = openWorkspaceForWriting(vm);
        const io::ProfileVersion saved =
            workspace.saveProfile(result.equivalent->profile, result.equivalent->profile.provenance);
        json["result"]["saved_profile"] = {{"name", saved.profile.name},
                                           {"version", saved.version},
                                           {"workspace", workspace.path()}};
    }
    writeResult(vm, json, fe::feModeTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
