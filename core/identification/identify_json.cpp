// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/identify_json.h"
#include "identification/eigen_index.h"

#include "io/json_numbers.h"
#include "io/profile_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dtop::identification {

using nlohmann::json;
using io::jsonArray;
using io::jsonNumber;

namespace {

json matrixJson(const Eigen::MatrixXd& m)
{
    json a = json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        json row = json::array();
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            row.push_back(jsonNumber(m(i, j)));
        a.push_back(row);
    }
    return a;
}

std::vector<double> realParts(const Eigen::VectorXcd& v)
{
    std::vector<double> out;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        out.push_back(v(i).real());
    return out;
}

std::vector<double> imagParts(const Eigen::VectorXcd& v)
{
    std::vector<double> out;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        out.push_back(v(i).imag());
    return out;
}

std::vector<std::complex<double>> column(const Eigen::MatrixXcd& m, Eigen::Index c)
{
    std::vector<std::complex<double>> out;
    for (Eigen::Index k = 0; k < m.rows(); ++k)
        out.push_back(m(k, c));
    return out;
}

[[noreturn]] void bad(const std::string& key, const std::string& what)
{
    throw std::invalid_argument("identify input key '" + key + "' " + what);
}

const json* find(const json& j, const char* key)
{
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

void readBool(const json& j, const char* key, bool& out, const std::string& prefix = {})
{
    if (const json* v = find(j, key)) {
        if (!v->is_boolean())
            bad(prefix + key, "must be true or false, got " + v->dump());
        out = v->get<bool>();
    }
}

void readDouble(const json& j, const char* key, double& out, const std::string& prefix = {})
{
    if (const json* v = find(j, key)) {
        if (!v->is_number())
            bad(prefix + key, "must be a number, got " + v->dump());
        out = v->get<double>();
        if (!std::isfinite(out))
            bad(prefix + key, "must be finite");
    }
}

template <class Int> void readInt(const json& j, const char* key, Int& out, long long lo, long long hi,
                                  const std::string& prefix = {})
{
    if (const json* v = find(j, key)) {
        if (!v->is_number_integer())
            bad(prefix + key, "must be an integer, got " + v->dump());
        const long long x = v->get<long long>();
        if (x < lo || x > hi)
            bad(prefix + key, "must be between " + std::to_string(lo) + " and " +
                                  std::to_string(hi) + ", got " + std::to_string(x));
        out = static_cast<Int>(x);
    }
}

const json& object(const json& j, const char* key)
{
    const json& v = j.at(key);
    if (!v.is_object())
        bad(key, "must be an object, got " + v.dump());
    return v;
}

} // namespace

json identifyInputToJson(const IdentifyInput& in)
{
    json picks = json::array();
    for (const auto& p : in.picks)
        picks.push_back({{"order", p.order}, {"frequency_hz", p.frequencyHz}});
    return {
        {"dataset", in.dataset},
        {"method", identificationMethodName(in.method)},
        {"band_hz", {in.bandLoHz, in.bandHiHz}},
        {"modes", in.modes},
        {"driving_point", in.drivingPoint},
        {"update", in.update},
        {"compare_methods", in.compareMethods},
        {"profile", io::profileToJson(in.profile)},
        {"lscf",
         {{"min_order", in.lscf.minOrder},
          {"max_order", in.lscf.maxOrder},
          {"order_step", in.lscf.orderStep},
          {"frequency_tolerance", in.lscf.frequencyTolerance},
          {"damping_tolerance", in.lscf.dampingTolerance},
          {"mac_tolerance", in.lscf.macTolerance},
          {"max_damping_ratio", in.lscf.maxDampingRatio},
          {"min_stable_orders", in.lscf.minStableOrders}}},
        {"circle",
         {{"window_fraction", in.circle.windowFraction},
          {"min_points", in.circle.minPoints},
          {"pairs", in.circle.pairs},
          {"min_prominence", in.circle.minProminence}}},
        {"lsfd",
         {{"upper_residual", in.lsfd.upperResidual}, {"lower_residual", in.lsfd.lowerResidual}}},
        {"global",
         {{"max_iterations", in.global.maxIterations}, {"tolerance", in.global.tolerance}}},
        {"updating",
         {{"stiffnesses", in.updating.stiffnesses},
          {"masses", in.updating.masses},
          {"damping", in.updating.damping},
          {"frequency_weight", in.updating.frequencyWeight},
          {"shape_weight", in.updating.shapeWeight},
          {"damping_weight", in.updating.dampingWeight},
          {"tikhonov", in.updating.tikhonov},
          {"max_iterations", in.updating.maxIterations},
          {"tolerance", in.updating.tolerance}}},
        {"welch",
         {{"auto", in.autoWelch},
          {"window", signal::windowKindName(in.welch.window)},
          {"segment_length", in.welch.segmentLength},
          {"overlap", in.welch.overlap},
          {"remove_mean", in.welch.removeMean}}},
        {"picks", picks},
        {"tridiagonal_tolerance", in.tridiagonalTolerance},
    };
}

