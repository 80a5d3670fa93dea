// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf_quantity.h"
#include "dynamics/shear_building.h"

#include <complex>
#include <cstddef>
#include <vector>

namespace dtop::dynamics {

// Exact FRF of the linear part of a ShearBuilding: solves (K − ω²M + jωC) x = e_j by
// pivoted tridiagonal elimination, O(n) per frequency, no allocation. Thread-safe.
class FrfEvaluator {
public:
    explicit FrfEvaluator(const ShearBuilding& building);

    std::size_t dofs() const { return m_n; }
    // Receptances of all floors to a unit force on `inputFloor` (0-based) at ω [rad/s], into
    // out[0..n-1]. Returns false only at an exact undamped resonance (out is then ±inf/nan).
    bool receptance(double omega, std::size_t inputFloor, std::complex<double>* out) const;

private:
    std::size_t m_n;
    std::vector<double> m_mass, m_kDiag, m_kOff, m_cDiag, m_cOff;
};

inline constexpr std::size_t kMaxFrfPoints = 2'000'000;

// The `frf` analysis.
struct FrfInput {
    model::Profile profile;
    FrfQuantity quantity = FrfQuantity::Receptance;
    int inputFloor = 1;          // 1-based floor where the unit force acts
    double fminHz = 0.0;
    double fmaxHz = 50.0;
    std::size_t points = 2001;
    bool logarithmic = false;
    std::vector<double> frequenciesHz; // when not empty: evaluate exactly here instead

    InputIssues validate() const;
    std::vector<double> grid() const; // the frequencies [Hz] the result will hold
};

struct FrfResult {
    FrfQuantity quantity = FrfQuantity::Receptance;
    int inputFloor = 1;
    std::vector<double> frequencyHz;
    std::vector<std::vector<std::complex<double>>> floors; // [floor][frequency]
};

FrfResult runFrf(const FrfInput& input);

} // namespace dtop::dynamics
