// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop uncertainty`: bounds on the FRF of every floor when m, k, c lie in a box.
#include "tools/uncertainty/uncertainty_command.h"


#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "io/dynamics_json.h"
#include "io/uncertainty_json.h"
#include "uq/uncertainty.h"

#include <sstream>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {
std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
        items.push_back(item);
    return items;
}

long long nonNegative(const po::variables_map& vm, const char* option)
{
    const long long v = vm[option].as<long long>();
    if (v < 0)
        throw UsageError(std::string("--") + option + " must be >= 0, got " + std::to_string(v));
    return v;
}
} // namespace

void addUncertaintyOptions(po::options_description& options)
{
    const uq::UncertaintyInput defaults;
    options.add_options()
        ("spread", po::value<double>()->default_value(10.0),
         "± percent on every parameter (m, k, c of every storey)")
        ("spread-of", po::value<std::vector<std::string>>()->composing(),
         "per parameter: NAME=PCT (± percent) or NAME=LO:HI (interval in SI units), e.g. "
         "k2=5 or m1=5e4:5.5e4; repeatable")
        ("shape", po::value<std::string>()->default_value("uniform"),
         "scatter inside each interval for the sampled envelope: uniform, normal or lognormal "
         "(sd = half-width / --sds)")
        ("shape-of", po::value<std::vector<std::string>>()->composing(),
         "per parameter: NAME=uniform|normal|lognormal; repeatable")
        ("sds", po::value<double>()->default_value(defaults.sdsPerHalfWidth),
         "standard deviations per half-width for normal and lognormal shapes")
        ("scale", po::value<double>()->default_value(defaults.scaleAll),
         "scale-all factor on every half-width")
        ("input-floor", po::value<int>()->default_value(defaults.inputFloor),
         "floor where the unit force acts (1 = lowest)")
        ("quantity", po::value<std::string>()->default_value("receptance"),
         "receptance [m/N], mobility [(m/s)/N] or accelerance [(m/s²)/N]")
        ("fmin", po::value<double>()->default_value(defaults.fminHz),
         "lowest frequency [Hz] (default 5 rad/s)")
        ("fmax", po::value<double>()->default_value(defaults.fmaxHz),
         "highest frequency [Hz] (default 200 rad/s)")
        ("points", po::value<long long>()->default_value(static_cast<long long>(defaults.points)),
         "base grid points (adaptive) or all points (--grid linear)")
        ("grid", po::value<std::string>()->default_value("adaptive"),
         "adaptive (resonance bands of the box refined to zeta*f/2) or linear")
        ("frequencies-hz", po::value<std::string>(),
         "evaluate exactly at f1,f2,... [Hz] instead of a grid")
        ("methods", po::value<std::string>()->default_value("sampled,vertex,optimised,verified"),
         "comma list of sampled, vertex, optimised, verified, cartesian (the prototype's method)")
        ("sampling", po::value<std::string>()->default_value("sobol"),
         "sampled envelope: sobol, latin-hypercube or monte-carlo")
        ("samples", po::value<long long>()->default_value(static_cast<long long>(defaults.samples)),
         "number of common samples")
        ("seed", po::value<long long>()->default_value(static_cast<long long>(defaults.seed)),
         "seed of the samples and of a vertex subset")
        ("percentiles", po::value<std::string>()->default_value("5,50,95"),
         "percentile bands of the sampled envelope [%]")
        ("max-vertices", po::value<long long>()->default_value(static_cast<long long>(defaults.maxVertices)),
         "all 2^p corners up to this many, else a seeded subset of this size")
        ("tolerance", po::value<double>()->default_value(defaults.verifiedTolerance),
         "target relative gap of the verified outer bound")
        ("max-boxes", po::value<long long>()->default_value(static_cast<long long>(defaults.maxBoxesPerBound)),
         "branch-and-bound budget per frequency, floor and side");
}