IdentifyInput identifyInputFromJson(const json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("identify input must be a JSON object, got " + j.dump());
    IdentifyInput in;
    if (const json* v = find(j, "dataset")) {
        if (!v->is_string())
            bad("dataset", "must be a string, got " + v->dump());
        in.dataset = v->get<std::string>();
    }
    if (const json* v = find(j, "method")) {
        if (!v->is_string() || !parseIdentificationMethod(v->get<std::string>(), in.method))
            bad("method", "must be \"circle\", \"lscf\" or \"global\", got " + v->dump());
    }
    if (const json* v = find(j, "band_hz")) {
        if (!v->is_array() || v->size() != 2 || !(*v)[0].is_number() || !(*v)[1].is_number())
            bad("band_hz", "must be two numbers [low, high] in Hz, got " + v->dump());
        in.bandLoHz = (*v)[0].get<double>();
        in.bandHiHz = (*v)[1].get<double>();
    }
    readInt(j, "modes", in.modes, 0, 100);
    readInt(j, "driving_point", in.drivingPoint, 0, static_cast<long long>(kMaxResponses));
    readBool(j, "update", in.update);
    readBool(j, "compare_methods", in.compareMethods);
    if (const json* v = find(j, "profile")) {
        InputIssues issues;
        auto p = io::profileFromJson(*v, issues);
        if (!p || !issues.empty())
            bad("profile", issues.empty() ? std::string("is not a profile")
                                          : "is malformed: " + issues.front().message);
        in.profile = *p;
    }
    if (find(j, "lscf")) {
        const json& o = object(j, "lscf");
        const std::string pre = "lscf.";
        readInt(o, "min_order", in.lscf.minOrder, 2, kMaxLscfOrder, pre);
        readInt(o, "max_order", in.lscf.maxOrder, 2, kMaxLscfOrder, pre);
        readInt(o, "order_step", in.lscf.orderStep, 1, kMaxLscfOrder, pre);
        readDouble(o, "frequency_tolerance", in.lscf.frequencyTolerance, pre);
        readDouble(o, "damping_tolerance", in.lscf.dampingTolerance, pre);
        readDouble(o, "mac_tolerance", in.lscf.macTolerance, pre);
        readDouble(o, "max_damping_ratio", in.lscf.maxDampingRatio, pre);
        readInt(o, "min_stable_orders", in.lscf.minStableOrders, 0, 1000, pre);
    }
    if (find(j, "circle")) {
        const json& o = object(j, "circle");
        const std::string pre = "circle.";
        readDouble(o, "window_fraction", in.circle.windowFraction, pre);
        readInt(o, "min_points", in.circle.minPoints, 5, 100000, pre);
        readInt(o, "pairs", in.circle.pairs, 1, 50, pre);
        readDouble(o, "min_prominence", in.circle.minProminence, pre);
    }
    if (find(j, "lsfd")) {
        const json& o = object(j, "lsfd");
        readBool(o, "upper_residual", in.lsfd.upperResidual, "lsfd.");
        readBool(o, "lower_residual", in.lsfd.lowerResidual, "lsfd.");
    }
    if (find(j, "global")) {
        const json& o = object(j, "global");
        readInt(o, "max_iterations", in.global.maxIterations, 1, 10000, "global.");
        readDouble(o, "tolerance", in.global.tolerance, "global.");
    }
    if (find(j, "updating")) {
        const json& o = object(j, "updating");
        const std::string pre = "updating.";
        readBool(o, "stiffnesses", in.updating.stiffnesses, pre);
        readBool(o, "masses", in.updating.masses, pre);
        readBool(o, "damping", in.updating.damping, pre);
        readDouble(o, "frequency_weight", in.updating.frequencyWeight, pre);
        readDouble(o, "shape_weight", in.updating.shapeWeight, pre);
        readDouble(o, "damping_weight", in.updating.dampingWeight, pre);
        readDouble(o, "tikhonov", in.updating.tikhonov, pre);
        readInt(o, "max_iterations", in.updating.maxIterations, 1, 10000, pre);
        readDouble(o, "tolerance", in.updating.tolerance, pre);
    }
    if (find(j, "welch")) {
        const json& o = object(j, "welch");
        readBool(o, "auto", in.autoWelch, "welch.");
        if (const json* v = find(o, "window")) {
            if (!v->is_string() || !signal::parseWindowKind(v->get<std::string>(), in.welch.window))
                bad("welch.window", "must be \"hann\", \"hamming\" or \"rectangular\", got " +
                                        v->dump());
        }
        readInt(o, "segment_length", in.welch.segmentLength, 0, 1LL << 31, "welch.");
        readDouble(o, "overlap", in.welch.overlap, "welch.");
        readBool(o, "remove_mean", in.welch.removeMean, "welch.");
    }
    if (const json* v = find(j, "picks")) {
        if (!v->is_array())
            bad("picks", "must be an array of {order, frequency_hz}, got " + v->dump());
        in.picks.clear();
        for (const auto& p : *v) {
            if (!p.is_object() || !p.contains("order") || !p.contains("frequency_hz") ||
                !p["order"].is_number_integer() || !p["frequency_hz"].is_number() ||
                p["order"].is_number_unsigned() || p["order"].get<long long>() < 0 ||
                p["order"].get<long long>() > 10000)
                bad("picks", "items must be {\"order\": integer, \"frequency_hz\": number}, got " +
                                 p.dump());
            in.picks.push_back({p["order"].get<int>(), p["frequency_hz"].get<double>()});
        }
    }
    readDouble(j, "tridiagonal_tolerance", in.tridiagonalTolerance);
    InputIssues issues = in.validate();
    if (!in.update)
        for (auto& i : in.updating.validate())
            issues.push_back(i);
    // Only the fields a JSON can hold are checked here; the record is loaded later.
    for (const auto& i : issues)
        if (i.field != "dataset" && i.field != "band_hz" && i.field != "driving_point")
            bad(i.field, "is invalid: " + i.message);
    return in;
}

