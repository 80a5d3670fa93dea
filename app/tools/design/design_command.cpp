// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop design`: design under uncertainty — output distributions, Sobol' indices, output Fisher
// information, probability of exceedance and its gradient (docs/tools/design.md).
#include "tools/design/design_command.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "design/design.h"
#include "design/design_json.h"
#include "design/sample_matrix_csv.h"
#include "io/dynamics_json.h"

#include <algorithm>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

const char* kUsage =
    "[options]\n\n"
    "Design under uncertainty of a shear building driven by harmonic floor forces at one\n"
    "analysis frequency. The 4n inputs f1..fn [N], k1..kn [N/m], c1..cn [N·s/m], m1..mn [kg]\n"
    "are independent random variables (default: the sheffield-design means and spreads; for\n"
    "another --profile the profile's values with 2 % (k, m) and 10 % (c) normal spreads and a\n"
    "force f1 ~ N(1, 0.1) N). Each --input NAME=TYPE:A:B sets one: normal:MEAN:SD,\n"
    "lognormal:MEAN:SD, gamma:SHAPE:SCALE, truncated-normal:MU:SIGMA[:LOWER[:UPPER]],\n"
    "fixed:VALUE; a spread of 0 makes an input fixed at its mean.\n"
    "Reports the output statistics with standard errors, Sobol' first-order and total indices\n"
    "with bootstrap intervals, the output Fisher information with respect to the distribution\n"
    "parameters (scaled, eigenvalues, convergence), P(first output < --threshold) with its\n"
    "likelihood-ratio gradient, and the nominal FRF. --legacy runs the prototype's estimators\n"
    "instead, labelled as such. Methods, defaults and verification: docs/tools/design.md.";

// The option that sets an InputIssue's field, for messages that name it.
std::string optionFor(const std::string& field, const design::DesignInput& input)
{
    if (field == "input" || field == "inputs" || input.findInput(field) >= 0)
        return "input";
    std::string option = field;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

std::size_t countOption(const po::variables_map& vm, const char* option)
{
    const long long v = vm[option].as<long long>();
    if (v < 0)
        throw UsageError(std::string("--") + option + " must be >= 0, got " + std::to_string(v));
    return static_cast<std::size_t>(v);
}

bool usesDefaultInputs(const po::variables_map& vm, const model::Profile& profile)
{
    for (const char* option : {"mass", "stiffness", "damping", "cubic"})
        if (vm.count(option))
            return false;
    return profile.name == "sheffield-design";
}

void addCommandOnlyOptions(po::options_description& options)
{
    options.add_options()
        ("legacy-samples-file", po::value<std::string>(),
         "legacy mode: CSV of the prototype's own input samples (header f1,…,fn,k1,…,m_n, one "
         "row per sample), e.g. NumPy's seed-0 draws; replaces the tool's sampling");
}

} // namespace

