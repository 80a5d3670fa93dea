// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/verified_frf_bounds.h"

#include "design/parallel_tasks.h"
#include "uq/chain_minors.h"
#include "uq/extreme_search.h"
#include "uq/multilinear_ratio_bound.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>

namespace dtop::uq {

namespace {
constexpr double kUp = 1.0 + kAffineSlack;
constexpr double kDown = 1.0 - kAffineSlack;
// Boxes split between two looks at the cancel flag: well under a millisecond of work.
constexpr std::size_t kCancelCheckInterval = 64;
// A point's attained value counts as raised by the search above this relative change (a local
// search restarted at the same optimum moves it by rounding only).
constexpr double kRaiseThreshold = 1e-9;
} // namespace

double passivityBound(const ChainModel& model, const ParameterBox& box, double omega)
{
    const std::size_t n = model.storeys;
    if (!(omega > 0.0) || model.rayleighAlpha < 0.0 || model.rayleighBeta < 0.0)
        return std::numeric_limits<double>::infinity();
    // C = Σ c_i b_i b_iᵀ + α M + β K grows (Loewner order) with every c, m and k, so its
    // smallest eigenvalue over the box is that at the lower corner.
    const auto ni = static_cast<Eigen::Index>(n);
    Eigen::MatrixXd c = Eigen::MatrixXd::Zero(ni, ni);
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        const double storey = box.lower[2 * n + i] + model.rayleighBeta * box.lower[n + i];
        c(r, r) += storey + model.rayleighAlpha * box.lower[i];
        if (i > 0) {
            c(r - 1, r - 1) += storey;
            c(r - 1, r) -= storey;
            c(r, r - 1) -= storey;
        }
    }
    const double lambda = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(c, Eigen::EigenvaluesOnly)
                              .eigenvalues()
                              .minCoeff();
    // A backward-stable symmetric eigensolver errs by a few n·ulp·‖C‖.
    const double floor = lambda - 1e-12 * c.norm();
    if (!(floor > 0.0))
        return std::numeric_limits<double>::infinity();
    return 1.0 / (omega * floor) * (1.0 + 1e-12);
}

FrfEnclosure::FrfEnclosure(const ChainModel& model, const ParameterBox& box, std::size_t input,
                           std::size_t output, double omega)
    : m_model(model), m_box(box), m_low(std::min(input, output)), m_high(std::max(input, output)),
      m_omega(omega), m_dims(box.uncertainIndices()), m_symbol(box.size(), -1)
{
    for (std::size_t s = 0; s < m_dims.size(); ++s)
        m_symbol[m_dims[s]] = static_cast<int>(s);
}

void FrfEnclosure::parameter(std::size_t index, const double* a, const double* b, double& centre,
                             double& half, double& rounding, int& symbol) const
{
    symbol = m_symbol[index];
    if (symbol < 0) {
        centre = m_box.nominal[index];
        half = 0.0;
        rounding = 0.0;
        return;
    }
    const auto s = static_cast<std::size_t>(symbol);
    const double lo = m_box.lower[index];
    const double w = m_box.width(index);
    // The same expression as ParameterBox::fromUnit, so neighbouring sub-boxes share their
    // common face exactly and together cover the box.
    const double pa = lo + a[s] * w;
    const double pb = b[s] >= 1.0 ? m_box.upper[index] : lo + b[s] * w;
    centre = 0.5 * (pa + pb);
    half = 0.5 * (pb - pa);
    rounding = kAffineSlack * (std::abs(pa) + std::abs(pb));
}

void FrfEnclosure::storeyImpedance(std::size_t storey, const double* a, const double* b,
                                   ComplexAffine& z) const
{
    const std::size_t n = m_model.storeys;
    double kc, kh, kr, cc, ch, cr;
    int ks, cs;
    parameter(n + storey, a, b, kc, kh, kr, ks);
    parameter(2 * n + storey, a, b, cc, ch, cr, cs);
    const std::complex<double> kFactor(1.0, m_omega * m_model.rayleighBeta);
    const std::complex<double> cFactor(0.0, m_omega);
    affineConstant(z, m_dims.size(), kc * kFactor + cc * cFactor);
    if (ks >= 0)
        z.terms[static_cast<std::size_t>(ks)] = kh * kFactor;
    if (cs >= 0)
        z.terms[static_cast<std::size_t>(cs)] = ch * cFactor;
    const double rounding = 4.0 * kAffineSlack *
                            (std::abs(kc * kFactor) + std::abs(cc * cFactor) +
                             std::abs(kh * kFactor) + std::abs(ch * cFactor)) +
                            1e-290;
    z.radiusRe = (kr + rounding) * kUp;
    z.radiusIm = (kr * std::abs(kFactor.imag()) + cr * m_omega + rounding) * kUp;
}

void FrfEnclosure::floorMass(std::size_t floor, const double* a, const double* b,
                             ComplexAffine& mu) const
{
    double mc, mh, mr;
    int ms;
    parameter(floor, a, b, mc, mh, mr, ms);
    const std::complex<double> factor(-m_omega * m_omega, m_omega * m_model.rayleighAlpha);
    affineConstant(mu, m_dims.size(), mc * factor);
    if (ms >= 0)
        mu.terms[static_cast<std::size_t>(ms)] = mh * factor;
    const double rounding =
        4.0 * kAffineSlack * (std::abs(mc * factor) + std::abs(mh * factor)) + 1e-290;
    mu.radiusRe = (mr * std::abs(factor.real()) + rounding) * kUp;
    mu.radiusIm = (mr * std::abs(factor.imag()) + rounding) * kUp;
}

