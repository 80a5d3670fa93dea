// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf_quantity.h"
#include "io/mode_shape_data.h"

#include <complex>
#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dtop::io {

// A prerecorded or imported record: what it is (DatasetInfo) and its samples (FrfData or
// TimeHistoryData) or mode shapes (ModeShapeData). SI units inside; frequencies in Hz as every
// file gives them.

enum class DatasetKind {
    Frf,         // frequency response functions, one channel per measured floor
    TimeHistory, // sampled force and floor responses
    ModeShapes,  // identified or computed modes (UFF dataset 55), imported only
};

// What a time history's floor channels measure.
enum class ResponseQuantity {
    Displacement, // m
    Velocity,     // m/s
    Acceleration, // m/s²
};

const char* datasetKindName(DatasetKind kind); // "frf", "time_history", "mode_shapes"
bool parseDatasetKind(const std::string& text, DatasetKind& kind);
const char* responseQuantityName(ResponseQuantity q); // "displacement", "velocity", "acceleration"
const char* responseQuantityUnit(ResponseQuantity q); // "m", "m/s", "m/s²"
bool parseResponseQuantity(const std::string& text, ResponseQuantity& q);
// "receptance" / "mobility" / "accelerance", or "unknown" for an undocumented quantity.
std::string frfQuantityText(const std::optional<dynamics::FrfQuantity>& q);
bool parseFrfQuantityText(const std::string& text, std::optional<dynamics::FrfQuantity>& q);

struct DatasetInfo {
    std::string id;    // catalogue key, e.g. "southampton-exp-force1"
    std::string title; // one line for lists
    std::string rig;   // "southampton", "swansea", "sheffield", "bristol"; empty if unknown
    DatasetKind kind = DatasetKind::Frf;
    // FRF only: receptance, mobility or accelerance; nullopt when the source does not say.
    std::optional<dynamics::FrfQuantity> quantity;
    // Time history only: what the floor channels measure.
    ResponseQuantity response = ResponseQuantity::Velocity;
    std::string units;       // e.g. "(m/s²)/N"; for a time history "force N, velocity m/s"
    int excitationFloor = 0; // 1-based floor the force acts on; 0 = unknown
    std::string file;        // data file (relative to the catalogue directory, or as read)
    std::string format;      // datasetFormatName() of `file`
    std::string source;      // provenance: original file and project
    std::string licence;
    std::string notes;
    bool suspect = false; // the record is known or believed to be wrong (see notes)

    // Sampling, as listed in a manifest or, after reading, as measured on the data.
    double samplingRateHz = 0.0;  // time history
    double durationS = 0.0;       // time history: last minus first sample time
    double frequencyMinHz = 0.0;  // FRF: lowest frequency of any channel
    double frequencyMaxHz = 0.0;  // FRF: highest frequency of any channel
    double frequencyStepHz = 0.0; // FRF: step of a uniform grid shared by all channels, else 0
    // Mode shapes: frequencyMinHz/MaxHz are the lowest and highest natural frequencies.

    bool operator==(const DatasetInfo&) const = default;
};

// One measured floor of an FRF.
struct FrfChannel {
    int floor = 1;                  // response floor, 1-based
    std::vector<double> frequencyHz; // strictly increasing, >= 0
    // Complex H at each frequency; empty when the source recorded magnitudes only.
    std::vector<std::complex<double>> values;
    std::vector<double> magnitude; // |H|, linear, always filled
    // The source's values when it gave 20·log10|H| in dB (kept so that writing is exact);
    // empty otherwise.
    std::vector<double> decibels;

    bool hasPhase() const { return !values.empty(); }
    bool fromDecibels() const { return !decibels.empty(); }
    std::size_t size() const { return frequencyHz.size(); }
    bool operator==(const FrfChannel&) const = default;
};

struct FrfData {
    std::vector<FrfChannel> channels; // in file order, distinct floors

    const FrfChannel* floor(int floorNumber) const; // nullptr if not measured
    bool sharesOneAxis() const; // every channel has the same frequency axis
    bool operator==(const FrfData&) const = default;
};

struct TimeHistoryChannel {
    int floor = 1;              // 1-based
    std::vector<double> values; // ResponseQuantity of the dataset, SI unit
    bool operator==(const TimeHistoryChannel&) const = default;
};

struct TimeHistoryData {
    std::vector<double> timeS;    // uniformly spaced, strictly increasing
    double samplingRateHz = 0.0;  // (samples − 1) / (last − first time)
    std::vector<double> forceN;   // applied force; empty if none was recorded
    ResponseQuantity response = ResponseQuantity::Velocity;
    std::vector<TimeHistoryChannel> channels; // in file order, distinct floors

    std::size_t samples() const { return timeS.size(); }
    bool hasForce() const { return !forceN.empty(); }
    double timeStepS() const { return samplingRateHz > 0.0 ? 1.0 / samplingRateHz : 0.0; }
    const std::vector<double>* floor(int floorNumber) const; // nullptr if not recorded
    bool operator==(const TimeHistoryData&) const = default;
};

struct Dataset {
    DatasetInfo info;
    std::variant<FrfData, TimeHistoryData, ModeShapeData> data;

    DatasetKind kind() const;
    bool isFrf() const { return data.index() == 0; }
    bool isTimeHistory() const { return data.index() == 1; }
    bool isModeShapes() const { return data.index() == 2; }
    // Throw std::logic_error when the dataset is of another kind.
    const FrfData& frf() const;
    const TimeHistoryData& timeHistory() const;
    const ModeShapeData& modeShapes() const;
    bool operator==(const Dataset&) const = default;
};

// Sets info.kind, the sampling fields and, when empty, info.units from the data.
void describeSampling(Dataset& dataset);

// The channel expressed as another FRF quantity: multiplied by (jω)^p, p = order(to) −
// order(from) with receptance 0, mobility 1, accelerance 2; magnitudes by ω^p. When p < 0 the
// points at f = 0 (where that divides by zero) are dropped. The result carries no decibels
// (they were the source's values, which it no longer holds).
FrfChannel convertFrfChannel(const FrfChannel& channel, dynamics::FrfQuantity from,
                             dynamics::FrfQuantity to);

} // namespace dtop::io
