// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/verified_frf_bounds.h"

#include "uq/chain_frf.h"
#include "uq/chain_minors.h"
#include "uq/multilinear_ratio_bound.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <queue>

namespace dtop::uq {

namespace {
constexpr double kUp = 1.0 + kAffineSlack;
constexpr double kDown = 1.0 - kAffineSlack;
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
    std::size_t boxes = 0;
    bool converged = false;
};

// Best-first branch and bound on corner values (multilinear_ratio_bound.h), for p small enough
// that the 2^p corners of a box can be listed. Splitting a box in dimension s evaluates only the
// 2^(p−1) corners of the mid-plane, which the two halves share; the other corners are the
// parent's.
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
        m_mid.resize(kBlocks * m_corners / 2);
        m_g.resize(m_corners);
        m_cofactor.resize(m_corners);
        m_denModulus.resize(m_corners);
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

    ProblemOutcome solve(ChainMinors& minors, Problem& problem)
    {
        const std::size_t p = m_p;
        const std::size_t stride = kBlocks * m_corners; // Δ, then the factors of N_d
        m_pool.clear();
        m_unit.clear();
        m_free.clear();
        ProblemOutcome outcome;
        std::priority_queue<Node> queue;
        const double sign = problem.upper ? 1.0 : -1.0;

        auto allocate = [&]() {
            std::size_t slot;
            if (!m_free.empty()) {
                slot = m_free.back();
                m_free.pop_back();
            } else {
                slot = m_unit.size() / (2 * p + 1);
                m_pool.resize(m_pool.size() + stride);
                m_unit.resize(m_unit.size() + 2 * p + 1);
            }
            return slot;
        };
        auto det = [&](std::size_t slot) { return m_pool.data() + slot * stride; };
        // Factor f of N_d at the box's corners.
        auto cof = [&](std::size_t slot, std::size_t f = 0) {
            return m_pool.data() + slot * stride + (1 + f) * m_corners;
        };
        auto unitA = [&](std::size_t slot) { return m_unit.data() + slot * (2 * p + 1); };

        // Bounds a box whose corners are in `slot`, updates the attained value, picks the split.
        auto bound = [&](std::size_t slot) {
            ++outcome.boxes;
            const BoundedComplex* dv = det(slot);
            const BoundedComplex* factors[ChainMinors::kFactors];
            for (std::size_t f = 0; f < ChainMinors::kFactors; ++f)
                factors[f] = cof(slot, f);
            // N_d at the corners.
            for (std::size_t v = 0; v < m_corners; ++v) {
                std::complex<double> x(factors[0][v].re, factors[0][v].im);
                for (std::size_t f = 1; f < ChainMinors::kFactors; ++f) {
                    const BoundedComplex& y = factors[f][v];
                    x = {x.real() * y.re - x.imag() * y.im, x.real() * y.im + x.imag() * y.re};
                }
                m_cofactor[v] = x;
            }
            // The corners are structures in the box: their |H| are attained values.
            double extreme = problem.upper ? 0.0 : std::numeric_limits<double>::infinity();
            for (std::size_t v = 0; v < m_corners; ++v) {
                m_denModulus[v] = modulus(dv[v].re, dv[v].im);
                const double h = modulus(m_cofactor[v].real(), m_cofactor[v].imag()) / m_denModulus[v];
                extreme = problem.upper ? std::max(extreme, h) : std::min(extreme, h);
            }
            const double h = extreme * problem.scale;
            if (std::isfinite(h) && h > 0.0)
                problem.best = problem.upper ? std::max(problem.best, h) : std::min(problem.best, h);
            double value;
            if (problem.upper) {
                const double r = m_ratio.upper(factors, ChainMinors::kFactors, &dv, 1, m_corners);
                value = std::min(r * problem.scale * kUp, problem.cap);
            } else {
                const double r = m_ratio.upper(&dv, 1, factors, ChainMinors::kFactors, m_corners);
                value = std::isfinite(r) && r > 0.0 ? problem.scale / r * kDown : 0.0;
            }
            return Node{sign * value, slot, chooseSplit(dv, problem.upper), value};
        };

        const std::size_t root = allocate();
        std::copy(m_rootDet.begin(), m_rootDet.end(), det(root));
        const std::size_t block = ChainMinors::kFactors * m_corners;
        std::copy(m_rootCof.begin() + static_cast<long>(problem.floor * block),
                  m_rootCof.begin() + static_cast<long>((problem.floor + 1) * block), cof(root));
        std::fill(unitA(root), unitA(root) + p, 0.0);
        std::fill(unitA(root) + p, unitA(root) + 2 * p, 1.0);
        queue.push(bound(root));

        auto dominated = [&](const Node& node) {
            return problem.upper ? node.value <= problem.best : node.value >= problem.best;
        };
        auto converged = [&](double value) {
            return problem.upper ? value <= problem.best * (1.0 + m_options.tolerance)
                                 : value >= problem.best * (1.0 - m_options.tolerance);
        };
        double outer = problem.best;
        bool finished = false;
        while (!queue.empty()) {
            const Node top = queue.top();
            if (converged(top.value) || outcome.boxes + 2 > m_options.maxBoxes || p == 0 ||
                top.split >= p) {
                outer = top.value;
                finished = converged(top.value) || p == 0;
                break;
            }
            queue.pop();
            if (std::getenv("VDEBUG2") && outcome.boxes % 50 < 2) {
                std::fprintf(stderr, "boxes %zu queue %zu top %.6e best %.6e split %zu widths", outcome.boxes, queue.size(), top.value, problem.best, top.split);
                for (std::size_t i = 0; i < p; ++i) std::fprintf(stderr, " [%.4f,%.4f]", unitA(top.slot)[i], unitA(top.slot)[p + i]);
                std::fprintf(stderr, "\n");
            }
            if (dominated(top)) {
                m_free.push_back(top.slot);
                continue;
            }
            const std::size_t s = top.split;
            const double* a = unitA(top.slot);
            const double* b = a + p;
            const double mid = 0.5 * (a[s] + b[s]);
            for (std::size_t i = 0; i < p; ++i)
                minors.interval(i, a[i], b[i], m_lo[i], m_hi[i]);
            double midLo, midHi;
            minors.interval(s, mid, mid, midLo, midHi);
            m_lo[s] = midLo;
            const std::size_t half = m_corners / 2;
            minors.corners(m_lo.data(), m_hi.data(), m_half[s].data(), half, problem.floor,
                           m_mid.data(), m_mid.data() + half);
            const std::size_t lowChild = allocate();
            const std::size_t highChild = allocate();
            // allocate() may have moved the pool.
            const std::uint32_t bit = 1u << s;
            for (std::size_t k = 0; k < kBlocks; ++k) {
                const BoundedComplex* pv = det(top.slot) + k * m_corners;
                BoundedComplex* lv = det(lowChild) + k * m_corners;
                BoundedComplex* hv = det(highChild) + k * m_corners;
                const BoundedComplex* mv = m_mid.data() + k * half;
                for (std::size_t j = 0; j < half; ++j) {
                    const std::uint32_t v = m_half[s][j];
                    lv[v] = pv[v];
                    lv[v | bit] = mv[j];
                    hv[v] = mv[j];
                    hv[v | bit] = pv[v | bit];
                }
            }
            double* la = unitA(lowChild);
            double* ha = unitA(highChild);
            const double* pa = unitA(top.slot);
            std::copy(pa, pa + 2 * p, la);
            std::copy(pa, pa + 2 * p, ha);
            la[p + s] = mid;
            ha[s] = mid;
            m_free.push_back(top.slot);
            for (std::size_t child : {lowChild, highChild}) {
                const Node node = bound(child);
                if (!dominated(node))
                    queue.push(node);
                else
                    m_free.push_back(child);
            }
        }
        if (queue.empty())
            finished = true;
        // Every dropped box was bounded by `best`, which is itself attained.
        outcome.outer = problem.upper ? std::max(outer, problem.best) : std::min(outer, problem.best);
        outcome.converged = finished;
        if (std::getenv("VDEBUG"))
            std::fprintf(stderr, "floor %zu %s boxes %zu best %.6e outer %.6e\n", problem.floor, problem.upper ? "max" : "min", outcome.boxes, problem.best, outcome.outer);
        return outcome;
    }

private:
    static constexpr std::size_t kMaxCornerDimensions = 12;
    static constexpr std::size_t kBlocks = 1 + ChainMinors::kFactors; // per corner: Δ, factors

