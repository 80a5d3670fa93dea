// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "uq/chain_model.h"
#include "uq/sampling.h"

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace dtop::uq {

// Shape of a parameter's scatter inside its interval, for the sampled envelope. The interval
// methods (vertex, optimised, verified, prototype) use the interval alone.
enum class SpreadShape {
    Uniform,   // uniform on [lo, hi]
    Normal,    // normal, mean = nominal, sd = half-width / sdsPerHalfWidth, truncated to [lo, hi]
    LogNormal, // lognormal with that mean and sd, truncated to [lo, hi]
};

const char* spreadShapeName(SpreadShape shape); // "uniform", "normal", "lognormal"
bool parseSpreadShape(const std::string& text, SpreadShape& shape);

// The uncertainty of one parameter around the profile's (nominal) value.
struct ParameterSpread {
    enum class Form { RelativePercent, Explicit };
    Form form = Form::RelativePercent;
    double percent = 10.0; // ± percent of the nominal value (RelativePercent)
    double lower = 0.0;    // explicit interval in the parameter's SI unit (Explicit)
    double upper = 0.0;
    SpreadShape shape = SpreadShape::Uniform;

    static ParameterSpread relative(double percent, SpreadShape shape = SpreadShape::Uniform)
    {
        return {Form::RelativePercent, percent, 0.0, 0.0, shape};
    }
    static ParameterSpread interval(double lo, double hi, SpreadShape shape = SpreadShape::Uniform)
    {
        return {Form::Explicit, 0.0, lo, hi, shape};
    }
};

// The parameter box [lo, hi] of the 3n chain parameters, with the nominal point inside.
struct ParameterBox {
    std::vector<std::string> names; // "m1", ..., "c3"
    std::vector<std::string> units;
    std::vector<double> nominal;
    std::vector<double> lower;
    std::vector<double> upper;
    std::vector<SpreadShape> shapes;
    double sdsPerHalfWidth = 3.0;

    std::size_t size() const { return nominal.size(); }
    double width(std::size_t i) const { return upper[i] - lower[i]; }
    // Indices of the parameters with a non-zero width (the dimensions of the search).
    std::vector<std::size_t> uncertainIndices() const;
    // The point lo + t (hi - lo) for t in [0, 1]^size.
    void fromUnit(const double* t, double* p) const;

    // Builds the box: scale multiplies every half-width ("scale all"); an explicit interval is
    // scaled about the nominal value. Appends one issue per bad field to `issues`.
    static ParameterBox build(const std::vector<double>& nominal, std::size_t storeys,
                              const std::vector<ParameterSpread>& spreads, double scale,
                              double sdsPerHalfWidth, InputIssues& issues);

    // n × size samples from each parameter's shape on its interval, seeded.
    Eigen::MatrixXd sample(std::size_t n, SamplingMethod method, std::uint64_t seed) const;
};

} // namespace dtop::uq
