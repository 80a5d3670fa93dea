// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/complex_affine.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::uq {

namespace {
constexpr double kUp = 1.0 + kAffineSlack;
constexpr double kDown = 1.0 - kAffineSlack;
// Absolute floor of every rounding term (covers underflow to subnormals).
constexpr double kTiny = 1e-290;

void invalidate(ComplexAffine& out, std::size_t size)
{
    out.size = size;
    out.valid = false;
    out.radius = std::numeric_limits<double>::infinity();
}

double cross(std::complex<double> a, std::complex<double> b)
{
    return a.real() * b.imag() - a.imag() * b.real();
}

// Distance from 0 to the segment [a, b].
double segmentDistance(std::complex<double> a, std::complex<double> b)
{
    const std::complex<double> d = b - a;
    const double len2 = std::norm(d);
    double t = len2 > 0.0 ? -(a.real() * d.real() + a.imag() * d.imag()) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::abs(a + t * d);
}
} // namespace

double ComplexAffine::termSum() const
{
    double s = 0.0;
    for (std::size_t i = 0; i < size; ++i)
        s += std::abs(terms[i]);
    return s * kUp;
}

void affineConstant(ComplexAffine& out, std::size_t symbols, std::complex<double> value)
{
    out.centre = value;
    out.size = symbols;
    out.valid = std::isfinite(value.real()) && std::isfinite(value.imag());
    out.radius = out.valid ? 0.0 : std::numeric_limits<double>::infinity();
    std::fill(out.terms.begin(), out.terms.begin() + static_cast<long>(symbols),
              std::complex<double>());
}

void affineAdd(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out)
{
    const std::size_t n = std::max(a.size, b.size);
    if (!a.valid || !b.valid)
        return invalidate(out, n);
    const double rounding = kAffineSlack * (a.magnitudeBound() + b.magnitudeBound()) + kTiny;
    out.radius = (a.radius + b.radius + rounding) * kUp;
    out.centre = a.centre + b.centre;
    for (std::size_t i = 0; i < n; ++i)
        out.terms[i] = (i < a.size ? a.terms[i] : 0.0) + (i < b.size ? b.terms[i] : 0.0);
    out.size = n;
    out.valid = true;
}

void affineSub(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out)
{
    const std::size_t n = std::max(a.size, b.size);
    if (!a.valid || !b.valid)
        return invalidate(out, n);
    const double rounding = kAffineSlack * (a.magnitudeBound() + b.magnitudeBound()) + kTiny;
    out.radius = (a.radius + b.radius + rounding) * kUp;
    out.centre = a.centre - b.centre;
    for (std::size_t i = 0; i < n; ++i)
        out.terms[i] = (i < a.size ? a.terms[i] : 0.0) - (i < b.size ? b.terms[i] : 0.0);
    out.size = n;
    out.valid = true;
}

void affineMul(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out)
{
    const std::size_t n = std::max(a.size, b.size);
    if (!a.valid || !b.valid)
        return invalidate(out, n);
    const double ta = a.termSum();
    const double tb = b.termSum();
    const double ca = std::abs(a.centre) * kUp;
    const double cb = std::abs(b.centre) * kUp;
    // (ca + Σ a_i ε_i + ea)(cb + Σ b_i ε_i + eb): everything but the centre and linear terms.
    const double rest = ta * tb + (ca + ta) * b.radius + (cb + tb) * a.radius + a.radius * b.radius;
    const double rounding = kAffineSlack * (ca + ta) * (cb + tb) + kTiny;
    const std::complex<double> c = a.centre * b.centre;
    for (std::size_t i = 0; i < n; ++i)
        out.terms[i] = (i < b.size ? a.centre * b.terms[i] : 0.0) +
                       (i < a.size ? b.centre * a.terms[i] : 0.0);
    out.centre = c;
    out.radius = (rest + rounding) * kUp;
    out.size = n;
    out.valid = std::isfinite(out.radius);
}

