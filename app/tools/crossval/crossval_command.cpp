// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop crossval`: a reference FRF source against candidates, FRF by FRF and mode by mode
// (docs/tools/crossval.md).
#include "tools/crossval/crossval_command.h"

#include "cli/cli_errors.h"
#include "cli/output_options.h"
#include "cli/workspace_options.h"
#include "crossval/crossval_json.h"
#include "io/dataset_library.h"
#include "io/dynamics_json.h"
#include "paths.h"
#include "widgets/crossval/crossval_sources.h"

#include <algorithm>
#include <cmath>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

const char* kUsage =
    "--reference SOURCE --candidate SOURCE [--candidate SOURCE ...] [options]\n\n"
    "Compares a reference with one or more candidates on a common frequency grid: per response\n"
    "floor FRAC (complex when both sides have phase, on magnitudes otherwise) and the RMS dB\n"
    "difference; per frequency CSAC and CSF; the FDAC frequency-shift map; the modes of both\n"
    "sides (a profile's exact modes; a dataset's by peak picking with parabolic interpolation)\n"
    "paired by MAC, with the frequency error, MAC and damping difference.\n"
    "A SOURCE is a dataset id (dtop dataset list) or profile:NAME[@VERSION] (a preset, or a\n"
    "saved profile: its latest version, or version VERSION). A dataset of mode shapes (UFF\n"
    "dataset 55, node k = floor k) gives a modes-only comparison: MAC, frequency error and\n"
    "damping difference, no FRF metrics. Quantities are converted to one\n"
    "(receptance, mobility, accelerance), complex values (never dB) are interpolated.\n"
    "Methods, defaults and verification: docs/tools/crossval.md.";

// The option that sets an InputIssue's field.
std::string optionFor(const std::string& field)
{
    if (field == "candidates")
        return "candidate";
    std::string option = field;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

// "--band-hz: <message>", without the field name the core's message may start with.
std::string issueLine(const InputIssue& issue)
{
    std::string message = issue.message;
    const std::string prefix = issue.field + ": ";
    if (message.rfind(prefix, 0) == 0)
        message.erase(0, prefix.size());
    return "--" + optionFor(issue.field) + ": " + message;
}

std::size_t countOption(const po::variables_map& vm, const char* option, long long lo,
                        long long hi)
{
    const long long v = vm[option].as<long long>();
    if (v < lo || v > hi)
        throw UsageError("--" + std::string(option) + " must be between " + std::to_string(lo) +
                         " and " + std::to_string(hi) + ", got " + std::to_string(v));
    return static_cast<std::size_t>(v);
}

std::vector<int> floorList(const std::string& option, const std::string& text)
{
    std::vector<int> floors;
    for (double v : parseNumberList(option, text)) {
        if (v != std::floor(v) || v < 1 || v > static_cast<double>(model::kMaxStoreys))
            throw UsageError("--" + option + ": floors are whole numbers from 1 to " +
                             std::to_string(model::kMaxStoreys) + ", got '" + text + "'");
        floors.push_back(static_cast<int>(v));
    }
    return floors;
}

} // namespace

void addCrossvalOptions(po::options_description& options)
{
    const crossval::CrossvalInput d;
    po::options_description sources("Sources (SOURCE: a dataset id or profile:NAME[@VERSION])");
    sources.add_options()
        ("reference", po::value<std::string>(), "the reference SOURCE (e.g. southampton-exp-force1)")
        ("candidate", po::value<std::vector<std::string>>()->composing(),
         "a candidate SOURCE (repeat for several; results in this order, at most 32)");
    po::options_description compare("Comparison");
    compare.add_options()
        ("band-hz", po::value<std::string>()->default_value("2,40"),
         "compared band LO,HI [Hz]")
        ("input-floor", po::value<int>()->default_value(d.inputFloor),
         "floor of the unit force (1 = lowest; 0 = the sources' documented excitation floor, "
         "else 1)")
        ("quantity", po::value<std::string>(),
         "compared FRF quantity: receptance [m/N], mobility [(m/s)/N] or accelerance "
         "[(m/s²)/N] (default: the reference's documented quantity, else the first candidate "
         "dataset's, else accelerance)")
        ("response-floors", po::value<std::string>(),
         "response floors compared, e.g. 1,2,3 (default: every floor both sides have)")
        ("max-modes", po::value<long long>()->default_value(static_cast<long long>(d.maxModes)),
         "modes peak-picked from a dataset (0 = as many as it has floors)")
        ("min-prominence-db", po::value<double>()->default_value(d.peakPicking.minProminenceDb),
         "least prominence of a picked peak [dB]")
        ("fdac-points", po::value<long long>()->default_value(static_cast<long long>(d.fdacPoints)),
         "FDAC map resolution per axis (2–1000)")
        ("profile-grid-points",
         po::value<long long>()->default_value(static_cast<long long>(d.profileGridPoints)),
         "lines of the uniform grid when both sides are profiles");
    options.add(sources).add(compare);
}

void addCrossvalReportOptions(po::options_description& options)
{
    addCrossvalOptions(options);
    po::options_description interlab("Inter-lab view (the report's panel)");
    interlab.add_options()
        ("interlab-floor", po::value<int>()->default_value(1),
         "response floor overlaid for every rig (1–3)")
        ("interlab-models", po::bool_switch(),
         "natural-frequency spread over the models' peaks too, not only the measurements")
        ("tab", po::value<std::string>(),
         "the panel tab shown (Overlay, CSAC / CSF, FDAC, MAC, Inter-lab)");
    options.add(interlab);
}