    struct Node {
        double key;
        std::size_t slot;
        std::size_t split;
        double value;
        bool operator<(const Node& other) const { return key < other.key; }
    };

    // The dimension in which the bounded function bends most: for the ratio G (den/num of the
    // bound, so 1/H for the maximum and H for the minimum), the spread over the box of its
    // change along dimension s. A function affine in s has no spread and loses nothing in the
    // hull of its corners, so splitting there gains nothing.
    std::size_t chooseSplit(const BoundedComplex* dv, bool upper)
    {
        const std::size_t p = m_p;
        for (std::size_t v = 0; v < m_corners; ++v) {
            // den/num without the library's inf/nan handling (num = 0 gives inf, ignored below).
            const std::complex<double> d(dv[v].re / m_denModulus[v], dv[v].im / m_denModulus[v]);
            const double nm = modulus(m_cofactor[v].real(), m_cofactor[v].imag());
            const std::complex<double> n(m_cofactor[v].real() / nm, m_cofactor[v].imag() / nm);
            // Unit phasors times the modulus ratio: no squares that could overflow.
            const double r = upper ? m_denModulus[v] / nm : nm / m_denModulus[v];
            const std::complex<double> x = upper ? d : n;
            const std::complex<double> y = upper ? n : d;
            m_g[v] = {r * (x.real() * y.real() + x.imag() * y.imag()),
                      r * (x.imag() * y.real() - x.real() * y.imag())};
        }
        std::size_t split = p;
        double bestScore = -1.0;
        for (std::size_t s = 0; s < p; ++s) {
            const std::uint32_t bit = 1u << s;
            double score = 0.0;
            switch (std::getenv("VSPLIT") ? std::atoi(std::getenv("VSPLIT")) : m_options.splitRule) {
            case 0: // largest change
                for (std::uint32_t v : m_half[s])
                    score = std::max(score, l1(m_g[v | bit] - m_g[v]));
                break;
            default: { // largest spread of the change
                const std::complex<double> first = m_g[bit] - m_g[0];
                for (std::uint32_t v : m_half[s])
                    score = std::max(score, l1(m_g[v | bit] - m_g[v] - first));
                break;
            }
            }
            if (!std::isfinite(score))
                score = std::numeric_limits<double>::max();
            if (score > bestScore) {
                bestScore = score;
                split = s;
            }
        }
        return split;
    }

