// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/lscf.h"
#include "identification/eigen_index.h"

#include "identification/modal_indicators.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace dtop::identification {

const char* poleStabilityName(PoleStability s)
{
    switch (s) {
    case PoleStability::New:
        return "new";
    case PoleStability::Frequency:
        return "frequency";
    case PoleStability::FrequencyDamping:
        return "damping";
    case PoleStability::FrequencyVector:
        return "vector";
    case PoleStability::Stable:
        return "stable";
    }
    return "new";
}

const char* poleStabilitySymbol(PoleStability s)
{
    switch (s) {
    case PoleStability::New:
        return "o";
    case PoleStability::Frequency:
        return "f";
    case PoleStability::FrequencyDamping:
        return "d";
    case PoleStability::FrequencyVector:
        return "v";
    case PoleStability::Stable:
        return "s";
    }
    return "o";
}

InputIssues LscfOptions::validate() const
{
    InputIssues issues;
    if (minOrder < 2 || minOrder > kMaxLscfOrder)
        issues.push_back({"min_order", "lowest model order must be between 2 and " +
                                           std::to_string(kMaxLscfOrder) + ", got " +
                                           std::to_string(minOrder)});
    if (maxOrder < 2 || maxOrder > kMaxLscfOrder)
        issues.push_back({"max_order", "highest model order must be between 2 and " +
                                           std::to_string(kMaxLscfOrder) + ", got " +
                                           std::to_string(maxOrder)});
    if (maxOrder < minOrder)
        issues.push_back({"max_order", "highest model order (" + std::to_string(maxOrder) +
                                           ") must not be below the lowest (" +
                                           std::to_string(minOrder) + ")"});
    if (orderStep < 1 || orderStep > kMaxLscfOrder)
        issues.push_back({"order_step", "model order step must be between 1 and " +
                                            std::to_string(kMaxLscfOrder) + ", got " +
                                            std::to_string(orderStep)});
    auto fraction = [&](const char* field, const char* what, double v) {
        if (!std::isfinite(v) || v <= 0.0 || v >= 1.0)
            issues.push_back({field, std::string(what) + " must be > 0 and < 1, got " +
                                         formatValue(v)});
    };
    fraction("frequency_tolerance", "frequency stability tolerance (relative)",
             frequencyTolerance);
    fraction("damping_tolerance", "damping stability tolerance (relative)", dampingTolerance);
    fraction("mac_tolerance", "shape stability tolerance (1 - MAC)", macTolerance);
    fraction("max_damping_ratio", "largest physical damping ratio", maxDampingRatio);
    return issues;
}

std::vector<int> LscfOptions::orders() const
{
    std::vector<int> o;
    if (orderStep < 1)
        return o;
    for (int p = minOrder; p <= maxOrder; p += orderStep)
        o.push_back(p);
    return o;
}

