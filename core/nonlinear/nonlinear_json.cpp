// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/nonlinear_json.h"

#include "io/json_numbers.h"
#include "io/profile_json.h"

#include <climits>
#include <cstdint>
#include <cmath>
#include <stdexcept>

namespace dtop::nonlinear {

using nlohmann::json;
using io::jsonArray;
using io::jsonNumber;

json nonlinearInputToJson(const NonlinearInput& in)
{
    json j = {
        {"profile", io::profileToJson(in.profile)},
        {"analysis", nonlinearAnalysisName(in.analysis)},
        {"frequency_rad_s", in.frequencyRadS},
        {"force_n", in.forceN},
        {"from", in.effectiveFrom()},
        {"to", in.effectiveTo()},
        {"mode", in.mode},
        {"harmonics", in.harmonics},
        {"kp", in.kp},
        {"kd", in.kd},
        {"harmonic_tolerance_m", in.harmonicToleranceM},
        {"fold_tolerance", in.foldArcTolerance},
        {"max_points", in.maxPoints},
        {"force_limit_n", in.forceLimitN},
        {"backbones_with_frequency_curve", in.backbonesWithFrequencyCurve},
        {"sweep_parameter", sweepParameterName(in.sweepParameter)},
        {"sweep_points", in.sweepPoints},
        {"sweep_rate", in.sweepRate},
        {"cbc_points", in.cbcPoints},
        {"cbc_tolerance_n", in.cbcToleranceN},
        {"cbc_max_iterations", in.cbcMaxIterations},
        {"cbc_samples_per_period", in.cbcSamplesPerPeriod},
        {"cbc_harmonics", in.cbcHarmonics},
        {"legacy", in.legacy},
    };
    return j;
}

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& what)
{
    throw std::invalid_argument("nonlinear input: key '" + key + "' " + what);
}

double number(const json& j, const std::string& key)
{
    const json& v = j.at(key);
    if (!v.is_number())
        bad(key, "must be a number");
    const double d = v.get<double>();
    if (!std::isfinite(d))
        bad(key, "must be finite");
    return d;
}

int integer(const json& j, const std::string& key)
{
    const json& v = j.at(key);
    if (!v.is_number_integer())
        bad(key, "must be an integer");
    // Not get<int>(): a value beyond int would wrap silently into an acceptable one.
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::uint64_t(INT_MAX)
                               : v.get<long long>() < INT_MIN || v.get<long long>() > INT_MAX)
        bad(key, "is out of range: " + v.dump());
    return static_cast<int>(v.get<long long>());
}

std::size_t count(const json& j, const std::string& key)
{
    const json& v = j.at(key);
    if (!v.is_number_integer() || v.get<long long>() < 0)
        bad(key, "must be a non-negative integer");
    return v.get<std::size_t>();
}

bool boolean(const json& j, const std::string& key)
{
    const json& v = j.at(key);
    if (!v.is_boolean())
        bad(key, "must be true or false");
    return v.get<bool>();
}

std::string text(const json& j, const std::string& key)
{
    const json& v = j.at(key);
    if (!v.is_string())
        bad(key, "must be a string");
    return v.get<std::string>();
}

} // namespace