    std::size_t m_p;
    std::size_t m_corners;
    const VerifiedFrfOptions& m_options;
    std::vector<std::uint32_t> m_all;
    std::vector<std::vector<std::uint32_t>> m_half;
    std::vector<BoundedComplex> m_rootDet, m_rootCof, m_mid, m_pool;
    std::vector<double> m_unit;
    std::vector<std::size_t> m_free;
    std::vector<double> m_lo, m_hi;
    std::vector<std::complex<double>> m_g, m_cofactor;
    std::vector<double> m_denModulus;
    MultilinearRatioBound m_ratio;
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
    const std::vector<std::size_t> dims = box.uncertainIndices();
    const std::size_t p = dims.size();
    VerifiedFrfBounds result;
    result.inner = inner;
    result.outer.resize(n);
    for (auto& o : result.outer) {
        o.lower.resize(count);
        o.upper.resize(count);
    }
    result.statistics.tolerance = options.tolerance;

    struct Node {
        double key;
        std::size_t offset; // into `corners`: a[0..p-1], b[0..p-1]
        std::size_t split;
        double bound;
    };
    auto less = [](const Node& x, const Node& y) { return x.key < y.key; };
    std::vector<double> corners;
    std::vector<double> point = box.nominal;
    std::vector<double> mid(p);
    std::vector<std::complex<double>> column(n);
    ChainFrf pointFrf(model);
    ComplexAffine inverse;

    std::optional<CornerBranchAndBound> cornerSearch;
    if (CornerBranchAndBound::applicable(box) && options.method == VerifiedMethod::Corners)
        cornerSearch.emplace(box, options);