void FrfEnclosure::series(const ComplexAffine& z, const ComplexAffine& s, ComplexAffine& out)
{
    // z s / (z + s): singular only where the sub-chain itself resonates.
    affineAdd(z, s, m_t1);
    affineReciprocal(m_t1, m_t2);
    affineMul(z, s, m_t3);
    affineMul(m_t3, m_t2, out);
}

void FrfEnclosure::enclose(const double* a, const double* b, ComplexAffine& inverse)
{
    const std::size_t n = m_model.storeys;
    // Below the lower floor: L_{low-1}, then its series with z_low.
    storeyImpedance(0, a, b, m_z);
    if (m_low == 0) {
        m_acc = m_z;
    } else {
        floorMass(0, a, b, m_mu);
        affineAdd(m_mu, m_z, m_ladder);
        for (std::size_t i = 1; i < m_low; ++i) {
            storeyImpedance(i, a, b, m_z);
            series(m_z, m_ladder, m_acc);
            floorMass(i, a, b, m_mu);
            affineAdd(m_mu, m_acc, m_ladder);
        }
        storeyImpedance(m_low, a, b, m_z);
        series(m_z, m_ladder, m_acc);
    }
    floorMass(m_low, a, b, m_mu);
    affineAdd(m_acc, m_mu, inverse); // G so far: μ_low + below
    if (m_low + 1 >= n)
        return;
    // Above: U_i from the top down; the factors (1 + U_i / z_i) for low < i <= high are taken as
    // they appear, the last U_{low+1} joins G in series with z_{low+1}.
    floorMass(n - 1, a, b, m_ladder);
    ComplexAffine& factors = m_upperProduct;
    affineConstant(factors, m_dims.size(), 1.0);
    for (std::size_t i = n - 1; i > m_low; --i) {
        // m_ladder = U_i here.
        storeyImpedance(i, a, b, m_z);
        if (i <= m_high) {
            affineReciprocal(m_z, m_t1);
            affineMul(m_ladder, m_t1, m_t2);
            affineAddConstant(m_t2, 1.0);
            affineMul(factors, m_t2, m_t3);
            factors = m_t3;
        }
        series(m_z, m_ladder, m_acc);
        if (i == m_low + 1) {
            affineAdd(inverse, m_acc, m_t1);
            inverse = m_t1;
        } else {
            floorMass(i - 1, a, b, m_mu);
            affineAdd(m_mu, m_acc, m_ladder);
        }
    }
    if (m_high > m_low) {
        affineMul(inverse, factors, m_t1);
        inverse = m_t1;
    }
}

void FrfEnclosure::encloseDeterminants(const double* a, const double* b,
                                       ComplexAffine& numerator, ComplexAffine& denominator)
{
    const std::size_t n = m_model.storeys;
    m_storey.resize(n + 1);
    m_floor.resize(n);
    m_minor.resize(n + 2);
    for (std::size_t i = 0; i < n; ++i) {
        storeyImpedance(i, a, b, m_storey[i]);
        floorMass(i, a, b, m_t1);
        // Diagonal entry μ_i + z_i + z_{i+1}.
        affineAdd(m_t1, m_storey[i], m_t2);
        if (i + 1 < n) {
            storeyImpedance(i + 1, a, b, m_t3);
            affineAdd(m_t2, m_t3, m_floor[i]);
        } else {
            m_floor[i] = m_t2;
        }
    }
    // Leading minors θ_0 = 1, θ_i = a_i θ_{i-1} − z_i² θ_{i-2} (storey i joins floors i-1, i).
    auto leading = [&](std::size_t upTo, ComplexAffine& out) {
        ComplexAffine& prev2 = m_minor[0];
        ComplexAffine& prev = m_minor[1];
        affineConstant(prev2, m_dims.size(), 1.0);
        if (upTo == 0) {
            out = prev2;
            return;
        }
        prev = m_floor[0];
        for (std::size_t i = 1; i < upTo; ++i) {
            affineMul(m_floor[i], prev, m_t1);
            affineMul(m_storey[i], m_storey[i], m_t2);
            affineMul(m_t2, prev2, m_t3);
            affineSub(m_t1, m_t3, m_t2);
            prev2 = prev;
            prev = m_t2;
        }
        out = prev;
    };
    // Trailing minors φ_{n} = 1 (empty), φ_i = a_i φ_{i+1} − z_{i+1}² φ_{i+2}, 0-based from i.
    auto trailing = [&](std::size_t from, ComplexAffine& out) {
        ComplexAffine& next2 = m_minor[0];
        ComplexAffine& next = m_minor[1];
        affineConstant(next2, m_dims.size(), 1.0);
        if (from >= n) {
            out = next2;
            return;
        }
        next = m_floor[n - 1];
        for (std::size_t i = n - 1; i-- > from;) {
            affineMul(m_floor[i], next, m_t1);
            affineMul(m_storey[i + 1], m_storey[i + 1], m_t2);
            affineMul(m_t2, next2, m_t3);
            affineSub(m_t1, m_t3, m_t2);
            next2 = next;
            next = m_t2;
        }
        out = next;
    };
    leading(n, denominator);
    leading(m_low, m_acc);
    trailing(m_high + 1, m_ladder);
    affineMul(m_acc, m_ladder, numerator);
    for (std::size_t k = m_low + 1; k <= m_high; ++k) {
        affineMul(numerator, m_storey[k], m_t1);
        numerator = m_t1;
    }
}