void addDesignOptions(po::options_description& options)
{
    const design::DesignInput d;
    po::options_description inputs("Inputs and outputs");
    inputs.add_options()
        ("input", po::value<std::vector<std::string>>()->composing(),
         "NAME=TYPE:A:B sets one input's distribution, e.g. k1=normal:4203:84, "
         "c2=gamma:0.6:0.0015, m3=lognormal:5.69:0.11, f2=fixed:0; repeatable")
        ("frequency-hz", po::value<double>()->default_value(d.frequencyHz),
         "analysis frequency of the harmonic forces [Hz]")
        ("outputs", po::value<std::string>()->default_value("x3"),
         "comma list of outputs among x1..xn (floor displacement amplitude [m]) and s1..sn "
         "(storey shear amplitude [N]); the first one is the probability's")
        ("shear", po::value<std::string>()->default_value(design::shearDefinitionName(d.shear)),
         "complex: |(k_i + iωc_i)(X_i − X_{i−1})| (spring and damper force) | prototype: "
         "k_i(|X_i| − |X_{i−1}|), the prototype's definition (labelled)");
    po::options_description sampling("Sampling");
    sampling.add_options()
        ("sampling", po::value<std::string>()->default_value(uq::samplingMethodName(d.sampling)),
         "monte-carlo | sobol (randomised Sobol' quasi-Monte Carlo)")
        ("samples", po::value<long long>()->default_value(static_cast<long long>(d.samples)),
         "main sample size N (statistics, Fisher information, probability)")
        ("seed", po::value<long long>()->default_value(static_cast<long long>(d.seed)),
         "random seed (results do not depend on the thread count)")
        ("threads", po::value<long long>()->default_value(d.threads),
         "worker threads (0 = all hardware threads)")
        ("frf-points", po::value<long long>()->default_value(static_cast<long long>(d.frfPoints)),
         "points of the nominal FRF, 0 … 1.5 × the highest natural frequency");
    po::options_description probability("Probability of exceedance");
    probability.add_options()
        ("threshold", po::value<double>(),
         "threshold t of P(first output < t), in the first output's unit (m or N); default: "
         "the first output's nominal value")
        ("no-probability", po::bool_switch(), "skip the probability and its gradient");
    po::options_description sobol("Sobol' indices");
    sobol.add_options()
        ("no-sobol", po::bool_switch(), "skip the Sobol' indices")
        ("sobol-samples", po::value<long long>()->default_value(static_cast<long long>(d.sobolSamples)),
         "initial base rows N_s of the pick-freeze design (doubled until the tolerance is met)")
        ("sobol-max-samples",
         po::value<long long>()->default_value(static_cast<long long>(d.sobolMaxSamples)),
         "largest number of base rows")
        ("sobol-tolerance", po::value<double>()->default_value(d.sobolTolerance),
         "target half-width of every 95 % bootstrap interval")
        ("bootstrap", po::value<long long>()->default_value(static_cast<long long>(d.bootstrapResamples)),
         "bootstrap resamples of the intervals");
    po::options_description fisher("Fisher information");
    fisher.add_options()
        ("no-fisher", po::bool_switch(), "skip the Fisher information")
        ("fisher-max-cells",
         po::value<long long>()->default_value(static_cast<long long>(d.fisherMaxCells)),
         "cell budget of the finest output partition")
        ("fisher-tolerance", po::value<double>()->default_value(d.fisherTolerance),
         "relative convergence tolerance of the leading eigenvalues");
    const design::LegacyOptions& L = d.legacyOptions;
    po::options_description legacy("Legacy mode (the prototype's estimators, labelled)");
    legacy.add_options()
        ("legacy", po::bool_switch(),
         "run the prototype's binned-CDF Fisher information and probability estimators")
        ("legacy-samples", po::value<long long>()->default_value(static_cast<long long>(L.samples)),
         "legacy sample size N")
        ("legacy-grid-points",
         po::value<long long>()->default_value(static_cast<long long>(L.gridPoints)),
         "grid points J per output")
        ("legacy-slider-percent", po::value<double>()->default_value(L.sliderPercent),
         "threshold as a percentage of each output's sample range [%]")
        ("legacy-histogram-bins",
         po::value<long long>()->default_value(static_cast<long long>(L.histogramBins)),
         "histogram bins of the prototype's distribution page");
    options.add(inputs).add(sampling).add(probability).add(sobol).add(fisher).add(legacy);
}

