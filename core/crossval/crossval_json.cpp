// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/crossval_json.h"

#include "io/json_numbers.h"

#include <cmath>
#include <stdexcept>

namespace dtop::crossval {

using nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& what)
{
    throw std::invalid_argument("crossval input: key '" + key + "' " + what);
}

double number(const json& j, const std::string& key)
{
    if (!j.is_number())
        bad(key, "must be a number");
    const double v = j.get<double>();
    if (!std::isfinite(v))
        bad(key, "must be finite");
    return v;
}

long long integer(const json& j, const std::string& key, long long lo, long long hi)
{
    if (!j.is_number_integer() && !j.is_number_unsigned())
        bad(key, "must be an integer");
    const long long v =
        j.is_number_unsigned()
            ? static_cast<long long>(std::min<std::uint64_t>(j.get<std::uint64_t>(), 1ULL << 62))
            : j.get<long long>();
    if (v < lo || v > hi)
        bad(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
                     std::to_string(v));
    return v;
}

std::string text(const json& j, const std::string& key)
{
    if (!j.is_string())
        bad(key, "must be a string");
    return j.get<std::string>();
}

json modesJson(const ModeEstimate& m)
{
    return {{"method", m.method},
            {"floors", m.floors},
            {"frequencies_hz", io::jsonArray(m.frequenciesHz)},
            {"damping_ratios", io::jsonArray(m.dampingRatios)}};
}

