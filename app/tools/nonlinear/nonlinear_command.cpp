// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop nonlinear`: periodic orbits of the forced cubic chain, continuation, folds, stability,
// backbones, bistability map, open-loop sweeps and simulated CBC (docs/tools/nonlinear.md).
#include "tools/nonlinear/nonlinear_command.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "io/dynamics_json.h"
#include "nonlinear/nonlinear_json.h"
#include "paths.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

const char* kUsage =
    "[options]\n\n"
    "Periodic responses of the forced chain with cubic storey springs (force F cos ωt on\n"
    "floor 1), computed directly by harmonic balance (odd harmonics, their number chosen\n"
    "automatically and reported), with stability from Floquet multipliers:\n"
    "  force-curve      S-curve: continuation in force at --frequency-rad-s (default 1–81 N)\n"
    "  frequency-curve  frequency response at --force-n (default 1–50 rad/s), with backbones\n"
    "  backbone         backbone curve of --mode (0: every mode), up to --to rad/s\n"
    "  fold-curve       bistability region in the (frequency, force) plane and its cusp\n"
    "  sweep            open-loop sweep: quasi-static (jumps at the folds) and, with\n"
    "                   --sweep-rate, time-domain (warns when the rate is too fast)\n"
    "  cbc              simulated control-based continuation with PD gains --kp, --kd\n"
    "Folds are located on the branch; --legacy adds the prototype's default run (labelled\n"
    "compatibility mode) and its agreement with the bundled reference run. Methods, defaults\n"
    "and verification: docs/tools/nonlinear.md.";

// The option that sets an InputIssue's field, for messages that name it (the profile is
// validated, naming its options, before the analysis input).
std::string optionFor(const std::string& field)
{
    if (field == "backbones_with_frequency_curve")
        return "no-backbones";
    std::string option = field;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

std::size_t countOption(const po::variables_map& vm, const char* option)
{
    const long long v = vm[option].as<long long>();
    if (v < 0)
        throw UsageError("--" + std::string(option) + " must be >= 0, got " + std::to_string(v));
    return static_cast<std::size_t>(v);
}

// The tool input in an --input FILE: the object itself or the "input" of a `dtop nonlinear`
// result. Problems name the file and the line (syntax) or the key (values).
nonlinear::NonlinearInput readInputFile(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        throw FileError("--input: cannot read " + path);
    std::stringstream text;
    text << file.rdbuf();
    const std::string s = text.str();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(s);
    } catch (const nlohmann::json::parse_error& e) {
        const std::size_t end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, s.size());
        const auto line = 1 + std::count(s.begin(), s.begin() + static_cast<long>(end), '\n');
        throw FileError(path + " line " + std::to_string(line) + ": invalid JSON");
    }
    if (j.is_object() && j.contains("input") && j["input"].is_object())
        j = j["input"];
    try {
        return nonlinear::nonlinearInputFromJson(j);
    } catch (const std::exception& e) {
        throw FileError(path + ": " + e.what());
    }
}

bool modelOptionsGiven(const po::variables_map& vm)
{
    for (const char* o : {"mass", "stiffness", "damping", "cubic"})
        if (vm.count(o))
            return true;
    return !vm["profile"].defaulted();
}

// The option a failure of the analysis on valid input concerns (a range without a solution,
// gains that destabilise the rig).
std::string failedOption(const std::string& message, const nonlinear::NonlinearInput& in)
{
    if (message.rfind("kp", 0) == 0)
        return "kp";
    if (message.find("no fold") != std::string::npos)
        return "frequency-rad-s";
    if (message.find("start of the range") != std::string::npos)
        return "from";
    return std::string("analysis ") + nonlinear::nonlinearAnalysisName(in.analysis);
}

} // namespace

nonlinear::LegacyReference bundledLegacyReference()
{
    const std::filesystem::path path =
        std::filesystem::path(app::dataDirectory()) / "nonlinear" / "data_download.txt";
    return {std::filesystem::exists(path) ? path.string() : std::string()};
}

