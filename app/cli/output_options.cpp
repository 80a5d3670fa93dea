// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/output_options.h"

#include "cli/cli_errors.h"
#include "io/atomic_file.h"

#include <sstream>

namespace po = boost::program_options;

namespace dtop::cli {

void addOutputOptions(po::options_description& options)
{
    options.add_options()
        ("format", po::value<std::string>()->default_value("json"), "output format: json or csv")
        ("out", po::value<std::string>(), "write the result to FILE instead of standard output")
        ("pretty", po::bool_switch(),
         "indent the JSON (the default on a terminal; files and pipes get compact JSON)");
}

void checkOutputOptions(const po::variables_map& vm)
{
    const std::string format = vm["format"].as<std::string>();
    if (format != "json" && format != "csv")
        throw UsageError("--format must be json or csv, got '" + format + "'");
    if (vm.count("out") && vm["out"].as<std::string>().empty())
        throw UsageError("--out must name a file");
}

void writeResult(const po::variables_map& vm, const nlohmann::json& json,
                 const io::CsvTable& table, CommandIo& io)
{
    const bool csv = vm["format"].as<std::string>() == "csv";
    const bool pretty = vm["pretty"].as<bool>() || (!vm.count("out") && io.outIsTerminal);
    // Standard output gets the text streamed: a result of tens of megabytes is then never
    // copied whole (dump → string → stream cost more than the analysis).
    const auto write = [&](std::ostream& out) {
        if (csv)
            table.write(out);
        else if (pretty)
            out << json.dump(2) << '\n';
        else
            out << json << '\n';
    };
    if (!vm.count("out")) {
        write(io.out);
        return;
    }
    std::ostringstream text;
    write(text);
    writeOutput(vm, std::move(text).str(), io);
}

void writeOutput(const po::variables_map& vm, const std::string& text, CommandIo& io)
{
    if (!vm.count("out")) {
        io.out << text;
        return;
    }
    const std::string path = vm["out"].as<std::string>();
    std::string error;
    if (!io::writeFileAtomically(path, text, error))
        throw FileError(error);
}

} // namespace dtop::cli
