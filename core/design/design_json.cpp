// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/design_json.h"

#include "io/json_numbers.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace dtop::design {

using nlohmann::json;
using io::jsonArray;
using io::jsonNumber;

namespace {

json boundJson(double v) { return std::isfinite(v) ? json(v) : json(); }

json matrixRows(const Eigen::MatrixXd& m)
{
    json rows = json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        std::vector<double> r(static_cast<std::size_t>(m.cols()));
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            r[static_cast<std::size_t>(j)] = m(i, j);
        rows.push_back(jsonArray(r));
    }
    return rows;
}

json perParameter(const std::vector<ParameterInfo>& p, const std::vector<double>& v)
{
    json o = json::object();
    for (std::size_t j = 0; j < p.size() && j < v.size(); ++j)
        o[p[j].name] = jsonNumber(v[j]);
    return o;
}

[[noreturn]] void fail(const std::string& key, const std::string& what)
{
    throw std::invalid_argument("design input key '" + key + "' " + what);
}

double number(const json& j, const std::string& key)
{
    if (!j.is_number())
        fail(key, "must be a number, got " + j.dump());
    return j.get<double>();
}

std::size_t count(const json& j, const std::string& key)
{
    if (!j.is_number_integer() || j.get<long long>() < 0)
        fail(key, "must be a non-negative integer, got " + j.dump());
    return j.get<std::size_t>();
}

bool boolean(const json& j, const std::string& key)
{
    if (!j.is_boolean())
        fail(key, "must be true or false, got " + j.dump());
    return j.get<bool>();
}

std::string text(const json& j, const std::string& key)
{
    if (!j.is_string())
        fail(key, "must be a string, got " + j.dump());
    return j.get<std::string>();
}

InputDistribution distributionFromJson(const json& j, const std::string& key)
{
    if (!j.is_object())
        fail(key, "must be an object {\"type\", \"a\", \"b\"}, got " + j.dump());
    InputDistribution d;
    if (!j.contains("type"))
        fail(key, "needs a \"type\"");
    if (!parseInputDistributionKind(text(j["type"], key + ".type"), d.kind))
        fail(key + ".type", "must be normal, gamma, lognormal, truncated-normal or fixed, got " + j["type"].dump());
    if (!j.contains("a"))
        fail(key, "needs \"a\"");
    d.a = number(j["a"], key + ".a");
    if (j.contains("b"))
        d.b = number(j["b"], key + ".b");
    for (const char* bound : {"lower", "upper"})
        if (j.contains(bound)) {
            const json& v = j[bound];
            const double inf = std::numeric_limits<double>::infinity();
            (std::string(bound) == "lower" ? d.lower : d.upper) =
                v.is_null() ? (std::string(bound) == "lower" ? -inf : inf) : number(v, key + "." + bound);
        }
    for (const auto& item : j.items())
        if (item.key() != "type" && item.key() != "a" && item.key() != "b" && item.key() != "lower" &&
            item.key() != "upper" && item.key() != "unit")
            fail(key + "." + item.key(), "is not a distribution key (type, a, b, lower, upper, unit)");
    return d;
}

} // namespace

json designInputToJson(const DesignInput& in)
{
    const std::size_t n = in.storeys();
    json inputs = json::object();
    for (std::size_t i = 0; i < in.inputs.size(); ++i) {
        const InputDistribution& d = in.inputs[i];
        json e = {{"type", inputDistributionKindName(d.kind)},
                  {"a", jsonNumber(d.a)},
                  {"b", jsonNumber(d.b)},
                  {"unit", DesignInput::inputUnit(i, n)}};
        if (d.kind == InputDistributionKind::TruncatedNormal) {
            e["lower"] = boundJson(d.lower);
            e["upper"] = boundJson(d.upper);
        }
        inputs[DesignInput::inputName(i, n)] = e;
    }
    json outputs = json::array();
    for (const auto& o : in.outputs)
        outputs.push_back(outputName(o));
    return {
        {"inputs", inputs},
        {"frequency_hz", in.frequencyHz},
        {"outputs", outputs},
        {"shear", shearDefinitionName(in.shear)},
        {"sampling", uq::samplingMethodName(in.sampling)},
        {"samples", in.samples},
        {"seed", in.seed},
        {"probability", in.probability},
        {"threshold", in.threshold ? json(*in.threshold) : json()},
        {"sobol", in.sobol},
        {"sobol_samples", in.sobolSamples},
        {"sobol_max_samples", in.sobolMaxSamples},
        {"sobol_tolerance", in.sobolTolerance},
        {"bootstrap", in.bootstrapResamples},
        {"fisher", in.fisher},
        {"fisher_max_cells", in.fisherMaxCells},
        {"fisher_tolerance", in.fisherTolerance},
        {"frf_points", in.frfPoints},
        {"threads", in.threads},
        {"legacy", in.legacy},
        {"legacy_samples", in.legacyOptions.samples},
        {"legacy_grid_points", in.legacyOptions.gridPoints},
        {"legacy_slider_percent", in.legacyOptions.sliderPercent},
        {"legacy_histogram_bins", in.legacyOptions.histogramBins},
    };
}