void addNonlinearOptions(po::options_description& options)
{
    const nonlinear::NonlinearInput d;
    po::options_description main("Analysis");
    main.add_options()
        ("analysis", po::value<std::string>()->default_value(nonlinearAnalysisName(d.analysis)),
         "force-curve | frequency-curve | backbone | fold-curve | sweep | cbc")
        ("frequency-rad-s", po::value<double>()->default_value(d.frequencyRadS),
         "fixed forcing frequency of a force curve, CBC or force sweep; start of the fold "
         "curve [rad/s]")
        ("force-n", po::value<double>()->default_value(d.forceN),
         "fixed force amplitude of a frequency curve or frequency sweep [N]")
        ("from", po::value<double>(),
         "start of the continued parameter [N for force-curve, cbc, force sweep; rad/s "
         "otherwise] (default: 1 N / 1 rad/s; fold curve 0.5 × --frequency-rad-s)")
        ("to", po::value<double>(),
         "end of the continued parameter [N or rad/s] (default: 81 N / 50 rad/s; backbone "
         "1.25 × the mode's frequency; fold curve 1.5 × --frequency-rad-s)")
        ("mode", po::value<int>()->default_value(d.mode),
         "backbone mode (1 = lowest; 0: every mode)")
        ("harmonics", po::value<int>()->default_value(d.harmonics),
         "odd harmonics retained (1, 3, …, 2N−1); 0: automatic by a convergence test")
        ("kp", po::value<double>()->default_value(d.kp),
         "CBC proportional gain [N/m] (physical sign: > 0 stabilises)")
        ("kd", po::value<double>()->default_value(d.kd), "CBC derivative gain [N·s/m]")
        ("legacy", po::bool_switch(),
         "also run the prototype's default run (compatibility mode, labelled as such) and "
         "compare it with the bundled reference run")
        ("reference-run", po::value<std::string>(),
         "the prototype's result FILE (data_download.txt format) that the compatibility-mode run "
         "is compared with (default: the bundled reference run); implies --legacy")
        ("input", po::value<std::string>(),
         "JSON FILE of the tool's input (keys as printed under \"input\"); options given on the "
         "command line override it");
    po::options_description more("Continuation and accuracy");
    more.add_options()
        ("harmonic-tolerance-m", po::value<double>()->default_value(d.harmonicToleranceM),
         "automatic harmonics: largest amplitude allowed for the highest retained harmonic [m]")
        ("fold-tolerance", po::value<double>()->default_value(d.foldArcTolerance),
         "fold localisation: bracket length on the scaled arclength [-]")
        ("max-points", po::value<long long>()->default_value(static_cast<long long>(d.maxPoints)),
         "largest number of points of a branch")
        ("force-limit-n", po::value<double>()->default_value(d.forceLimitN),
         "fold curve: largest force [N]")
        ("no-backbones", po::bool_switch(), "frequency-curve: skip the backbone overlay");
    po::options_description sweep("Sweep");
    sweep.add_options()
        ("sweep-parameter", po::value<std::string>()->default_value(
                                sweepParameterName(d.sweepParameter)),
         "frequency (at --force-n) or force (at --frequency-rad-s)")
        ("sweep-points",
         po::value<long long>()->default_value(static_cast<long long>(d.sweepPoints)),
         "quasi-static sweep: grid points each way")
        ("sweep-rate", po::value<double>()->default_value(d.sweepRate),
         "time-domain sweep rate [rad/s² or N/s]; 0: none");
    po::options_description cbc("Simulated control-based continuation");
    cbc.add_options()
        ("cbc-points", po::value<long long>()->default_value(static_cast<long long>(d.cbcPoints)),
         "target number of points along the S-curve")
        ("cbc-tolerance-n", po::value<double>()->default_value(d.cbcToleranceN),
         "convergence: largest invasive (non-fundamental) control force [N]")
        ("cbc-max-iterations", po::value<int>()->default_value(d.cbcMaxIterations),
         "fixed-point iterations per point")
        ("cbc-samples-per-period", po::value<int>()->default_value(d.cbcSamplesPerPeriod),
         "samples per period of the Fourier estimator")
        ("cbc-harmonics", po::value<int>()->default_value(d.cbcHarmonics),
         "harmonics of the target and the estimator");
    options.add(main).add(more).add(sweep).add(cbc);
}

