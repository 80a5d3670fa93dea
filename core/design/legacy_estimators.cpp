// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/legacy_estimators.h"

#include "design/response_batch.h"

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <numeric>

namespace dtop::design {

namespace {
constexpr std::uint64_t kStreamLegacy = 7ULL << 20;

// numpy.gradient along `axis` of a row-major J^n array with uniform spacing h.
void gradientAlong(std::vector<double>& a, std::size_t J, std::size_t n, std::size_t axis, double h)
{
    std::size_t stride = 1;
    for (std::size_t d = axis + 1; d < n; ++d)
        stride *= J;
    const std::size_t total = a.size();
    const std::size_t outer = total / (stride * J);
    std::vector<double> line(J), out(J);
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t s = 0; s < stride; ++s) {
            const std::size_t base = o * stride * J + s;
            for (std::size_t i = 0; i < J; ++i)
                line[i] = a[base + i * stride];
            if (J == 1) {
                out[0] = 0.0;
            } else {
                out[0] = (line[1] - line[0]) / h;
                out[J - 1] = (line[J - 1] - line[J - 2]) / h;
                for (std::size_t i = 1; i + 1 < J; ++i)
                    out[i] = (line[i + 1] - line[i - 1]) / (2.0 * h);
            }
            for (std::size_t i = 0; i < J; ++i)
                a[base + i * stride] = out[i];
        }
}

// Cumulative sum along `axis`.
void cumsumAlong(std::vector<double>& a, std::size_t J, std::size_t n, std::size_t axis)
{
    std::size_t stride = 1;
    for (std::size_t d = axis + 1; d < n; ++d)
        stride *= J;
    const std::size_t outer = a.size() / (stride * J);
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t s = 0; s < stride; ++s) {
            const std::size_t base = o * stride * J + s;
            for (std::size_t i = 1; i < J; ++i)
                a[base + i * stride] += a[base + (i - 1) * stride];
        }
}

std::vector<double> linspace(double lo, double hi, std::size_t J)
{
    // numpy.linspace: lo + i·step, the last point exactly hi.
    std::vector<double> g(J);
    const double step = (hi - lo) / static_cast<double>(J - 1);
    for (std::size_t i = 0; i < J; ++i)
        g[i] = lo + static_cast<double>(i) * step;
    g[J - 1] = hi;
    return g;
}
} // namespace

LegacyFisher legacyBinnedFisher(const Eigen::MatrixXd& z, const Eigen::MatrixXd& U, std::size_t J)
{
    const auto N = static_cast<std::size_t>(z.rows());
    const auto n = static_cast<std::size_t>(z.cols());
    const auto P = static_cast<std::size_t>(U.cols());
    std::size_t nodes = 1;
    for (std::size_t d = 0; d < n; ++d)
        nodes *= J;
    LegacyFisher L;
    for (std::size_t d = 0; d < n; ++d)
        L.grids.push_back(linspace(z.col(static_cast<Eigen::Index>(d)).minCoeff(),
                                   z.col(static_cast<Eigen::Index>(d)).maxCoeff(), J));
    // First grid node at which each sample counts (strict z < g): searchsorted(side='right').
    std::vector<std::size_t> flat;
    std::vector<std::size_t> kept;
    for (std::size_t s = 0; s < N; ++s) {
        std::size_t idx = 0;
        bool keep = true;
        for (std::size_t d = 0; d < n; ++d) {
            const auto& g = L.grids[d];
            const auto k = static_cast<std::size_t>(
                std::upper_bound(g.begin(), g.end(), z(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(d))) - g.begin());
            if (k >= J) {
                keep = false;
                break;
            }
            idx = idx * J + k;
        }
        if (keep) {
            flat.push_back(idx);
            kept.push_back(s);
        }
    }
    auto cumulative = [&](auto weight) {
        std::vector<double> H(nodes, 0.0);
        for (std::size_t k = 0; k < flat.size(); ++k)
            H[flat[k]] += weight(kept[k]);
        for (std::size_t d = 0; d < n; ++d)
            cumsumAlong(H, J, n, d);
        for (double& h : H)
            h /= static_cast<double>(N);
        return H;
    };
    L.cdf = cumulative([](std::size_t) { return 1.0; });
    for (std::size_t j = 0; j < P; ++j)
        L.cdfSensitivity.push_back(cumulative([&](std::size_t s) {
            return U(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(j));
        }));
    auto mixed = [&](std::vector<double> a) {
        for (std::size_t d = 0; d < n; ++d)
            gradientAlong(a, J, n, d, L.grids[d][1] - L.grids[d][0]);
        return a;
    };
    std::vector<double> p = mixed(L.cdf);
    for (double& v : p)
        if (std::abs(v) < 1e-10)
            v = 1e-7;
    // Trapezoid weights per node: product over axes of h (interior) or h/2 (ends).
    std::vector<double> w(nodes, 1.0);
    for (std::size_t node = 0; node < nodes; ++node) {
        std::size_t rest = node;
        for (std::size_t d = n; d-- > 0;) {
            const std::size_t i = rest % J;
            rest /= J;
            const double h = L.grids[d][1] - L.grids[d][0];
            w[node] *= (i == 0 || i == J - 1) ? 0.5 * h : h;
        }
    }
    Eigen::MatrixXd S(static_cast<Eigen::Index>(nodes), static_cast<Eigen::Index>(P));
    for (std::size_t j = 0; j < P; ++j) {
        std::vector<double> s = mixed(L.cdfSensitivity[j]);
        for (std::size_t node = 0; node < nodes; ++node) {
            const double v = std::abs(s[node]) < 1e-10 ? 0.0 : s[node];
            S(static_cast<Eigen::Index>(node), static_cast<Eigen::Index>(j)) = v;
        }
    }
    Eigen::VectorXd weight(static_cast<Eigen::Index>(nodes));
    for (std::size_t node = 0; node < nodes; ++node)
        weight(static_cast<Eigen::Index>(node)) = w[node] / p[node];
    L.fisher = S.transpose() * weight.asDiagonal() * S;
    L.fisher = 0.5 * (L.fisher + L.fisher.transpose()).eval();
    return L;
}

