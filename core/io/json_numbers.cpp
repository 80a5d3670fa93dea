// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/json_numbers.h"

#include <cmath>

namespace dtop::io {

nlohmann::json jsonNumber(double value)
{
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

nlohmann::json jsonArray(const std::vector<double>& values)
{
    nlohmann::json a = nlohmann::json::array();
    a.get_ref<nlohmann::json::array_t&>().reserve(values.size());
    for (double v : values)
        a.push_back(jsonNumber(v));
    return a;
}

nlohmann::json jsonComplexArray(const std::vector<std::complex<double>>& values)
{
    std::vector<double> re, im, magnitude;
    re.reserve(values.size());
    im.reserve(values.size());
    magnitude.reserve(values.size());
    for (const auto& v : values) {
        re.push_back(v.real());
        im.push_back(v.imag());
        magnitude.push_back(std::abs(v));
    }
    return {{"re", jsonArray(re)}, {"im", jsonArray(im)}, {"abs", jsonArray(magnitude)}};
}

} // namespace dtop::io