json identifyResultToJson(const IdentifyResult& r)
{
    json modes = json::array();
    for (std::size_t i = 0; i < r.modes.size(); ++i) {
        const IdentifiedMode& m = r.modes[i];
        // Whether the chain model (`physical`) uses this mode; null without a chain model.
        const json inChain = r.physical ? json(std::binary_search(r.physical->modesUsed.begin(),
                                                                  r.physical->modesUsed.end(), i))
                                        : json(nullptr);
        modes.push_back({{"frequency_hz", jsonNumber(m.frequencyHz)},
                         {"damping_ratio", jsonNumber(m.dampingRatio)},
                         {"mode_shape_re", jsonArray(realParts(m.shape))},
                         {"mode_shape_im", jsonArray(imagParts(m.shape))},
                         {"complexity", jsonNumber(m.complexity)},
                         {"mpc", jsonNumber(m.mpc)},
                         {"mpd_deg", jsonNumber(m.mpdDeg)},
                         {"mass_normalised", m.massNormalised},
                         {"in_chain_model", inChain}});
    }
    const MeasuredFrf& b = r.measured;
    json result = {
        {"dataset", r.dataset},
        {"method", identificationMethodName(r.method)},
        {"quantity", dynamics::frfQuantityName(b.quantity)},
        {"unit", dynamics::frfQuantityUnit(b.quantity)},
        {"floors", b.floors},
        {"driving_point", r.drivingResponse >= 0 ? json(b.floors[std::size_t(r.drivingResponse)])
                                                 : json(nullptr)},
        {"band_hz",
         b.lines() > 0 ? json{b.frequencyHz.front(), b.frequencyHz.back()} : json::array()},
        {"modes", modes},
        {"mac", matrixJson(r.mac)},
        {"mac_profile", matrixJson(r.macProfile)},
        {"profile_frequencies_hz", jsonArray(r.profileFrequenciesHz)},
        {"resynthesis_error", jsonArray(r.resynthesisError)},
        {"notes", r.notes},
    };
    if (r.physical) {
        const PhysicalModel& p = *r.physical;
        json dropped = json::array();
        for (const auto& e : p.stiffnessChain.dropped)
            dropped.push_back({{"row", e.row}, {"col", e.col}, {"value", jsonNumber(e.value)}});
        result["physical"] = {
            {"mass_kg", jsonArray(p.masses)},
            {"stiffness_n_m", jsonArray(p.stiffnessChain.storeyValues)},
            {"damping_ns_m", jsonArray(p.dampingChain.storeyValues)},
            {"mass_matrix_kg", matrixJson(p.mass)},
            {"stiffness_matrix_n_m", matrixJson(p.stiffness)},
            {"damping_matrix_ns_m", matrixJson(p.damping)},
            {"stiffness_tridiagonal", p.stiffnessChain.tridiagonal},
            {"stiffness_dropped", dropped},
            {"stiffness_dropped_relative", jsonNumber(p.stiffnessChain.droppedRelative)},
            {"stiffness_band_residual", jsonNumber(p.stiffnessChain.bandResidualRelative)},
            {"mass_off_diagonal_relative", jsonNumber(p.massOffDiagonalRelative)},
            {"completeness_check", jsonNumber(p.completenessCheck)},
            {"notes", p.notes},
        };
    } else {
        result["physical"] = nullptr;
        result["physical_note"] = r.physicalNote;
    }
    if (r.update) {
        const UpdateResult& u = *r.update;
        result["updated_profile"] = {
            {"name", r.updatedProfile.name},
            {"provenance", r.updatedProfile.provenance},
            {"mass_kg", jsonArray(r.updatedProfile.masses)},
            {"stiffness_n_m", jsonArray(r.updatedProfile.stiffnesses)},
            {"damping_ns_m", jsonArray(r.updatedProfile.dampers)},
        };
        result["objective_before"] = jsonNumber(u.objectiveBefore);
        result["objective_after"] = jsonNumber(u.objectiveAfter);
        json history = json::array();
        for (const auto& h : u.history)
            history.push_back({{"iteration", h.iteration},
                               {"objective", jsonNumber(h.objective)},
                               {"parameters", jsonArray(h.parameters)}});
        result["update"] = {
            {"parameters", u.parameterNames},
            {"units", u.parameterUnits},
            {"initial", jsonArray(u.initial)},
            {"final", jsonArray(u.final)},
            {"history", history},
            {"converged", u.converged},
            {"stop_reason", u.stopReason},
            {"pairing", u.pairing},
            {"frequencies_before_hz", jsonArray(u.frequenciesBeforeHz)},
            {"frequencies_after_hz", jsonArray(u.frequenciesAfterHz)},
            {"damping_before", jsonArray(u.dampingBefore)},
            {"damping_after", jsonArray(u.dampingAfter)},
            {"mac_before", jsonArray(u.macBefore)},
            {"mac_after", jsonArray(u.macAfter)},
            {"notes", u.notes},
        };
    }
    if (!r.diagram.orders.empty()) {
        std::vector<double> order, f, z;
        json stability = json::array();
        for (const auto& p : r.diagram.poles) {
            order.push_back(p.order);
            f.push_back(p.frequencyHz());
            z.push_back(p.dampingRatio());
            stability.push_back(poleStabilitySymbol(p.stability));
        }
        json picked = json::array();
        for (const auto& p : r.picked)
            picked.push_back({{"order", p.order},
                              {"frequency_hz", jsonNumber(p.pole.naturalFrequencyHz())},
                              {"damping_ratio", jsonNumber(p.pole.dampingRatio())},
                              {"stable_orders", p.stableOrders}});
        result["stabilisation"] = {
            {"orders", r.diagram.orders},
            {"poles",
             {{"order", jsonArray(order)},
              {"frequency_hz", jsonArray(f)},
              {"damping_ratio", jsonArray(z)},
              {"stability", stability}}},
            {"picked", picked},
            {"indicator",
             {{"frequency_hz", jsonArray(r.diagram.frequencyHz)},
              {"values", jsonArray(r.diagram.indicator)}}},
        };
    }
    if (!r.circle.fits.empty()) {
        json fits = json::array();
        for (std::size_t m = 0; m < r.circle.fits.size(); ++m) {
            json responses = json::array();
            for (const auto& c : r.circle.fits[m])
                responses.push_back(
                    {{"floor", b.floors[c.response]},
                     {"valid", c.valid},
                     {"centre_re", jsonNumber(c.circle.centre.real())},
                     {"centre_im", jsonNumber(c.circle.centre.imag())},
                     {"radius", jsonNumber(c.circle.radius)},
                     {"rms_relative_error", jsonNumber(c.circle.rmsRelativeError)},
                     {"natural_frequency_hz", jsonNumber(c.naturalFrequencyHz)},
                     {"damping_ratio", jsonNumber(c.dampingRatio)},
                     {"loss_factor", jsonNumber(c.lossFactor)},
                     {"damping_spread", jsonNumber(c.dampingSpread)},
                     {"pairs", c.pairsUsed},
                     {"frequency_hz", jsonArray(c.frequencyHz)},
                     {"mobility", io::jsonComplexArray(c.mobility)}});
            fits.push_back({{"peak_frequency_hz", jsonNumber(r.circle.peakFrequencyHz[m])},
                            {"quality", m < r.circle.quality.size()
                                            ? jsonNumber(r.circle.quality[m])
                                            : json(nullptr)},
                            {"responses", responses}});
        }
        result["circle_fits"] = fits;
    }
    if (r.global.iterations > 0)
        result["global"] = {{"cost_before", jsonNumber(r.global.costBefore)},
                            {"cost_after", jsonNumber(r.global.costAfter)},
                            {"iterations", r.global.iterations},
                            {"evaluations", r.global.evaluations},
                            {"converged", r.global.converged},
                            {"stop_reason", r.global.stopReason}};
    json comparison = json::array();
    for (const auto& c : r.comparison) {
        json e = {{"method", identificationMethodName(c.method)},
                  {"frequencies_hz", jsonArray(c.frequenciesHz)},
                  {"damping_ratios", jsonArray(c.dampingRatios)},
                  {"masses_kg", jsonArray(c.masses)}};
        if (!c.failure.empty())
            e["failure"] = c.failure;
        comparison.push_back(e);
    }
    result["comparison"] = comparison;
    json floors = json::array();
    for (std::size_t o = 0; o < b.responses(); ++o) {
        json f = {{"floor", b.floors[o]},
                  {"measured", io::jsonComplexArray(column(b.h, ix(o)))}};
        if (r.fit.synthesised.cols() == ix(b.responses()))
            f["synthesised"] = io::jsonComplexArray(column(r.fit.synthesised, ix(o)));
        floors.push_back(f);
    }
    result["resynthesis"] = {{"frequency_hz", jsonArray(b.frequencyHz)}, {"floors", floors}};
    return result;
}

