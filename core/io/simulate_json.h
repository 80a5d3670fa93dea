// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/replay.h"
#include "dynamics/simulate.h"
#include "io/csv_table.h"

#include <nlohmann/json.hpp>

namespace dtop::io {

// JSON key suffix of a response quantity: "displacement_m", "velocity_m_s",
// "acceleration_m_s2".
std::string responseQuantityKey(dynamics::ResponseQuantity q);

// Every effective input of `dtop simulate` (defaults included), excitation parameters of the
// selected kind only; a sampled record is summarised by its length and span.
nlohmann::json simulateInputToJson(const dynamics::SimulateInput& input);

// Reads the keys simulateInputToJson() writes into `input`; a missing key keeps the value
// `input` already has, a wrong type or unknown name is an issue naming the key. Sampled
// records (base motion, recorded force) are only summarised in the JSON: their samples are
// kept from `input`. simulateInputToJson(parsed) reproduces the JSON it was read from exactly.
// The values still have to pass SimulateInput::validate().
InputIssues simulateInputFromJson(const nlohmann::json& json, dynamics::SimulateInput& input);

// The "result" object of `dtop simulate`: time_s, excitation, floors (nominal displacement_m,
// velocity_m_s, acceleration_m_s2), summary.peak_displacement_m, psd (of psdQuantity, with
// its unit), h1 (force excitations), seed, and the scenario statistics when there are any.
nlohmann::json simulateResultToJson(const dynamics::SimulateResult& result,
                                    const dynamics::SimulateInput& input,
                                    dynamics::ResponseQuantity psdQuantity);

// time_s, force_n (or ground_acceleration_m_s2), floorN_displacement_m, floorN_velocity_m_s,
// floorN_acceleration_m_s2 (+ floorN_absolute_acceleration_m_s2 for base motion), and with
// scenarios floorN_displacement_{mean,p05,p95,min,max}_m.
CsvTable simulateResultTable(const dynamics::SimulateResult& result);

// Replay: the input without its long vectors (samples, span, force floor, hold, profile).
nlohmann::json replayInputToJson(const dynamics::ReplayInput& input);
// time_s, force_n, floors (simulated displacement/velocity/acceleration and
// measured_velocity_m_s), summary, psd (simulated and measured velocity PSDs) and
// replay.nrmse per floor with its definition.
nlohmann::json replayResultToJson(const dynamics::ReplayResult& result,
                                  const dynamics::ReplayInput& input);
// time_s, force_n, floorN_velocity_m_s, floorN_measured_velocity_m_s, ...
CsvTable replayResultTable(const dynamics::ReplayResult& result,
                           const dynamics::ReplayInput& input);

} // namespace dtop::io