crossval::CrossvalInput crossvalInputFromOptions(const po::variables_map& vm, bool sourcesOptional)
{
    crossval::CrossvalInput in;
    if (vm.count("reference"))
        in.reference = crossval::CrossvalSource::unresolved(vm["reference"].as<std::string>());
    else if (!sourcesOptional)
        throw UsageError("--reference SOURCE is required (a dataset id or profile:NAME[@VERSION])");
    if (vm.count("candidate"))
        for (const std::string& c : vm["candidate"].as<std::vector<std::string>>())
            in.candidates.push_back(crossval::CrossvalSource::unresolved(c));
    else if (!sourcesOptional)
        throw UsageError("--candidate SOURCE is required (repeat it for several candidates)");
    const std::vector<double> band = parseNumberList("band-hz", vm["band-hz"].as<std::string>());
    if (band.size() != 2)
        throw UsageError("--band-hz must be LO,HI in Hz, got '" + vm["band-hz"].as<std::string>() +
                         "'");
    in.bandLoHz = band[0];
    in.bandHiHz = band[1];
    in.inputFloor = vm["input-floor"].as<int>();
    if (vm.count("quantity")) {
        const std::string q = vm["quantity"].as<std::string>();
        dynamics::FrfQuantity quantity;
        if (!dynamics::parseFrfQuantity(q, quantity))
            throw UsageError("--quantity must be receptance, mobility or accelerance, got '" + q +
                             "'");
        in.quantity = quantity;
    }
    if (vm.count("response-floors"))
        in.responseFloors = floorList("response-floors", vm["response-floors"].as<std::string>());
    in.maxModes = countOption(vm, "max-modes", 0, 100);
    in.peakPicking.minProminenceDb = vm["min-prominence-db"].as<double>();
    in.fdacPoints = countOption(vm, "fdac-points", 2, static_cast<long long>(crossval::kMaxFdacPoints));
    in.profileGridPoints = countOption(vm, "profile-grid-points", 3,
                                       static_cast<long long>(crossval::kMaxGridPoints));
    if (in.candidates.size() > crossval::kMaxCandidates)
        throw UsageError("--candidate: at most " + std::to_string(crossval::kMaxCandidates) +
                         " candidates, got " + std::to_string(in.candidates.size()));
    // Range checks that need no data (the band's order, floors), before anything is read; the
    // sources are checked once they are loaded.
    InputIssues issues;
    for (const InputIssue& i : in.validate())
        if (i.field != "reference" && i.field != "candidates")
            issues.push_back(i);
    if (!issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& i : issues)
            lines.push_back(issueLine(i));
        throw UsageError(std::move(lines));
    }
    return in;
}

nlohmann::json crossvalReportInput(const po::variables_map& vm)
{
    nlohmann::json j = crossval::crossvalInputToJson(crossvalInputFromOptions(vm, true));
    j.erase("mode_source");
    if (!vm.count("reference"))
        j.erase("reference");
    if (!vm.count("candidate"))
        j.erase("candidates");
    const int floor = vm["interlab-floor"].as<int>();
    if (floor < 1 || floor > 3)
        throw UsageError("--interlab-floor must be 1, 2 or 3 (the rigs' floors), got " +
                         std::to_string(floor));
    j["interlab_floor"] = floor;
    j["interlab_models"] = vm["interlab-models"].as<bool>();
    if (vm.count("tab"))
        j["tab"] = vm["tab"].as<std::string>();
    return j;
}

int runCrossvalCommand(const tools::ToolDescriptor&, const std::vector<std::string>& args,
                       CommandIo& io)
{
    po::options_description options("Options");
    addCrossvalOptions(options);
    addWorkspaceOption(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("crossval", kUsage, options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    crossval::CrossvalInput input = crossvalInputFromOptions(vm);

    std::optional<io::Catalogue> catalogue;
    if (auto read = io::loadBundledCatalogue(app::dataDirectory()))
        catalogue = std::move(read).value();
    else
        io.err << "dtop crossval: warning: bundled data unavailable: " << read.error().text()
               << '\n';
    auto workspace = openWorkspaceIfExists(workspacePath(vm));
    std::vector<std::string> fileErrors;
    widgets::WorkspaceSourceResolver resolver(
        [&](const std::string& id) {
            auto d = io::loadDataset(catalogue ? &*catalogue : nullptr,
                                     workspace ? &*workspace : nullptr, id);
            // An unknown id is the user's input; a file that cannot be read is exit 3.
            if (!d.ok() && !(d.error().line == 0 && d.error().file == id))
                fileErrors.push_back(d.error().text());
            return d;
        },
        workspace ? &*workspace : nullptr);
    InputIssues issues;
    try {
        widgets::resolveCrossvalSources(input, resolver, issues);
    } catch (const io::WorkspaceError& e) {
        throw FileError(e.what());
    }
    if (!fileErrors.empty())
        throw FileError(fileErrors.front());
    if (issues.empty())
        issues = input.validate();
    if (!issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& i : issues)
            lines.push_back(issueLine(i));
        throw UsageError(std::move(lines));
    }
    const crossval::CrossvalResult result = crossval::runCrossval(input);
    const auto json = io::resultEnvelope("crossval", crossval::crossvalInputToJson(input),
                                         crossval::crossvalResultToJson(result));
    writeResult(vm, json, crossval::crossvalResultTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
