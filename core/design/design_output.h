// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::design {

// One scalar output of the steady-state harmonic response at the analysis frequency.
enum class OutputKind {
    Displacement, // x_i = |X_i| [m]
    Shear,        // s_i: storey shear force [N], see ShearDefinition
};

// How a storey shear is formed from the complex floor amplitudes X (X_0 = 0 is the ground).
enum class ShearDefinition {
    // s_i = |(k_i + iωc_i)(X_i − X_{i−1})|: spring and damper force together, phases kept.
    Complex,
    // The prototype's: s_1 = k_1|X_1|, s_i = k_i(|X_i| − |X_{i−1}|). Magnitudes are subtracted
    // (phase discarded) and the damper force is left out, so it can be negative; it agrees with
    // Complex only near the first mode. Offered for comparison.
    Prototype,
};

const char* shearDefinitionName(ShearDefinition definition); // "complex", "prototype"
bool parseShearDefinition(const std::string& text, ShearDefinition& definition);

struct OutputId {
    OutputKind kind = OutputKind::Displacement;
    int floor = 1; // 1-based floor (x) or storey (s)

    bool operator==(const OutputId& other) const
    {
        return kind == other.kind && floor == other.floor;
    }
};

std::string outputName(const OutputId& id);  // "x3", "s1"
const char* outputUnit(const OutputId& id);  // "m", "N"
std::string outputLabel(const OutputId& id); // "displacement x3 [m]", "shear force s1 [N]"
// "x1".."xn", "s1".."sn" for a building of `storeys` floors; false for anything else.
bool parseOutputName(const std::string& text, std::size_t storeys, OutputId& id);
// The 2n outputs in display order: x1..xn, s1..sn.
std::vector<OutputId> allOutputs(std::size_t storeys);

} // namespace dtop::design