double db(std::complex<double> v)
{
    const double a = std::abs(v);
    return a > 0.0 ? 20.0 * std::log10(a) : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

json crossvalInputToJson(const CrossvalInput& input)
{
    json candidates = json::array();
    for (const auto& c : input.candidates)
        candidates.push_back(c.name);
    return {
        {"reference", input.reference.name},
        {"candidates", candidates},
        {"band_hz", {io::jsonNumber(input.bandLoHz), io::jsonNumber(input.bandHiHz)}},
        {"input_floor", input.inputFloor},
        {"quantity", input.quantity ? json(dynamics::frfQuantityName(*input.quantity)) : json()},
        {"response_floors", input.responseFloors},
        {"profile_grid_points", input.profileGridPoints},
        {"fdac_points", input.fdacPoints},
        {"max_modes", input.maxModes},
        {"min_prominence_db", io::jsonNumber(input.peakPicking.minProminenceDb)},
        {"mode_source",
         input.modeEstimator ? input.modeEstimator->method() : PeakPickingEstimator().method()},
    };
}

CrossvalInput crossvalInputFromJson(const json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("crossval input: expected a JSON object");
    CrossvalInput in;
    if (j.contains("reference"))
        in.reference = CrossvalSource::unresolved(text(j["reference"], "reference"));
    if (j.contains("candidates")) {
        if (!j["candidates"].is_array())
            bad("candidates", "must be an array of sources");
        for (const auto& c : j["candidates"])
            in.candidates.push_back(CrossvalSource::unresolved(text(c, "candidates")));
    }
    if (j.contains("band_hz")) {
        const json& b = j["band_hz"];
        if (!b.is_array() || b.size() != 2)
            bad("band_hz", "must be [low, high] in Hz");
        in.bandLoHz = number(b[0], "band_hz");
        in.bandHiHz = number(b[1], "band_hz");
    }
    if (j.contains("input_floor"))
        in.inputFloor = static_cast<int>(integer(j["input_floor"], "input_floor", 0,
                                                 static_cast<long long>(model::kMaxStoreys)));
    if (j.contains("quantity") && !j["quantity"].is_null()) {
        dynamics::FrfQuantity q;
        const std::string s = text(j["quantity"], "quantity");
        if (!dynamics::parseFrfQuantity(s, q))
            bad("quantity", "must be receptance, mobility or accelerance, got '" + s + "'");
        in.quantity = q;
    }
    if (j.contains("response_floors")) {
        if (!j["response_floors"].is_array())
            bad("response_floors", "must be an array of floors");
        for (const auto& f : j["response_floors"])
            in.responseFloors.push_back(static_cast<int>(
                integer(f, "response_floors", 1, static_cast<long long>(model::kMaxStoreys))));
    }
    if (j.contains("profile_grid_points"))
        in.profileGridPoints = static_cast<std::size_t>(
            integer(j["profile_grid_points"], "profile_grid_points", 3, kMaxGridPoints));
    if (j.contains("fdac_points"))
        in.fdacPoints =
            static_cast<std::size_t>(integer(j["fdac_points"], "fdac_points", 2, kMaxFdacPoints));
    if (j.contains("max_modes"))
        in.maxModes = static_cast<std::size_t>(integer(j["max_modes"], "max_modes", 0, 100));
    if (j.contains("min_prominence_db")) {
        in.peakPicking.minProminenceDb = number(j["min_prominence_db"], "min_prominence_db");
        if (in.peakPicking.minProminenceDb < 0.0)
            bad("min_prominence_db", "must be >= 0 dB");
    }
    return in;
}

json crossvalResultToJson(const CrossvalResult& r)
{
    json pairs = json::array();
    for (const CrossvalPair& p : r.pairs) {
        json responses = json::array();
        for (const ResponseCorrelation& rc : p.responses)
            responses.push_back({{"floor", rc.floor},
                                 {"frac", io::jsonNumber(rc.frac)},
                                 {"frac_basis", correlationBasisName(rc.fracBasis)},
                                 {"rms_db_difference", io::jsonNumber(rc.rmsDbDifference)},
                                 {"reference_peaks_hz", io::jsonArray(rc.referencePeaksHz)},
                                 {"candidate_peaks_hz", io::jsonArray(rc.candidatePeaksHz)}});
        json modes = json::array();
        for (const ModeCorrelation& m : p.modes)
            modes.push_back({{"reference_mode", m.referenceMode + 1},
                             {"candidate_mode", m.candidateMode + 1},
                             {"reference_frequency_hz", io::jsonNumber(m.referenceFrequencyHz)},
                             {"candidate_frequency_hz", io::jsonNumber(m.candidateFrequencyHz)},
                             {"frequency_error_pct", io::jsonNumber(m.frequencyErrorPct)},
                             {"mac", io::jsonNumber(m.mac)},
                             {"reference_damping_ratio", io::jsonNumber(m.referenceDampingRatio)},
                             {"candidate_damping_ratio", io::jsonNumber(m.candidateDampingRatio)},
                             {"damping_difference", io::jsonNumber(m.dampingDifference)}});
        json mac = json::array();
        for (Eigen::Index i = 0; i < p.macMatrix.rows(); ++i) {
            json row = json::array();
            for (Eigen::Index k = 0; k < p.macMatrix.cols(); ++k)
                row.push_back(io::jsonNumber(p.macMatrix(i, k)));
            mac.push_back(std::move(row));
        }
        json fdacValues = json::array();
        for (const auto& row : p.fdac.values)
            fdacValues.push_back(io::jsonArray(row));
        json pair = {
            {"candidate", p.candidate},
            {"frf_compared", p.frfCompared},
            {"grid_source", p.gridSource},
            {"floors", p.floors},
            {"modes", modes},
            {"mac_matrix", mac},
            {"mac_basis", correlationBasisName(p.macBasis)},
            {"pairing", pairingRuleName(p.pairing)},
            {"reference_modes", modesJson(p.referenceModes)},
            {"candidate_modes", modesJson(p.candidateModes)},
            {"notes", p.notes},
        };
        // A side of mode shapes has no FRF: the FRF metrics are left out, not zero.
        if (p.frfCompared) {
            pair["responses"] = responses;
            pair["frequency_hz"] = io::jsonArray(p.frequencyHz);
            pair["csac"] = io::jsonArray(p.csac);
            pair["csf"] = io::jsonArray(p.csf);
            pair["signature_basis"] = correlationBasisName(p.signatureBasis);
            pair["fdac"] = {{"frequency_hz", io::jsonArray(p.fdac.frequencyHz)},
                            {"values", fdacValues},
                            {"ridge_candidate_frequency_hz",
                             io::jsonArray(p.fdac.ridgeCandidateHz)}};
        }
        pairs.push_back(std::move(pair));
    }
    return {{"reference", r.reference},
            {"quantity", dynamics::frfQuantityName(r.quantity)},
            {"input_floor", r.inputFloor},
            {"band_hz", {io::jsonNumber(r.bandLoHz), io::jsonNumber(r.bandHiHz)}},
            {"pairs", pairs}};
}

io::CsvTable crossvalResultTable(const CrossvalResult& r)
{
    io::CsvTable t;
    for (std::size_t i = 0; i < r.pairs.size(); ++i) {
        const CrossvalPair& p = r.pairs[i];
        if (!p.frfCompared)
            continue; // modes only: no frequency axis (the JSON result has the modes)
        const std::string prefix = "pair" + std::to_string(i + 1) + "_";
        t.addColumn(prefix + "frequency_hz", p.frequencyHz);
        t.addColumn(prefix + "csac", p.csac);
        t.addColumn(prefix + "csf", p.csf);
        for (std::size_t d = 0; d < p.floors.size(); ++d) {
            const std::string floor = "floor" + std::to_string(p.floors[d]) + "_db";
            std::vector<double> a, b;
            for (std::size_t k = 0; k < p.frequencyHz.size(); ++k) {
                a.push_back(db(p.referenceValues[d][k]));
                b.push_back(db(p.candidateValues[d][k]));
            }
            t.addColumn(prefix + "reference_" + floor, std::move(a));
            t.addColumn(prefix + "candidate_" + floor, std::move(b));
        }
    }
    return t;
}

} // namespace dtop::crossval