ModulusRange FrfEnclosure::magnitude(const double* a, const double* b, ComplexAffine& inverse,
                                     dynamics::FrfQuantity quantity)
{
    enclose(a, b, inverse);
    const ModulusRange g = affineModulusRange(inverse);
    const double scale = std::abs(dynamics::fromReceptance(1.0, m_omega, quantity));
    ModulusRange h;
    h.min = g.max > 0.0 && std::isfinite(g.max) ? kDown * kDown * scale / g.max : 0.0;
    h.max = g.min > 0.0 ? kUp * kUp * scale / g.min : std::numeric_limits<double>::infinity();
    if (std::isfinite(h.max) && h.min > 0.0)
        return h;
    ComplexAffine numerator, denominator;
    encloseDeterminants(a, b, numerator, denominator);
    const ModulusRange num = affineModulusRange(numerator);
    const ModulusRange den = affineModulusRange(denominator);
    if (den.min > 0.0)
        h.max = std::min(h.max, kUp * kUp * kUp * scale * num.max / den.min);
    if (std::isfinite(den.max) && den.max > 0.0)
        h.min = std::max(h.min, kDown * kDown * kDown * scale * num.min / den.max);
    return h;
}

namespace {

// |Re| + |Im|: a cheap size for ranking (no squares to overflow, no hypot).
constexpr double kUnit = std::numeric_limits<double>::epsilon() / 2.0;

inline double l1(std::complex<double> x) { return std::abs(x.real()) + std::abs(x.imag()); }

// One branch-and-bound problem: the upper or the lower bound of |H_d| at one frequency.
struct Problem {
    std::size_t floor;
    bool upper;
    double best;  // attained value (inner), improved as boxes are evaluated
    double scale; // |H| in the FRF quantity per unit receptance
    double cap;   // passivity cap on the upper bound
};

struct ProblemOutcome {
    double outer = 0.0;
    std::size_t boxes = 0;       // boxes in the tree
    std::size_t evaluations = 0; // bounds computed, trial splits included
    std::size_t searches = 0;    // local searches run from inside the tree
    bool converged = false;
};

// The branch and bound's attained value (its incumbent) raised by local searches: from every
// point that has just raised it (a corner or box centre beating the best so far lies on a slope
// the optimised inner bound did not climb), at most kMaxSearches per problem, and once from the
// most promising box before the bound is reported. Every optimum is a structure in the box, so
// the incumbent stays an attained value, and the sooner it reaches the extreme, the sooner boxes
// are dropped.
class Incumbent {
public:
    // Searches per problem started from improving points. Measured on the default case at the
    // 0.1 % gap: the first one or two find the extreme wherever a corner improves at all.
    static constexpr std::size_t kMaxSearches = 4;
    // Searches from the most promising boxes left when the bound is reported (the extreme lies
    // in one of them unless the attained value already is it): from the best few corners of each.
    static constexpr std::size_t kFinalBoxes = 4;
    static constexpr std::size_t kCornerStarts = 4;

    Incumbent(ExtremeSearch& search, std::size_t p) : m_search(search), m_start(p) {}

    void begin(double omega, Problem& problem, ProblemOutcome& outcome)
    {
        m_search.setProblem(omega, problem.floor, problem.upper);
        m_problem = &problem;
        m_outcome = &outcome;
        m_pending = false;
        m_started = 0;
    }
    // Offers an attained value at the point `point(t)` writes into t (unit coordinates): if it
    // raises the incumbent, the point becomes the next start.
    template <typename PointWriter>
    void offer(double value, const PointWriter& point)
    {
        if (!(std::isfinite(value) && value > 0.0) || !improves(value))
            return;
        m_problem->best = value;
        if (m_started < kMaxSearches) {
            point(m_start.data());
            m_pending = true;
        }
    }
    // Runs the search from the last improving point, if any.
    void searchPending()
    {
        if (!m_pending)
            return;
        m_pending = false;
        ++m_started;
        searchFrom(m_start);
    }
    // Whether a box bounded by `bound` may hold a value beyond the incumbent by more than the
    // local search resolves (1e-9 relative).
    bool roomAbove(double bound) const
    {
        return m_problem->upper ? bound > m_problem->best * (1.0 + kRaiseThreshold)
                                : bound < m_problem->best * (1.0 - kRaiseThreshold);
    }
    // |H| (quantity applied) at t.
    double valueAt(const std::vector<double>& t)
    {
        return m_search.magnitudeAt(t.data()) * m_problem->scale;
    }
    void searchFrom(const std::vector<double>& t)
    {
        ++m_outcome->searches;
        const BoxOptimum optimum = m_search.search(t);
        const double value = m_search.magnitude(optimum.value) * m_problem->scale;
        if (std::isfinite(value) && value > 0.0 && improves(value))
            m_problem->best = value;
    }

private:
    bool improves(double value) const
    {
        return m_problem->upper ? value > m_problem->best : value < m_problem->best;
    }

    ExtremeSearch& m_search;
    std::vector<double> m_start;
    Problem* m_problem = nullptr;
    ProblemOutcome* m_outcome = nullptr;
    bool m_pending = false;
    std::size_t m_started = 0;
};

// Best-first branch and bound on corner values (multilinear_ratio_bound.h), for p small enough
// that the 2^p corners of a box can be listed. The chain is evaluated only at the corners of the
// whole box; the corners of every sub-box follow from them by exact interpolation (splitInto).
// The box with the loosest bound is split in the middle of one dimension, chosen among the few
// in which the bounded ratio bends most by trying each; boxes that cannot beat the best attained
// value are dropped, and every corner is an attained value.
class CornerBranchAndBound {
public:
    CornerBranchAndBound(const ParameterBox& box, const VerifiedFrfOptions& options)
        : m_p(box.uncertainIndices().size()), m_corners(std::size_t{1} << m_p), m_options(options)
    {
        m_all.resize(m_corners);
        for (std::size_t v = 0; v < m_corners; ++v)
            m_all[v] = static_cast<std::uint32_t>(v);
        // Per dimension: the corners with that bit clear (the mid-plane of a split).
        m_half.resize(m_p);
        for (std::size_t s = 0; s < m_p; ++s)
            for (std::size_t v = 0; v < m_corners; ++v)
                if (!((v >> s) & 1u))
                    m_half[s].push_back(static_cast<std::uint32_t>(v));
        m_lo.resize(m_p);
        m_hi.resize(m_p);
        m_g.resize(m_corners);
        m_cofactor.resize(m_corners);
        m_denModulus.resize(m_corners);
        m_numModulus.resize(m_corners);
        m_high.resize(m_corners);
        m_centre.resize(m_p);
        m_order.resize(m_corners);
    }

