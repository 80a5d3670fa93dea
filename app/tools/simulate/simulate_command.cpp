// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop simulate`: virtual hammer, shaker and ground-motion tests with Monte-Carlo scenarios.
#include "tools/simulate/simulate_command.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "cli/record_options.h"
#include "cli/workspace_options.h"
#include "io/dataset_library.h"
#include "io/dynamics_json.h"
#include "io/replay_record.h"
#include "io/simulate_json.h"
#include "io/time_series_csv.h"
#include "paths.h"

#include <cctype>
#include <map>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

const char* kUsage =
    "[options]\n\n"
    "Virtual test of the active profile: the response of every floor (displacement, velocity,\n"
    "acceleration) to an impact hammer, a half-sine pulse, a band-limited random shaker force,\n"
    "a sine, a swept sine, a ground acceleration record or a recorded force, for the nominal\n"
    "structure and for Monte-Carlo scenarios, with Welch spectra and the H1 FRF estimate.\n\n"
    "Differences from the prototype's simulator: linear profiles are integrated exactly\n"
    "(matrix exponential, first-order hold) and cubic ones adaptively with a step bounded by\n"
    "the pulse width, so no pulse is skipped at any sample rate; the time grid is t = k/fs;\n"
    "every parameter is sampled independently with a recorded seed; the random force has\n"
    "random phases (not a time-symmetric signal); the PSD is a density in unit²/Hz with a\n"
    "user-chosen segment length (default resolution <= 0.25 Hz), not log10 of its root.\n"
    "With --record (replay) the error per floor is the NRMSE = RMS(simulated - measured\n"
    "velocity) / RMS(measured velocity).";

double positiveOrZero(const po::variables_map& vm, const char* option)
{
    return vm[option].as<double>();
}