    for (std::size_t w = 0; w < count; ++w) {
        progress.report(progressFrom + (progressTo - progressFrom) * static_cast<double>(w) /
                                           static_cast<double>(count));
        const double omega = omegas[w];
        const double scale = std::abs(dynamics::fromReceptance(1.0, omega, quantity));
        const double cap = passivityBound(model, box, omega) * scale * kUp;
        if (cornerSearch) {
            ChainMinors minors(model, box, input, omega);
            cornerSearch->prepare(minors);
            for (std::size_t d = 0; d < n; ++d)
                for (int side = 0; side < 2; ++side) {
                    const bool upper = side == 0;
                    Problem problem{d, upper,
                                    upper ? result.inner[d].upper[w] : result.inner[d].lower[w],
                                    scale, cap};
                    const ProblemOutcome outcome = cornerSearch->solve(minors, problem);
                    ++result.statistics.problems;
                    result.statistics.boxes += outcome.boxes;
                    if (!outcome.converged)
                        ++result.statistics.unconverged;
                    (upper ? result.outer[d].upper : result.outer[d].lower)[w] = outcome.outer;
                    (upper ? result.inner[d].upper : result.inner[d].lower)[w] = problem.best;
                }
            continue;
        }
        for (std::size_t d = 0; d < n; ++d) {
            FrfEnclosure enclosure(model, box, input, d, omega);
            for (int side = 0; side < 2; ++side) {
                const bool upper = side == 0;
                double best = upper ? result.inner[d].upper[w] : result.inner[d].lower[w];
                ++result.statistics.problems;
                corners.clear();
                std::priority_queue<Node, std::vector<Node>, decltype(less)> queue(less);
                std::size_t boxes = 0;
                auto evaluate = [&](std::size_t offset) {
                    const double* a = corners.data() + offset;
                    const double* b = a + p;
                    const ModulusRange h = enclosure.magnitude(a, b, inverse, quantity);
                    ++boxes;
                    // Candidate inner point: the box centre.
                    for (std::size_t i = 0; i < p; ++i)
                        mid[i] = 0.5 * (a[i] + b[i]);
                    for (std::size_t i = 0; i < p; ++i)
                        point[dims[i]] = box.lower[dims[i]] + mid[i] * box.width(dims[i]);
                    pointFrf.evaluate(point.data(), omega);
                    pointFrf.column(input, column.data());
                    const double value = std::abs(column[d]) * scale;
                    best = upper ? std::max(best, value) : std::min(best, value);
                    // Split where the first-order term of 1/H, weighted by the square root of
                    // the side (so long-neglected sides get their turn), is largest; the widest
                    // side when the form is invalid. Measured against plain largest-term and
                    // widest-side rules on the default case: fewest boxes at equal gap.
                    std::size_t split = 0;
                    double score = -1.0;
                    for (std::size_t i = 0; i < p; ++i) {
                        const double s = inverse.valid && i < inverse.size
                                             ? std::abs(inverse.terms[i]) * std::sqrt(b[i] - a[i])
                                             : b[i] - a[i];
                        if (s > score) {
                            score = s;
                            split = i;
                        }
                    }
                    const double bound = upper ? std::min(h.max, cap) : h.min;
                    return Node{upper ? bound : -bound, offset, split, bound};
                };
                auto dominated = [&](const Node& node) {
                    return upper ? node.bound <= best : node.bound >= best;
                };
                auto converged = [&](double bound) {
                    return upper ? bound <= best * (1.0 + options.tolerance)
                                 : bound >= best * (1.0 - options.tolerance);
                };
                corners.resize(2 * p);
                std::fill(corners.begin(), corners.begin() + static_cast<long>(p), 0.0);
                std::fill(corners.begin() + static_cast<long>(p), corners.end(), 1.0);
                queue.push(evaluate(0));
                double outer = best;
                bool finished = false;
                while (!queue.empty()) {
                    const Node top = queue.top();
                    if (converged(top.bound) || boxes + 2 > options.maxBoxes || p == 0) {
                        outer = top.bound;
                        finished = converged(top.bound) || p == 0;
                        break;
                    }
                    queue.pop();
                    if (dominated(top))
                        continue;
                    const std::size_t i = top.split;
                    const double m = 0.5 * (corners[top.offset + i] + corners[top.offset + p + i]);
                    for (int child = 0; child < 2; ++child) {
                        const std::size_t offset = corners.size();
                        corners.insert(corners.end(), corners.begin() + static_cast<long>(top.offset),
                                       corners.begin() + static_cast<long>(top.offset + 2 * p));
                        corners[offset + (child == 0 ? p + i : i)] = m;
                        const Node node = evaluate(offset);
                        if (!dominated(node))
                            queue.push(node);
                    }
                }
                if (queue.empty())
                    finished = true;
                // Every dropped box was bounded by `best`, which is itself attained.
                outer = upper ? std::max(outer, best) : std::min(outer, best);
                if (!finished)
                    ++result.statistics.unconverged;
                result.statistics.boxes += boxes;
                (upper ? result.outer[d].upper : result.outer[d].lower)[w] = outer;
                (upper ? result.inner[d].upper : result.inner[d].lower)[w] = best;
            }
        }
    }
    return result;
}

} // namespace dtop::uq
