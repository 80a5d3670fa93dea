// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/frf_quantity.h"
#include "uq/chain_model.h"
#include "uq/complex_affine.h"
#include "uq/legacy_cartesian_bounds.h"
#include "uq/parameter_box.h"

#include <cstddef>
#include <vector>

namespace dtop::uq {

// Rigorous enclosure of 1/H_{output,input}(ω) over a sub-box of the parameters, as a complex
// affine form in one noise symbol per uncertain parameter. The ladder formula uses every
// parameter once: 1/H = G_a Π_{i=a+1..b} (1 + U_i / z_i) with a = min(in, out), b = max(in, out),
// G_a = μ_a + z_a L_{a-1}/(z_a + L_{a-1}) + z_{a+1} U_{a+1}/(z_{a+1} + U_{a+1}) the driving-point
// dynamic stiffness, L and U the ladders below and above (see ChainFrf); the shared symbols
// carry the first-order dependencies and the remainders are second order in the box width.
class FrfEnclosure {
public:
    FrfEnclosure(const ChainModel& model, const ParameterBox& box, std::size_t input,
                 std::size_t output, double omega);

    std::size_t dimensions() const { return m_dims.size(); }
    // Sub-box given in unit coordinates of the uncertain dimensions: [a_i, b_i] ⊆ [0, 1].
    // Writes the form of 1/H (receptance) into `inverse`.
    void enclose(const double* a, const double* b, ComplexAffine& inverse);
    // Pole-free alternative: H = Π z_k θ_{low-1} φ_{high+1} / θ_n with the continuants θ
    // (leading minors) and φ (trailing minors) of D, so numerator and denominator are
    // polynomials. Looser near a resonance (Δ = θ_n cancels), but finite where a sub-chain of
    // the ladder resonates (z + L = 0), which the ladder form cannot cross.
    void encloseDeterminants(const double* a, const double* b, ComplexAffine& numerator,
                             ComplexAffine& denominator);
    // Rigorous [min, max] of |H| in the FRF quantity's unit over the sub-box (the ladder form,
    // or the determinant form where the ladder form has no finite bound); `inverse` as above.
    ModulusRange magnitude(const double* a, const double* b, ComplexAffine& inverse,
                           dynamics::FrfQuantity quantity);

private:
    void parameter(std::size_t index, const double* a, const double* b, double& centre,
                   double& half, double& rounding, int& symbol) const;
    void storeyImpedance(std::size_t storey, const double* a, const double* b, ComplexAffine& z) const;
    void floorMass(std::size_t floor, const double* a, const double* b, ComplexAffine& mu) const;
    void series(const ComplexAffine& z, const ComplexAffine& s, ComplexAffine& out);

    ChainModel m_model;
    const ParameterBox& m_box;
    std::size_t m_low, m_high;
    double m_omega;
    std::vector<std::size_t> m_dims;
    std::vector<int> m_symbol; // per parameter: its noise symbol or -1
    ComplexAffine m_t1, m_t2, m_t3, m_z, m_mu, m_ladder, m_acc, m_upperProduct;
    std::vector<ComplexAffine> m_storey, m_floor, m_minor;
};

// |H_dj(ω)| <= ‖D(ω)^-1‖ <= 1/(ω λ_min(C)) for every structure in the box (passive damping:
// |x* D x| >= Im x* D x = ω x* C x). A coarse but finite cap on the receptance, +inf if the
// damping matrix at the box's lower corner is not positive definite or ω = 0.
double passivityBound(const ChainModel& model, const ParameterBox& box, double omega);

enum class VerifiedMethod {
    Corners, // corner values of the multilinear determinant and cofactors (p <= 12)
    Affine,  // affine arithmetic on the ladder form (any p)
};

struct VerifiedFrfOptions {
    double tolerance = 0.01;    // stop when outer is within this relative gap of the inner value
    std::size_t maxBoxes = 4000; // per (frequency, floor, side)
    VerifiedMethod method = VerifiedMethod::Corners; // Affine is used anyway when p > 12
    // Corners: the split is tried in this many candidate dimensions (ranked by the bend of the
    // bounded ratio) and the one whose halves bound best is kept. 3 gave the fewest unconverged
    // bounds per second on the default case (1: 195 of 8814 at 150 boxes, 3: 49) and the fastest
    // run to the 1 % gap at the default budget (2: 5.5 s, 3: 3.2 s, 4: 3.3 s).
    std::size_t trialSplits = 3;
    // Worker threads over the frequencies (0: one per hardware thread); the bounds do not
    // depend on it.
    unsigned threads = 0;
};

struct VerifiedStatistics {
    double tolerance = 0.0;
    std::size_t boxes = 0;       // boxes bounded in the branch-and-bound trees, in total
    std::size_t evaluations = 0; // bounds computed, trial splits included (>= boxes)
    std::size_t problems = 0;    // (frequency, floor, side) branch-and-bound runs
    std::size_t unconverged = 0; // runs that stopped on the box budget
    std::size_t searches = 0;    // local searches started inside the trees (incumbent)
    // (frequency, floor) points whose incoming inner value the search raised (either side, by
    // more than 1e-9 relative), and the largest relative raise.
    std::size_t raised = 0;
    double largestRaise = 0.0;
};

struct VerifiedFrfBounds {
    std::vector<FloorBounds> outer; // guaranteed: every structure in the box lies inside
    std::vector<FloorBounds> inner; // best attained values (the incoming inner, raised)
    VerifiedStatistics statistics;
};

// Best-first branch and bound per frequency, floor and side; boxes whose bound cannot beat the
// best attained value are dropped, and the points evaluated on the way improve that value.
// Corners method (p <= 12 uncertain parameters, the default): H_d = N_d/Δ with Δ and the factors
// of N_d multilinear in the parameters, bounded from their values at the box corners
// (multilinear_ratio_bound.h); every corner is an attained value. Affine method (any p): the
// ladder form in affine arithmetic (FrfEnclosure), box centres as attained values.
// `inner` (per floor lower/upper, quantity applied) seeds the attained values. The attained
// value (incumbent) is raised further by local searches (ExtremeSearch) from every point that
// improves it and, before each bound is reported, from the centre of the most promising box;
// `inner` of the result holds the final incumbents, so inner and outer close from both sides.
VerifiedFrfBounds verifiedFrfBounds(const ChainModel& model, const ParameterBox& box,
                                    std::size_t input, const std::vector<double>& omegas,
                                    dynamics::FrfQuantity quantity,
                                    const std::vector<FloorBounds>& inner,
                                    const VerifiedFrfOptions& options, Progress& progress,
                                    double progressFrom = 0.0, double progressTo = 1.0);

} // namespace dtop::uq