json replayComparisonToJson(const ReplayComparison& c)
{
    return {{"record", c.record},
            {"nrmse_before", jsonArray(c.nrmseBefore)},
            {"nrmse_after", jsonArray(c.nrmseAfter)},
            {"mean_nrmse_before", jsonNumber(c.meanBefore)},
            {"mean_nrmse_after", jsonNumber(c.meanAfter)}};
}

io::CsvTable identifyModesTable(const IdentifyResult& r)
{
    io::CsvTable t;
    std::vector<double> index, f, z, complexity, mpd;
    for (std::size_t m = 0; m < r.modes.size(); ++m) {
        index.push_back(double(m + 1));
        f.push_back(r.modes[m].frequencyHz);
        z.push_back(r.modes[m].dampingRatio);
        complexity.push_back(r.modes[m].complexity);
        mpd.push_back(r.modes[m].mpdDeg);
    }
    t.addColumn("mode", index);
    t.addColumn("frequency_hz", f);
    t.addColumn("damping_ratio", z);
    t.addColumn("complexity", complexity);
    t.addColumn("mpd_deg", mpd);
    for (std::size_t o = 0; o < r.measured.responses(); ++o) {
        std::vector<double> re, im;
        for (const auto& m : r.modes) {
            re.push_back(m.shape(ix(o)).real());
            im.push_back(m.shape(ix(o)).imag());
        }
        const std::string floor = "floor" + std::to_string(r.measured.floors[o]);
        t.addColumn(floor + "_shape_re", re);
        t.addColumn(floor + "_shape_im", im);
    }
    return t;
}