NonlinearInput nonlinearInputFromJson(const json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("nonlinear input: expected a JSON object");
    NonlinearInput in;
    if (j.contains("profile")) {
        InputIssues issues;
        const auto p = io::profileFromJson(j.at("profile"), issues);
        if (!p) {
            std::string msg;
            for (const auto& i : issues)
                msg += " " + i.message;
            bad("profile", "is malformed:" + msg);
        }
        in.profile = *p;
    }
    if (j.contains("analysis") && !parseNonlinearAnalysis(text(j, "analysis"), in.analysis))
        bad("analysis", "must be force-curve, frequency-curve, backbone, fold-curve, sweep or cbc");
    if (j.contains("frequency_rad_s"))
        in.frequencyRadS = number(j, "frequency_rad_s");
    if (j.contains("force_n"))
        in.forceN = number(j, "force_n");
    if (j.contains("from") && !j.at("from").is_null())
        in.from = number(j, "from");
    if (j.contains("to") && !j.at("to").is_null())
        in.to = number(j, "to");
    if (j.contains("mode"))
        in.mode = integer(j, "mode");
    if (j.contains("harmonics"))
        in.harmonics = integer(j, "harmonics");
    if (j.contains("kp"))
        in.kp = number(j, "kp");
    if (j.contains("kd"))
        in.kd = number(j, "kd");
    if (j.contains("harmonic_tolerance_m"))
        in.harmonicToleranceM = number(j, "harmonic_tolerance_m");
    if (j.contains("fold_tolerance"))
        in.foldArcTolerance = number(j, "fold_tolerance");
    if (j.contains("max_points"))
        in.maxPoints = count(j, "max_points");
    if (j.contains("force_limit_n"))
        in.forceLimitN = number(j, "force_limit_n");
    if (j.contains("backbones_with_frequency_curve"))
        in.backbonesWithFrequencyCurve = boolean(j, "backbones_with_frequency_curve");
    if (j.contains("sweep_parameter") &&
        !parseSweepParameter(text(j, "sweep_parameter"), in.sweepParameter))
        bad("sweep_parameter", "must be frequency or force");
    if (j.contains("sweep_points"))
        in.sweepPoints = count(j, "sweep_points");
    if (j.contains("sweep_rate"))
        in.sweepRate = number(j, "sweep_rate");
    if (j.contains("cbc_points"))
        in.cbcPoints = count(j, "cbc_points");
    if (j.contains("cbc_tolerance_n"))
        in.cbcToleranceN = number(j, "cbc_tolerance_n");
    if (j.contains("cbc_max_iterations"))
        in.cbcMaxIterations = integer(j, "cbc_max_iterations");
    if (j.contains("cbc_samples_per_period"))
        in.cbcSamplesPerPeriod = integer(j, "cbc_samples_per_period");
    if (j.contains("cbc_harmonics"))
        in.cbcHarmonics = integer(j, "cbc_harmonics");
    if (j.contains("legacy"))
        in.legacy = boolean(j, "legacy");
    const InputIssues issues = in.validate();
    if (!issues.empty())
        bad(issues.front().field, "is invalid: " + issues.front().message);
    return in;
}

namespace {

json foldsJson(const std::vector<FoldPoint>& folds)
{
    json a = json::array();
    for (const auto& f : folds)
        a.push_back({{"force_n", jsonNumber(f.forceN)},
                     {"frequency_rad_s", jsonNumber(f.frequencyRadS)},
                     {"amplitude_m", jsonNumber(f.amplitudeM)},
                     {"amplitudes_m", jsonArray(f.amplitudesM)}});
    return a;
}

json sweepSamples(const std::vector<SweepSample>& s)
{
    json a = json::array();
    for (const auto& p : s)
        a.push_back({{"parameter", jsonNumber(p.parameter)}, {"amplitude_m", jsonArray(p.amplitudeM)}});
    return a;
}

json legacyTable(const std::vector<std::vector<double>>& rows)
{
    json a = json::array();
    for (const auto& r : rows)
        a.push_back(jsonArray(r));
    return a;
}

} // namespace

