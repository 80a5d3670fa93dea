// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"

#include <nlohmann/json.hpp>

namespace dtop::io {

// The "result" objects of `dtop modal` and `dtop frf` (docs/architecture.md key names).
nlohmann::json modalResultToJson(const dynamics::ModalResult& result);
nlohmann::json frfResultToJson(const dynamics::FrfResult& result);

// The common envelope {"tool", "version", "input", "result"}.
nlohmann::json resultEnvelope(const std::string& tool, nlohmann::json input, nlohmann::json result);

} // namespace dtop::io