    static bool applicable(const ParameterBox& box)
    {
        return box.uncertainIndices().size() <= kMaxCornerDimensions;
    }

    // Root corners of every floor at this frequency.
    void prepare(ChainMinors& minors)
    {
        const std::size_t n = minors.storeys();
        m_rootDet.resize(m_corners);
        m_rootCof.resize(n * ChainMinors::kFactors * m_corners);
        std::fill(m_lo.begin(), m_lo.end(), 0.0);
        for (std::size_t s = 0; s < m_p; ++s)
            minors.interval(s, 0.0, 1.0, m_lo[s], m_hi[s]);
        minors.cornersAllFloors(m_lo.data(), m_hi.data(), m_all.data(), m_corners,
                                m_rootDet.data(), m_rootCof.data());
    }

    // Cancellation is checked inside the search, not only between frequencies: one problem can
    // take seconds with a large box budget.
    ProblemOutcome solve(Problem& problem, double omega, Incumbent& incumbent,
                         const Progress& progress)
    {
        const std::size_t p = m_p;
        const std::size_t stride = kBlocks * m_corners; // Δ, then the factors of N_d
        m_pool.clear();
        m_geometry.clear();
        m_free.clear();
        ProblemOutcome outcome;
        incumbent.begin(omega, problem, outcome);
        std::priority_queue<Node> queue;
        const double sign = problem.upper ? 1.0 : -1.0;

        auto allocate = [&]() {
            std::size_t slot;
            if (!m_free.empty()) {
                slot = m_free.back();
                m_free.pop_back();
            } else {
                slot = m_pool.size() / stride;
                m_pool.resize(m_pool.size() + stride);
                m_geometry.resize(m_geometry.size() + 2 * p);
            }
            return slot;
        };
        auto det = [&](std::size_t slot) { return m_pool.data() + slot * stride; };
        // Factor f of N_d at the box's corners.
        auto cof = [&](std::size_t slot, std::size_t f = 0) {
            return m_pool.data() + slot * stride + (1 + f) * m_corners;
        };

        // Bounds a box whose corners are in `slot` and updates the attained value. The split is
        // chosen only when the box is taken from the queue: most bounded boxes (trial halves,
        // dominated or converged ones) are never split.
        using Factors = std::array<const BoundedComplex*, ChainMinors::kFactors>;
        auto factorsOf = [&](std::size_t slot) {
            Factors factors;
            for (std::size_t f = 0; f < ChainMinors::kFactors; ++f)
                factors[f] = cof(slot, f);
            return factors;
        };
        auto bound = [&](std::size_t slot) {
            ++outcome.boxes;
            ++outcome.evaluations;
            const BoundedComplex* dv = det(slot);
            const Factors factors = factorsOf(slot);
            const double h = cornerProducts(dv, factors.data(), problem.upper, true) * problem.scale;
            incumbent.offer(h, [&](double* t) { cornerPoint(slot, m_extremeCorner, t); });
            double value;
            // A failed bound (+inf, or NaN from a degenerate corner) falls back to the cap or 0.
            if (problem.upper) {
                const double r = m_ratio.upper(m_high.data(), &dv, 1, m_corners);
                value = r >= 0.0 ? std::min(r * problem.scale * kUp, problem.cap) : problem.cap;
            } else {
                const double r = m_ratio.upper(m_high.data(), factors.data(), ChainMinors::kFactors, m_corners);
                value = std::isfinite(r) && r > 0.0 ? problem.scale / r * kDown : 0.0;
            }
            return Node{sign * value, slot, value};
        };
        auto candidates = [&](std::size_t slot) {
            const BoundedComplex* dv = det(slot);
            cornerProducts(dv, factorsOf(slot).data(), problem.upper, false);
            return chooseSplit(dv, problem.upper);
        };

        const std::size_t root = allocate();
        std::fill_n(m_geometry.data() + root * 2 * p, p, 0.0);
        std::fill_n(m_geometry.data() + root * 2 * p + p, p, 1.0);
        std::copy(m_rootDet.begin(), m_rootDet.end(), det(root));
        const std::size_t block = ChainMinors::kFactors * m_corners;
        std::copy(m_rootCof.begin() + static_cast<long>(problem.floor * block),
                  m_rootCof.begin() + static_cast<long>((problem.floor + 1) * block), cof(root));
        queue.push(bound(root));
        incumbent.searchPending();

        auto dominated = [&](const Node& node) {
            return problem.upper ? node.value <= problem.best : node.value >= problem.best;
        };
        auto converged = [&](double value) {
            return problem.upper ? value <= problem.best * (1.0 + m_options.tolerance)
                                 : value >= problem.best * (1.0 - m_options.tolerance);
        };
        double outer = problem.best;
        bool finished = false;
        for (std::size_t iteration = 1; !queue.empty(); ++iteration) {
            if (iteration % kCancelCheckInterval == 0)
                progress.checkCancelled();
            const Node top = queue.top();
            if (converged(top.value) || outcome.boxes + 2 > m_options.maxBoxes || p == 0) {
                outer = top.value;
                finished = converged(top.value) || p == 0;
                break;
            }
            queue.pop();
            if (dominated(top)) {
                m_free.push_back(top.slot);
                continue;
            }
            // Try the best few candidate dimensions; keep the split whose halves bound best
            // together (the halves already bounded are kept, not recomputed).
            const Candidates split = candidates(top.slot);
            const std::size_t trials = std::max<std::size_t>(1, std::min(split.count, m_options.trialSplits));
            std::optional<std::pair<Node, Node>> kept;
            for (std::size_t t = 0; t < trials; ++t) {
                const std::size_t c0 = allocate(), c1 = allocate();
                splitInto(top.slot, split.dims[t], c0, c1);
                const Node n0 = bound(c0), n1 = bound(c1);
                outcome.boxes -= 2;
                const double v = n0.value + n1.value;
                const bool better = !kept || (problem.upper ? v < kept->first.value + kept->second.value
                                                            : v > kept->first.value + kept->second.value);
                const Node& loserLow = better && kept ? kept->first : n0;
                const Node& loserHigh = better && kept ? kept->second : n1;
                if (!better || kept) {
                    m_free.push_back(loserLow.slot);
                    m_free.push_back(loserHigh.slot);
                }
                if (better)
                    kept.emplace(n0, n1);
            }
            outcome.boxes += 2;
            m_free.push_back(top.slot);
            for (const Node& node : {kept->first, kept->second}) {
                if (!dominated(node))
                    queue.push(node);
                else
                    m_free.push_back(node.slot);
            }
            incumbent.searchPending();
        }
        if (queue.empty())
            finished = true;
        // Before the bound is reported: searches from the best corners of the most promising
        // boxes (when the root box already meets the tolerance, its corners are all there is).
        for (std::size_t k = 0; k < Incumbent::kFinalBoxes && !queue.empty(); ++k) {
            const Node top = queue.top();
            queue.pop();
            if (!incumbent.roomAbove(top.value))
                break;
            cornerProducts(det(top.slot), factorsOf(top.slot).data(), problem.upper, false);
            const std::size_t starts = std::min(Incumbent::kCornerStarts, m_corners);
            for (std::size_t v = 0; v < m_corners; ++v)
                m_order[v] = static_cast<std::uint32_t>(v);
            auto h = [&](std::uint32_t v) { return m_numModulus[v] / m_denModulus[v]; };
            std::partial_sort(m_order.begin(), m_order.begin() + static_cast<long>(starts), m_order.end(),
                              [&](std::uint32_t x, std::uint32_t y) {
                                  return problem.upper ? h(x) > h(y) : h(x) < h(y);
                              });
            for (std::size_t c = 0; c < starts && incumbent.roomAbove(top.value); ++c) {
                cornerPoint(top.slot, m_order[c], m_centre.data());
                incumbent.searchFrom(m_centre);
            }
        }
        // Every dropped box was bounded by `best`, which is itself attained.
        outcome.outer = problem.upper ? std::max(outer, problem.best) : std::min(outer, problem.best);
        outcome.converged = finished;
        return outcome;
    }

private:
    static constexpr std::size_t kMaxCornerDimensions = 12;
    static constexpr std::size_t kBlocks = 1 + ChainMinors::kFactors; // per corner: Δ, factors

