// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop control`: vibration control by TMD, velocity feedback, compensator, LQG
// (docs/tools/control.md).
#include "tools/control/control_command.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "cli/record_options.h"
#include "control/control_json.h"
#include "io/dynamics_json.h"
#include "io/time_series_csv.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

const char* kUsage =
    "[options]\n\n"
    "Vibration control of the active profile with a harmonic primary force on --force-floor:\n"
    "a two-body device (base mass, proof mass on a spring and damper, voice coil) at --floor\n"
    "used as a passive TMD, as an inertial actuator for direct velocity feedback (DVF), DVF\n"
    "with the electronic compensator, or LQG; the ideal skyhook DVF as a reference.\n"
    "Stability is decided from the closed-loop eigenvalues; the critical gain is where a\n"
    "closed-loop pole crosses the imaginary axis. An unstable design reports stable=false and\n"
    "null reduction and effort. Kinetic energy in 10·log10(T / 1 J/N²); --legacy adds the\n"
    "prototype's printed metrics (labelled as such) for comparison. Methods, defaults and\n"
    "verification: docs/tools/control.md.";

// The option that sets an InputIssue's field, for messages that name it.
std::string optionFor(const std::string& field)
{
    static const char* kProfileSymbols[][2] = {
        {"m", "mass"}, {"k", "stiffness"}, {"c", "damping"}, {"kc", "cubic"}};
    for (const auto& [symbol, option] : kProfileSymbols)
        if (field.rfind(symbol, 0) == 0 && field.size() > std::strlen(symbol) &&
            std::isdigit(static_cast<unsigned char>(field[std::strlen(symbol)])))
            return option;
    if (field == "input_floor")
        return "force-floor";
    std::string option = field;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

std::optional<double> optionalValue(const po::variables_map& vm, const char* option)
{
    return vm.count(option) ? std::optional<double>(vm[option].as<double>()) : std::nullopt;
}

} // namespace

