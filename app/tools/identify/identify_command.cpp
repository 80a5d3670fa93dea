// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop identify`: modal identification and model updating (docs/tools/identify.md).
#include "tools/identify/identify_command.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "cli/workspace_options.h"
#include "identification/identify_json.h"
#include "io/dynamics_json.h"
#include "io/replay_record.h"
#include "tools/simulate/simulate_command.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

using identification::IdentifyInput;

const char* kUsage =
    "[options]\n\n"
    "Modal identification of a measured FRF dataset (or of a recorded force and response time\n"
    "history, through H1 with coherence) in a frequency band: LSCF (PolyMAX) stabilisation\n"
    "diagram with automatic pole picking, LSFD residues with upper and lower residual terms,\n"
    "global nonlinear least-squares refinement of the poles (--method global, the default),\n"
    "or the corrected circle fit (--method circle). Mass normalisation through the driving\n"
    "point gives the physical M, K, C and the shear-building chain. --update updates the\n"
    "profile (--profile) to the identified frequencies, shapes and damping; --save-as stores\n"
    "the updated profile as a new version in the workspace; --replay RECORD replays a\n"
    "recorded test with the profile before and after updating. Methods, defaults and\n"
    "verification: docs/tools/identify.md.";

// The option that sets an InputIssue's field, for messages that name it.
std::string optionFor(const std::string& field)
{
    static const char* kProfileSymbols[][2] = {
        {"m", "mass"}, {"k", "stiffness"}, {"c", "damping"}, {"kc", "cubic"}};
    for (const auto& [symbol, option] : kProfileSymbols)
        if (field.rfind(symbol, 0) == 0 &&
            (field.size() == std::strlen(symbol) ||
             std::isdigit(static_cast<unsigned char>(field[std::strlen(symbol)]))))
            return option;
    static const char* kRenamed[][2] = {{"picks", "pick"},
                                        {"update", "update-parameters"},
                                        {"stiffnesses", "update-parameters"},
                                        {"masses", "update-parameters"}};
    for (const auto& [name, option] : kRenamed)
        if (field == name)
            return option;
    std::string option = field;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

[[noreturn]] void throwIssues(const InputIssues& issues)
{
    throw UsageError::fromIssues(issues, &optionFor);
}

// "40:6.51,40:17.46" → picks.
std::vector<identification::PolePick> parsePicks(const std::string& text)
{
    std::vector<identification::PolePick> picks;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ',')) {
        const auto colon = item.find(':');
        identification::PolePick p;
        try {
            if (colon == std::string::npos)
                throw std::invalid_argument(item);
            std::size_t used = 0;
            p.order = std::stoi(item.substr(0, colon), &used);
            if (used != colon)
                throw std::invalid_argument(item);
            const std::string f = item.substr(colon + 1);
            p.frequencyHz = std::stod(f, &used);
            if (used != f.size())
                throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw UsageError("--pick: each pick must be ORDER:FREQUENCY_HZ (e.g. 40:6.51), got '" +
                             item + "'");
        }
        picks.push_back(p);
    }
    if (picks.empty())
        throw UsageError("--pick: give at least one ORDER:FREQUENCY_HZ");
    return picks;
}

void parseBand(const po::variables_map& vm, IdentifyInput& in)
{
    const std::vector<double> band = parseNumberList("band-hz", vm["band-hz"].as<std::string>());
    if (band.size() != 2)
        throw UsageError("--band-hz must be two frequencies LO,HI [Hz], got '" +
                         vm["band-hz"].as<std::string>() + "'");
    in.bandLoHz = band[0];
    in.bandHiHz = band[1];
}

void parseUpdateParameters(const po::variables_map& vm, IdentifyInput& in)
{
    in.updating.stiffnesses = in.updating.masses = in.updating.damping = false;
    std::stringstream items(vm["update-parameters"].as<std::string>());
    std::string item;
    while (std::getline(items, item, ',')) {
        if (item == "k")
            in.updating.stiffnesses = true;
        else if (item == "m")
            in.updating.masses = true;
        else if (item == "c")
            in.updating.damping = true;
        else
            throw UsageError("--update-parameters must list k (stiffnesses), m (masses) and/or "
                             "c (dampers), e.g. k,m,c; got '" + item + "'");
    }
}

