// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <Eigen/Dense>

#include <cstddef>
#include <limits>
#include "design/random_engine.h"
#include <string>

namespace dtop::design {

// The distribution of one physical input of the design-under-uncertainty tool
// (docs/tools/design.md, Inputs and distributions). Each random kind has exactly two parameters (a, b), and these
// are the parameters the Fisher information and the probability gradient are taken with
// respect to:
//   normal            a = mean μ, b = standard deviation σ          (names mu_x, sigma_x)
//   gamma             a = shape κ, b = scale θ; mean κθ             (names kappa_x, theta_x)
//   lognormal         a = mean, b = standard deviation of the variable itself (mu_x, sigma_x)
//   truncated-normal  a = μ, b = σ of the parent normal, restricted to [lower, upper]
//                     (default [0, ∞)); the bounds are fixed, not parameters (mu_x, sigma_x)
//   fixed             a = the value; no parameters
// Deterministic rule: an input is random exactly when its kind is not `fixed` and its spread b
// is not zero. A normal, lognormal or truncated-normal input with b = 0 is fixed at a (its mean)
// and reported as fixed. A gamma input needs κ > 0 and θ > 0: θ = 0 is an error, never a silent
// zero (enter a fixed value instead).
enum class InputDistributionKind { Fixed, Normal, Gamma, LogNormal, TruncatedNormal };

const char* inputDistributionKindName(InputDistributionKind kind); // "fixed", "normal", ...
// Accepts the names above and the aliases "gaussian", "truncnormal", "truncated_normal",
// "log-normal", "deterministic".
bool parseInputDistributionKind(const std::string& text, InputDistributionKind& kind);

// What a physical input may physically be: validation refuses distributions that put
// probability on the wrong side of zero.
enum class InputSign {
    Any,         // forces
    NonNegative, // dampers
    Positive,    // masses, stiffnesses
};

struct InputDistribution {
    InputDistributionKind kind = InputDistributionKind::Fixed;
    double a = 0.0;
    double b = 0.0;
    double lower = 0.0;                                     // truncated-normal only
    double upper = std::numeric_limits<double>::infinity(); // truncated-normal only

    static InputDistribution fixed(double value);
    static InputDistribution normal(double mean, double sd);
    static InputDistribution gamma(double shape, double scale);
    static InputDistribution logNormal(double mean, double sd);
    static InputDistribution truncatedNormal(double mu, double sigma, double lower = 0.0,
                                             double upper = std::numeric_limits<double>::infinity());

    bool isRandom() const;
    double mean() const;               // E[Y]: the nominal value of the input
    double standardDeviation() const;  // sd of Y (0 when fixed)
    const char* firstSymbol() const;   // "mu", "kappa" ("value" when fixed)
    const char* secondSymbol() const;  // "sigma", "theta" ("" when fixed)

    // Problems with this distribution; `name` ("k2") and `unit` ("N/m") appear in the messages.
    InputIssues validate(const std::string& name, const std::string& unit, InputSign sign) const;
};

// Precomputed constants to sample, transform and score one validated distribution quickly,
// in batches (the inner loops of the tool run ~10^7 times).
class DistributionKernel {
public:
    explicit DistributionKernel(const InputDistribution& distribution);

    const InputDistribution& distribution() const { return m_d; }
    bool isRandom() const { return m_random; }

    // count independent draws into out. The draw of a normal, lognormal and truncated-normal
    // input is a + b·ξ (exp of it for lognormal) with ξ from the engine, and a gamma draw is
    // θ·G(κ, 1): a change of one parameter moves the samples smoothly under common random
    // numbers (what a finite-difference check of a gradient needs).
    void sample(SampleEngine& engine, double* out, std::size_t count) const;
    // Inverse CDF of each u in (0, 1) (quasi-Monte Carlo points), in place.
    void quantiles(double* u, std::size_t count) const;
    // Scores ∂ln p(y)/∂a and ∂ln p(y)/∂b of each sample (zero for a fixed input).
    void scores(const double* y, std::size_t count, double* scoreA, double* scoreB) const;
    // Per-sample Fisher information of the input with respect to (a, b): E[u uᵀ].
    Eigen::Matrix2d fisherInformation() const;

private:
    InputDistribution m_d;
    bool m_random = false;
    // normal / truncated normal: standardised t = (y − a)/b, moments of t
    double m_t1 = 0.0, m_t2 = 1.0;
    // gamma: ln θ + ψ(κ)
    double m_gammaShift = 0.0;
    // lognormal: ln Y ~ N(m, v); chain-rule factors ∂(m, v)/∂(a, b)
    double m_logMean = 0.0, m_logVar = 0.0;
    double m_dmda = 0.0, m_dmdb = 0.0, m_dvda = 0.0, m_dvdb = 0.0;
    // truncated normal: Φ(α), Φ(β) - Φ(α) and whether plain rejection is efficient
    double m_cdfLower = 0.0, m_mass = 1.0;
    bool m_rejection = true;
};

} // namespace dtop::design