json nonlinearResultToJson(const NonlinearResult& r)
{
    json branch = json::array();
    for (const auto& p : r.branch) {
        json mult = json::array();
        for (const auto& m : p.multipliers)
            mult.push_back({{"re", jsonNumber(m.real())}, {"im", jsonNumber(m.imag())}});
        branch.push_back({{"force_n", jsonNumber(p.forceN)},
                          {"frequency_rad_s", jsonNumber(p.frequencyRadS)},
                          {"amplitude_m", jsonArray(p.amplitudeM)},
                          {"peak_to_peak_m", jsonArray(p.peakToPeakM)},
                          {"stable", p.stable},
                          {"multipliers_abs_max", jsonNumber(p.multipliersAbsMax)},
                          {"multipliers", mult},
                          {"harmonics", p.harmonics}});
    }
    json bif = json::array();
    for (const auto& b : r.bifurcations)
        bif.push_back({{"type", bifurcationTypeName(b.type)},
                       {"force_n", jsonNumber(b.forceN)},
                       {"frequency_rad_s", jsonNumber(b.frequencyRadS)},
                       {"amplitude_m", jsonNumber(b.amplitudeM)},
                       {"becomes_stable", b.becomesStable}});
    json backbone = json::array();
    for (const auto& p : r.backbone)
        backbone.push_back({{"mode", p.mode},
                            {"frequency_rad_s", jsonNumber(p.frequencyRadS)},
                            {"amplitude_m", jsonArray(p.amplitudeM)},
                            {"energy_j", jsonNumber(p.energyJ)}});
    json cbc = json::array();
    for (const auto& p : r.cbc)
        cbc.push_back({{"force_n", jsonNumber(p.forceN)},
                       {"amplitude_m", jsonArray(p.amplitudeM)},
                       {"residual_control_n", jsonNumber(p.residualControlN)},
                       {"converged", p.converged},
                       {"target_amplitude_m", jsonNumber(p.targetAmplitudeM)},
                       {"fundamental_control_n", jsonNumber(p.fundamentalControlN)},
                       {"iterations", p.iterations},
                       {"periods", p.periods},
                       {"stable", p.stable},
                       {"model_force_n", jsonNumber(p.modelForceN)},
                       {"error_n", jsonNumber(p.errorN)}});
    json result = {
        {"analysis", nonlinearAnalysisName(r.analysis)},
        {"natural_frequencies_rad_s", jsonArray(r.naturalFrequenciesRadS)},
        {"damping_ratios", jsonArray(r.dampingRatios)},
        {"from", jsonNumber(r.from)},
        {"to", jsonNumber(r.to)},
        {"branch", branch},
        {"folds", foldsJson(r.folds)},
        {"bifurcations", bif},
        {"harmonics", r.harmonics},
        {"harmonics_check_m", jsonNumber(r.harmonicsCheckM)},
        {"stop_reason", r.stopReason},
        {"backbone", backbone},
        {"cbc", cbc},
        {"warnings", r.warnings},
        {"seconds", r.seconds},
    };
    if (r.analysis == NonlinearAnalysis::Cbc) {
        result["model_folds"] = foldsJson(r.modelFolds);
        result["cbc_simulated_s"] = jsonNumber(r.cbcSimulatedSeconds);
    }
    if (r.analysis == NonlinearAnalysis::FoldCurve) {
        json pts = json::array();
        for (const auto& p : r.foldCurve.points)
            pts.push_back({{"frequency_rad_s", jsonNumber(p.frequencyRadS)},
                           {"force_n", jsonNumber(p.forceN)},
                           {"amplitude_m", jsonNumber(p.amplitudeM)}});
        json fc = {{"points", pts}, {"harmonics", r.foldCurve.harmonics}};
        if (r.foldCurve.hasCusp)
            fc["cusp"] = {{"frequency_rad_s", jsonNumber(r.foldCurve.cusp.frequencyRadS)},
                          {"force_n", jsonNumber(r.foldCurve.cusp.forceN)},
                          {"amplitude_m", jsonNumber(r.foldCurve.cusp.amplitudeM)}};
        result["fold_curve"] = fc;
    }
    if (r.analysis == NonlinearAnalysis::Sweep) {
        json jumps = json::array();
        for (const auto& j : r.sweep.jumps)
            jumps.push_back({{"direction", j.up ? "up" : "down"},
                             {"parameter", jsonNumber(j.parameter)},
                             {"amplitude_before_m", jsonNumber(j.amplitudeBeforeM)},
                             {"amplitude_after_m", jsonNumber(j.amplitudeAfterM)}});
        json s = {{"parameter", r.sweep.parameter == ContinuationParameter::Force ? "force_n"
                                                                                  : "frequency_rad_s"},
                  {"up", sweepSamples(r.sweep.up)},
                  {"down", sweepSamples(r.sweep.down)},
                  {"jumps", jumps}};
        if (r.sweep.rate > 0.0) {
            s["rate"] = r.sweep.rate;
            s["rate_limit"] = jsonNumber(r.sweep.rateLimit);
            s["time_up"] = sweepSamples(r.sweep.timeUp);
            s["time_down"] = sweepSamples(r.sweep.timeDown);
        }
        result["sweep"] = s;
    }
    if (r.legacy) {
        json l = {{"label", r.legacy->label},
                  {"frequency_up", legacyTable(r.legacy->frequencyUp)},
                  {"frequency_down", legacyTable(r.legacy->frequencyDown)},
                  {"amplitude_up", legacyTable(r.legacy->amplitudeUp)},
                  {"amplitude_down", legacyTable(r.legacy->amplitudeDown)},
                  {"cbc", legacyTable(r.legacy->cbc)}};
        if (r.legacyComparison) {
            const auto& c = *r.legacyComparison;
            l["comparison"] = {{"row_counts_match", c.rowCountsMatch},
                               {"max_amplitude_difference_m", c.maxAmplitudeDifferenceM},
                               {"max_force_difference_n", c.maxForceDifferenceN},
                               {"jump_indices", c.jumpIndices},
                               {"reference_jump_indices", c.referenceJumpIndices},
                               {"fold_rows", {c.foldRowMax, c.foldRowMin}},
                               {"reference_fold_rows", {c.referenceFoldRowMax, c.referenceFoldRowMin}}};
        }
        result["legacy"] = l;
    }
    return result;
}

