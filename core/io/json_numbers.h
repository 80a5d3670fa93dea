// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <complex>
#include <vector>

namespace dtop::io {

// JSON has no NaN or infinity: such numbers become null, everything else stays exact.
nlohmann::json jsonNumber(double value);
nlohmann::json jsonArray(const std::vector<double>& values);
// {"re": [...], "im": [...], "abs": [...]}
nlohmann::json jsonComplexArray(const std::vector<std::complex<double>>& values);

} // namespace dtop::io
