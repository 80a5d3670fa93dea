// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "identification/identified_mode.h"
#include "model/profile.h"

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace dtop::identification {

// Spatial M, K, C implied by a complete mass-normalised modal model, and the shear-building
// (chain) parameters nearest to them (docs/tools/identify.md §5).
//   From the residue column of the driving point p, the full residue matrix of mode r is
//   R_r = R_{:,p} R_{:,p}ᵀ / R_pp (reciprocity); then (Lancaster, J. Aero. Sci. 28, 1961)
//   M⁻¹ = Σ_r 2 Re(λ_r R_r),  K⁻¹ = −Σ_r 2 Re(R_r / λ_r),
//   exact for any viscous damping. C = M Φ diag(2ζ_rω_r) Φᵀ M with Φ the realised
//   mass-normalised shapes: Lancaster's C = −M [Σ 2 Re(λ_r² R_r)] M amplifies the residues'
//   phase noise by 1/ζ (≈ 500 on the rig).
struct MatrixEntry {
    int row = 0; // 1-based floors
    int col = 0;
    double value = 0.0;
};

// Storey values s_i of a chain matrix fitted to a symmetric matrix's tridiagonal band by least
// squares (K_ii = s_i + s_{i+1}, K_{i,i+1} = −s_{i+1}); what lies outside the band is dropped.
struct ChainFit {
    std::vector<double> storeyValues;
    std::vector<MatrixEntry> dropped;   // |i − j| ≥ 2, upper triangle
    double droppedRelative = 0.0;       // max |dropped| / max |diagonal|
    double bandResidualRelative = 0.0;  // ‖band − chain‖ / ‖band‖
    bool tridiagonal = true;            // droppedRelative ≤ tolerance
};
ChainFit fitChain(const Eigen::MatrixXd& matrix, double tolerance);

struct PhysicalModel {
    std::vector<int> floors;          // 1..n, the order of the matrices' rows
    std::vector<std::size_t> modesUsed; // indices into the identified modes
    Eigen::MatrixXd mass, stiffness, damping;
    std::vector<double> masses;        // diag(M) [kg]
    std::vector<MatrixEntry> massDropped; // off-diagonal M entries
    double massOffDiagonalRelative = 0.0; // max |M_ij| / max M_ii, i ≠ j
    ChainFit stiffnessChain;           // [N/m]
    ChainFit dampingChain;             // [N·s/m]
    // ‖Σ_r 2 Re R_r‖ / Σ_r ‖2 Re R_r‖: zero for a complete, exact modal model (the 1/s term of
    // a second-order system's receptance vanishes).
    double completenessCheck = 0.0;
    std::string notes;

    // The chain as a profile with storey dampers (name and provenance left to the caller).
    model::Profile profile() const;
};

// Throws std::invalid_argument saying why when the modes cannot be mass-normalised: driving
// point not measured, floors not 1..n, fewer modes than floors, M⁻¹ or K⁻¹ singular.
// With more modes than floors the n with the largest mass-normalised shapes (smallest modal
// masses) are used.
PhysicalModel physicalModel(const std::vector<IdentifiedMode>& modes, const std::vector<int>& floors,
                            int drivingResponse, double tridiagonalTolerance = 0.05);

} // namespace dtop::identification