std::uint64_t parseSeed(const std::string& text)
{
    if (text.empty() || text.size() > 20 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        throw UsageError("--seed must be a whole number between 0 and 18446744073709551615, "
                         "got '" + text + "'");
    try {
        return std::stoull(text);
    } catch (const std::exception&) {
        throw UsageError("--seed must be a whole number between 0 and 18446744073709551615, "
                         "got '" + text + "'");
    }
}

std::size_t parseCount(const po::variables_map& vm, const char* option, long long max)
{
    const long long v = vm[option].as<long long>();
    if (v < 0 || v > max)
        throw UsageError("--" + std::string(option) + " must be between 0 and " +
                         std::to_string(max) + ", got " + std::to_string(v));
    return static_cast<std::size_t>(v);
}

// The option that sets an InputIssue's field, for messages that name it.
std::string optionFor(const std::string& field, const po::variables_map& vm)
{
    static const std::map<std::string, std::string> kFields = {
        {"mass_distribution", "distribution"},     {"stiffness_distribution", "distribution"},
        {"damping_distribution", "distribution"},  {"mass_truncation", "truncation"},
        {"stiffness_truncation", "truncation"},    {"damping_truncation", "truncation"},
        {"atol", "rtol"},                          {"keep_scenarios", "keep-scenarios"},
    };
    if (const auto it = kFields.find(field); it != kFields.end())
        return it->second;
    for (const char* group : {"mass", "stiffness", "damping"})
        if (field == std::string(group) + "_spread")
            return std::string(group) + (vm.count(std::string(group) + "-sd") ? "-sd" : "-cv");
    static const char* kProfileSymbols[][2] = {{"m", "mass"}, {"k", "stiffness"},
                                               {"c", "damping"}, {"kc", "cubic"}};
    for (const auto& [symbol, option] : kProfileSymbols)
        if (field.rfind(symbol, 0) == 0 && field.size() > std::strlen(symbol) &&
            std::isdigit(static_cast<unsigned char>(field[std::strlen(symbol)])))
            return option;
    std::string option = field;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

[[noreturn]] void throwIssues(const InputIssues& issues, const po::variables_map& vm)
{
    std::vector<std::string> lines;
    for (const auto& issue : issues)
        lines.push_back("--" + optionFor(issue.field, vm) + ": " + issue.message);
    throw UsageError(std::move(lines));
}

void applyScatter(const po::variables_map& vm, const char* group, uq::ParameterScatter& s,
                  uq::DistributionKind kind, double truncation)
{
    const std::string cv = std::string(group) + "-cv";
    const std::string sd = std::string(group) + "-sd";
    if (vm.count(cv) && vm.count(sd))
        throw UsageError("--" + cv + " and --" + sd + " are alternatives; give one of them");
    s.kind = kind;
    s.truncationSds = truncation;
    if (vm.count(sd)) {
        s.relative = false;
        s.spread = vm[sd].as<double>();
    } else {
        s.relative = true;
        s.spread = vm.count(cv) ? vm[cv].as<double>() : 0.0;
    }
}

void applySpectrumOptions(const po::variables_map& vm, signal::WelchOptions& w)
{
    const std::string window = vm["psd-window"].as<std::string>();
    if (!signal::parseWindowKind(window, w.window))
        throw UsageError("--psd-window must be hann, hamming or rectangular, got '" + window + "'");
    w.segmentLength = parseCount(vm, "psd-segment", static_cast<long long>(dynamics::kMaxSimulationSamples));
    w.overlap = vm["psd-overlap"].as<double>();
}

dynamics::IntegrationOptions integrationFromOptions(const po::variables_map& vm)
{
    dynamics::IntegrationOptions o;
    const std::string method = vm["integrator"].as<std::string>();
    if (!dynamics::parseIntegrationMethod(method, o.method))
        throw UsageError("--integrator must be auto, exact or adaptive, got '" + method + "'");
    o.relativeTolerance = vm["rtol"].as<double>();
    return o;
}

} // namespace

void addSimulateTestOptions(po::options_description& options)
{
    const dynamics::SimulateInput d;
    const dynamics::Excitation& e = d.excitation;
    po::options_description test("Virtual test");
    test.add_options()
        ("excitation", po::value<std::string>()->default_value("hammer"),
         "hammer | halfsine | random | sine | sweep | base | record")
        ("duration", po::value<double>()->default_value(d.durationS), "simulated duration T [s]")
        ("sample-rate", po::value<double>()->default_value(d.sampleRateHz),
         "output sample rate fs [Hz]; samples at t = k/fs, k = 0..floor(T·fs)")
        ("input-floor", po::value<int>()->default_value(e.floor),
         "floor the force acts on (1 = lowest)")
        ("hammer-peak", po::value<double>()->default_value(e.hammer.peakN), "hammer: peak force [N]")
        ("hammer-centre", po::value<double>()->default_value(e.hammer.centreS),
         "hammer: time of the peak [s]")
        ("hammer-width", po::value<double>()->default_value(e.hammer.widthS),
         "hammer: Gaussian standard deviation sigma [s]")
        ("halfsine-peak", po::value<double>()->default_value(e.halfSine.peakN),
         "half-sine: peak force [N]")
        ("halfsine-start", po::value<double>()->default_value(e.halfSine.startS),
         "half-sine: start time [s]")
        ("halfsine-duration", po::value<double>()->default_value(e.halfSine.durationS),
         "half-sine: pulse duration [s]")
        ("random-rms", po::value<double>()->default_value(e.random.rmsN),
         "random: RMS of the force realisation [N]")
        ("random-f1", po::value<double>()->default_value(e.random.bandLowHz),
         "random: lower band edge [Hz]")
        ("random-f2", po::value<double>()->default_value(e.random.bandHighHz),
         "random: upper band edge [Hz] (<= fs/2)")
        ("random-per-scenario", po::bool_switch(),
         "random: a new force realisation for every scenario")
        ("sine-amplitude", po::value<double>()->default_value(e.sine.amplitudeN),
         "sine: amplitude [N]")
        ("sine-frequency", po::value<double>()->default_value(e.sine.frequencyHz),
         "sine: frequency [Hz]")
        ("sine-phase", po::value<double>()->default_value(e.sine.phaseRad), "sine: phase [rad]")
        ("sweep-amplitude", po::value<double>()->default_value(e.sweep.amplitudeN),
         "sweep: amplitude [N]")
        ("sweep-f0", po::value<double>()->default_value(e.sweep.startHz),
         "sweep: start frequency [Hz]")
        ("sweep-f1", po::value<double>()->default_value(e.sweep.endHz),
         "sweep: end frequency [Hz]")
        ("sweep-start", po::value<double>()->default_value(e.sweep.startS),
         "sweep: start time [s]")
        ("sweep-duration", po::value<double>()->default_value(e.sweep.durationS),
         "sweep: duration [s]")
        ("sweep-law", po::value<std::string>()->default_value("linear"),
         "sweep: linear or log (exponential in time)")
        ("base-record", po::value<std::string>(),
         "base: CSV file time_s,acceleration_m_s2 of the ground acceleration (outputs are "
         "relative to the ground, plus the absolute acceleration)")
        ("force-record", po::value<std::string>(),
         "record: CSV file time_s,force_n of a force acting on --input-floor")
        ("x0", po::value<std::string>(), "initial displacements x1,x2,... [m] (default 0)")
        ("v0", po::value<std::string>(), "initial velocities v1,v2,... [m/s] (default 0)")
        ("integrator", po::value<std::string>()->default_value("auto"),
         "auto (exact for linear profiles, adaptive for cubic springs) | exact | adaptive")
        ("rtol", po::value<double>()->default_value(d.integration.relativeTolerance),
         "relative tolerance of the adaptive integrator [-]");
    addRecordHoldOption(test);
    po::options_description scenarios("Monte-Carlo scenarios");
    scenarios.add_options()
        ("scenarios", po::value<long long>()->default_value(0),
         "number of scenarios besides the nominal structure")
        ("seed", po::value<std::string>()->default_value(std::to_string(d.seed)),
         "master seed of every random input (recorded in the result)")
        ("sampling", po::value<std::string>()->default_value("monte-carlo"),
         "monte-carlo or latin-hypercube")
        ("distribution", po::value<std::string>()->default_value("normal"),
         "distribution of the scattered m, k, c: normal, truncated-normal or lognormal")
        ("truncation", po::value<double>()->default_value(3.0),
         "truncated-normal: keep the mean ± this many standard deviations [-]")
        ("mass-cv", po::value<double>(), "coefficient of variation of every m_i [-]")
        ("mass-sd", po::value<double>(), "standard deviation of every m_i [kg]")
        ("stiffness-cv", po::value<double>(), "coefficient of variation of every k_i [-]")
        ("stiffness-sd", po::value<double>(), "standard deviation of every k_i [N/m]")
        ("damping-cv", po::value<double>(), "coefficient of variation of every c_i [-]")
        ("damping-sd", po::value<double>(), "standard deviation of every c_i [N·s/m]")
        ("x0-sd", po::value<double>()->default_value(0.0),
         "standard deviation of the initial displacements [m]")
        ("v0-sd", po::value<double>()->default_value(0.0),
         "standard deviation of the initial velocities [m/s]")
        ("keep-scenarios", po::value<long long>()->default_value(0),
         "return the full time histories of the first N scenarios");
    po::options_description spectra("Spectra");
    spectra.add_options()
        ("no-spectra", po::bool_switch(), "skip the PSD and H1 estimates")
        ("psd-window", po::value<std::string>()->default_value("hann"),
         "hann, hamming or rectangular (periodic)")
        ("psd-segment", po::value<long long>()->default_value(0),
         "Welch segment length [samples]; 0 = the power of two giving <= 0.25 Hz (at most the "
         "record)")
        ("psd-overlap", po::value<double>()->default_value(0.5),
         "overlap of consecutive segments [fraction, 0..0.95]")
        ("psd-quantity", po::value<std::string>()->default_value("displacement"),
         "response in the JSON psd: displacement [m²/Hz], velocity [(m/s)²/Hz] or "
         "acceleration [(m/s²)²/Hz]")
        ("frf-quantity", po::value<std::string>()->default_value("accelerance"),
         "H1 estimate and model FRF: receptance [m/N], mobility [(m/s)/N] or accelerance "
         "[(m/s²)/N]");
    po::options_description replay("Replay of a recorded test");
    replay.add_options()
        ("record", po::value<std::string>(),
         "replay dataset ID (a time history, see dtop dataset list): its measured force drives "
         "the profile at the dataset's excitation floor (or --input-floor if given) and the "
         "result compares the simulated floor velocities with the measured ones "
         "(replay.nrmse per floor); the excitation, scenario and duration options do not apply");
    options.add(test).add(scenarios).add(spectra).add(replay);
}

dynamics::SimulateInput simulateInputFromOptions(const po::variables_map& vm)
{
    dynamics::SimulateInput in;
    in.profile = profileFromOptions(vm);
    dynamics::Excitation& e = in.excitation;
    const std::string kind = vm["excitation"].as<std::string>();
    if (!dynamics::parseExcitationKind(kind, e.kind))
        throw UsageError("--excitation must be hammer, halfsine, random, sine, sweep, base or "
                         "record, got '" + kind + "'");
    in.durationS = vm["duration"].as<double>();
    in.sampleRateHz = vm["sample-rate"].as<double>();
    e.floor = vm["input-floor"].as<int>();
    e.hammer = {vm["hammer-peak"].as<double>(), vm["hammer-centre"].as<double>(),
                vm["hammer-width"].as<double>()};
    e.halfSine = {vm["halfsine-peak"].as<double>(), vm["halfsine-start"].as<double>(),
                  vm["halfsine-duration"].as<double>()};
    e.random = {vm["random-rms"].as<double>(), vm["random-f1"].as<double>(),
                vm["random-f2"].as<double>(), vm["random-per-scenario"].as<bool>()};
    e.sine = {vm["sine-amplitude"].as<double>(), vm["sine-frequency"].as<double>(),
              vm["sine-phase"].as<double>()};
    e.sweep.amplitudeN = vm["sweep-amplitude"].as<double>();
    e.sweep.startHz = vm["sweep-f0"].as<double>();
    e.sweep.endHz = vm["sweep-f1"].as<double>();
    e.sweep.startS = vm["sweep-start"].as<double>();
    e.sweep.durationS = vm["sweep-duration"].as<double>();
    const std::string law = vm["sweep-law"].as<std::string>();
    if (!dynamics::parseSweepLaw(law, e.sweep.law))
        throw UsageError("--sweep-law must be linear or log, got '" + law + "'");
    recordHoldFromOptions(vm); // a bad --record-hold is an error even without a record
    if (e.kind == dynamics::ExcitationKind::BaseMotion) {
        if (!vm.count("base-record"))
            throw UsageError("--excitation base needs --base-record FILE (CSV time_s,"
                             "acceleration_m_s2)");
        e.baseAcceleration = readRecordOption(vm, "base-record");
    }
    if (e.kind == dynamics::ExcitationKind::RecordedForce) {
        if (!vm.count("force-record"))
            throw UsageError("--excitation record needs --force-record FILE (CSV time_s,force_n)");
        e.recordedForce = readRecordOption(vm, "force-record");
    }
    if (vm.count("x0"))
        in.initial.displacementM = parseNumberList("x0", vm["x0"].as<std::string>());
    if (vm.count("v0"))
        in.initial.velocityMS = parseNumberList("v0", vm["v0"].as<std::string>());
    in.integration = integrationFromOptions(vm);

    in.scenarios = parseCount(vm, "scenarios", static_cast<long long>(dynamics::kMaxScenarios));
    in.seed = parseSeed(vm["seed"].as<std::string>());
    const std::string sampling = vm["sampling"].as<std::string>();
    if (!uq::parseSamplingMethod(sampling, in.sampling))
        throw UsageError("--sampling must be monte-carlo or latin-hypercube, got '" + sampling + "'");
    const std::string distribution = vm["distribution"].as<std::string>();
    uq::DistributionKind kindOfScatter;
    if (!uq::parseDistributionKind(distribution, kindOfScatter) ||
        (kindOfScatter != uq::DistributionKind::Normal &&
         kindOfScatter != uq::DistributionKind::TruncatedNormal &&
         kindOfScatter != uq::DistributionKind::LogNormal))
        throw UsageError("--distribution must be normal, truncated-normal or lognormal, got '" +
                         distribution + "'");
    const double truncation = vm["truncation"].as<double>();
    applyScatter(vm, "mass", in.scatter.mass, kindOfScatter, truncation);
    applyScatter(vm, "stiffness", in.scatter.stiffness, kindOfScatter, truncation);
    applyScatter(vm, "damping", in.scatter.damping, kindOfScatter, truncation);
    in.scatter.initialDisplacementSdM = positiveOrZero(vm, "x0-sd");
    in.scatter.initialVelocitySdMS = positiveOrZero(vm, "v0-sd");
    in.keptScenarios = parseCount(vm, "keep-scenarios", static_cast<long long>(dynamics::kMaxKeptScenarios));

    in.spectra = !vm["no-spectra"].as<bool>();
    applySpectrumOptions(vm, in.welch);
    const std::string frf = vm["frf-quantity"].as<std::string>();
    if (!dynamics::parseFrfQuantity(frf, in.frfQuantity))
        throw UsageError("--frf-quantity must be receptance, mobility or accelerance, got '" +
                         frf + "'");
    if (const auto issues = in.validate(); !issues.empty())
        throwIssues(issues, vm);
    return in;
}

dynamics::ReplayInput replayInputFromOptions(const po::variables_map& vm)
{
    dynamics::ReplayInput in;
    in.profile = profileFromOptions(vm);
    in.forceHold = recordHoldFromOptions(vm);
    in.integration = integrationFromOptions(vm);
    applySpectrumOptions(vm, in.welch);
    return in;
}

int writeReplay(const po::variables_map& vm, const dynamics::ReplayInput& input,
                const nlohmann::json& record, CommandIo& io)
{
    if (const auto issues = input.validate(); !issues.empty())
        throwIssues(issues, vm);
    const dynamics::ReplayResult result = dynamics::runReplay(input);
    nlohmann::json inputJson = io::replayInputToJson(input);
    inputJson["record"] = record;
    const auto json = io::resultEnvelope("simulate", inputJson, io::replayResultToJson(result, input));
    writeResult(vm, json, io::replayResultTable(result, input), io);
    return kExitOk;
}

io::Dataset loadRecordDataset(const po::variables_map& vm, const std::string& id,
                              const std::string& option)
{
    auto catalogue = io::loadBundledCatalogue(app::dataDirectory());
    auto workspace = openWorkspaceIfExists(workspacePath(vm));
    auto read = io::loadDataset(catalogue ? &catalogue.value() : nullptr,
                                workspace ? &*workspace : nullptr, id);
    if (!read) {
        // An id that no source knows is an input error; a file that fails to read is not,
        // nor is a bundled catalogue that could not be read.
        if (read.error().line == 0 && read.error().file == id) {
            if (!catalogue)
                throw FileError("--" + option + " " + id + ": bundled data unavailable: " +
                                catalogue.error().text());
            throw UsageError("--" + option + ": " + read.error().message);
        }
        throw FileError("--" + option + " " + id + ": " + read.error().text());
    }
    return std::move(read).value();
}

int runRecordReplay(const po::variables_map& vm, CommandIo& io)
{
    const std::string id = vm["record"].as<std::string>();
    const io::Dataset dataset = loadRecordDataset(vm, id);
    dynamics::ReplayInput input = replayInputFromOptions(vm);
    const int floor = vm["input-floor"].defaulted() ? 0 : vm["input-floor"].as<int>();
    if (const auto issues = io::fillReplayFromDataset(dataset, input, floor); !issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& issue : issues)
            lines.push_back("--record " + id + ": " + issue.message);
        throw UsageError(std::move(lines));
    }
    const nlohmann::json record = {{"dataset", dataset.info.id},
                                   {"title", dataset.info.title},
                                   {"source", dataset.info.source},
                                   {"rig", dataset.info.rig},
                                   {"excitation_floor", dataset.info.excitationFloor}};
    return writeReplay(vm, input, record, io);
}

int runSimulateCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                       CommandIo& io)
{
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    addSimulateTestOptions(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("simulate", kUsage, options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    dynamics::ResponseQuantity psdQuantity;
    const std::string q = vm["psd-quantity"].as<std::string>();
    if (!dynamics::parseResponseQuantity(q, psdQuantity))
        throw UsageError("--psd-quantity must be displacement, velocity or acceleration, got '" +
                         q + "'");
    if (vm.count("record"))
        return runRecordReplay(vm, io);
    const dynamics::SimulateInput input = simulateInputFromOptions(vm);
    const dynamics::SimulateResult result = dynamics::runSimulate(input);
    nlohmann::json inputJson = io::simulateInputToJson(input);
    inputJson["psd_quantity"] = dynamics::responseQuantityName(psdQuantity);
    const auto json = io::resultEnvelope("simulate", inputJson,
                                         io::simulateResultToJson(result, input, psdQuantity));
    writeResult(vm, json, io::simulateResultTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
