// SPDX-License-Identifier: GPL-3.0-or-later
// The structure tool: profile editor, modal table, FRFs, mode shapes (docs/tools/structure.md).
#include "cli/cli_errors.h"
#include "dynamics/frf_quantity.h"
#include "tools/structure/structure_commands.h"
#include "tools/tool_descriptor.h"
#include "widgets/structure/structure_panel.h"

#include <cmath>

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

void addReportOptions(po::options_description& options)
{
    options.add_options()
        ("quantity", po::value<std::string>()->default_value("receptance"),
         "receptance [m/N], mobility [(m/s)/N] or accelerance [(m/s²)/N]")
        ("input-floor", po::value<int>()->default_value(1), "floor of the unit force")
        ("magnitude", po::value<std::string>()->default_value("db"), "magnitude axis: db or log")
        ("fmin", po::value<double>(), "lowest frequency [Hz] (default: auto range)")
        ("fmax", po::value<double>(), "highest frequency [Hz] (default: auto range)")
        ("measured", po::value<std::string>(),
         "overlay this measured FRF dataset (see dtop dataset list)");
}

nlohmann::json reportInput(const po::variables_map& vm)
{
    using cli::UsageError;
    nlohmann::json input;
    const std::string quantity = vm["quantity"].as<std::string>();
    dynamics::FrfQuantity q;
    if (!dynamics::parseFrfQuantity(quantity, q))
        throw UsageError("--quantity must be receptance, mobility or accelerance, got '" +
                         quantity + "'");
    input["quantity"] = quantity;
    input["input_floor"] = vm["input-floor"].as<int>();
    const std::string magnitude = vm["magnitude"].as<std::string>();
    if (magnitude != "db" && magnitude != "log")
        throw UsageError("--magnitude must be db or log, got '" + magnitude + "'");
    input["magnitude_scale"] = magnitude;
    if (vm.count("measured"))
        input["measured_dataset"] = vm["measured"].as<std::string>();
    if (vm.count("fmin") != vm.count("fmax"))
        throw UsageError("--fmin and --fmax must be given together");
    if (vm.count("fmin")) {
        const double fmin = vm["fmin"].as<double>(), fmax = vm["fmax"].as<double>();
        if (!(fmin >= 0.0) || !(fmax > fmin) || !std::isfinite(fmax))
            throw UsageError("--fmin/--fmax must satisfy 0 <= fmin < fmax, got " +
                             std::to_string(fmin) + " and " + std::to_string(fmax));
        input["fmin_hz"] = fmin;
        input["fmax_hz"] = fmax;
    }
    return input;
}

} // namespace

const ToolDescriptor& structureTool()
{
    static const ToolDescriptor kTool{
        "structure",
        "Structure and modes",
        "Profile editor, modal table, FRFs, mode shapes",
        "southampton-lpm",
        {{"modal", "natural frequencies, damping ratios and mode shapes of a profile",
          &cli::runModalCommand},
         {"frf", "frequency response functions of every floor (receptance, mobility, accelerance)",
          &cli::runFrfCommand}},
        {&addReportOptions, &reportInput},
        &makePanel<widgets::StructurePanel>,
        {{"--profile", "southampton-design"}, "modal"},
    };
    return kTool;
}

} // namespace dtop::tools
