// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/fe_analysis.h"

#include <nlohmann/json.hpp>

#include <string>

namespace dtop::cli {

// Runs CalculiX (`ccx`, found on PATH) on the deck `deckPath` (a .inp file written by
// fe::writeCalculixBeamDeck), reads the frequencies from the .dat file it writes beside the deck
// and returns them with the built-in model's and their differences:
// {"solver": path, "frequencies_hz", "built_in_hz", "differences_pct", "log"}.
// Throws UsageError when ccx is not installed or the deck does not end in .inp, FileError when
// ccx fails or writes no frequencies (naming its log file).
nlohmann::json runCalculix(const std::string& deckPath, const fe::FeResult& builtIn);

} // namespace dtop::cli