    static constexpr std::size_t kCandidates = 4;
    struct Candidates {
        std::array<std::uint8_t, kCandidates> dims{};
        std::size_t count = 0;
    };
    struct Node {
        double key;
        std::size_t slot;
        double value;
        bool operator<(const Node& other) const { return key < other.key; }
    };

    // At every corner of a box: N_d (the product of the factors) and the moduli of N_d and Δ;
    // with `bounds`, also m_high: rigorous upper bounds of the exact |N_d| (for the maximum) or
    // |Δ| (for the minimum). Returns the extreme |H| (receptance) of the corners, which are
    // structures in the box, so attained values; that corner goes to m_extremeCorner.
    double cornerProducts(const BoundedComplex* dv, const BoundedComplex* const* factors,
                          bool upper, bool bounds)
    {
        // Complex products round by at most √5 u each (Brent, Percival, Zimmermann 2007); the
        // factors' own errors propagate as Σ_f e_f Π_{g≠f} (|f_g| + e_g). |Re| + |Im| >= |f|
        // stands in for the moduli in these small terms: one square root per corner and side.
        constexpr double kProductRounding = 8.0 * kUnit * ChainMinors::kFactors;
        constexpr double kSlack = 1.0 + 8.0 * kUnit;
        double extreme = upper ? 0.0 : std::numeric_limits<double>::infinity();
        for (std::size_t v = 0; v < m_corners; ++v) {
            const BoundedComplex& f0 = factors[0][v];
            std::complex<double> x(f0.re, f0.im);
            double size = std::abs(f0.re) + std::abs(f0.im);
            double propagated = f0.error;
            for (std::size_t f = 1; f < ChainMinors::kFactors; ++f) {
                const BoundedComplex& y = factors[f][v];
                x = {x.real() * y.re - x.imag() * y.im, x.real() * y.im + x.imag() * y.re};
                const double ySize = std::abs(y.re) + std::abs(y.im);
                propagated = propagated * (ySize + y.error) + y.error * size;
                size *= ySize;
            }
            m_cofactor[v] = x;
            m_denModulus[v] = modulus(dv[v].re, dv[v].im);
            m_numModulus[v] = modulus(x.real(), x.imag());
            if (bounds)
                m_high[v] = upper ? (m_numModulus[v] + kProductRounding * size + propagated) * kSlack
                                  : (m_denModulus[v] + dv[v].error) * kSlack;
            const double h = m_numModulus[v] / m_denModulus[v];
            if (upper ? h > extreme : h < extreme) {
                extreme = h;
                m_extremeCorner = v;
            }
        }
        return extreme;
    }

