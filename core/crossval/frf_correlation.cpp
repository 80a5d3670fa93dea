// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/frf_correlation.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace dtop::crossval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void requireSameSize(std::size_t a, std::size_t b, const char* what)
{
    if (a != b)
        throw std::invalid_argument(std::string(what) + ": reference has " + std::to_string(a) +
                                    " values, candidate " + std::to_string(b));
}

// Σ conj(a)·b, Σ|a|², Σ|b|² of two vectors (magnitudes on the magnitude basis).
struct Products {
    std::complex<double> cross{0.0, 0.0};
    double aa = 0.0;
    double bb = 0.0;
};

Products products(const std::complex<double>* a, std::size_t strideA, const std::complex<double>* b,
                  std::size_t strideB, std::size_t n, CorrelationBasis basis)
{
    Products p;
    for (std::size_t i = 0; i < n; ++i) {
        const std::complex<double> x = a[i * strideA];
        const std::complex<double> y = b[i * strideB];
        if (basis == CorrelationBasis::Complex) {
            p.cross += std::conj(x) * y;
        } else {
            p.cross += std::abs(x) * std::abs(y);
        }
        p.aa += std::norm(x);
        p.bb += std::norm(y);
    }
    return p;
}

} // namespace

const char* correlationBasisName(CorrelationBasis basis)
{
    return basis == CorrelationBasis::Complex ? "complex" : "magnitude";
}

bool parseCorrelationBasis(const std::string& text, CorrelationBasis& basis)
{
    if (text == "complex")
        basis = CorrelationBasis::Complex;
    else if (text == "magnitude")
        basis = CorrelationBasis::Magnitude;
    else
        return false;
    return true;
}

double frac(const std::vector<std::complex<double>>& reference,
            const std::vector<std::complex<double>>& candidate, CorrelationBasis basis)
{
    requireSameSize(reference.size(), candidate.size(), "FRAC");
    const Products p = products(reference.data(), 1, candidate.data(), 1, reference.size(), basis);
    if (!(p.aa > 0.0) || !(p.bb > 0.0))
        return kNaN;
    return std::norm(p.cross) / (p.aa * p.bb);
}

double rmsDbDifference(const std::vector<std::complex<double>>& reference,
                       const std::vector<std::complex<double>>& candidate, std::size_t* used)
{
    requireSameSize(reference.size(), candidate.size(), "RMS dB difference");
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t k = 0; k < reference.size(); ++k) {
        const double a = std::abs(reference[k]);
        const double b = std::abs(candidate[k]);
        if (!(a > 0.0) || !(b > 0.0) || !std::isfinite(a) || !std::isfinite(b))
            continue;
        const double d = 20.0 * std::log10(a / b);
        sum += d * d;
        ++n;
    }
    if (used)
        *used = n;
    return n == 0 ? kNaN : std::sqrt(sum / static_cast<double>(n));
}

SignatureCorrelation
signatureCorrelation(const std::vector<std::vector<std::complex<double>>>& reference,
                     const std::vector<std::vector<std::complex<double>>>& candidate,
                     CorrelationBasis basis)
{
    requireSameSize(reference.size(), candidate.size(), "CSAC/CSF responses");
    SignatureCorrelation out;
    if (reference.empty())
        return out;
    const std::size_t count = reference.front().size();
    for (std::size_t d = 0; d < reference.size(); ++d) {
        requireSameSize(reference[d].size(), count, "CSAC/CSF frequencies");
        requireSameSize(candidate[d].size(), count, "CSAC/CSF frequencies");
    }
    out.csac.resize(count);
    out.csf.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        Products p;
        for (std::size_t d = 0; d < reference.size(); ++d) {
            const std::complex<double> x = reference[d][k];
            const std::complex<double> y = candidate[d][k];
            p.cross += basis == CorrelationBasis::Complex
                           ? std::conj(x) * y
                           : std::complex<double>(std::abs(x) * std::abs(y));
            p.aa += std::norm(x);
            p.bb += std::norm(y);
        }
        out.csac[k] = (p.aa > 0.0 && p.bb > 0.0) ? std::norm(p.cross) / (p.aa * p.bb) : kNaN;
        out.csf[k] = (p.aa + p.bb > 0.0) ? 2.0 * std::abs(p.cross) / (p.aa + p.bb) : kNaN;
    }
    return out;
}

FdacMap fdacMap(const std::vector<double>& frequencyHz,
                const std::vector<std::vector<std::complex<double>>>& reference,
                const std::vector<std::vector<std::complex<double>>>& candidate,
                CorrelationBasis basis, std::size_t maxPoints)
{
    requireSameSize(reference.size(), candidate.size(), "FDAC responses");
    FdacMap map;
    const std::size_t count = frequencyHz.size();
    if (count == 0 || reference.empty())
        return map;
    for (std::size_t d = 0; d < reference.size(); ++d) {
        requireSameSize(reference[d].size(), count, "FDAC frequencies");
        requireSameSize(candidate[d].size(), count, "FDAC frequencies");
    }
    if (maxPoints < 2)
        maxPoints = 2;
    // Evenly spaced indices, first and last included.
    std::vector<std::size_t> index;
    if (count <= maxPoints) {
        for (std::size_t k = 0; k < count; ++k)
            index.push_back(k);
    } else {
        for (std::size_t i = 0; i < maxPoints; ++i)
            index.push_back(static_cast<std::size_t>(
                std::llround(static_cast<double>(i) * static_cast<double>(count - 1) /
                             static_cast<double>(maxPoints - 1))));
    }
    const std::size_t m = index.size();
    const std::size_t dofs = reference.size();
    // Gather the sampled vectors (magnitudes on that basis) with their norms.
    std::vector<std::complex<double>> r(m * dofs), c(m * dofs);
    std::vector<double> rn(m), cn(m);
    for (std::size_t i = 0; i < m; ++i) {
        double sr = 0.0, sc = 0.0;
        for (std::size_t d = 0; d < dofs; ++d) {
            std::complex<double> x = reference[d][index[i]];
            std::complex<double> y = candidate[d][index[i]];
            if (basis == CorrelationBasis::Magnitude) {
                x = std::abs(x);
                y = std::abs(y);
            }
            r[i * dofs + d] = x;
            c[i * dofs + d] = y;
            sr += std::norm(x);
            sc += std::norm(y);
        }
        rn[i] = std::sqrt(sr);
        cn[i] = std::sqrt(sc);
        map.frequencyHz.push_back(frequencyHz[index[i]]);
    }
    map.values.assign(m, std::vector<double>(m, kNaN));
    map.ridgeCandidateHz.assign(m, kNaN);
    for (std::size_t i = 0; i < m; ++i) {
        double best = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < m; ++j) {
            if (!(rn[i] > 0.0) || !(cn[j] > 0.0))
                continue;
            std::complex<double> s{0.0, 0.0};
            for (std::size_t d = 0; d < dofs; ++d)
                s += std::conj(r[i * dofs + d]) * c[j * dofs + d];
            const double v = s.real() / (rn[i] * cn[j]);
            map.values[i][j] = v;
            if (v > best) {
                best = v;
                map.ridgeCandidateHz[i] = map.frequencyHz[j];
            }
        }
    }
    return map;
}

} // namespace dtop::crossval
