// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <cstddef>
#include <string>

namespace dtop::uq {

// The uncertain parameters of a shear chain, in one flat vector p of 3n values:
// p = (m_1..m_n, k_1..k_n, c_1..c_n) [kg, N/m, N·s/m]. Storey i (spring k_i, damper c_i) joins
// floor i-1 to floor i (floor 0 = ground). Rayleigh damping of the profile (alpha M + beta K)
// is kept as fixed coefficients on top of the storey dampers.
struct ChainModel {
    std::size_t storeys = 0;
    double rayleighAlpha = 0.0; // [1/s]
    double rayleighBeta = 0.0;  // [s]

    std::size_t parameterCount() const { return 3 * storeys; }

    // The chain of a validated profile (Rayleigh coefficients resolved as ShearBuilding does),
    // and its nominal parameter vector (c_i = 0 where the profile has no storey dampers).
    static ChainModel fromProfile(const model::Profile& profile);
    static std::vector<double> nominalParameters(const model::Profile& profile);
};

enum class ParameterKind { Mass, Stiffness, Damping };

ParameterKind parameterKind(std::size_t index, std::size_t storeys);
std::size_t parameterStorey(std::size_t index, std::size_t storeys); // 1-based
std::string parameterName(std::size_t index, std::size_t storeys);    // "m1", "k2", "c3"
const char* parameterUnit(ParameterKind kind);                      // "kg", "N/m", "N·s/m"

} // namespace dtop::uq