io::CsvTable identifyResynthesisTable(const IdentifyResult& r)
{
    io::CsvTable t;
    const MeasuredFrf& b = r.measured;
    t.addColumn("frequency_hz", b.frequencyHz);
    for (std::size_t o = 0; o < b.responses(); ++o) {
        const std::string f = "floor" + std::to_string(b.floors[o]);
        std::vector<double> mr, mi, sr, si;
        for (std::size_t k = 0; k < b.lines(); ++k) {
            mr.push_back(b.h(ix(k), ix(o)).real());
            mi.push_back(b.h(ix(k), ix(o)).imag());
            if (r.fit.synthesised.rows() == ix(b.lines())) {
                sr.push_back(r.fit.synthesised(ix(k), ix(o)).real());
                si.push_back(r.fit.synthesised(ix(k), ix(o)).imag());
            }
        }
        t.addColumn(f + "_measured_re", mr);
        t.addColumn(f + "_measured_im", mi);
        t.addColumn(f + "_synthesised_re", sr);
        t.addColumn(f + "_synthesised_im", si);
    }
    return t;
}

io::CsvTable identifyStabilisationTable(const IdentifyResult& r)
{
    io::CsvTable t;
    std::vector<double> order, f, z, s;
    for (const auto& p : r.diagram.poles) {
        order.push_back(p.order);
        f.push_back(p.frequencyHz());
        z.push_back(p.dampingRatio());
        s.push_back(double(int(p.stability)));
    }
    t.addColumn("order", order);
    t.addColumn("frequency_hz", f);
    t.addColumn("damping_ratio", z);
    t.addColumn("stability", s);
    return t;
}

} // namespace dtop::identification