LegacyResult runLegacyEstimators(const DesignInput& in, const InputSampler& sampler,
                                 const std::vector<ParameterInfo>& parameters,
                                 std::vector<OutputSummary>& outputs, Progress& progress)
{
    const LegacyOptions& opt = in.legacyOptions;
    const std::size_t n = in.storeys();
    const std::size_t nIn = in.inputs.size();
    const std::size_t nOut = in.outputs.size();
    const std::size_t P = parameters.size();
    LegacyResult L;
    L.computed = true;
    L.label = "prototype's estimators (binned empirical CDF, likelihood ratio without baseline, "
              "mixed finite differences): biased, for comparison only";
    L.gridPoints = opt.gridPoints;
    L.sliderPercent = opt.sliderPercent;

    progress.report(0.05, "legacy: samples");
    Eigen::MatrixXd Y;
    if (opt.inputSamples) {
        Y = *opt.inputSamples;
    } else {
        const std::size_t N = opt.samples;
        Y.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(nIn));
        std::vector<std::vector<double>> cols(nIn, std::vector<double>(4096));
        std::vector<double*> ptr;
        for (auto& c : cols)
            ptr.push_back(c.data());
        for (std::size_t c = 0; c * 4096 < N; ++c) {
            const std::size_t count = std::min<std::size_t>(4096, N - c * 4096);
            sampler.monteCarlo(in.seed, kStreamLegacy, c, count, ptr.data());
            for (std::size_t j = 0; j < nIn; ++j)
                for (std::size_t i = 0; i < count; ++i)
                    Y(static_cast<Eigen::Index>(c * 4096 + i), static_cast<Eigen::Index>(j)) = cols[j][i];
        }
    }
    const auto N = static_cast<std::size_t>(Y.rows());
    L.samples = N;

    // Outputs with the prototype's shear definition, and the input scores.
    std::vector<std::vector<double>> cols(nIn, std::vector<double>(N));
    for (std::size_t j = 0; j < nIn; ++j)
        for (std::size_t i = 0; i < N; ++i)
            cols[j][i] = Y(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    std::vector<const double*> colPtr;
    for (auto& c : cols)
        colPtr.push_back(c.data());
    std::vector<std::vector<double>> zv(nOut, std::vector<double>(N));
    std::vector<double*> zPtr;
    for (auto& v : zv)
        zPtr.push_back(v.data());
    ResponseBatch batch(n, 2.0 * M_PI * in.frequencyHz, ShearDefinition::Prototype);
    batch.evaluate(colPtr.data(), N, in.outputs, zPtr.data());
    Eigen::MatrixXd z(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(nOut));
    for (std::size_t o = 0; o < nOut; ++o)
        for (std::size_t i = 0; i < N; ++i)
            z(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(o)) = zv[o][i];
    Eigen::MatrixXd U(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(P));
    {
        std::vector<double> ua(N), ub(N);
        const std::size_t R = P / 2;
        for (std::size_t r = 0; r < R; ++r) {
            const std::size_t j = parameters[r].input;
            sampler.kernel(j).scores(cols[j].data(), N, ua.data(), ub.data());
            for (std::size_t i = 0; i < N; ++i) {
                U(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r)) = ua[i];
                U(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(R + r)) = ub[i];
            }
        }
    }

    // Output statistics and the page-2 histograms (numpy.histogram(density=True)).
    for (std::size_t o = 0; o < nOut; ++o) {
        const double lo = z.col(static_cast<Eigen::Index>(o)).minCoeff();
        const double hi = z.col(static_cast<Eigen::Index>(o)).maxCoeff();
        OutputAccumulator acc(lo, hi > lo ? hi : lo + 1.0, 4096, zv[o][0]);
        acc.add(zv[o].data(), N);
        outputs[o].statistics = acc.finish();
        Histogram h;
        const std::size_t B = opt.histogramBins;
        const double width = (hi - lo) / static_cast<double>(B);
        for (std::size_t b = 0; b <= B; ++b)
            h.edges.push_back(lo + static_cast<double>(b) * width);
        h.edges.back() = hi;
        std::vector<double> count(B, 0.0);
        for (double v : zv[o]) {
            auto b = width > 0.0 ? static_cast<std::size_t>((v - lo) / width) : 0;
            // numpy bins by comparing with the edges; the last bin is closed.
            if (b >= B)
                b = B - 1;
            while (b > 0 && v < h.edges[b])
                --b;
            while (b + 1 < B && v >= h.edges[b + 1])
                ++b;
            count[b] += 1.0;
        }
        for (std::size_t b = 0; b < B; ++b)
            h.density.push_back(width > 0.0 ? count[b] / (static_cast<double>(N) * (h.edges[b + 1] - h.edges[b])) : 0.0);
        L.histograms.push_back(h);
    }

    progress.report(0.3, "legacy: binned Fisher information");
    const std::size_t J = opt.gridPoints;
    const LegacyFisher LF = legacyBinnedFisher(z, U, J);
    Eigen::VectorXd b(static_cast<Eigen::Index>(P));
    for (std::size_t j = 0; j < P; ++j)
        b(static_cast<Eigen::Index>(j)) = parameters[j].value;
    L.matrixScaled = b.asDiagonal() * LF.fisher * b.asDiagonal();
    for (std::size_t j = 0; j < P; ++j)
        L.diagonalScaled.push_back(L.matrixScaled(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(j)));
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(L.matrixScaled, Eigen::EigenvaluesOnly);
    for (Eigen::Index k = es.eigenvalues().size(); k-- > 0;)
        L.eigenvaluesScaled.push_back(es.eigenvalues()(k));
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eu(LF.fisher);
    for (Eigen::Index k = eu.eigenvalues().size(); k-- > 0;)
        L.eigenvaluesUnscaled.push_back(eu.eigenvalues()(k));

    // Page 4: slider value rounded to 0.1, grid index by Python's round (ties to even).
    const double step = 100.0 / static_cast<double>(J - 1);
    const double slider = std::round(opt.sliderPercent * 10.0) / 10.0;
    const int mode = std::fegetround();
    std::fesetround(FE_TONEAREST);
    L.gridIndex = static_cast<std::size_t>(std::nearbyint(slider / step));
    std::fesetround(mode);
    L.gridIndex = std::min(L.gridIndex, J - 1);
    std::size_t node = 0;
    for (std::size_t d = 0; d < nOut; ++d) {
        node = node * J + L.gridIndex;
        L.thresholds.push_back(LF.grids[d][L.gridIndex]);
    }
    L.probability = LF.cdf[node];
    for (std::size_t j = 0; j < P; ++j) {
        const double g = LF.cdfSensitivity[j][node];
        L.gradient.push_back(g);
        L.gradientScaled.push_back(parameters[j].value * g);
    }
    // Sampling standard error of the no-baseline estimator mean(1{z < t}·u).
    for (std::size_t j = 0; j < P; ++j) {
        double s1 = 0.0, s2 = 0.0;
        for (std::size_t i = 0; i < N; ++i) {
            bool below = true;
            for (std::size_t d = 0; d < nOut; ++d)
                below = below && z(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(d)) < L.thresholds[d];
            const double v = below ? U(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) : 0.0;
            s1 += v;
            s2 += v * v;
        }
        const double m = s1 / static_cast<double>(N);
        const double var = std::max(0.0, s2 / static_cast<double>(N) - m * m);
        L.gradientStdError.push_back(std::abs(parameters[j].value) * std::sqrt(var / static_cast<double>(N)));
    }
    for (Eigen::Index k = eu.eigenvalues().size(); k-- > 0;) {
        double proj = 0.0;
        for (std::size_t j = 0; j < P; ++j)
            proj += L.gradient[j] * eu.eigenvectors()(static_cast<Eigen::Index>(j), k);
        L.deltaP.push_back(proj);
    }
    progress.report(1.0, "legacy: done");
    return L;
}

} // namespace dtop::design