void addControlOptions(po::options_description& options)
{
    const control::ControlInput d;
    const control::InertialActuator& a = d.actuator;
    po::options_description design("Design");
    design.add_options()
        ("strategy", po::value<std::string>()->default_value(control::strategyName(d.strategy)),
         "none | tmd | dvf | dvf-ec | lqg | ideal-dvf")
        ("floor", po::value<int>()->default_value(d.floor),
         "floor of the device and of the velocity sensor (1 = lowest)")
        ("force-floor", po::value<int>()->default_value(d.forceFloor),
         "floor the primary force acts on (1 = lowest)")
        ("gain", po::value<double>()->default_value(d.gain),
         "velocity-feedback gain h [A·s/m] (dvf, dvf-ec, ideal-dvf): coil current per floor "
         "velocity")
        ("base-mass", po::value<double>()->default_value(a.baseMassKg),
         "device base (casing) mass m_b added to the floor [kg]")
        ("proof-mass", po::value<double>()->default_value(a.proofMassKg),
         "device proof mass m_p [kg]")
        ("suspension-stiffness", po::value<double>()->default_value(a.suspensionStiffnessNM),
         "proof-mass suspension stiffness k_p [N/m]")
        ("suspension-damping", po::value<double>()->default_value(a.suspensionDampingNsM),
         "proof-mass suspension damping c_p [N·s/m]")
        ("force-factor", po::value<double>()->default_value(a.forceFactorNA),
         "voice-coil force factor Bl [N/A]")
        ("coil-resistance", po::value<double>()->default_value(a.coilResistanceOhm),
         "coil resistance R_e [Ω] (electrical power R_e·|i|²/2)")
        ("tune", po::value<std::string>()->default_value("none"),
         "tmd only: none | den-hartog (fixed-point rule on mode 1) | ke-optimal (minimum "
         "band-integrated kinetic energy); replaces k_p and c_p")
        ("legacy", po::bool_switch(),
         "add the prototype's printed metrics (20·log10 KE curve, its stability verdict and "
         "effort), labelled as the prototype's, not physical");
    po::options_description ec("Electronic compensator (dvf-ec; unset = derived from the device)");
    ec.add_options()
        ("ec-estimate-hz", po::value<double>(),
         "estimated actuator resonance to cancel [Hz] (default: the device's f_p)")
        ("ec-estimate-damping", po::value<double>(),
         "estimated actuator damping ratio [-] (ratio, not %; default: the device's zeta_p)")
        ("ec-target-hz", po::value<double>(),
         "target (new) actuator resonance [Hz] (default: 0.3 × the structure's first frequency)")
        ("ec-target-damping", po::value<double>(),
         "target damping ratio [-] (ratio, not %; default 0.7)");
    po::options_description lqg("LQG (primary force as the disturbance, collocated velocity sensor)");
    lqg.add_options()
        ("lqg-state-weight", po::value<double>()->default_value(d.lqg.stateWeight),
         "q: weight of twice the structure's mechanical energy [1/J]")
        ("lqg-input-weight", po::value<double>()->default_value(d.lqg.inputWeight),
         "r: weight of the squared coil current [1/A²]")
        ("lqg-process-noise", po::value<double>()->default_value(d.lqg.processNoise),
         "Q_n: intensity of the white primary force [N²·s]")
        ("lqg-measurement-noise", po::value<double>()->default_value(d.lqg.measurementNoise),
         "R_n: intensity of the velocity-sensor noise [(m/s)²·s]");
    po::options_description metrics("Metrics and plots");
    metrics.add_options()
        ("band-low-hz", po::value<double>()->default_value(d.band.lowHz),
         "kinetic-energy band: lowest frequency [Hz]")
        ("band-high-hz", po::value<double>()->default_value(d.band.highHz),
         "kinetic-energy band: highest frequency [Hz]")
        ("band-step-hz", po::value<double>()->default_value(d.band.stepHz),
         "kinetic-energy band: grid step [Hz]")
        ("frf-quantity", po::value<std::string>()->default_value("mobility"),
         "per-floor FRF: receptance [m/N], mobility [(m/s)/N] or accelerance [(m/s²)/N]")
        ("root-locus-gains", po::value<long long>()->default_value(
                                 static_cast<long long>(d.rootLocusGains)),
         "number of gains of the root locus (0 to twice the critical or design gain)")
        ("no-root-locus", po::bool_switch(), "skip the root locus")
        ("no-best-gain", po::bool_switch(), "skip the search for the best stable gain");
    const dynamics::Excitation& e = d.timeDomain.excitation;
    po::options_description time("Time response (uncontrolled and controlled)");
    time.add_options()
        ("time-response", po::bool_switch(), "simulate the time response too")
        ("excitation", po::value<std::string>()->default_value("hammer"),
         "hammer | halfsine | random | sine | sweep | base | record (forces on --force-floor)")
        ("time-duration", po::value<double>()->default_value(d.timeDomain.durationS),
         "simulated duration [s]")
        ("time-sample-rate", po::value<double>()->default_value(d.timeDomain.sampleRateHz),
         "output sample rate [Hz]")
        ("seed", po::value<unsigned long long>()->default_value(d.timeDomain.seed),
         "seed of the random force realisation")
        ("hammer-peak", po::value<double>()->default_value(e.hammer.peakN), "hammer: peak force [N]")
        ("hammer-centre", po::value<double>()->default_value(e.hammer.centreS),
         "hammer: time of the peak [s]")
        ("hammer-width", po::value<double>()->default_value(e.hammer.widthS),
         "hammer: Gaussian standard deviation [s]")
        ("halfsine-peak", po::value<double>()->default_value(e.halfSine.peakN),
         "half-sine: peak force [N]")
        ("halfsine-start", po::value<double>()->default_value(e.halfSine.startS),
         "half-sine: start time [s]")
        ("halfsine-duration", po::value<double>()->default_value(e.halfSine.durationS),
         "half-sine: pulse duration [s]")
        ("random-rms", po::value<double>()->default_value(e.random.rmsN), "random: RMS force [N]")
        ("random-f1", po::value<double>()->default_value(e.random.bandLowHz),
         "random: lower band edge [Hz]")
        ("random-f2", po::value<double>()->default_value(e.random.bandHighHz),
         "random: upper band edge [Hz]")
        ("sine-amplitude", po::value<double>()->default_value(e.sine.amplitudeN),
         "sine: amplitude [N]")
        ("sine-frequency", po::value<double>()->default_value(e.sine.frequencyHz),
         "sine: frequency [Hz]")
        ("sweep-amplitude", po::value<double>()->default_value(e.sweep.amplitudeN),
         "sweep: amplitude [N]")
        ("sweep-f0", po::value<double>()->default_value(e.sweep.startHz),
         "sweep: start frequency [Hz]")
        ("sweep-f1", po::value<double>()->default_value(e.sweep.endHz),
         "sweep: end frequency [Hz]")
        ("sweep-duration", po::value<double>()->default_value(e.sweep.durationS),
         "sweep: duration [s]")
        ("base-record", po::value<std::string>(),
         "base: CSV file time_s,acceleration_m_s2 of the ground acceleration [m/s²]")
        ("force-record", po::value<std::string>(),
         "record: CSV file time_s,force_n of a force on --force-floor [N]");
    addRecordHoldOption(time);
    options.add(design).add(ec).add(lqg).add(metrics).add(time);
}