    // The halves of box `parent` split at the middle of dimension s. Δ and the factors are
    // multilinear, so affine along every edge: their values at the mid-plane corners are the
    // means of the two corners of the edge, exactly in real arithmetic (the mid-plane sits at the
    // exact midpoint, whether or not it is a floating-point number); the mean's rounding is
    // added to the error radius.
    void splitInto(std::size_t parent, std::size_t s, std::size_t lowChild, std::size_t highChild)
    {
        const std::size_t stride = kBlocks * m_corners;
        const std::uint32_t bit = 1u << s;
        const std::size_t p = m_p;
        const double* g = m_geometry.data() + parent * 2 * p;
        double* gl = m_geometry.data() + lowChild * 2 * p;
        double* gh = m_geometry.data() + highChild * 2 * p;
        std::copy(g, g + 2 * p, gl);
        std::copy(g, g + 2 * p, gh);
        gl[p + s] = gh[s] = 0.5 * (g[s] + g[p + s]);
        for (std::size_t k = 0; k < kBlocks; ++k) {
            const BoundedComplex* pv = m_pool.data() + parent * stride + k * m_corners;
            BoundedComplex* lv = m_pool.data() + lowChild * stride + k * m_corners;
            BoundedComplex* hv = m_pool.data() + highChild * stride + k * m_corners;
            for (std::uint32_t v : m_half[s]) {
                const BoundedComplex& x = pv[v];
                const BoundedComplex& y = pv[v | bit];
                const BoundedComplex m{0.5 * (x.re + y.re), 0.5 * (x.im + y.im),
                                       0.5 * (x.error + y.error) +
                                           kUnit * 2.0 * (std::abs(x.re) + std::abs(x.im) +
                                                          std::abs(y.re) + std::abs(y.im))};
                lv[v] = x;
                lv[v | bit] = m;
                hv[v] = m;
                hv[v | bit] = y;
            }
        }
    }

    // The dimension in which the bounded function bends most: for the ratio G (den/num of the
    // bound, so 1/H for the maximum and H for the minimum), the spread over the box of its
    // change along dimension s. A function affine in s has no spread and loses nothing in the
    // hull of its corners, so splitting there gains nothing.
    Candidates chooseSplit(const BoundedComplex* dv, bool upper)
    {
        const std::size_t p = m_p;
        for (std::size_t v = 0; v < m_corners; ++v) {
            // den/num (Δ/N_d for the maximum, N_d/Δ for the minimum), scaled by the reciprocal
            // modulus so that no square can overflow.
            const std::complex<double> d(dv[v].re, dv[v].im);
            const std::complex<double> x = upper ? d : m_cofactor[v];
            const std::complex<double> y = upper ? m_cofactor[v] : d;
            const double r = 1.0 / (upper ? m_numModulus[v] : m_denModulus[v]);
            const std::complex<double> xs(x.real() * r, x.imag() * r), ys(y.real() * r, y.imag() * r);
            m_g[v] = {xs.real() * ys.real() + xs.imag() * ys.imag(),
                      xs.imag() * ys.real() - xs.real() * ys.imag()};
        }
        std::array<double, kMaxCornerDimensions> scores{};
        for (std::size_t s = 0; s < p; ++s) {
            const std::uint32_t bit = 1u << s;
            double score = 0.0;
            const std::complex<double> first = m_g[bit] - m_g[0];
            for (std::uint32_t v : m_half[s])
                score = std::max(score, l1(m_g[v | bit] - m_g[v] - first));
            scores[s] = std::isfinite(score) ? score : std::numeric_limits<double>::max();
        }
        // The best few, best first.
        Candidates c;
        c.count = std::min(p, kCandidates);
        std::array<std::uint8_t, kMaxCornerDimensions> order;
        for (std::size_t s = 0; s < p; ++s)
            order[s] = static_cast<std::uint8_t>(s);
        std::partial_sort(order.begin(), order.begin() + static_cast<long>(c.count),
                          order.begin() + static_cast<long>(p),
                          [&](std::uint8_t x, std::uint8_t y) { return scores[x] > scores[y]; });
        std::copy(order.begin(), order.begin() + static_cast<long>(c.count), c.dims.begin());
        return c;
    }

    // Corner v of the box in `slot`, in unit coordinates.
    void cornerPoint(std::size_t slot, std::size_t v, double* t) const
    {
        const double* g = m_geometry.data() + slot * 2 * m_p;
        for (std::size_t s = 0; s < m_p; ++s)
            t[s] = (v >> s) & 1u ? g[m_p + s] : g[s];
    }

