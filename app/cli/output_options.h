// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "io/csv_table.h"

#include <nlohmann/json.hpp>

namespace dtop::cli {

// --format json|csv and --out FILE.
void addOutputOptions(boost::program_options::options_description& options);
// Checks --format before any work is done.
void checkOutputOptions(const boost::program_options::variables_map& vm);

// Writes the JSON envelope or the CSV table to --out or stdout. A file that cannot be written
// is a FileError naming it.
void writeResult(const boost::program_options::variables_map& vm, const nlohmann::json& json,
                 const io::CsvTable& table, CommandIo& io);
// Writes `text` to --out (atomically; FileError naming it on failure) or to stdout.
void writeOutput(const boost::program_options::variables_map& vm, const std::string& text,
                 CommandIo& io);

} // namespace dtop::cli
