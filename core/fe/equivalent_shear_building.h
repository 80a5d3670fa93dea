// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/frame_modes.h"
#include "model/profile.h"

#include <string>
#include <vector>

namespace dtop::fe {

// The n-storey shear building (chain of floor masses m_i and storey springs k_i) whose modes
// best reproduce the frame's first n sway-weak modes (docs/tools/fe.md §5).
struct EquivalentShearBuilding {
    std::vector<double> massKg;             // floor 1 first
    std::vector<double> stiffnessNm;        // storey 1 (ground to floor 1) first [N/m]
    std::vector<double> frameHz;            // the frame's sway-weak frequencies it was fitted to
    std::vector<double> chainHz;            // the chain's own frequencies
    std::vector<double> frequencyErrorsPct; // 100 (chain − frame) / frame
    std::vector<double> mac;                // chain mode r against frame sway mode r (floor sway)
    model::Profile profile;                 // undamped (zero storey dampers), provenance filled in
};

// Fits m and k to the frame's sway modes: every pair (ω_r, φ_r) must satisfy
// (K(k) − ω_r² M(m)) φ_r = 0, which is linear in (m, k); the n² equations (each mode's rows
// scaled by 1/(ω_r² |φ_r|)) are solved in least squares with Σ m_i fixed to the sum of the
// modes' effective masses along y (a chain's effective masses add up to its total mass).
// When the frame is itself a chain (rigid floors, massless fixed-guided columns) this returns
// it exactly. Throws std::invalid_argument if `modes` has fewer than `storeys` sway-weak modes.
EquivalentShearBuilding condenseToShearBuilding(const FrameModes& modes, int storeys,
                                                const std::string& profileName,
                                                const std::string& provenance);

} // namespace dtop::fe