    std::size_t m_p;
    std::size_t m_corners;
    const VerifiedFrfOptions& m_options;
    std::vector<std::uint32_t> m_all;
    std::vector<std::vector<std::uint32_t>> m_half;
    std::vector<BoundedComplex> m_rootDet, m_rootCof, m_pool;
    std::vector<std::size_t> m_free;
    std::vector<double> m_lo, m_hi;
    std::vector<std::complex<double>> m_g, m_cofactor;
    std::vector<double> m_denModulus, m_numModulus, m_high;
    std::vector<double> m_geometry; // per slot: the box's unit lower corner, then upper corner
    std::vector<double> m_centre;
    std::vector<std::uint32_t> m_order;
    std::size_t m_extremeCorner = 0;
    MultilinearRatioBound m_ratio;
};

// Best-first branch and bound in affine arithmetic on the ladder form (any p): the box centres
// are the attained values, the split goes where the first-order term of 1/H is largest.
class AffineBranchAndBound {
public:
    AffineBranchAndBound(const ChainModel& model, const ParameterBox& box, std::size_t input,
                         const VerifiedFrfOptions& options)
        : m_model(model), m_box(box), m_input(input), m_p(box.uncertainIndices().size()),
          m_options(options)
    {
    }

    ProblemOutcome solve(Problem& problem, double omega, dynamics::FrfQuantity quantity,
                         Incumbent& incumbent, const Progress& progress)
    {
        const std::size_t p = m_p;
        const bool upper = problem.upper;
        ProblemOutcome outcome;
        incumbent.begin(omega, problem, outcome);
        FrfEnclosure enclosure(m_model, m_box, m_input, problem.floor, omega);
        auto less = [](const Node& x, const Node& y) { return x.key < y.key; };
        std::priority_queue<Node, std::vector<Node>, decltype(less)> queue(less);
        m_corners.clear();
        auto evaluate = [&](std::size_t offset) {
            const double* a = m_corners.data() + offset;
            const double* b = a + p;
            const ModulusRange h = enclosure.magnitude(a, b, m_inverse, quantity);
            ++outcome.boxes;
            // Candidate inner point: the box centre, found by the search's own evaluator.
            std::vector<double>& mid = m_mid;
            mid.resize(p);
            for (std::size_t i = 0; i < p; ++i)
                mid[i] = 0.5 * (a[i] + b[i]);
            incumbent.offer(incumbent.valueAt(mid),
                            [&](double* t) { std::copy(mid.begin(), mid.end(), t); });
            // Split where the first-order term of 1/H, weighted by the square root of the side
            // (so long-neglected sides get their turn), is largest; the widest side when the
            // form is invalid. Measured against plain largest-term and widest-side rules on the
            // default case: fewest boxes at equal gap.
            std::size_t split = 0;
            double score = -1.0;
            for (std::size_t i = 0; i < p; ++i) {
                const double s = m_inverse.valid && i < m_inverse.size
                                     ? std::abs(m_inverse.terms[i]) * std::sqrt(b[i] - a[i])
                                     : b[i] - a[i];
                if (s > score) {
                    score = s;
                    split = i;
                }
            }
            const double bound = upper ? std::min(h.max, problem.cap) : h.min;
            return Node{upper ? bound : -bound, offset, split, bound};
        };
        auto dominated = [&](const Node& node) {
            return upper ? node.bound <= problem.best : node.bound >= problem.best;
        };
        auto converged = [&](double bound) {
            return upper ? bound <= problem.best * (1.0 + m_options.tolerance)
                         : bound >= problem.best * (1.0 - m_options.tolerance);
        };
        m_corners.resize(2 * p);
        std::fill(m_corners.begin(), m_corners.begin() + static_cast<long>(p), 0.0);
        std::fill(m_corners.begin() + static_cast<long>(p), m_corners.end(), 1.0);
        queue.push(evaluate(0));
        incumbent.searchPending();
        double outer = problem.best;
        bool finished = false;
        for (std::size_t iteration = 1; !queue.empty(); ++iteration) {
            if (iteration % kCancelCheckInterval == 0)
                progress.checkCancelled();
            const Node top = queue.top();
            if (converged(top.bound) || outcome.boxes + 2 > m_options.maxBoxes || p == 0) {
                outer = top.bound;
                finished = converged(top.bound) || p == 0;
                break;
            }
            queue.pop();
            if (dominated(top))
                continue;
            const std::size_t i = top.split;
            const double m = 0.5 * (m_corners[top.offset + i] + m_corners[top.offset + p + i]);
            for (int child = 0; child < 2; ++child) {
                const std::size_t offset = m_corners.size();
                m_corners.insert(m_corners.end(), m_corners.begin() + static_cast<long>(top.offset),
                                 m_corners.begin() + static_cast<long>(top.offset + 2 * p));
                m_corners[offset + (child == 0 ? p + i : i)] = m;
                const Node node = evaluate(offset);
                if (!dominated(node))
                    queue.push(node);
            }
            incumbent.searchPending();
        }
        if (queue.empty())
            finished = true;
        // Before the bound is reported: searches from the centres of the most promising boxes.
        for (std::size_t k = 0; k < Incumbent::kFinalBoxes && !queue.empty(); ++k) {
            const Node top = queue.top();
            queue.pop();
            if (!incumbent.roomAbove(top.bound))
                break;
            const double* a = m_corners.data() + top.offset;
            m_mid.resize(p);
            for (std::size_t i = 0; i < p; ++i)
                m_mid[i] = 0.5 * (a[i] + a[p + i]);
            incumbent.searchFrom(m_mid);
        }
        // Every dropped box was bounded by the attained value at the time, which is no larger.
        outcome.outer = upper ? std::max(outer, problem.best) : std::min(outer, problem.best);
        outcome.converged = finished;
        outcome.evaluations = outcome.boxes;
        return outcome;
    }

private:
    struct Node {
        double key;
        std::size_t offset; // into m_corners: a[0..p-1], b[0..p-1]
        std::size_t split;
        double bound;
    };