long long nonNegativeCount(const po::variables_map& vm, const char* option, long long most)
{
    const long long n = vm[option].as<long long>();
    if (n < 0 || n > most)
        throw UsageError("--" + std::string(option) + " must be between 0 and " +
                         std::to_string(most) + ", got " + std::to_string(n));
    return n;
}

// A runIdentify failure ("band_hz: ...", "invalid model updating:\n  ...") as option messages.
UsageError identifyFailure(const std::string& what, const std::string& dataset)
{
    std::string option = "--dataset " + dataset;
    std::string text = what;
    if (text.rfind("band_hz: ", 0) == 0) {
        option = "--band-hz";
        text = text.substr(9);
    } else if (text.find("model updating") != std::string::npos) {
        option = "--update";
    }
    std::vector<std::string> lines;
    std::stringstream stream(text);
    std::string line;
    while (std::getline(stream, line)) {
        const auto start = line.find_first_not_of(' ');
        if (start == std::string::npos || line.rfind("invalid ", 0) == 0)
            continue;
        lines.push_back(option + ": " + line.substr(start));
    }
    if (lines.empty())
        lines.push_back(option + ": " + text);
    return UsageError(std::move(lines));
}

} // namespace

void addIdentifyOptions(po::options_description& options)
{
    const IdentifyInput d;
    po::options_description data("Data and method");
    data.add_options()
        ("dataset", po::value<std::string>()->default_value("southampton-exp-force1"),
         "dataset ID (dtop dataset list): an FRF with complex values (one input, several "
         "responses) or a time history with a force channel")
        ("method", po::value<std::string>()->default_value(identificationMethodName(d.method)),
         "circle (corrected circle fit) | lscf (LSCF + LSFD) | global (LSCF + LSFD + global "
         "refinement of the poles)")
        ("band-hz", po::value<std::string>()->default_value("3,35"),
         "frequency band LO,HI [Hz]")
        ("modes", po::value<long long>()->default_value(0),
         "number of modes to report (0 = every stable pole in the band)")
        ("driving-point", po::value<int>()->default_value(0),
         "floor of the driving point (0 = the dataset's excitation floor)")
        ("no-compare", po::bool_switch(), "do not run the other methods for comparison");
    po::options_description lscf("LSCF stabilisation diagram");
    lscf.add_options()
        ("min-order", po::value<int>()->default_value(d.lscf.minOrder), "lowest model order")
        ("max-order", po::value<int>()->default_value(d.lscf.maxOrder), "highest model order")
        ("order-step", po::value<int>()->default_value(d.lscf.orderStep), "model order step")
        ("frequency-tolerance", po::value<double>()->default_value(d.lscf.frequencyTolerance),
         "stable frequency: |Δf|/f between orders [-]")
        ("damping-tolerance", po::value<double>()->default_value(d.lscf.dampingTolerance),
         "stable damping: |Δζ|/ζ between orders [-]")
        ("mac-tolerance", po::value<double>()->default_value(d.lscf.macTolerance),
         "stable shape: 1 − MAC between orders [-]")
        ("max-damping-ratio", po::value<double>()->default_value(d.lscf.maxDampingRatio),
         "largest damping ratio of a physical pole [-] (ratio, not %)")
        ("min-stable-orders", po::value<long long>()->default_value(0),
         "orders at which a mode must be stable to be picked (0 = max(3, a quarter))")
        ("pick", po::value<std::string>(),
         "poles picked by hand instead of the automatic pick: ORDER:FREQUENCY_HZ,... (the "
         "pole of that order nearest that frequency)");
    po::options_description fit("Circle fit, LSFD and global fit");
    fit.add_options()
        ("circle-window", po::value<double>()->default_value(d.circle.windowFraction),
         "circle-fit window: lines above this share of the peak [-]")
        ("circle-points", po::value<long long>()->default_value(d.circle.minPoints),
         "fewest lines in a circle-fit window")
        ("circle-pairs", po::value<long long>()->default_value(d.circle.pairs),
         "point pairs per side for the damping estimate")
        ("circle-prominence", po::value<double>()->default_value(d.circle.minProminence),
         "peak prominence for the circle fit alone [-] (≥ 1)")
        ("no-upper-residual", po::bool_switch(), "LSFD without the upper residual term")
        ("no-lower-residual", po::bool_switch(), "LSFD without the lower residual term")
        ("global-iterations", po::value<long long>()->default_value(d.global.maxIterations),
         "most Levenberg–Marquardt iterations of the global fit")
        ("tridiagonal-tolerance", po::value<double>()->default_value(d.tridiagonalTolerance),
         "flag the chain when dropped K entries exceed this share of max K_ii [-]");
    po::options_description update("Model updating and closing the loop");
    update.add_options()
        ("update", po::bool_switch(),
         "update the profile to the identified modes (Levenberg–Marquardt with Tikhonov "
         "regularisation)")
        ("update-parameters", po::value<std::string>()->default_value("k,m,c"),
         "updated parameters: k (storey stiffnesses), m (masses, when mass-normalised), c "
         "(storey dampers)")
        ("frequency-weight", po::value<double>()->default_value(d.updating.frequencyWeight),
         "weight of the relative frequency errors [-]")
        ("shape-weight", po::value<double>()->default_value(d.updating.shapeWeight),
         "weight of the shape errors [-]")
        ("damping-weight", po::value<double>()->default_value(d.updating.dampingWeight),
         "weight of the relative damping-ratio errors [-]")
        ("tikhonov", po::value<double>()->default_value(d.updating.tikhonov),
         "Tikhonov regularisation toward the starting profile [-]")
        ("update-iterations", po::value<long long>()->default_value(d.updating.maxIterations),
         "most updating iterations")
        ("save-as", po::value<std::string>(),
         "store the updated profile as a new version of NAME in the workspace (implies "
         "--update; not a preset name)")
        ("replay", po::value<std::string>(),
         "closing the loop: replay this recorded test (dataset ID with a force and floor "
         "velocities) with the profile before and after updating (implies --update)");
    options.add(data).add(lscf).add(fit).add(update);
}