DesignInput designInputFromJson(const json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("design input must be a JSON object");
    DesignInput in;
    for (const auto& item : j.items()) {
        const std::string& key = item.key();
        const json& v = item.value();
        if (key == "inputs") {
            if (!v.is_object())
                fail(key, "must be an object of NAME: {type, a, b}");
            // A complete set f1..fn, k1..kn, c1..cn, m1..mn sets the storey count.
            const std::size_t total = v.size();
            bool complete = total % 4 == 0 && total > 0;
            const std::size_t n = total / 4;
            if (complete)
                for (std::size_t i = 0; i < total && complete; ++i)
                    complete = v.contains(DesignInput::inputName(i, n));
            if (complete && n != in.storeys()) {
                in.inputs.assign(total, InputDistribution());
                for (std::size_t i = 0; i < total; ++i) {
                    const std::string name = DesignInput::inputName(i, n);
                    in.inputs[i] = distributionFromJson(v[name], "inputs." + name);
                }
                continue;
            }
            for (const auto& e : v.items()) {
                const int index = in.findInput(e.key());
                if (index < 0)
                    fail("inputs." + e.key(), "is not an input of a " + std::to_string(in.storeys()) +
                                                  "-storey building (f1.., k1.., c1.., m1..)");
                in.inputs[static_cast<std::size_t>(index)] = distributionFromJson(e.value(), "inputs." + e.key());
            }
        } else if (key == "frequency_hz") {
            in.frequencyHz = number(v, key);
        } else if (key == "outputs") {
            if (!v.is_array())
                fail(key, "must be an array of output names, got " + v.dump());
            std::vector<OutputId> outs;
            for (const auto& o : v) {
                OutputId id;
                if (!o.is_string() || !parseOutputName(o.get<std::string>(), in.storeys(), id))
                    fail(key, "has an unknown output " + o.dump());
                outs.push_back(id);
            }
            in.outputs = outs;
        } else if (key == "shear") {
            if (!parseShearDefinition(text(v, key), in.shear))
                fail(key, "must be \"complex\" or \"prototype\", got " + v.dump());
        } else if (key == "sampling") {
            if (!uq::parseSamplingMethod(text(v, key), in.sampling))
                fail(key, "must be \"monte-carlo\" or \"sobol\", got " + v.dump());
        } else if (key == "samples") {
            in.samples = count(v, key);
        } else if (key == "seed") {
            if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<long long>() >= 0))
                fail(key, "must be a non-negative integer, got " + v.dump());
            in.seed = v.get<std::uint64_t>();
        } else if (key == "probability") {
            in.probability = boolean(v, key);
        } else if (key == "threshold") {
            if (v.is_null())
                in.threshold.reset();
            else
                in.threshold = number(v, key);
        } else if (key == "sobol") {
            in.sobol = boolean(v, key);
        } else if (key == "sobol_samples") {
            in.sobolSamples = count(v, key);
        } else if (key == "sobol_max_samples") {
            in.sobolMaxSamples = count(v, key);
        } else if (key == "sobol_tolerance") {
            in.sobolTolerance = number(v, key);
        } else if (key == "bootstrap") {
            in.bootstrapResamples = count(v, key);
        } else if (key == "fisher") {
            in.fisher = boolean(v, key);
        } else if (key == "fisher_max_cells") {
            in.fisherMaxCells = count(v, key);
        } else if (key == "fisher_tolerance") {
            in.fisherTolerance = number(v, key);
        } else if (key == "frf_points") {
            in.frfPoints = count(v, key);
        } else if (key == "threads") {
            in.threads = static_cast<unsigned>(count(v, key));
        } else if (key == "legacy") {
            in.legacy = boolean(v, key);
        } else if (key == "legacy_samples") {
            in.legacyOptions.samples = count(v, key);
        } else if (key == "legacy_grid_points") {
            in.legacyOptions.gridPoints = count(v, key);
        } else if (key == "legacy_slider_percent") {
            in.legacyOptions.sliderPercent = number(v, key);
        } else if (key == "legacy_histogram_bins") {
            in.legacyOptions.histogramBins = count(v, key);
        } else {
            fail(key, "is not a design input key");
        }
    }
    return in;
}