    const ChainModel& m_model;
    const ParameterBox& m_box;
    std::size_t m_input;
    std::size_t m_p;
    const VerifiedFrfOptions& m_options;
    std::vector<double> m_corners, m_mid;
    ComplexAffine m_inverse;
};

// One worker's state: the searches of one method and the incumbent's local search.
struct FrequencySolver {
    FrequencySolver(const ChainModel& model, const ParameterBox& box, std::size_t input,
                    const VerifiedFrfOptions& options)
        : search(model, box, input), incumbent(search, box.uncertainIndices().size()),
          affine(model, box, input, options)
    {
        if (CornerBranchAndBound::applicable(box) && options.method == VerifiedMethod::Corners)
            corners.emplace(box, options);
    }

    ExtremeSearch search;
    Incumbent incumbent;
    std::optional<CornerBranchAndBound> corners;
    AffineBranchAndBound affine;
    VerifiedStatistics statistics; // of the problems this solver ran
};

} // namespace

VerifiedFrfBounds verifiedFrfBounds(const ChainModel& model, const ParameterBox& box,
                                    std::size_t input, const std::vector<double>& omegas,
                                    dynamics::FrfQuantity quantity,
                                    const std::vector<FloorBounds>& inner,
                                    const VerifiedFrfOptions& options, Progress& progress,
                                    double progressFrom, double progressTo)
{
    const std::size_t n = model.storeys;
    const std::size_t count = omegas.size();
    VerifiedFrfBounds result;
    result.inner = inner;
    result.outer.resize(n);
    for (auto& o : result.outer) {
        o.lower.resize(count);
        o.upper.resize(count);
    }
    // Every frequency is solved on its own (its inner values in, its bounds out), so the result
    // does not depend on the number of threads or on which one takes which frequency.
    auto solveFrequency = [&](FrequencySolver& solver, std::size_t w) {
        const double omega = omegas[w];
        const double scale = std::abs(dynamics::fromReceptance(1.0, omega, quantity));
        const double cap = passivityBound(model, box, omega) * scale * kUp;
        std::optional<ChainMinors> minors;
        if (solver.corners) {
            minors.emplace(model, box, input, omega);
            solver.corners->prepare(*minors);
        }
        VerifiedStatistics& statistics = solver.statistics;
        for (std::size_t d = 0; d < n; ++d)
            for (int side = 0; side < 2; ++side) {
                const bool upper = side == 0;
                double& best = upper ? result.inner[d].upper[w] : result.inner[d].lower[w];
                Problem problem{d, upper, best, scale, cap};
                const ProblemOutcome outcome =
                    solver.corners
                        ? solver.corners->solve(problem, omega, solver.incumbent, progress)
                        : solver.affine.solve(problem, omega, quantity, solver.incumbent, progress);
                ++statistics.problems;
                statistics.boxes += outcome.boxes;
                statistics.evaluations += outcome.evaluations;
                statistics.searches += outcome.searches;
                if (!outcome.converged)
                    ++statistics.unconverged;
                (upper ? result.outer[d].upper : result.outer[d].lower)[w] = outcome.outer;
                best = problem.best;
            }
    };

    // One solver per worker, handed out per frequency.
    const unsigned threads = static_cast<unsigned>(
        std::min<std::size_t>(design::effectiveThreads(options.threads), std::max<std::size_t>(count, 1)));
    std::vector<std::unique_ptr<FrequencySolver>> solvers;
    for (unsigned t = 0; t < threads; ++t)
        solvers.push_back(std::make_unique<FrequencySolver>(model, box, input, options));
    if (threads <= 1) {
        for (std::size_t w = 0; w < count; ++w) {
            progress.report(progressFrom + (progressTo - progressFrom) * static_cast<double>(w) /
                                               static_cast<double>(count));
            solveFrequency(*solvers.front(), w);
        }
    } else {
        std::mutex mutex;
        std::vector<FrequencySolver*> idle;
        for (auto& s : solvers)
            idle.push_back(s.get());
        design::runParallel(
            count, threads,
            [&](std::size_t w, design::ParallelControl& control) {
                FrequencySolver* solver = nullptr;
                {
                    const std::lock_guard<std::mutex> lock(mutex);
                    solver = idle.back();
                    idle.pop_back();
                }
                struct Release {
                    std::mutex& mutex;
                    std::vector<FrequencySolver*>& idle;
                    FrequencySolver* solver;
                    ~Release()
                    {
                        const std::lock_guard<std::mutex> lock(mutex);
                        idle.push_back(solver);
                    }
                } release{mutex, idle, solver};
                if (!control.stop.load())
                    solveFrequency(*solver, w);
                control.unitsDone.fetch_add(1);
            },
            progress, progressFrom, progressTo, count, "verified");
    }
    VerifiedStatistics& statistics = result.statistics;
    statistics.tolerance = options.tolerance;
    for (const auto& s : solvers) {
        statistics.boxes += s->statistics.boxes;
        statistics.evaluations += s->statistics.evaluations;
        statistics.problems += s->statistics.problems;
        statistics.unconverged += s->statistics.unconverged;
        statistics.searches += s->statistics.searches;
    }
    // The (frequency, floor) points whose attained values the search raised.
    for (std::size_t d = 0; d < n; ++d)
        for (std::size_t w = 0; w < count; ++w) {
            const double up = result.inner[d].upper[w] / inner[d].upper[w] - 1.0;
            const double down = 1.0 - result.inner[d].lower[w] / inner[d].lower[w];
            const double raise = std::max(up, down);
            if (raise > kRaiseThreshold)
                ++statistics.raised;
            if (std::isfinite(raise))
                statistics.largestRaise = std::max(statistics.largestRaise, raise);
        }
    return result;
}

} // namespace dtop::uq