io::CsvTable nonlinearResultTable(const NonlinearResult& r)
{
    io::CsvTable t;
    if (r.analysis == NonlinearAnalysis::Cbc) {
        std::vector<double> f, res, conv, model;
        std::vector<std::vector<double>> amp;
        for (const auto& p : r.cbc) {
            f.push_back(p.forceN);
            res.push_back(p.residualControlN);
            conv.push_back(p.converged ? 1.0 : 0.0);
            model.push_back(p.modelForceN);
            amp.resize(p.amplitudeM.size());
            for (std::size_t i = 0; i < p.amplitudeM.size(); ++i)
                amp[i].push_back(p.amplitudeM[i]);
        }
        t.addColumn("force_n", f);
        for (std::size_t i = 0; i < amp.size(); ++i)
            t.addColumn("amplitude_x" + std::to_string(i + 1) + "_m", amp[i]);
        t.addColumn("residual_control_n", res);
        t.addColumn("converged", conv);
        t.addColumn("model_force_n", model);
        return t;
    }
    if (r.analysis == NonlinearAnalysis::Backbone) {
        std::vector<double> mode, w;
        std::vector<std::vector<double>> amp;
        for (const auto& p : r.backbone) {
            mode.push_back(p.mode);
            w.push_back(p.frequencyRadS);
            amp.resize(p.amplitudeM.size());
            for (std::size_t i = 0; i < p.amplitudeM.size(); ++i)
                amp[i].push_back(p.amplitudeM[i]);
        }
        t.addColumn("mode", mode);
        t.addColumn("frequency_rad_s", w);
        for (std::size_t i = 0; i < amp.size(); ++i)
            t.addColumn("amplitude_x" + std::to_string(i + 1) + "_m", amp[i]);
        return t;
    }
    std::vector<double> f, w, st, mu;
    std::vector<std::vector<double>> amp, pp;
    for (const auto& p : r.branch) {
        f.push_back(p.forceN);
        w.push_back(p.frequencyRadS);
        st.push_back(p.stable ? 1.0 : 0.0);
        mu.push_back(p.multipliersAbsMax);
        amp.resize(p.amplitudeM.size());
        pp.resize(p.peakToPeakM.size());
        for (std::size_t i = 0; i < p.amplitudeM.size(); ++i) {
            amp[i].push_back(p.amplitudeM[i]);
            pp[i].push_back(p.peakToPeakM[i]);
        }
    }
    t.addColumn("force_n", f);
    t.addColumn("frequency_rad_s", w);
    for (std::size_t i = 0; i < amp.size(); ++i)
        t.addColumn("amplitude_x" + std::to_string(i + 1) + "_m", amp[i]);
    for (std::size_t i = 0; i < pp.size(); ++i)
        t.addColumn("peak_to_peak_x" + std::to_string(i + 1) + "_m", pp[i]);
    t.addColumn("stable", st);
    t.addColumn("multipliers_abs_max", mu);
    return t;
}

} // namespace dtop::nonlinear