IdentifyInput identifyInputFromOptions(const po::variables_map& vm)
{
    IdentifyInput in;
    in.profile = profileFromOptions(vm);
    in.dataset = vm["dataset"].as<std::string>();
    const std::string method = vm["method"].as<std::string>();
    if (!identification::parseIdentificationMethod(method, in.method))
        throw UsageError("--method must be circle, lscf or global, got '" + method + "'");
    parseBand(vm, in);
    in.modes = static_cast<std::size_t>(nonNegativeCount(vm, "modes", 100));
    in.drivingPoint = vm["driving-point"].as<int>();
    in.compareMethods = !vm["no-compare"].as<bool>();
    in.lscf.minOrder = vm["min-order"].as<int>();
    in.lscf.maxOrder = vm["max-order"].as<int>();
    in.lscf.orderStep = vm["order-step"].as<int>();
    in.lscf.frequencyTolerance = vm["frequency-tolerance"].as<double>();
    in.lscf.dampingTolerance = vm["damping-tolerance"].as<double>();
    in.lscf.macTolerance = vm["mac-tolerance"].as<double>();
    in.lscf.maxDampingRatio = vm["max-damping-ratio"].as<double>();
    in.lscf.minStableOrders =
        static_cast<std::size_t>(nonNegativeCount(vm, "min-stable-orders", 1000));
    if (vm.count("pick"))
        in.picks = parsePicks(vm["pick"].as<std::string>());
    in.circle.windowFraction = vm["circle-window"].as<double>();
    in.circle.minPoints = static_cast<std::size_t>(nonNegativeCount(vm, "circle-points", 100000));
    in.circle.pairs = static_cast<std::size_t>(nonNegativeCount(vm, "circle-pairs", 1000));
    in.circle.minProminence = vm["circle-prominence"].as<double>();
    in.lsfd.upperResidual = !vm["no-upper-residual"].as<bool>();
    in.lsfd.lowerResidual = !vm["no-lower-residual"].as<bool>();
    in.global.maxIterations = static_cast<int>(nonNegativeCount(vm, "global-iterations", 100000));
    in.tridiagonalTolerance = vm["tridiagonal-tolerance"].as<double>();
    in.update = vm["update"].as<bool>() || vm.count("save-as") || vm.count("replay");
    parseUpdateParameters(vm, in);
    in.updating.frequencyWeight = vm["frequency-weight"].as<double>();
    in.updating.shapeWeight = vm["shape-weight"].as<double>();
    in.updating.dampingWeight = vm["damping-weight"].as<double>();
    in.updating.tikhonov = vm["tikhonov"].as<double>();
    in.updating.maxIterations = static_cast<int>(nonNegativeCount(vm, "update-iterations", 100000));
    if (vm.count("save-as"))
        if (const auto issues = io::Workspace::checkProfileName(vm["save-as"].as<std::string>());
            !issues.empty()) {
            std::vector<std::string> lines;
            for (const auto& issue : issues)
                lines.push_back("--save-as: " + issue.message);
            throw UsageError(std::move(lines));
        }
    // Options first (cheap, and a bad option is reported even when the record is unreadable).
    InputIssues optionIssues;
    for (auto& issue : in.validate())
        if (issue.field != "dataset") // "no record loaded" yet
            optionIssues.push_back(issue);
    if (!optionIssues.empty())
        throwIssues(optionIssues);
    in.data = loadRecordDataset(vm, in.dataset, "dataset");
    if (const auto issues = in.validate(); !issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& issue : issues)
            lines.push_back("--" + optionFor(issue.field) +
                            (issue.field == "dataset" ? " " + in.dataset : std::string()) + ": " +
                            issue.message);
        throw UsageError(std::move(lines));
    }
    return in;
}

