// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <complex>
#include <cstddef>
#include <string>
#include <vector>

namespace dtop::crossval {

// FRF-level correlation criteria between a reference H_r and a candidate H_c sampled on one
// common frequency grid (docs/tools/crossval.md gives the equations and references).

// Whether a criterion used complex values or magnitudes only.
enum class CorrelationBasis {
    Complex,   // both sides have phase
    Magnitude, // at least one side is magnitude-only: |H| is compared
};
const char* correlationBasisName(CorrelationBasis basis); // "complex", "magnitude"
bool parseCorrelationBasis(const std::string& text, CorrelationBasis& basis);

// One response (one output DOF) over the grid: Heylen & Lammens (1996)
//   FRAC = |Σ H_r* H_c|² / (Σ|H_r|² · Σ|H_c|²)         (complex basis)
//   FRAC = (Σ |H_r||H_c|)² / (Σ|H_r|² · Σ|H_c|²)       (magnitude basis)
// In [0, 1]; NaN when either side is identically zero. Sizes must match.
double frac(const std::vector<std::complex<double>>& reference,
            const std::vector<std::complex<double>>& candidate, CorrelationBasis basis);

// RMS of 20·log10|H_r| − 20·log10|H_c| [dB] over the points where both magnitudes are finite
// and > 0; `used` (optional) receives how many points that was. NaN when there are none.
double rmsDbDifference(const std::vector<std::complex<double>>& reference,
                       const std::vector<std::complex<double>>& candidate,
                       std::size_t* used = nullptr);

// Per frequency, over the response DOFs (Zang, Grafe & Imregun, MSSP 15(1), 2001):
//   CSAC(ω) = |H_r(ω)ᴴ H_c(ω)|² / ((H_rᴴH_r)(H_cᴴH_c))
//   CSF(ω)  = 2|H_r(ω)ᴴ H_c(ω)| / (H_rᴴH_r + H_cᴴH_c)
// reference[d][k], candidate[d][k]: response d at frequency k; on the magnitude basis |H| is
// used in place of H. NaN at a frequency where both (CSF) or either (CSAC) vector is zero.
struct SignatureCorrelation {
    std::vector<double> csac;
    std::vector<double> csf;
};
SignatureCorrelation
signatureCorrelation(const std::vector<std::vector<std::complex<double>>>& reference,
                     const std::vector<std::vector<std::complex<double>>>& candidate,
                     CorrelationBasis basis);

// The frequency-domain assurance criterion (Pascual, Golinval & Razeto, IMAC XV, 1997) on a
// subset of the grid: for reference frequency i and candidate frequency j
//   FDAC(i, j) = Re(H_r(ω_i)ᴴ H_c(ω_j)) / (‖H_r(ω_i)‖ ‖H_c(ω_j)‖)     in [−1, 1]
// (|H| on the magnitude basis, then in [0, 1]). A ridge off the diagonal shows a frequency
// shift between the two sides; `ridgeCandidateHz[i]` is the candidate frequency of the row's
// maximum.
struct FdacMap {
    std::vector<double> frequencyHz;         // the sampled grid frequencies (both axes)
    std::vector<std::vector<double>> values; // [reference i][candidate j]
    std::vector<double> ridgeCandidateHz;    // per reference frequency
};
// `maxPoints` ≥ 2: the grid is thinned to at most this many evenly spaced indices.
FdacMap fdacMap(const std::vector<double>& frequencyHz,
                const std::vector<std::vector<std::complex<double>>>& reference,
                const std::vector<std::vector<std::complex<double>>>& candidate,
                CorrelationBasis basis, std::size_t maxPoints);

} // namespace dtop::crossval