nonlinear::NonlinearInput nonlinearInputFromOptions(const po::variables_map& vm)
{
    const bool fromFile = vm.count("input") > 0;
    nonlinear::NonlinearInput in;
    if (fromFile)
        in = readInputFile(vm["input"].as<std::string>());
    if (!fromFile || modelOptionsGiven(vm))
        in.profile = profileFromOptions(vm);
    // With --input, only the options given on the command line replace the file's values.
    auto given = [&](const char* o) {
        return vm.count(o) && !(fromFile && vm[o].defaulted());
    };
    if (given("analysis")) {
        const std::string a = vm["analysis"].as<std::string>();
        if (!nonlinear::parseNonlinearAnalysis(a, in.analysis))
            throw UsageError("--analysis must be force-curve, frequency-curve, backbone, "
                             "fold-curve, sweep or cbc, got '" + a + "'");
    }
    if (given("frequency-rad-s"))
        in.frequencyRadS = vm["frequency-rad-s"].as<double>();
    if (given("force-n"))
        in.forceN = vm["force-n"].as<double>();
    if (given("from"))
        in.from = vm["from"].as<double>();
    if (given("to"))
        in.to = vm["to"].as<double>();
    if (given("mode"))
        in.mode = vm["mode"].as<int>();
    if (given("harmonics"))
        in.harmonics = vm["harmonics"].as<int>();
    if (given("kp"))
        in.kp = vm["kp"].as<double>();
    if (given("kd"))
        in.kd = vm["kd"].as<double>();
    if (vm["legacy"].as<bool>() || vm.count("reference-run"))
        in.legacy = true;
    if (given("harmonic-tolerance-m"))
        in.harmonicToleranceM = vm["harmonic-tolerance-m"].as<double>();
    if (given("fold-tolerance"))
        in.foldArcTolerance = vm["fold-tolerance"].as<double>();
    if (given("max-points"))
        in.maxPoints = countOption(vm, "max-points");
    if (given("force-limit-n"))
        in.forceLimitN = vm["force-limit-n"].as<double>();
    if (vm["no-backbones"].as<bool>())
        in.backbonesWithFrequencyCurve = false;
    if (given("sweep-parameter")) {
        const std::string p = vm["sweep-parameter"].as<std::string>();
        if (!nonlinear::parseSweepParameter(p, in.sweepParameter))
            throw UsageError("--sweep-parameter must be frequency or force, got '" + p + "'");
    }
    if (given("sweep-points"))
        in.sweepPoints = countOption(vm, "sweep-points");
    if (given("sweep-rate"))
        in.sweepRate = vm["sweep-rate"].as<double>();
    if (given("cbc-points"))
        in.cbcPoints = countOption(vm, "cbc-points");
    if (given("cbc-tolerance-n"))
        in.cbcToleranceN = vm["cbc-tolerance-n"].as<double>();
    if (given("cbc-max-iterations"))
        in.cbcMaxIterations = vm["cbc-max-iterations"].as<int>();
    if (given("cbc-samples-per-period"))
        in.cbcSamplesPerPeriod = vm["cbc-samples-per-period"].as<int>();
    if (given("cbc-harmonics"))
        in.cbcHarmonics = vm["cbc-harmonics"].as<int>();
    if (const auto issues = in.validate(); !issues.empty())
        throw UsageError::fromIssues(issues, &optionFor);
    return in;
}

int runNonlinearCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                        CommandIo& io)
{
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    addNonlinearOptions(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("nonlinear", kUsage, options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    const nonlinear::NonlinearInput input = nonlinearInputFromOptions(vm);
    nonlinear::LegacyReference reference = bundledLegacyReference();
    if (vm.count("reference-run")) {
        reference.path = vm["reference-run"].as<std::string>();
        try {
            nonlinear::readLegacyDownload(reference.path); // names the line of a bad row
        } catch (const std::invalid_argument& e) {
            throw FileError("--reference-run " + reference.path + ": " + e.what());
        }
    }
    nonlinear::NonlinearResult result;
    try {
        result = nonlinear::runNonlinear(input, Progress::none(), {}, reference);
    } catch (const std::invalid_argument& e) {
        throw UsageError("--" + failedOption(e.what(), input) + ": " + e.what());
    } catch (const std::runtime_error& e) {
        // No solution in the given range, or a solver that gave up: an input problem.
        throw UsageError("--" + failedOption(e.what(), input) + ": " + e.what());
    }
    const auto json = io::resultEnvelope("nonlinear", nonlinear::nonlinearInputToJson(input),
                                         nonlinear::nonlinearResultToJson(result));
    writeResult(vm, json, nonlinear::nonlinearResultTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