json designResultToJson(const DesignResult& r)
{
    json result;
    result["storeys"] = r.storeys;
    result["frequency_hz"] = r.frequencyHz;
    result["samples"] = r.samples;
    result["seed"] = r.seed;
    result["sampling"] = uq::samplingMethodName(r.sampling);
    result["shear"] = shearDefinitionName(r.shear);
    result["legacy"] = r.legacy;
    result["seconds"] = r.seconds;

    json inputs = json::array();
    for (const auto& i : r.inputs)
        inputs.push_back({{"name", i.name},
                          {"unit", i.unit},
                          {"type", inputDistributionKindName(i.distribution.kind)},
                          {"a", jsonNumber(i.distribution.a)},
                          {"b", jsonNumber(i.distribution.b)},
                          {"random", i.random},
                          {"mean", jsonNumber(i.mean)},
                          {"sd", jsonNumber(i.sd)}});
    result["inputs"] = inputs;
    json params = json::array();
    for (const auto& p : r.parameters)
        params.push_back({{"name", p.name},
                          {"input", r.inputs[p.input].name},
                          {"value", jsonNumber(p.value)},
                          {"scale", jsonNumber(p.scale)},
                          {"scale_is_spread", p.scaleIsSpread},
                          {"unit", p.unit}});
    result["parameters"] = params;

    json outputs = json::object();
    for (const auto& o : r.outputs) {
        const SampleStatistics& s = o.statistics;
        outputs[o.name] = {
            {"mean", jsonNumber(s.mean)},
            {"std", jsonNumber(s.std)},
            {"std_error", jsonNumber(s.stdError)},
            {"std_std_error", jsonNumber(s.stdStdError)},
            {"skewness", jsonNumber(s.skewness)},
            {"min", jsonNumber(s.min)},
            {"max", jsonNumber(s.max)},
            {"nominal", jsonNumber(o.nominal)},
            {"unit", o.unit},
            {"label", o.label},
            {"samples", s.samples},
            {"quantiles", {{"levels", jsonArray(s.quantileLevels)}, {"values", jsonArray(s.quantiles)}, {"resolution", jsonNumber(s.resolution)}}},
            {"histogram", {{"edges", jsonArray(s.histogram.edges)}, {"density", jsonArray(s.histogram.density)}}},
            {"kde", {{"x", jsonArray(s.kde.x)}, {"density", jsonArray(s.kde.density)}, {"bandwidth", jsonNumber(s.kde.bandwidth)}}},
        };
    }
    result["outputs"] = outputs;

    if (r.sobol.computed) {
        json sobol = json::object();
        json summary = {{"rows", r.sobol.rows},
                        {"evaluations", r.sobol.evaluations},
                        {"resamples", r.sobol.resamples},
                        {"level", r.sobol.level},
                        {"tolerance", r.sobol.tolerance},
                        {"max_half_width", jsonNumber(r.sobol.maxHalfWidth)},
                        {"tolerance_met", r.sobol.toleranceMet},
                        {"estimators", r.sobol.estimators}};
        json perOutput = json::object();
        for (const auto& o : r.sobol.outputs) {
            json byInput = json::object();
            json conv = {{"rows", o.convergence.rows}};
            json cf = json::object(), ct = json::object(), cfw = json::object(), ctw = json::object();
            for (std::size_t i = 0; i < o.inputs.size(); ++i) {
                const auto& s = o.inputs[i];
                byInput[s.input] = {{"first", jsonNumber(s.first)},
                                    {"total", jsonNumber(s.total)},
                                    {"first_ci", {jsonNumber(s.firstLow), jsonNumber(s.firstHigh)}},
                                    {"total_ci", {jsonNumber(s.totalLow), jsonNumber(s.totalHigh)}},
                                    {"first_jansen", jsonNumber(s.firstJansen)},
                                    {"total_homma", jsonNumber(s.totalHomma)},
                                    {"random", s.random}};
                if (i < o.convergence.first.size()) {
                    cf[s.input] = jsonArray(o.convergence.first[i]);
                    ct[s.input] = jsonArray(o.convergence.total[i]);
                    cfw[s.input] = jsonArray(o.convergence.firstHalfWidth[i]);
                    ctw[s.input] = jsonArray(o.convergence.totalHalfWidth[i]);
                }
            }
            conv["first"] = cf;
            conv["total"] = ct;
            conv["first_half_width"] = cfw;
            conv["total_half_width"] = ctw;
            sobol[o.output] = byInput;
            perOutput[o.output] = {{"mean", jsonNumber(o.mean)},
                                   {"variance", jsonNumber(o.variance)},
                                   {"sum_first", jsonNumber(o.sumFirst)},
                                   {"sum_first_ci", {jsonNumber(o.sumFirstLow), jsonNumber(o.sumFirstHigh)}},
                                   {"convergence", conv}};
        }
        summary["outputs"] = perOutput;
        result["sobol"] = sobol;
        result["sobol_summary"] = summary;
    }

    json names = json::array();
    for (const auto& p : r.parameters)
        names.push_back(p.name);
    if (r.fisher.computed) {
        const FisherResult& F = r.fisher;
        json levels = json::array();
        for (const auto& L : F.levels)
            levels.push_back({{"bins_per_axis", L.binsPerAxis},
                              {"cells", L.cells},
                              {"eigenvalues_scaled", jsonArray(L.eigenvaluesScaled)},
                              {"trace_scaled", jsonNumber(L.traceScaled)}});
        json vectors = json::array();
        for (Eigen::Index k = 0; k < F.eigenvectorsScaled.cols(); ++k) {
            std::vector<double> v(static_cast<std::size_t>(F.eigenvectorsScaled.rows()));
            for (Eigen::Index j = 0; j < F.eigenvectorsScaled.rows(); ++j)
                v[static_cast<std::size_t>(j)] = F.eigenvectorsScaled(j, k);
            vectors.push_back(jsonArray(v));
        }
        result["fisher"] = {
            {"parameters", names},
            {"eigenvalues_scaled", jsonArray(F.eigenvaluesScaled)},
            {"diagonal_scaled", perParameter(r.parameters, F.diagonalScaled)},
            {"converged", F.converged},
            {"method", F.method},
            {"coordinates", F.coordinates},
            {"eigenvalue_std_errors", jsonArray(F.eigenvalueStdErrors)},
            {"diagonal_std_errors", perParameter(r.parameters, F.diagonalStdErrors)},
            {"eigenvectors_scaled", vectors},
            {"matrix_scaled", matrixRows(F.matrixScaled)},
            {"correlation", matrixRows(F.correlation)},
            {"upper_bound_diagonal", perParameter(r.parameters, F.upperBoundDiagonal)},
            {"bound_ratio", jsonNumber(F.boundRatio)},
            {"within_bound", F.withinBound},
            {"half_sample_eigenvalues", jsonArray(F.halfSampleEigenvalues)},
            {"levels", levels},
            {"leading", F.leading},
            {"relative_change", jsonNumber(F.relativeChange)},
            {"relative_std_error", jsonNumber(F.relativeStdError)},
            {"tolerance", F.tolerance},
            {"bins_per_axis", F.binsPerAxis},
            {"cells", F.cells},
            {"pilot_samples", F.pilotSamples},
            {"groups", F.groups},
        };
    }
    if (r.probability.computed) {
        const ProbabilityResult& P = r.probability;
        result["probability"] = {
            {"value", jsonNumber(P.value)},
            {"std_error", jsonNumber(P.stdError)},
            {"threshold", jsonNumber(P.threshold)},
            {"gradient_scaled", perParameter(r.parameters, P.gradientScaled)},
            {"gradient_std_error", perParameter(r.parameters, P.gradientStdError)},
            {"gradient", perParameter(r.parameters, P.gradient)},
            {"output", P.output},
            {"unit", P.unit},
            {"threshold_from_nominal", P.thresholdFromNominal},
            {"method", P.method},
            {"information_bound_scaled", perParameter(r.parameters, P.boundScaled)},
            {"projections", jsonArray(P.projections)},
            {"projection_bounds", jsonArray(P.projectionBounds)},
            {"information_ratio", jsonNumber(P.informationRatio)},
            {"within_bound", P.withinBound},
        };
    }
    if (r.kl.computed)
        result["kl"] = {{"relative_change", r.kl.relativeChange},
                        {"approximation", "KL ≈ ½ εᵀF̃ε (local, nats)"},
                        {"per_parameter_nats", perParameter(r.parameters, r.kl.perParameter)},
                        {"per_eigenvector_nats", jsonArray(r.kl.perEigenvector)}};

    const NominalResponse& N = r.nominal;
    json nominalOutputs = json::object();
    for (std::size_t k = 0; k < N.outputIds.size(); ++k)
        nominalOutputs[outputName(N.outputIds[k])] = jsonNumber(N.outputs[k]);
    json floors = json::array();
    for (std::size_t f = 0; f < N.floorsAbs.size(); ++f)
        floors.push_back({{"abs", jsonArray(N.floorsAbs[f])}, {"db", jsonArray(N.floorsDb[f])}});
    result["nominal"] = {{"analysis_frequency_hz", N.analysisFrequencyHz},
                         {"natural_frequencies_hz", jsonArray(N.naturalFrequenciesHz)},
                         {"damping_ratios", jsonArray(N.dampingRatios)},
                         {"outputs", nominalOutputs},
                         {"forcing", N.forcing},
                         {"frequency_hz", jsonArray(N.frequencyHz)},
                         {"floors", floors}};

    if (r.legacy && r.legacyResult.computed) {
        const LegacyResult& L = r.legacyResult;
        const double pq = L.probability * (1.0 - L.probability);
        result["fisher"] = {{"parameters", names},
                            {"eigenvalues_scaled", jsonArray(L.eigenvaluesScaled)},
                            {"diagonal_scaled", perParameter(r.parameters, L.diagonalScaled)},
                            {"converged", false},
                            {"method", L.label},
                            {"matrix_scaled", matrixRows(L.matrixScaled)}};
        result["probability"] = {
            {"value", jsonNumber(L.probability)},
            {"std_error", jsonNumber(std::sqrt(pq / static_cast<double>(std::max<std::size_t>(L.samples, 1))))},
            {"threshold", jsonNumber(L.thresholds.empty() ? 0.0 : L.thresholds[0])},
            {"gradient_scaled", perParameter(r.parameters, L.gradientScaled)},
            {"gradient_std_error", perParameter(r.parameters, L.gradientStdError)},
            {"gradient", perParameter(r.parameters, L.gradient)},
            {"method", "prototype: joint P(z < t) at the slider's grid node, likelihood ratio without baseline"}};
        json hist = json::array();
        for (const auto& h : L.histograms)
            hist.push_back({{"edges", jsonArray(h.edges)}, {"density", jsonArray(h.density)}});
        result["legacy"] = {{"label", L.label},
                            {"samples", L.samples},
                            {"grid_points", L.gridPoints},
                            {"slider_percent", L.sliderPercent},
                            {"grid_index", L.gridIndex},
                            {"thresholds", jsonArray(L.thresholds)},
                            {"eigenvalues_unscaled", jsonArray(L.eigenvaluesUnscaled)},
                            {"delta_p", jsonArray(L.deltaP)},
                            {"histograms", hist}};
    }
    return result;
}