design::DesignInput designInputFromOptions(const po::variables_map& vm)
{
    design::DesignInput in;
    const model::Profile profile = profileFromOptions(vm);
    if (!usesDefaultInputs(vm, profile))
        in.inputs = design::DesignInput::inputsForProfile(profile);
    InputIssues issues;
    if (vm.count("input"))
        for (const std::string& spec : vm["input"].as<std::vector<std::string>>()) {
            const InputIssues more = design::applyInputSpec(in, spec);
            issues.insert(issues.end(), more.begin(), more.end());
        }
    in.frequencyHz = vm["frequency-hz"].as<double>();
    const InputIssues outputIssues =
        design::parseOutputList(vm["outputs"].as<std::string>(), in.storeys(), in.outputs);
    issues.insert(issues.end(), outputIssues.begin(), outputIssues.end());
    const std::string shear = vm["shear"].as<std::string>();
    if (!design::parseShearDefinition(shear, in.shear))
        throw UsageError("--shear must be complex or prototype, got '" + shear + "'");
    const std::string method = vm["sampling"].as<std::string>();
    if (!uq::parseSamplingMethod(method, in.sampling) ||
        in.sampling == uq::SamplingMethod::LatinHypercube)
        throw UsageError("--sampling must be monte-carlo or sobol, got '" + method + "'");
    in.samples = countOption(vm, "samples");
    in.seed = static_cast<std::uint64_t>(countOption(vm, "seed"));
    const std::size_t threads = countOption(vm, "threads");
    in.threads = static_cast<unsigned>(std::min<std::size_t>(threads, 100000));
    in.frfPoints = countOption(vm, "frf-points");
    in.probability = !vm["no-probability"].as<bool>();
    if (vm.count("threshold"))
        in.threshold = vm["threshold"].as<double>();
    in.sobol = !vm["no-sobol"].as<bool>();
    in.sobolSamples = countOption(vm, "sobol-samples");
    in.sobolMaxSamples = countOption(vm, "sobol-max-samples");
    in.sobolTolerance = vm["sobol-tolerance"].as<double>();
    in.bootstrapResamples = countOption(vm, "bootstrap");
    in.fisher = !vm["no-fisher"].as<bool>();
    in.fisherMaxCells = countOption(vm, "fisher-max-cells");
    in.fisherTolerance = vm["fisher-tolerance"].as<double>();
    in.legacy = vm["legacy"].as<bool>();
    in.legacyOptions.samples = countOption(vm, "legacy-samples");
    in.legacyOptions.gridPoints = countOption(vm, "legacy-grid-points");
    in.legacyOptions.sliderPercent = vm["legacy-slider-percent"].as<double>();
    in.legacyOptions.histogramBins = countOption(vm, "legacy-histogram-bins");
    if (issues.empty())
        issues = in.validate();
    if (!issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& issue : issues)
            lines.push_back("--" + optionFor(issue.field, in) + ": " + issue.message);
        throw UsageError(std::move(lines));
    }
    return in;
}

int runDesignCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                     CommandIo& io)
{
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    addDesignOptions(options);
    addCommandOnlyOptions(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("design", kUsage, options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    design::DesignInput input = designInputFromOptions(vm);
    if (vm.count("legacy-samples-file")) {
        if (!input.legacy)
            throw UsageError("--legacy-samples-file needs --legacy");
        std::vector<std::string> names;
        for (std::size_t i = 0; i < input.inputs.size(); ++i)
            names.push_back(design::DesignInput::inputName(i, input.storeys()));
        auto samples = design::readSampleMatrixCsv(vm["legacy-samples-file"].as<std::string>(), names);
        if (!samples)
            throw FileError("--legacy-samples-file: " + samples.error().text());
        input.legacyOptions.inputSamples = std::move(samples).value();
        if (const auto issues = input.validate(); !issues.empty())
            throw FileError("--legacy-samples-file: " + issues.front().message);
    }
    design::DesignResult result;
    try {
        result = design::runDesign(input);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("design: ") + e.what());
    }
    nlohmann::json inputJson = design::designInputToJson(input);
    if (vm.count("legacy-samples-file"))
        inputJson["legacy_samples_file"] = vm["legacy-samples-file"].as<std::string>();
    const auto json = io::resultEnvelope("design", inputJson, design::designResultToJson(result));
    writeResult(vm, json, design::designParameterTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
