// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop frf`: frequency response of every floor to a unit force on one floor.
#include "tools/structure/structure_commands.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "dynamics/frf.h"
#include "io/dynamics_csv.h"
#include "io/dynamics_json.h"
#include "io/json_numbers.h"
#include "io/profile_json.h"

namespace po = boost::program_options;

namespace dtop::cli {

int runFrfCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                  CommandIo& io)
{
    const dynamics::FrfInput defaults;
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    options.add_options()
        ("fmin", po::value<double>()->default_value(defaults.fminHz), "lowest frequency [Hz]")
        ("fmax", po::value<double>()->default_value(defaults.fmaxHz), "highest frequency [Hz]")
        ("points", po::value<long long>()->default_value(static_cast<long long>(defaults.points)),
         "number of frequencies")
        ("log", po::bool_switch(), "logarithmic frequency spacing (fmin > 0)")
        ("frequencies-hz", po::value<std::string>(),
         "evaluate exactly at f1,f2,... [Hz] instead of the grid")
        ("input-floor", po::value<int>()->default_value(defaults.inputFloor),
         "floor where the unit force acts (1 = lowest)")
        ("quantity", po::value<std::string>()->default_value("receptance"),
         "receptance [m/N], mobility [(m/s)/N] or accelerance [(m/s²)/N]");
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("frf", "[options]\n\nFRF of every floor to a unit force on --input-floor, "
                             "complex (re, im) and magnitude.",
                      options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);

    dynamics::FrfInput input;
    input.profile = profileFromOptions(vm);
    input.fminHz = vm["fmin"].as<double>();
    input.fmaxHz = vm["fmax"].as<double>();
    const long long points = vm["points"].as<long long>();
    if (points < 2 || points > static_cast<long long>(dynamics::kMaxFrfPoints))
        throw UsageError("--points must be between 2 and " +
                         std::to_string(dynamics::kMaxFrfPoints) + ", got " +
                         std::to_string(points));
    input.points = static_cast<std::size_t>(points);
    input.logarithmic = vm["log"].as<bool>();
    if (vm.count("frequencies-hz"))
        input.frequenciesHz =
            parseNumberList("frequencies-hz", vm["frequencies-hz"].as<std::string>());
    input.inputFloor = vm["input-floor"].as<int>();
    const std::string quantity = vm["quantity"].as<std::string>();
    if (!dynamics::parseFrfQuantity(quantity, input.quantity))
        throw UsageError("--quantity must be receptance, mobility or accelerance, got '" +
                         quantity + "'");
    if (const auto issues = input.validate(); !issues.empty())
        throw UsageError::fromIssues(issues);

    const dynamics::FrfResult result = dynamics::runFrf(input);
    nlohmann::json inputJson = {
        {"profile", io::profileToJson(input.profile)},
        {"quantity", dynamics::frfQuantityName(input.quantity)},
        {"input_floor", input.inputFloor},
    };
    if (input.frequenciesHz.empty()) {
        inputJson["fmin_hz"] = input.fminHz;
        inputJson["fmax_hz"] = input.fmaxHz;
        inputJson["points"] = input.points;
        inputJson["log"] = input.logarithmic;
    } else {
        inputJson["frequencies_hz"] = io::jsonArray(input.frequenciesHz);
    }
    const auto json = io::resultEnvelope("frf", inputJson, io::frfResultToJson(result));
    writeResult(vm, json, io::frfResultTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