namespace {

// Real Toeplitz block: m(i, j) = sign · Re g(j − i), g indexed by lag + offset.
Eigen::MatrixXd toeplitzReal(const std::vector<std::complex<double>>& g, int offset, int n,
                             double sign)
{
    Eigen::MatrixXd m(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            m(i, j) = sign * g[std::size_t(j - i + offset)].real();
    return m;
}

// Roots of the monic polynomial z^p + a_{p−1} z^{p−1} + … + a_0 (companion matrix).
Eigen::VectorXcd polynomialRoots(const Eigen::VectorXd& monic)
{
    const Eigen::Index p = monic.size() - 1;
    Eigen::MatrixXd c = Eigen::MatrixXd::Zero(p, p);
    for (Eigen::Index i = 0; i + 1 < p; ++i)
        c(i, i + 1) = 1.0;
    for (Eigen::Index j = 0; j < p; ++j)
        c(p - 1, j) = -monic(j) / monic(p);
    Eigen::EigenSolver<Eigen::MatrixXd> es(c, false);
    return es.eigenvalues();
}

std::complex<double> polyval(const Eigen::VectorXd& coeffs, std::complex<double> z)
{
    std::complex<double> v = 0.0;
    for (Eigen::Index r = coeffs.size() - 1; r >= 0; --r)
        v = v * z + coeffs(r);
    return v;
}

} // namespace

StabilisationDiagram lscfStabilisation(const MeasuredFrf& frf, const LscfOptions& options,
                                       Progress& progress)
{
    throwIfInvalid(options.validate(), "LSCF options");
    throwIfInvalid(frf.validate(), "FRF");
    StabilisationDiagram d;
    d.orders = options.orders();
    if (d.orders.empty())
        throw std::invalid_argument("LSCF: no model order to estimate");
    const int pmax = d.orders.back();
    const std::size_t nf = frf.lines();
    const std::size_t no = frf.responses();
    if (nf < std::size_t(pmax) + 2)
        throw std::invalid_argument("LSCF: the band holds " + std::to_string(nf) +
                                    " frequency lines; model order " + std::to_string(pmax) +
                                    " needs at least " + std::to_string(pmax + 2));
    d.bandLoHz = frf.frequencyHz.front();
    d.bandHiHz = frf.frequencyHz.back();
    const double ts = 1.0 / (2.0 * d.bandHiHz);
    d.samplingTimeS = ts;

    // Per-response weights: every response counts equally whatever its level.
    std::vector<double> weight(no);
    for (std::size_t o = 0; o < no; ++o) {
        const double ms = frf.h.col(ix(o)).squaredNorm() / double(nf);
        weight[o] = ms > 0.0 ? 1.0 / std::sqrt(ms) : 0.0;
    }
    d.frequencyHz = frf.frequencyHz;
    d.indicator.assign(nf, 0.0);
    for (std::size_t k = 0; k < nf; ++k)
        for (std::size_t o = 0; o < no; ++o)
            d.indicator[k] += std::abs(frf.h(ix(k), ix(o))) * weight[o];

    // Lag sums g(l) = Σ_f v_f exp(−j l ω_f Δt), l = −pmax..pmax, for v = 1, H_o, |H_o|². The
    // normal-equation blocks of every order are their leading Toeplitz sub-matrices, so one
    // pass over the data serves the whole diagram.
    const int lags = 2 * pmax + 1;
    std::vector<std::complex<double>> g0(std::size_t(lags), 0.0);
    std::vector<std::vector<std::complex<double>>> gh(no, g0), ga(no, g0);
    std::vector<std::complex<double>> powers(std::size_t(pmax) + 1);
    for (std::size_t k = 0; k < nf; ++k) {
        const double w = 2.0 * std::numbers::pi * frf.frequencyHz[k];
        const std::complex<double> z1 = std::polar(1.0, -w * ts);
        powers[0] = 1.0;
        for (int l = 1; l <= pmax; ++l)
            powers[std::size_t(l)] = powers[std::size_t(l - 1)] * z1;
        for (int l = -pmax; l <= pmax; ++l) {
            const std::complex<double> e =
                l >= 0 ? powers[std::size_t(l)] : std::conj(powers[std::size_t(-l)]);
            g0[std::size_t(l + pmax)] += e;
            for (std::size_t o = 0; o < no; ++o) {
                const std::complex<double> hv = frf.h(ix(k), ix(o));
                gh[o][std::size_t(l + pmax)] += hv * e;
                ga[o][std::size_t(l + pmax)] += std::norm(hv) * e;
            }
        }
        if ((k & 1023) == 1023)
            progress.report(0.2 * double(k) / double(nf), "LSCF normal equations");
    }

    std::vector<DiagramPole> previous;
    for (std::size_t oi = 0; oi < d.orders.size(); ++oi) {
        const int p = d.orders[oi];
        progress.report(0.2 + 0.8 * double(oi) / double(d.orders.size()),
                        "LSCF order " + std::to_string(p));
        const int n = p + 1;
        const Eigen::MatrixXd r = toeplitzReal(g0, pmax, n, 1.0);
        const Eigen::LDLT<Eigen::MatrixXd> rf(r);
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
        std::vector<Eigen::MatrixXd> rinvS(no);
        for (std::size_t o = 0; o < no; ++o) {
            const Eigen::MatrixXd s = toeplitzReal(gh[o], pmax, n, -1.0);
            const Eigen::MatrixXd t = toeplitzReal(ga[o], pmax, n, 1.0);
            rinvS[o] = rf.solve(s);
            m += weight[o] * weight[o] * (t - s.transpose() * rinvS[o]);
        }
        // Denominator with the highest coefficient fixed to 1 (PolyMAX's choice, which leaves
        // physical poles stable and mathematical ones mostly unstable).
        Eigen::VectorXd alpha(n);
        alpha(p) = 1.0;
        alpha.head(p) = -m.topLeftCorner(p, p).colPivHouseholderQr().solve(m.col(p).head(p));
        if (!alpha.allFinite())
            continue;
        const Eigen::VectorXcd roots = polynomialRoots(alpha);
        std::vector<Eigen::VectorXd> beta(no);
        for (std::size_t o = 0; o < no; ++o)
            beta[o] = -rinvS[o] * alpha;
        std::vector<DiagramPole> current;
        for (Eigen::Index i = 0; i < roots.size(); ++i) {
            const std::complex<double> z = roots(i);
            if (!(std::abs(z) > 0.0))
                continue;
            const std::complex<double> lambda = -std::log(z) / ts;
            if (!(lambda.imag() > 0.0) || !(lambda.real() < 0.0))
                continue;
            DiagramPole dp;
            dp.order = p;
            dp.pole.lambda = lambda;
            const double f = dp.frequencyHz();
            const double zeta = dp.dampingRatio();
            if (f < d.bandLoHz || f > d.bandHiHz || zeta > options.maxDampingRatio)
                continue;
            dp.shape.resize(ix(no));
            for (std::size_t o = 0; o < no; ++o)
                dp.shape(ix(o)) = polyval(beta[o], z);
            const double nrm = dp.shape.norm();
            if (nrm > 0.0)
                dp.shape /= nrm;
            // Stability against the nearest pole of the previous order.
            const DiagramPole* best = nullptr;
            double bestDf = 0.0;
            for (const auto& q : previous) {
                const double df = std::abs(q.frequencyHz() - f) / f;
                if (!best || df < bestDf) {
                    best = &q;
                    bestDf = df;
                }
            }
            if (best && bestDf <= options.frequencyTolerance) {
                const bool dampingOk =
                    std::abs(best->dampingRatio() - zeta) <= options.dampingTolerance * zeta;
                const bool vectorOk =
                    1.0 - modalAssurance(best->shape, dp.shape) <= options.macTolerance;
                dp.stability = dampingOk && vectorOk ? PoleStability::Stable
                               : dampingOk           ? PoleStability::FrequencyDamping
                               : vectorOk            ? PoleStability::FrequencyVector
                                                     : PoleStability::Frequency;
            }
            current.push_back(std::move(dp));
        }
        std::sort(current.begin(), current.end(), [](const DiagramPole& a, const DiagramPole& b) {
            return a.frequencyHz() < b.frequencyHz();
        });
        d.poles.insert(d.poles.end(), current.begin(), current.end());
        previous = std::move(current);
    }
    progress.report(1.0, "LSCF done");
    return d;
}

std::vector<PickedPole> pickStablePoles(const StabilisationDiagram& diagram,
                                        const LscfOptions& options, std::size_t maxModes)
{
    std::vector<std::size_t> stable;
    for (std::size_t i = 0; i < diagram.poles.size(); ++i)
        // Damping is the last quantity to settle for lightly damped modes (and the global
        // refinement re-estimates it), so frequency-and-shape stability suffices here.
        if (diagram.poles[i].stability == PoleStability::Stable ||
            diagram.poles[i].stability == PoleStability::FrequencyVector)
            stable.push_back(i);
    std::sort(stable.begin(), stable.end(), [&](std::size_t a, std::size_t b) {
        return diagram.poles[a].frequencyHz() < diagram.poles[b].frequencyHz();
    });
    const std::size_t minOrders =
        options.minStableOrders > 0
            ? options.minStableOrders
            : std::max<std::size_t>(3, (diagram.orders.size() + 3) / 4);

    // Clusters: runs of stable poles whose neighbours are closer than the frequency tolerance.
    std::vector<std::vector<std::size_t>> clusters;
    for (std::size_t idx : stable) {
        const double f = diagram.poles[idx].frequencyHz();
        if (!clusters.empty()) {
            const double fl = diagram.poles[clusters.back().back()].frequencyHz();
            if (f - fl <= options.frequencyTolerance * f) {
                clusters.back().push_back(idx);
                continue;
            }
        }
        clusters.push_back({idx});
    }
    std::vector<PickedPole> picked;
    for (const auto& c : clusters) {
        std::vector<int> orders;
        std::vector<double> fs, zs;
        for (std::size_t idx : c) {
            orders.push_back(diagram.poles[idx].order);
            fs.push_back(diagram.poles[idx].frequencyHz());
            zs.push_back(diagram.poles[idx].dampingRatio());
        }
        std::sort(orders.begin(), orders.end());
        const std::size_t distinct =
            std::size_t(std::unique(orders.begin(), orders.end()) - orders.begin());
        if (distinct < minOrders)
            continue;
        auto median = [](std::vector<double> v) {
            std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
            return v[v.size() / 2];
        };
        const double fm = median(fs);
        const double zm = median(zs);
        std::size_t best = c.front();
        double bestScore = 0.0;
        for (std::size_t idx : c) {
            const auto& q = diagram.poles[idx];
            const double score =
                std::abs(q.frequencyHz() - fm) / (fm * options.frequencyTolerance) +
                std::abs(q.dampingRatio() - zm) / (zm * options.dampingTolerance);
            if (idx == c.front() || score < bestScore) {
                best = idx;
                bestScore = score;
            }
        }
        picked.push_back({diagram.poles[best].pole, diagram.poles[best].order, best, distinct});
    }
    if (maxModes > 0 && picked.size() > maxModes) {
        std::stable_sort(picked.begin(), picked.end(), [](const PickedPole& a, const PickedPole& b) {
            return a.stableOrders > b.stableOrders;
        });
        picked.resize(maxModes);
    }
    std::sort(picked.begin(), picked.end(), [](const PickedPole& a, const PickedPole& b) {
        return a.pole.naturalFrequencyHz() < b.pole.naturalFrequencyHz();
    });
    return picked;
}

std::optional<PickedPole> pickPole(const StabilisationDiagram& diagram, int order,
                                   double frequencyHz)
{
    std::optional<PickedPole> best;
    double bestDistance = 0.0;
    for (std::size_t i = 0; i < diagram.poles.size(); ++i) {
        const auto& q = diagram.poles[i];
        if (q.order != order)
            continue;
        const double dist = std::abs(q.frequencyHz() - frequencyHz);
        if (!best || dist < bestDistance) {
            best = PickedPole{q.pole, q.order, i, 0};
            bestDistance = dist;
        }
    }
    return best;
}

} // namespace dtop::identification
