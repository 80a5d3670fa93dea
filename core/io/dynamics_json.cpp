// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dynamics_json.h"

#include "dtop/version.h"
#include "io/json_numbers.h"

#include <numbers>

namespace dtop::io {

using nlohmann::json;

json modalResultToJson(const dynamics::ModalResult& r)
{
    const auto& u = r.undamped;
    std::vector<double> omega(u.angularFrequencies.data(),
                              u.angularFrequencies.data() + u.angularFrequencies.size());
    json shapes = json::array();
    for (Eigen::Index mode = 0; mode < u.shapes.cols(); ++mode) {
        const Eigen::VectorXd c = u.shapes.col(mode);
        shapes.push_back(jsonArray(std::vector<double>(c.data(), c.data() + c.size())));
    }
    json complexShapes = json::array();
    for (Eigen::Index mode = 0; mode < r.damped.shapes.cols(); ++mode) {
        const Eigen::VectorXcd c = r.damped.shapes.col(mode);
        complexShapes.push_back(
            jsonComplexArray(std::vector<std::complex<double>>(c.data(), c.data() + c.size())));
    }
    std::vector<double> eigRe, eigIm;
    for (const auto& l : r.damped.eigenvalues) {
        eigRe.push_back(l.real());
        eigIm.push_back(l.imag());
    }
    return {
        {"frequencies_hz", jsonArray(u.frequenciesHz())},
        {"angular_frequencies_rad_s", jsonArray(omega)},
        {"mode_shapes", shapes},
        {"damped_natural_frequencies_hz", jsonArray(r.damped.naturalFrequenciesHz)},
        {"damped_frequencies_hz", jsonArray(r.damped.dampedFrequenciesHz)},
        {"damping_ratios", jsonArray(r.damped.dampingRatios)},
        {"eigenvalues_rad_s", {{"re", jsonArray(eigRe)}, {"im", jsonArray(eigIm)}}},
        {"complex_mode_shapes", complexShapes},
        {"rayleigh_alpha_1_s", jsonNumber(r.rayleighAlpha)},
        {"rayleigh_beta_s", jsonNumber(r.rayleighBeta)},
    };
}

json frfResultToJson(const dynamics::FrfResult& r)
{
    json floors = json::array();
    for (const auto& floor : r.floors)
        floors.push_back(jsonComplexArray(floor));
    return {
        {"quantity", dynamics::frfQuantityName(r.quantity)},
        {"unit", dynamics::frfQuantityUnit(r.quantity)},
        {"input_floor", r.inputFloor},
        {"frequency_hz", jsonArray(r.frequencyHz)},
        {"floors", floors},
    };
}

json resultEnvelope(const std::string& tool, json input, json result)
{
    return {{"tool", tool}, {"version", kVersion}, {"input", std::move(input)},
            {"result", std::move(result)}};
}

} // namespace dtop::io