void affineScale(const ComplexAffine& a, std::complex<double> w, ComplexAffine& out)
{
    if (!a.valid)
        return invalidate(out, a.size);
    const double aw = std::abs(w) * kUp;
    out.radius = (aw * a.radius + kAffineSlack * aw * a.magnitudeBound() + kTiny) * kUp;
    out.centre = w * a.centre;
    for (std::size_t i = 0; i < a.size; ++i)
        out.terms[i] = w * a.terms[i];
    out.size = a.size;
    out.valid = std::isfinite(out.radius);
}

void affineAddConstant(ComplexAffine& a, std::complex<double> w)
{
    if (!a.valid)
        return;
    a.radius = (a.radius + kAffineSlack * (std::abs(a.centre) + std::abs(w)) + kTiny) * kUp;
    a.centre += w;
}

void affineReciprocal(const ComplexAffine& a, ComplexAffine& out)
{
    if (!a.valid)
        return invalidate(out, a.size);
    const double m = std::abs(a.centre);
    const double ta = a.termSum();
    const double rho = ta + a.radius;
    const double gap = m * kDown - rho * kUp; // lower bound on |a| over the form
    if (!(gap > 0.0) || !(m > 1e-150) || !(m < 1e150))
        return invalidate(out, a.size);
    const double s = 1.0 / std::norm(a.centre);
    const std::complex<double> inv(a.centre.real() * s, -a.centre.imag() * s);
    const std::complex<double> inv2 = inv * inv;
    const double im2 = s * kUp; // >= 1/|c|²
    // 1/(c + δ) = 1/c − δ/c² + δ²/(c²(c + δ)), |δ| <= rho; the remainder e of a gives e/c².
    const double rest = a.radius * im2 + rho * rho * im2 / gap;
    const double rounding = kAffineSlack * (std::sqrt(im2) + im2 * ta) + kTiny;
    for (std::size_t i = 0; i < a.size; ++i)
        out.terms[i] = -a.terms[i] * inv2;
    out.centre = inv;
    out.radius = (rest + rounding) * kUp;
    out.size = a.size;
    out.valid = std::isfinite(out.radius);
}

ModulusRange affineModulusRange(const ComplexAffine& x)
{
    if (!x.valid)
        return {0.0, std::numeric_limits<double>::infinity()};
    // Generators turned into the upper half plane (ε is symmetric) and sorted by angle: the
    // zonotope's vertices are the partial sums walked counter-clockwise.
    std::array<std::complex<double>, ComplexAffine::kCapacity> g;
    std::size_t count = 0;
    std::complex<double> start = x.centre;
    for (std::size_t i = 0; i < x.size; ++i) {
        std::complex<double> t = x.terms[i];
        if (t == std::complex<double>())
            continue;
        if (t.imag() < 0.0 || (t.imag() == 0.0 && t.real() < 0.0))
            t = -t;
        g[count++] = t;
        start -= t;
    }
    std::sort(g.begin(), g.begin() + static_cast<long>(count),
              [](std::complex<double> a, std::complex<double> b) { return std::arg(a) < std::arg(b); });
    const double slack = x.radius + kAffineSlack * 8.0 * (count + 1) * x.magnitudeBound() + kTiny;
    if (count == 0) {
        const double a = std::abs(x.centre);
        return {std::max(0.0, a * kDown - slack), (a + slack) * kUp};
    }
    double maxAbs = 0.0;
    double minDist = std::numeric_limits<double>::infinity();
    bool inside = true;
    std::complex<double> v = start;
    for (std::size_t k = 0; k < 2 * count; ++k) {
        const std::complex<double> step = k < count ? 2.0 * g[k] : -2.0 * g[k - count];
        const std::complex<double> next = v + step;
        maxAbs = std::max(maxAbs, std::abs(v));
        if (cross(step, -v) < 0.0)
            inside = false;
        minDist = std::min(minDist, segmentDistance(v, next));
        v = next;
    }
    const double lower = inside ? 0.0 : std::max(0.0, minDist * kDown - slack);
    return {lower, (maxAbs + slack) * kUp};
}

} // namespace dtop::uq
