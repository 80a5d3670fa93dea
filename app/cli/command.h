// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/program_options.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace dtop::cli {

struct CommandIo {
    std::ostream& out;
    std::ostream& err;
    bool outIsTerminal = false; // JSON is indented for a reader, compact for a program
};

// A platform command (report, dataset, profile): `dtop <name> [options]`. run() returns the exit
// status or throws UsageError / FileError, which the dispatcher turns into exit 2 / 3. The
// tools' own commands are registered with their descriptors (app/tools/tool_descriptor.h).
struct Command {
    const char* name;
    const char* summary;
    int (*run)(const std::vector<std::string>& args, CommandIo& io);
};

const std::vector<Command>& commands();

// Parses `args` against `options` (+ --help). Returns false if --help was printed.
// Unknown options, missing values and unparsable numbers become a UsageError naming the option.
bool parseOptions(const std::string& command, const std::string& usage,
                  boost::program_options::options_description& options,
                  const std::vector<std::string>& args, boost::program_options::variables_map& vm,
                  CommandIo& io,
                  const boost::program_options::positional_options_description* positional =
                      nullptr);

// Splits "1,2.5,3" into numbers; names the option and the bad item otherwise.
std::vector<double> parseNumberList(const std::string& option, const std::string& text);

} // namespace dtop::cli