control::ControlInput controlInputFromOptions(const po::variables_map& vm)
{
    control::ControlInput in;
    in.profile = profileFromOptions(vm);
    const std::string strategy = vm["strategy"].as<std::string>();
    if (!control::parseStrategy(strategy, in.strategy))
        throw UsageError("--strategy must be none, tmd, dvf, dvf-ec, lqg or ideal-dvf, got '" +
                         strategy + "'");
    in.floor = vm["floor"].as<int>();
    in.forceFloor = vm["force-floor"].as<int>();
    in.gain = vm["gain"].as<double>();
    in.actuator.baseMassKg = vm["base-mass"].as<double>();
    in.actuator.proofMassKg = vm["proof-mass"].as<double>();
    in.actuator.suspensionStiffnessNM = vm["suspension-stiffness"].as<double>();
    in.actuator.suspensionDampingNsM = vm["suspension-damping"].as<double>();
    in.actuator.forceFactorNA = vm["force-factor"].as<double>();
    in.actuator.coilResistanceOhm = vm["coil-resistance"].as<double>();
    in.compensator.estimateHz = optionalValue(vm, "ec-estimate-hz");
    in.compensator.estimateDamping = optionalValue(vm, "ec-estimate-damping");
    in.compensator.targetHz = optionalValue(vm, "ec-target-hz");
    in.compensator.targetDamping = optionalValue(vm, "ec-target-damping");
    in.lqg.stateWeight = vm["lqg-state-weight"].as<double>();
    in.lqg.inputWeight = vm["lqg-input-weight"].as<double>();
    in.lqg.processNoise = vm["lqg-process-noise"].as<double>();
    in.lqg.measurementNoise = vm["lqg-measurement-noise"].as<double>();
    const std::string tune = vm["tune"].as<std::string>();
    if (!control::parseTmdTuning(tune, in.tune))
        throw UsageError("--tune must be none, den-hartog or ke-optimal, got '" + tune + "'");
    in.legacy = vm["legacy"].as<bool>();
    in.band.lowHz = vm["band-low-hz"].as<double>();
    in.band.highHz = vm["band-high-hz"].as<double>();
    in.band.stepHz = vm["band-step-hz"].as<double>();
    const std::string frf = vm["frf-quantity"].as<std::string>();
    if (!dynamics::parseFrfQuantity(frf, in.frfQuantity))
        throw UsageError("--frf-quantity must be receptance, mobility or accelerance, got '" +
                         frf + "'");
    const long long gains = vm["root-locus-gains"].as<long long>();
    if (gains < 2 || gains > static_cast<long long>(control::kMaxRootLocusGains))
        throw UsageError("--root-locus-gains must be between 2 and " +
                         std::to_string(control::kMaxRootLocusGains) + ", got " +
                         std::to_string(gains));
    in.rootLocusGains = static_cast<std::size_t>(gains);
    in.rootLocus = !vm["no-root-locus"].as<bool>();
    in.bestGain = !vm["no-best-gain"].as<bool>();

    control::TimeDomainOptions& t = in.timeDomain;
    t.enabled = vm["time-response"].as<bool>();
    t.durationS = vm["time-duration"].as<double>();
    t.sampleRateHz = vm["time-sample-rate"].as<double>();
    t.seed = vm["seed"].as<unsigned long long>();
    dynamics::Excitation& e = t.excitation;
    const std::string kind = vm["excitation"].as<std::string>();
    if (!dynamics::parseExcitationKind(kind, e.kind))
        throw UsageError("--excitation must be hammer, halfsine, random, sine, sweep, base or "
                         "record, got '" + kind + "'");
    e.floor = in.forceFloor;
    e.hammer = {vm["hammer-peak"].as<double>(), vm["hammer-centre"].as<double>(),
                vm["hammer-width"].as<double>()};
    e.halfSine = {vm["halfsine-peak"].as<double>(), vm["halfsine-start"].as<double>(),
                  vm["halfsine-duration"].as<double>()};
    e.random.rmsN = vm["random-rms"].as<double>();
    e.random.bandLowHz = vm["random-f1"].as<double>();
    e.random.bandHighHz = vm["random-f2"].as<double>();
    e.sine.amplitudeN = vm["sine-amplitude"].as<double>();
    e.sine.frequencyHz = vm["sine-frequency"].as<double>();
    e.sweep.amplitudeN = vm["sweep-amplitude"].as<double>();
    e.sweep.startHz = vm["sweep-f0"].as<double>();
    e.sweep.endHz = vm["sweep-f1"].as<double>();
    e.sweep.durationS = vm["sweep-duration"].as<double>();
    if (t.enabled && e.kind == dynamics::ExcitationKind::BaseMotion) {
        if (!vm.count("base-record"))
            throw UsageError("--excitation base needs --base-record FILE (CSV time_s,"
                             "acceleration_m_s2)");
        e.baseAcceleration = readRecordOption(vm, "base-record");
    }
    if (t.enabled && e.kind == dynamics::ExcitationKind::RecordedForce) {
        if (!vm.count("force-record"))
            throw UsageError("--excitation record needs --force-record FILE (CSV time_s,force_n)");
        e.recordedForce = readRecordOption(vm, "force-record");
    }
    if (const auto issues = in.validate(); !issues.empty())
        throw UsageError::fromIssues(issues, &optionFor);
    return in;
}

int runControlCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                      CommandIo& io)
{
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    addControlOptions(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("control", kUsage, options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    const control::ControlInput input = controlInputFromOptions(vm);
    control::ControlResult result;
    try {
        result = control::runControl(input);
    } catch (const std::domain_error& e) {
        // The LQG Riccati equations without a stabilising solution: an input problem.
        throw UsageError(std::string("--strategy lqg: ") + e.what());
    }
    const auto json = io::resultEnvelope("control", control::controlInputToJson(input),
                                         control::controlResultToJson(result));
    writeResult(vm, json, control::controlResultTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