nlohmann::json identifyPanelInputFromOptions(const po::variables_map& vm)
{
    nlohmann::json j = identification::identifyInputToJson(identifyInputFromOptions(vm));
    j.erase("profile");
    j["replay"] = vm.count("replay") ? vm["replay"].as<std::string>() : std::string();
    return j;
}

int runIdentifyCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                       CommandIo& io)
{
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    addIdentifyOptions(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("identify", kUsage, options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    const IdentifyInput input = identifyInputFromOptions(vm);
    std::optional<io::Dataset> replay;
    if (vm.count("replay")) {
        const std::string id = vm["replay"].as<std::string>();
        replay = loadRecordDataset(vm, id, "replay");
        dynamics::ReplayInput check;
        check.profile = input.profile;
        if (const auto issues = io::fillReplayFromDataset(*replay, check); !issues.empty()) {
            std::vector<std::string> lines;
            for (const auto& issue : issues)
                lines.push_back("--replay " + id + ": " + issue.message);
            throw UsageError(std::move(lines));
        }
    }
    identification::IdentifyResult result;
    try {
        result = identification::runIdentify(input);
    } catch (const std::invalid_argument& e) {
        throw identifyFailure(e.what(), input.dataset);
    }
    nlohmann::json resultJson = identification::identifyResultToJson(result);
    if (replay) {
        try {
            resultJson["replay"] = identification::replayComparisonToJson(
                identification::compareReplay(*replay, input.profile, result.updatedProfile));
        } catch (const std::invalid_argument& e) {
            throw UsageError("--replay " + replay->info.id + ": " + e.what());
        }
    }
    if (vm.count("save-as")) {
        model::Profile saved = result.updatedProfile;
        saved.name = vm["save-as"].as<std::string>();
        io::Workspace workspace = openWorkspaceForWriting(vm);
        try {
            const io::ProfileVersion v = workspace.saveProfile(
                saved, "identified from dataset '" + result.dataset + "' (" +
                           identificationMethodName(input.method) + ") by dtop identify");
            resultJson["saved_profile"] = {
                {"name", v.profile.name}, {"version", v.version}, {"workspace", workspace.path()}};
        } catch (const io::WorkspaceInputError& e) {
            throw UsageError(std::string("--save-as: ") + e.what());
        } catch (const io::WorkspaceError& e) {
            throw FileError(e.what());
        }
    }
    const auto json = io::resultEnvelope("identify", identification::identifyInputToJson(input),
                                         resultJson);
    writeResult(vm, json, identification::identifyModesTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