uq::UncertaintyInput uncertaintyInputFromOptions(const po::variables_map& vm)
{
    uq::UncertaintyInput input;
    input.profile = profileFromOptions(vm);
    const std::size_t n = input.profile.storeys();
    const double spread = vm["spread"].as<double>();
    uq::SpreadShape shape = uq::SpreadShape::Uniform;
    const std::string shapeText = vm["shape"].as<std::string>();
    if (!uq::parseSpreadShape(shapeText, shape))
        throw UsageError("--shape must be uniform, normal or lognormal, got '" + shapeText + "'");
    input.parameters.assign(3 * n, uq::ParameterSpread::relative(spread, shape));
    auto parameterIndex = [&](const std::string& option, const std::string& name) {
        for (std::size_t i = 0; i < 3 * n; ++i)
            if (uq::parameterName(i, n) == name)
                return i;
        throw UsageError("--" + option + ": unknown parameter '" + name + "' (m1.." + "m" +
                         std::to_string(n) + ", k1..k" + std::to_string(n) + ", c1..c" +
                         std::to_string(n) + ")");
    };
    if (vm.count("spread-of"))
        for (const auto& item : vm["spread-of"].as<std::vector<std::string>>()) {
            const auto eq = item.find('=');
            if (eq == std::string::npos)
                throw UsageError("--spread-of must be NAME=PCT or NAME=LO:HI, got '" + item + "'");
            auto& p = input.parameters[parameterIndex("spread-of", item.substr(0, eq))];
            const std::string value = item.substr(eq + 1);
            const auto colon = value.find(':');
            if (colon == std::string::npos) {
                p.form = uq::ParameterSpread::Form::RelativePercent;
                p.percent = parseNumberList("spread-of", value).at(0);
            } else {
                p.form = uq::ParameterSpread::Form::Explicit;
                p.lower = parseNumberList("spread-of", value.substr(0, colon)).at(0);
                p.upper = parseNumberList("spread-of", value.substr(colon + 1)).at(0);
            }
        }
    if (vm.count("shape-of"))
        for (const auto& item : vm["shape-of"].as<std::vector<std::string>>()) {
            const auto eq = item.find('=');
            if (eq == std::string::npos)
                throw UsageError("--shape-of must be NAME=SHAPE, got '" + item + "'");
            auto& p = input.parameters[parameterIndex("shape-of", item.substr(0, eq))];
            if (!uq::parseSpreadShape(item.substr(eq + 1), p.shape))
                throw UsageError("--shape-of: shape must be uniform, normal or lognormal, got '" +
                                 item.substr(eq + 1) + "'");
        }
    input.sdsPerHalfWidth = vm["sds"].as<double>();
    input.scaleAll = vm["scale"].as<double>();
    input.inputFloor = vm["input-floor"].as<int>();
    const std::string quantity = vm["quantity"].as<std::string>();
    if (!dynamics::parseFrfQuantity(quantity, input.quantity))
        throw UsageError("--quantity must be receptance, mobility or accelerance, got '" +
                         quantity + "'");
    input.fminHz = vm["fmin"].as<double>();
    input.fmaxHz = vm["fmax"].as<double>();
    input.points = static_cast<std::size_t>(nonNegative(vm, "points"));
    const std::string grid = vm["grid"].as<std::string>();
    if (grid == "adaptive")
        input.gridMode = uq::UqGridMode::Adaptive;
    else if (grid == "linear")
        input.gridMode = uq::UqGridMode::Linear;
    else
        throw UsageError("--grid must be adaptive or linear, got '" + grid + "'");
    if (vm.count("frequencies-hz")) {
        input.gridMode = uq::UqGridMode::Explicit;
        input.frequenciesHz = parseNumberList("frequencies-hz", vm["frequencies-hz"].as<std::string>());
    }
    input.methods.clear();
    for (const auto& name : splitList(vm["methods"].as<std::string>())) {
        uq::UqMethod m;
        if (!uq::parseUqMethod(name, m))
            throw UsageError("--methods: unknown method '" + name +
                             "' (sampled, vertex, optimised, verified, cartesian)");
        if (!input.uses(m))
            input.methods.push_back(m);
    }
    const std::string sampling = vm["sampling"].as<std::string>();
    if (!uq::parseSamplingMethod(sampling, input.sampling))
        throw UsageError("--sampling must be sobol, latin-hypercube or monte-carlo, got '" +
                         sampling + "'");
    input.samples = static_cast<std::size_t>(nonNegative(vm, "samples"));
    input.seed = static_cast<std::uint64_t>(nonNegative(vm, "seed"));
    input.percentiles = parseNumberList("percentiles", vm["percentiles"].as<std::string>());
    input.maxVertices = static_cast<std::size_t>(nonNegative(vm, "max-vertices"));
    input.verifiedTolerance = vm["tolerance"].as<double>();
    input.maxBoxesPerBound = static_cast<std::size_t>(nonNegative(vm, "max-boxes"));
    if (const auto issues = input.validate(); !issues.empty()) {
        // Name the option that sets each field.
        static const std::pair<const char*, const char*> kOptions[] = {
            {"input_floor", "--input-floor"}, {"fmin", "--fmin"}, {"fmax", "--fmax"},
            {"points", "--points"}, {"frequencies", "--frequencies-hz"}, {"methods", "--methods"},
            {"samples", "--samples"}, {"percentiles", "--percentiles"},
            {"max_vertices", "--max-vertices"}, {"tolerance", "--tolerance"},
            {"max_boxes", "--max-boxes"}, {"scale", "--scale"}, {"sds_per_half_width", "--sds"}};
        std::vector<std::string> lines;
        for (const auto& issue : issues) {
            std::string option = "--spread/--spread-of";
            for (const auto& [field, name] : kOptions)
                if (issue.field == field)
                    option = name;
            lines.push_back(option + ": " + issue.message);
        }
        throw UsageError(std::move(lines));
    }
    return input;
}

int runUncertaintyCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                          CommandIo& io)
{
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    addUncertaintyOptions(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("uncertainty",
                      "[options]\n\nBounds on |H| of every floor (unit force on --input-floor) when "
                      "the masses, stiffnesses and dampers lie in a box: sampled envelope, vertex, "
                      "optimised (inner) and verified (outer) bounds, each labelled with what it "
                      "guarantees.",
                      options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    const uq::UncertaintyInput input = uncertaintyInputFromOptions(vm);
    const uq::UncertaintyResult result = uq::runUncertainty(input);
    const auto json = io::resultEnvelope("uncertainty", io::uncertaintyInputToJson(input),
                                         io::uncertaintyResultToJson(result));
    writeResult(vm, json, io::uncertaintyResultTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
