// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/simulate_json.h"

#include "dynamics/frf_quantity.h"
#include "io/json_numbers.h"
#include "io/profile_json.h"
#include "signal/window.h"
#include "uq/distribution.h"

namespace dtop::io {

using dynamics::ResponseQuantity;
using nlohmann::json;

namespace {
constexpr ResponseQuantity kQuantities[] = {
    ResponseQuantity::Displacement, ResponseQuantity::Velocity, ResponseQuantity::Acceleration};

json sampledSummary(const dynamics::SampledSignal& s) {
    json j = {{"samples", s.timeS.size()}, {"hold", dynamics::sampleHoldName(s.hold)}};
    if (!s.timeS.empty()) {
        j["start_s"] = jsonNumber(s.timeS.front());
        j["end_s"] = jsonNumber(s.timeS.back());
    }
    return j;
}

json excitationToJson(const dynamics::Excitation& e) {
    using dynamics::ExcitationKind;
    json j = {{"kind", dynamics::excitationKindName(e.kind)}, {"unit", e.unit()}};
    if (!e.isBaseMotion())
        j["input_floor"] = e.floor;
    switch (e.kind) {
    case ExcitationKind::Hammer:
        j["peak_n"] = e.hammer.peakN;
        j["centre_s"] = e.hammer.centreS;
        j["width_s"] = e.hammer.widthS;
        break;
    case ExcitationKind::HalfSine:
        j["peak_n"] = e.halfSine.peakN;
        j["start_s"] = e.halfSine.startS;
        j["duration_s"] = e.halfSine.durationS;
        break;
    case ExcitationKind::Random:
        j["rms_n"] = e.random.rmsN;
        j["f1_hz"] = e.random.bandLowHz;
        j["f2_hz"] = e.random.bandHighHz;
        j["new_realisation_per_scenario"] = e.random.newRealisationPerScenario;
        break;
    case ExcitationKind::Sine:
        j["amplitude_n"] = e.sine.amplitudeN;
        j["frequency_hz"] = e.sine.frequencyHz;
        j["phase_rad"] = e.sine.phaseRad;
        break;
    case ExcitationKind::Sweep:
        j["amplitude_n"] = e.sweep.amplitudeN;
        j["f0_hz"] = e.sweep.startHz;
        j["f1_hz"] = e.sweep.endHz;
        j["start_s"] = e.sweep.startS;
        j["duration_s"] = e.sweep.durationS;
        j["law"] = dynamics::sweepLawName(e.sweep.law);
        break;
    case ExcitationKind::BaseMotion:
        j["record"] = sampledSummary(e.baseAcceleration);
        break;
    case ExcitationKind::RecordedForce:
        j["record"] = sampledSummary(e.recordedForce);
        break;
    }
    return j;
}

json scatterToJson(const uq::ParameterScatter& s) {
    return {{"distribution", uq::distributionKindName(s.kind)},
            {s.relative ? "cv" : "sd", s.spread},
            {"truncation_sds", s.truncationSds}};
}

json welchToJson(const signal::WelchOptions& w) {
    return {{"window", signal::windowKindName(w.window)},
            {"segment_length", w.segmentLength},
            {"overlap", w.overlap},
            {"remove_mean", w.removeMean}};
}

json envelopeToJson(const uq::Envelope& e) {
    return {{"mean", jsonArray(e.mean)}, {"sd", jsonArray(e.sd)},     {"min", jsonArray(e.min)},
            {"max", jsonArray(e.max)},   {"p05", jsonArray(e.lower)}, {"p95", jsonArray(e.upper)}};
}

json floorsToJson(const dynamics::TimeResponse& r) {
    json floors = json::array();
    for (std::size_t i = 0; i < r.displacement.size(); ++i) {
        json f;
        for (auto q : kQuantities)
            f[responseQuantityKey(q)] = jsonArray(r.quantity(q)[i]);
        if (r.relativeToGround)
            f["absolute_acceleration_m_s2"] = jsonArray(r.absoluteAcceleration[i]);
        floors.push_back(std::move(f));
    }
    return floors;
}

json spectrumMeta(const signal::Spectrum& s) {
    return {{"unit", s.unit},
            {"resolution_hz", s.resolutionHz},
            {"segment_length", s.segmentLength},
            {"segments", s.segments},
            {"frequency_hz", jsonArray(s.frequencyHz)}};
}

std::string excitationKey(const dynamics::TimeResponse& r) {
    return r.relativeToGround ? "ground_acceleration_m_s2" : "force_n";
}
} // namespace

std::string responseQuantityKey(ResponseQuantity q) {
    switch (q) {
    case ResponseQuantity::Velocity:
        return "velocity_m_s";
    case ResponseQuantity::Acceleration:
        return "acceleration_m_s2";
    case ResponseQuantity::Displacement:
        break;
    }
    return "displacement_m";
}

json simulateInputToJson(const dynamics::SimulateInput& in) {
    json initial = json::object();
    if (!in.initial.displacementM.empty())
        initial["displacement_m"] = jsonArray(in.initial.displacementM);
    if (!in.initial.velocityMS.empty())
        initial["velocity_m_s"] = jsonArray(in.initial.velocityMS);
    return {
        {"profile", profileToJson(in.profile)},
        {"excitation", excitationToJson(in.excitation)},
        {"duration_s", in.durationS},
        {"sample_rate_hz", in.sampleRateHz},
        {"initial", initial},
        {"integrator", dynamics::integrationMethodName(in.integration.method)},
        {"relative_tolerance", in.integration.relativeTolerance},
        {"absolute_tolerance", in.integration.absoluteTolerance},
        {"scenarios", in.scenarios},
        {"sampling", uq::samplingMethodName(in.sampling)},
        {"seed", in.seed},
        {"keep_scenarios", in.keptScenarios},
        {"scatter",
         {{"mass", scatterToJson(in.scatter.mass)},
          {"stiffness", scatterToJson(in.scatter.stiffness)},
          {"damping", scatterToJson(in.scatter.damping)},
          {"x0_sd_m", in.scatter.initialDisplacementSdM},
          {"v0_sd_m_s", in.scatter.initialVelocitySdMS}}},
        {"spectra", in.spectra},
        {"psd", welchToJson(in.welch)},
        {"frf_quantity", dynamics::frfQuantityName(in.frfQuantity)},
    };
}

json simulateResultToJson(const dynamics::SimulateResult& r, const dynamics::SimulateInput& in,
                          ResponseQuantity psdQuantity) {
    const auto& nominal = r.nominal;
    const auto q = static_cast<std::size_t>(psdQuantity);
    json j = {
        {"seed", r.seed},
        {"integrator", nominal.integrator},
        {"integration_steps", nominal.steps},
        {"time_s", jsonArray(nominal.timeS)},
        {excitationKey(nominal), jsonArray(nominal.excitation)},
        {"relative_to_ground", nominal.relativeToGround},
        {"floors", floorsToJson(nominal)},
        {"summary",
         {{"peak_displacement_m", jsonArray(r.peakDisplacementM)},
          {"peak_velocity_m_s", jsonArray(nominal.peakAbs(ResponseQuantity::Velocity))},
          {"peak_acceleration_m_s2", jsonArray(nominal.peakAbs(ResponseQuantity::Acceleration))},
          {"natural_frequencies_hz", jsonArray(r.naturalFrequenciesHz)}}},
        {"display_range_hz", {r.displayRange.minHz, r.displayRange.maxHz}},
    };
    json notes = json::array();
    for (const std::string* note : {&r.spectraNote, &r.scenarioNote})
        if (!note->empty())
            notes.push_back(*note);
    j["notes"] = notes;
    if (r.hasSpectra) {
        const auto& spectra = r.spectra.response[q];
        json psd = spectrumMeta(spectra.front());
        psd["quantity"] = dynamics::responseQuantityName(psdQuantity);
        psd["method"] = r.spectraMethod;
        psd["window"] = r.transientSpectra ? "rectangular input, exponential responses"
                                           : signal::windowKindName(in.welch.window);
        psd["overlap"] = r.transientSpectra ? 0.0 : in.welch.overlap;
        json floors = json::array();
        for (const auto& s : spectra)
            floors.push_back(jsonArray(s.density));
        psd["floors"] = floors;
        psd["excitation"] = jsonArray(r.spectra.excitation.density);
        psd["excitation_unit"] = r.spectra.excitation.unit;
        j["psd"] = psd;
        if (!r.spectra.h1.empty()) {
            json h1Floors = json::array();
            for (std::size_t i = 0; i < r.spectra.h1.size(); ++i)
                h1Floors.push_back({{"estimate", jsonComplexArray(r.spectra.h1[i].h)},
                                    {"coherence", jsonArray(r.spectra.h1[i].coherence)},
                                    {"model", jsonComplexArray(r.spectra.modelFrf[i])}});
            j["h1"] = {{"quantity", dynamics::frfQuantityName(r.spectra.frfQuantity)},
                       {"unit", r.spectra.h1.front().unit},
                       {"segments", r.spectra.h1.front().segments},
                       {"frequency_hz", jsonArray(r.spectra.h1.front().frequencyHz)},
                       {"floors", h1Floors}};
        }
    }
    if (r.scenarios > 0) {
        json parameters = json::array();
        for (const auto& s : r.samples) {
            json p = {{"masses_kg", jsonArray(s.masses)},
                      {"stiffnesses_n_m", jsonArray(s.stiffnesses)},
                      {"x0_m", jsonArray(s.initial.displacementM)},
                      {"v0_m_s", jsonArray(s.initial.velocityMS)}};
            if (!s.dampers.empty())
                p["dampers_n_s_m"] = jsonArray(s.dampers);
            parameters.push_back(std::move(p));
        }
        json peaks = json::array();
        for (const auto& p : r.scenarioPeakDisplacementM)
            peaks.push_back(jsonArray(p));
        json envelopes = json::object();
        for (auto quantity : kQuantities) {
            json floors = json::array();
            for (const auto& e : r.timeEnvelopes[static_cast<std::size_t>(quantity)])
                floors.push_back(envelopeToJson(e));
            envelopes[responseQuantityKey(quantity)] = floors;
        }
        json s = {{"count", r.scenarios},
                  {"sampling", uq::samplingMethodName(in.sampling)},
                  {"parameters", parameters},
                  {"peak_displacement_m", peaks},
                  {"envelopes", envelopes}};
        if (r.hasSpectra) {
            json floors = json::array();
            for (const auto& e : r.psdEnvelopes[q])
                floors.push_back(envelopeToJson(e));
            s["psd_envelopes"] = {{"quantity", dynamics::responseQuantityName(psdQuantity)},
                                  {"unit", r.spectra.response[q].front().unit},
                                  {"floors", floors}};
        }
        json kept = json::array();
        for (const auto& k : r.keptScenarios)
            kept.push_back({{"floors", floorsToJson(k)}});
        s["kept"] = kept;
        j["scenarios"] = s;
    }
    return j;
}

CsvTable simulateResultTable(const dynamics::SimulateResult& r) {
    const auto& nominal = r.nominal;
    CsvTable t;
    t.addColumn("time_s", nominal.timeS);
    t.addColumn(excitationKey(nominal), nominal.excitation);
    for (std::size_t i = 0; i < nominal.displacement.size(); ++i) {
        const std::string prefix = "floor" + std::to_string(i + 1) + "_";
        for (auto q : kQuantities)
            t.addColumn(prefix + responseQuantityKey(q), nominal.quantity(q)[i]);
        if (nominal.relativeToGround)
            t.addColumn(prefix + "absolute_acceleration_m_s2", nominal.absoluteAcceleration[i]);
    }
    if (r.scenarios > 0) {
        for (std::size_t i = 0; i < nominal.displacement.size(); ++i) {
            const std::string prefix = "floor" + std::to_string(i + 1) + "_displacement_";
            const uq::Envelope& e = r.timeEnvelopes[0][i];
            t.addColumn(prefix + "mean_m", e.mean);
            t.addColumn(prefix + "p05_m", e.lower);
            t.addColumn(prefix + "p95_m", e.upper);
            t.addColumn(prefix + "min_m", e.min);
            t.addColumn(prefix + "max_m", e.max);
        }
    }
    return t;
}

json replayInputToJson(const dynamics::ReplayInput& in) {
    json j = {{"profile", profileToJson(in.profile)},
              {"samples", in.timeS.size()},
              {"force_floor", in.forceFloor},
              {"force_hold", dynamics::sampleHoldName(in.forceHold)},
              {"measured_floors", in.measuredVelocityMS.size()},
              {"integrator", dynamics::integrationMethodName(in.integration.method)},
              {"psd", welchToJson(in.welch)}};
    if (!in.timeS.empty()) {
        j["start_s"] = jsonNumber(in.timeS.front());
        j["end_s"] = jsonNumber(in.timeS.back());
    }
    return j;
}

json replayResultToJson(const dynamics::ReplayResult& r, const dynamics::ReplayInput& in) {
    const auto& sim = r.simulated;
    json floors = floorsToJson(sim);
    for (std::size_t i = 0; i < in.measuredVelocityMS.size(); ++i)
        floors[i]["measured_velocity_m_s"] = jsonArray(in.measuredVelocityMS[i]);
    json psd = spectrumMeta(r.forcePsd);
    psd["unit"] = r.simulatedVelocityPsd.front().unit;
    psd["quantity"] = "velocity";
    json psdFloors = json::array();
    for (std::size_t i = 0; i < r.simulatedVelocityPsd.size(); ++i)
        psdFloors.push_back({{"simulated", jsonArray(r.simulatedVelocityPsd[i].density)},
                             {"measured", jsonArray(r.measuredVelocityPsd[i].density)}});
    psd["floors"] = psdFloors;
    psd["force"] = jsonArray(r.forcePsd.density);
    psd["force_unit"] = r.forcePsd.unit;
    psd["method"] = r.transient ? "whole-record periodogram (transient record)" : "welch";
    return {
        {"integrator", sim.integrator},
        {"time_s", jsonArray(sim.timeS)},
        {"force_n", jsonArray(sim.excitation)},
        {"floors", floors},
        {"summary",
         {{"peak_displacement_m", jsonArray(sim.peakAbs(ResponseQuantity::Displacement))},
          {"peak_velocity_m_s", jsonArray(sim.peakAbs(ResponseQuantity::Velocity))},
          {"natural_frequencies_hz", jsonArray(r.naturalFrequenciesHz)}}},
        {"display_range_hz", {r.displayRange.minHz, r.displayRange.maxHz}},
        {"psd", psd},
        {"replay",
         {{"nrmse", jsonArray(r.nrmse)},
          {"nrmse_definition", "RMS(simulated - measured velocity) / RMS(measured velocity), "
                               "per floor over the whole record"},
          {"force_hold_used", dynamics::sampleHoldName(r.forceHold)},
          {"record_impulse_n_s", jsonNumber(r.recordImpulseNs)},
          {"held_impulse_n_s", jsonNumber(r.heldImpulseNs)},
          {"transient", r.transient},
          {"notes", r.notes}}},
    };
}

CsvTable replayResultTable(const dynamics::ReplayResult& r, const dynamics::ReplayInput& in) {
    const auto& sim = r.simulated;
    CsvTable t;
    t.addColumn("time_s", sim.timeS);
    t.addColumn("force_n", sim.excitation);
    for (std::size_t i = 0; i < sim.velocity.size(); ++i) {
        const std::string prefix = "floor" + std::to_string(i + 1) + "_";
        t.addColumn(prefix + "displacement_m", sim.displacement[i]);
        t.addColumn(prefix + "velocity_m_s", sim.velocity[i]);
        if (i < in.measuredVelocityMS.size())
            t.addColumn(prefix + "measured_velocity_m_s", in.measuredVelocityMS[i]);
        t.addColumn(prefix + "acceleration_m_s2", sim.acceleration[i]);
    }
    return t;
}

} // namespace dtop::io
