// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/control_json.h"

#include "io/json_numbers.h"
#include "io/profile_json.h"
#include "io/simulate_json.h"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <type_traits>

namespace dtop::control {

using io::jsonArray;
using io::jsonComplexArray;
using io::jsonNumber;
using nlohmann::json;

namespace {

json optionalNumber(const std::optional<double>& v)
{
    return v ? jsonNumber(*v) : json(nullptr);
}

json polesToJson(const std::vector<ClosedLoopPole>& poles)
{
    json a = json::array();
    for (const auto& p : poles)
        a.push_back({{"frequency_hz", jsonNumber(p.frequencyHz)},
                     {"damping_ratio", jsonNumber(p.dampingRatio)},
                     {"re", jsonNumber(p.eigenvalue.real())},
                     {"im", jsonNumber(p.eigenvalue.imag())}});
    return a;
}

json peaksToJson(const std::vector<KePeak>& peaks)
{
    json a = json::array();
    for (const auto& p : peaks)
        a.push_back({{"frequency_hz", jsonNumber(p.frequencyHz)},
                     {"ke_db", jsonNumber(p.keDb)},
                     {"ke_j_n2", jsonNumber(p.ke)}});
    return a;
}

json summaryToJson(const KineticEnergySummary& s)
{
    return {{"ke_band_integral", jsonNumber(s.bandIntegral)},
            {"ke_exact_integral", optionalNumber(s.exactIntegral)},
            {"ke_peaks", peaksToJson(s.peaks)},
            {"ke_j_n2", jsonArray(s.ke)},
            {"ke_db", jsonArray(s.keDb)}};
}

json indicesToJson(const ResponseIndices& i)
{
    return {{"peak_drift_m", jsonArray(i.peakDriftM)},
            {"rms_drift_m", jsonArray(i.rmsDriftM)},
            {"peak_acceleration_m_s2", jsonArray(i.peakAccelerationMS2)},
            {"rms_acceleration_m_s2", jsonArray(i.rmsAccelerationMS2)},
            {"peak_stroke_m", jsonNumber(i.peakStrokeM)},
            {"rms_stroke_m", jsonNumber(i.rmsStrokeM)},
            {"peak_current_a", jsonNumber(i.peakCurrentA)},
            {"rms_current_a", jsonNumber(i.rmsCurrentA)}};
}

json historyToJson(const ControlTimeHistory& h)
{
    json drift = json::array(), acc = json::array();
    for (const auto& d : h.driftM)
        drift.push_back(jsonArray(d));
    for (const auto& a : h.accelerationMS2)
        acc.push_back(jsonArray(a));
    json j = {{"drift_m", drift},
              {"acceleration_m_s2", acc},
              {"indices", indicesToJson(h.indices)},
              {"diverging", h.diverging}};
    if (!h.strokeM.empty())
        j["stroke_m"] = jsonArray(h.strokeM);
    if (!h.currentA.empty())
        j["current_a"] = jsonArray(h.currentA);
    return j;
}

json excitationToJson(const dynamics::Excitation& e)
{
    dynamics::SimulateInput s;
    s.excitation = e;
    return io::simulateInputToJson(s)["excitation"];
}

[[noreturn]] void bad(const std::string& key, const std::string& what, const json& value)
{
    throw std::invalid_argument("control input key '" + key + "' " + what + ", got " +
                                value.dump());
}

const json* find(const json& j, const char* key)
{
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

void readNumber(const json& j, const char* key, double& out)
{
    if (const json* v = find(j, key)) {
        if (!v->is_number())
            bad(key, "must be a number", *v);
        out = v->get<double>();
    }
}

void readOptional(const json& j, const char* key, std::optional<double>& out)
{
    if (const json* v = find(j, key)) {
        if (v->is_null())
            out.reset();
        else if (v->is_number())
            out = v->get<double>();
        else
            bad(key, "must be a number or null (derived from the actuator)", *v);
    }
}

void readBool(const json& j, const char* key, bool& out)
{
    if (const json* v = find(j, key)) {
        if (!v->is_boolean())
            bad(key, "must be true or false", *v);
        out = v->get<bool>();
    }
}

template <typename Integer> void readInteger(const json& j, const char* key, Integer& out)
{
    if (const json* v = find(j, key)) {
        if (!(v->is_number_integer() || v->is_number_unsigned()))
            bad(key, "must be a whole number", *v);
        if constexpr (std::is_signed_v<Integer>) {
            const long long x = v->get<long long>();
            if (x < std::numeric_limits<Integer>::min() || x > std::numeric_limits<Integer>::max())
                bad(key, "is out of range", *v);
            out = static_cast<Integer>(x);
        } else {
            if (v->is_number_integer() && v->get<long long>() < 0)
                bad(key, "must be >= 0", *v);
            out = static_cast<Integer>(v->get<std::uint64_t>());
        }
    }
}

template <typename Value, typename Parse>
void readName(const json& j, const char* key, Value& out, Parse parse, const char* expected)
{
    if (const json* v = find(j, key)) {
        Value value = out;
        if (!v->is_string() || !parse(v->get<std::string>(), value))
            bad(key, std::string("must be one of ") + expected, *v);
        out = value;
    }
}

} // namespace

json controlInputToJson(const ControlInput& in)
{
    return {
        {"profile", io::profileToJson(in.profile)},
        {"strategy", strategyName(in.strategy)},
        {"floor", in.floor},
        {"force_floor", in.forceFloor},
        {"gain", jsonNumber(in.gain)},
        {"base_mass", jsonNumber(in.actuator.baseMassKg)},
        {"proof_mass", jsonNumber(in.actuator.proofMassKg)},
        {"suspension_stiffness", jsonNumber(in.actuator.suspensionStiffnessNM)},
        {"suspension_damping", jsonNumber(in.actuator.suspensionDampingNsM)},
        {"force_factor", jsonNumber(in.actuator.forceFactorNA)},
        {"coil_resistance", jsonNumber(in.actuator.coilResistanceOhm)},
        {"ec_estimate_hz", optionalNumber(in.compensator.estimateHz)},
        {"ec_estimate_damping", optionalNumber(in.compensator.estimateDamping)},
        {"ec_target_hz", optionalNumber(in.compensator.targetHz)},
        {"ec_target_damping", optionalNumber(in.compensator.targetDamping)},
        {"lqg_state_weight", jsonNumber(in.lqg.stateWeight)},
        {"lqg_input_weight", jsonNumber(in.lqg.inputWeight)},
        {"lqg_process_noise", jsonNumber(in.lqg.processNoise)},
        {"lqg_measurement_noise", jsonNumber(in.lqg.measurementNoise)},
        {"tune", tmdTuningName(in.tune)},
        {"legacy", in.legacy},
        {"band_low_hz", jsonNumber(in.band.lowHz)},
        {"band_high_hz", jsonNumber(in.band.highHz)},
        {"band_step_hz", jsonNumber(in.band.stepHz)},
        {"frf_quantity", dynamics::frfQuantityName(in.frfQuantity)},
        {"root_locus", in.rootLocus},
        {"root_locus_gains", in.rootLocusGains},
        {"best_gain", in.bestGain},
        {"time_response", in.timeDomain.enabled},
        {"time_duration", jsonNumber(in.timeDomain.durationS)},
        {"time_sample_rate", jsonNumber(in.timeDomain.sampleRateHz)},
        {"seed", in.timeDomain.seed},
        {"excitation", excitationToJson(in.timeDomain.excitation)},
    };
}

ControlInput controlInputFromJson(const json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("control input must be a JSON object, got " + j.dump());
    ControlInput in;
    if (const json* p = find(j, "profile")) {
        InputIssues issues;
        auto profile = io::profileFromJson(*p, issues);
        if (!profile || !issues.empty())
            throw std::invalid_argument("control input key 'profile': " +
                                        (issues.empty() ? std::string("not a profile")
                                                        : issues.front().message));
        in.profile = std::move(*profile);
    }
    readName(j, "strategy", in.strategy, parseStrategy,
             "none, tmd, dvf, dvf-ec, lqg, ideal-dvf");
    readInteger(j, "floor", in.floor);
    readInteger(j, "force_floor", in.forceFloor);
    readNumber(j, "gain", in.gain);
    readNumber(j, "base_mass", in.actuator.baseMassKg);
    readNumber(j, "proof_mass", in.actuator.proofMassKg);
    readNumber(j, "suspension_stiffness", in.actuator.suspensionStiffnessNM);
    readNumber(j, "suspension_damping", in.actuator.suspensionDampingNsM);
    readNumber(j, "force_factor", in.actuator.forceFactorNA);
    readNumber(j, "coil_resistance", in.actuator.coilResistanceOhm);
    readOptional(j, "ec_estimate_hz", in.compensator.estimateHz);
    readOptional(j, "ec_estimate_damping", in.compensator.estimateDamping);
    readOptional(j, "ec_target_hz", in.compensator.targetHz);
    readOptional(j, "ec_target_damping", in.compensator.targetDamping);
    readNumber(j, "lqg_state_weight", in.lqg.stateWeight);
    readNumber(j, "lqg_input_weight", in.lqg.inputWeight);
    readNumber(j, "lqg_process_noise", in.lqg.processNoise);
    readNumber(j, "lqg_measurement_noise", in.lqg.measurementNoise);
    readName(j, "tune", in.tune, parseTmdTuning, "none, den-hartog, ke-optimal");
    readBool(j, "legacy", in.legacy);
    readNumber(j, "band_low_hz", in.band.lowHz);
    readNumber(j, "band_high_hz", in.band.highHz);
    readNumber(j, "band_step_hz", in.band.stepHz);
    readName(j, "frf_quantity", in.frfQuantity, dynamics::parseFrfQuantity,
             "receptance, mobility, accelerance");
    readBool(j, "root_locus", in.rootLocus);
    readInteger(j, "root_locus_gains", in.rootLocusGains);
    readBool(j, "best_gain", in.bestGain);
    readBool(j, "time_response", in.timeDomain.enabled);
    readNumber(j, "time_duration", in.timeDomain.durationS);
    readNumber(j, "time_sample_rate", in.timeDomain.sampleRateHz);
    readInteger(j, "seed", in.timeDomain.seed);
    if (const json* e = find(j, "excitation")) {
        if (!e->is_object())
            bad("excitation", "must be an object", *e);
        dynamics::SimulateInput s;
        s.excitation = in.timeDomain.excitation;
        const InputIssues issues = io::simulateInputFromJson(json{{"excitation", *e}}, s);
        if (!issues.empty())
            throw std::invalid_argument("control input key 'excitation': " +
                                        issues.front().message);
        in.timeDomain.excitation = s.excitation;
    }
    return in;
}

json controlResultToJson(const ControlResult& r)
{
    const StabilityMargins* m = r.margins ? &*r.margins : nullptr;
    json result = {
        {"strategy", strategyName(r.strategy)},
        {"label", r.label},
        {"floor", r.floor},
        {"force_floor", r.forceFloor},
        {"gain", jsonNumber(r.gain)},
        {"gain_unit", r.gainUnit},
        {"device",
         {{"base_mass_kg", jsonNumber(r.actuator.baseMassKg)},
          {"proof_mass_kg", jsonNumber(r.actuator.proofMassKg)},
          {"suspension_stiffness_n_m", jsonNumber(r.actuator.suspensionStiffnessNM)},
          {"suspension_damping_ns_m", jsonNumber(r.actuator.suspensionDampingNsM)},
          {"force_factor_n_a", jsonNumber(r.actuator.forceFactorNA)},
          {"coil_resistance_ohm", jsonNumber(r.actuator.coilResistanceOhm)},
          {"frequency_hz", jsonNumber(r.deviceFrequencyHz)},
          {"damping_ratio", jsonNumber(r.deviceDampingRatio)}}},
        {"stable", r.stable ? json(*r.stable) : json(nullptr)},
        {"critical_gain", m ? optionalNumber(m->criticalGain) : json(nullptr)},
        {"critical_frequency_hz", m ? optionalNumber(m->criticalFrequencyHz) : json(nullptr)},
        {"gain_margin_db", m ? optionalNumber(m->gainMarginDb) : json(nullptr)},
        {"lower_gain_margin_db", m ? optionalNumber(m->lowerGainMarginDb) : json(nullptr)},
        {"phase_margin_deg", m ? optionalNumber(m->phaseMarginDeg) : json(nullptr)},
        {"gain_crossover_hz", m ? optionalNumber(m->gainCrossoverHz) : json(nullptr)},
        {"phase_crossover_hz", m ? optionalNumber(m->phaseCrossoverHz) : json(nullptr)},
        {"max_real_part", m ? jsonNumber(m->abscissa) : json(nullptr)},
        {"closed_loop_poles", polesToJson(r.poles)},
        {"ke_db_scale", r.keDbScale},
        {"ke_reduction_db", optionalNumber(r.keReductionDb)},
        {"ke_exact_reduction_db", optionalNumber(r.keExactReductionDb)},
        {"ke_band_integral", jsonNumber(r.controlled.bandIntegral)},
        {"ke_exact_integral", optionalNumber(r.controlled.exactIntegral)},
        {"ke_peaks", peaksToJson(r.controlled.peaks)},
        {"control_effort_w", optionalNumber(r.controlEffortW)},
        {"frequency_hz", jsonArray(r.frequencyHz)},
        {"ke_j_n2", jsonArray(r.controlled.ke)},
        {"ke_db", jsonArray(r.controlled.keDb)},
        {"uncontrolled",
         [&] {
             json u = summaryToJson(r.uncontrolled);
             u["closed_loop_poles"] = polesToJson(r.uncontrolledPoles);
             return u;
         }()},
        {"frf_quantity", dynamics::frfQuantityName(r.frfQuantity)},
        {"frf_unit", dynamics::frfQuantityUnit(r.frfQuantity)},
    };
    if (!r.effortSpectrumW.empty())
        result["effort_w"] = jsonArray(r.effortSpectrumW);
    json floors = json::array();
    for (const auto& f : r.floors)
        floors.push_back({{"controlled", jsonComplexArray(f.controlled)},
                          {"uncontrolled", jsonComplexArray(f.uncontrolled)}});
    result["floors"] = floors;
    if (r.compensator)
        result["compensator"] = {{"estimate_hz", jsonNumber(r.compensator->estimateHz)},
                                 {"estimate_damping", jsonNumber(r.compensator->estimateDamping)},
                                 {"target_hz", jsonNumber(r.compensator->targetHz)},
                                 {"target_damping", jsonNumber(r.compensator->targetDamping)}};
    if (m) {
        json crossings = json::array();
        for (const auto& c : m->crossings)
            crossings.push_back({{"frequency_hz", jsonNumber(c.omega / (2.0 * std::numbers::pi))},
                                 {"gain", jsonNumber(c.gain)}});
        result["axis_crossings"] = crossings;
    }
    if (r.loop) {
        std::vector<std::complex<double>> l = r.loop->response;
        result["loop"] = {{"frequency_hz", jsonArray(r.loop->frequencyHz)},
                          {"re", jsonComplexArray(l)["re"]},
                          {"im", jsonComplexArray(l)["im"]},
                          {"magnitude_db", jsonArray(r.loop->magnitudeDb)},
                          {"phase_deg", jsonArray(r.loop->phaseDeg)},
                          {"nyquist_range",
                           {{"re_min", r.loop->reMin},
                            {"re_max", r.loop->reMax},
                            {"im_min", r.loop->imMin},
                            {"im_max", r.loop->imMax}}}};
    }
    if (r.rootLocus) {
        json branches = json::array();
        const std::size_t nb = r.rootLocus->poles.empty() ? 0 : r.rootLocus->poles.front().size();
        for (std::size_t j = 0; j < nb; ++j) {
            std::vector<double> re, im;
            for (const auto& atGain : r.rootLocus->poles) {
                re.push_back(atGain[j].real());
                im.push_back(atGain[j].imag());
            }
            branches.push_back({{"re", jsonArray(re)}, {"im", jsonArray(im)}});
        }
        result["root_locus"] = {{"gains", jsonArray(r.rootLocus->gains)},
                                {"max_real_part", jsonArray(r.rootLocus->abscissa)},
                                {"branches", branches}};
    }
    if (r.bestGain)
        result["best_gain"] = {{"gain", jsonNumber(r.bestGain->gain)},
                               {"ke_reduction_db", jsonNumber(r.bestGain->keReductionDb)},
                               {"ke_band_integral", jsonNumber(r.bestGain->keBandIntegral)},
                               {"upper_limit", jsonNumber(r.bestGain->upperLimit)},
                               {"at_search_limit", r.bestGain->atSearchLimit},
                               {"criterion", r.bestGain->criterion}};
    if (r.tuned)
        result["tuned"] = {{"method", tmdTuningName(r.tuned->method)},
                           {"criterion", r.tuned->criterion},
                           {"proof_stiffness_n_m", jsonNumber(r.tuned->proofStiffnessNM)},
                           {"proof_damping_ns_m", jsonNumber(r.tuned->proofDampingNsM)},
                           {"frequency_hz", jsonNumber(r.tuned->frequencyHz)},
                           {"damping_ratio", jsonNumber(r.tuned->dampingRatio)},
                           {"mass_ratio", jsonNumber(r.tuned->massRatio)},
                           {"modal_mass_kg", jsonNumber(r.tuned->modalMassKg)},
                           {"structure_frequency_hz", jsonNumber(r.tuned->structureFrequencyHz)}};
    if (!r.lqrGain.empty())
        result["lqg"] = {{"regulator_gain", jsonArray(r.lqrGain)},
                         {"kalman_gain", jsonArray(r.kalmanGain)}};
    if (r.timeResponse) {
        const auto& t = *r.timeResponse;
        result["time_response"] = {{"time_s", jsonArray(t.timeS)},
                                   {"excitation", jsonArray(t.excitation)},
                                   {"excitation_unit", t.excitationUnit},
                                   {"seed", t.seed},
                                   {"integrator", t.integrator},
                                   {"uncontrolled", historyToJson(t.uncontrolled)},
                                   {"controlled", historyToJson(t.controlled)}};
    }
    if (r.legacyMetrics) {
        const auto& l = *r.legacyMetrics;
        result["legacy"] = {{"label", l.label},
                            {"note", l.note},
                            {"ke_band_integral", jsonNumber(l.keBandIntegral)},
                            {"ke_band_integral_uncontrolled", jsonNumber(l.uncontrolledBandIntegral)},
                            {"ke_reduction_db", optionalNumber(l.keReductionDb)},
                            {"control_effort", optionalNumber(l.controlEffort)},
                            {"control_effort_unit", "W·rad/s per N² (printed as W)"},
                            {"stable_shown", l.stableShown},
                            {"gain_margin_db_shown",
                             l.gainMarginDbShown
                                 ? (std::isfinite(*l.gainMarginDbShown)
                                        ? json(*l.gainMarginDbShown)
                                        : json(*l.gainMarginDbShown > 0 ? "inf" : "-inf"))
                                 : json(nullptr)},
                            {"raw_gain_margin",
                             l.rawGainMargin ? (std::isfinite(*l.rawGainMargin)
                                                    ? json(*l.rawGainMargin)
                                                    : json("inf"))
                                             : json(nullptr)},
                            {"ke_db", jsonArray(l.keDb)},
                            {"band_maxima", peaksToJson(l.bandMaxima)}};
    }
    return result;
}

io::CsvTable controlResultTable(const ControlResult& r)
{
    io::CsvTable t;
    t.addColumn("frequency_hz", r.frequencyHz);
    t.addColumn("ke_j_n2", r.controlled.ke);
    t.addColumn("ke_db", r.controlled.keDb);
    t.addColumn("ke_uncontrolled_j_n2", r.uncontrolled.ke);
    t.addColumn("ke_uncontrolled_db", r.uncontrolled.keDb);
    if (!r.effortSpectrumW.empty())
        t.addColumn("effort_w", r.effortSpectrumW);
    for (std::size_t i = 0; i < r.floors.size(); ++i) {
        const std::string floor = "floor" + std::to_string(i + 1);
        std::vector<double> re, im, abs, abs0;
        for (const auto& v : r.floors[i].controlled) {
            re.push_back(v.real());
            im.push_back(v.imag());
            abs.push_back(std::abs(v));
        }
        for (const auto& v : r.floors[i].uncontrolled)
            abs0.push_back(std::abs(v));
        t.addColumn(floor + "_re", std::move(re));
        t.addColumn(floor + "_im", std::move(im));
        t.addColumn(floor + "_abs", std::move(abs));
        t.addColumn(floor + "_uncontrolled_abs", std::move(abs0));
    }
    return t;
}

} // namespace dtop::control