io::CsvTable designNominalTable(const DesignResult& r)
{
    io::CsvTable t;
    t.addColumn("frequency_hz", r.nominal.frequencyHz);
    for (std::size_t f = 0; f < r.nominal.floorsAbs.size(); ++f)
        t.addColumn("abs_floor" + std::to_string(f + 1) + "_m", r.nominal.floorsAbs[f]);
    for (std::size_t f = 0; f < r.nominal.floorsDb.size(); ++f)
        t.addColumn("db_floor" + std::to_string(f + 1), r.nominal.floorsDb[f]);
    return t;
}

io::CsvTable designParameterTable(const DesignResult& r)
{
    io::CsvTable t;
    std::vector<double> index, value, scale;
    for (std::size_t j = 0; j < r.parameters.size(); ++j) {
        index.push_back(static_cast<double>(j));
        value.push_back(r.parameters[j].value);
        scale.push_back(r.parameters[j].scale);
    }
    t.addColumn("parameter_index", index);
    t.addColumn("value", value);
    t.addColumn("scale", scale);
    if (r.fisher.computed) {
        t.addColumn("fisher_diagonal_scaled", r.fisher.diagonalScaled);
        t.addColumn("fisher_diagonal_std_error", r.fisher.diagonalStdErrors);
        t.addColumn("fisher_upper_bound", r.fisher.upperBoundDiagonal);
    }
    if (r.probability.computed) {
        t.addColumn("gradient_scaled", r.probability.gradientScaled);
        t.addColumn("gradient_std_error", r.probability.gradientStdError);
        if (!r.probability.boundScaled.empty())
            t.addColumn("information_bound_scaled", r.probability.boundScaled);
    }
    return t;
}

} // namespace dtop::design
