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
    out.radiusRe = out.radiusIm = std::numeric_limits<double>::infinity();
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

// A complex rectangle [reLo, reHi] × [imLo, imHi], used only to bound remainders; every result
// is widened by the relative slack (its few roundings are far below it).
struct Rect {
    double reLo, reHi, imLo, imHi;
};

Rect widen(Rect r)
{
    auto down = [](double x) { return x - std::abs(x) * kAffineSlack - kTiny; };
    auto up = [](double x) { return x + std::abs(x) * kAffineSlack + kTiny; };
    return {down(r.reLo), up(r.reHi), down(r.imLo), up(r.imHi)};
}

Rect multiply(const Rect& a, const Rect& b)
{
    auto range = [](double a0, double a1, double b0, double b1, double& lo, double& hi) {
        const double p[4] = {a0 * b0, a0 * b1, a1 * b0, a1 * b1};
        lo = *std::min_element(p, p + 4);
        hi = *std::max_element(p, p + 4);
    };
    double rr0, rr1, ii0, ii1, ri0, ri1, ir0, ir1;
    range(a.reLo, a.reHi, b.reLo, b.reHi, rr0, rr1);
    range(a.imLo, a.imHi, b.imLo, b.imHi, ii0, ii1);
    range(a.reLo, a.reHi, b.imLo, b.imHi, ri0, ri1);
    range(a.imLo, a.imHi, b.reLo, b.reHi, ir0, ir1);
    return widen({rr0 - ii1, rr1 - ii0, ri0 + ir0, ri1 + ir1});
}

Rect scale(const Rect& a, std::complex<double> w)
{
    return multiply(a, {w.real(), w.real(), w.imag(), w.imag()});
}

// The exact range of 1/z over a rectangle not containing 0 (x/(x²+y²) and -y/(x²+y²) are
// harmonic, so their extremes lie on the edges; on each edge they are at an end or at the
// stationary points y = 0 (vertical edges) and x = ±|y| (horizontal edges)).
bool reciprocal(const Rect& z, Rect& out)
{
    if (z.reLo <= 0.0 && z.reHi >= 0.0 && z.imLo <= 0.0 && z.imHi >= 0.0)
        return false;
    double reLo = INFINITY, reHi = -INFINITY, imLo = INFINITY, imHi = -INFINITY;
    auto visit = [&](double x, double y) {
        const double s = x * x + y * y;
        const double re = x / s;
        const double im = -y / s;
        reLo = std::min(reLo, re);
        reHi = std::max(reHi, re);
        imLo = std::min(imLo, im);
        imHi = std::max(imHi, im);
    };
    for (double x : {z.reLo, z.reHi}) { // vertical edges
        for (double y : {z.imLo, z.imHi})
            visit(x, y);
        for (double y : {0.0, -std::abs(x), std::abs(x)})
            if (y > z.imLo && y < z.imHi)
                visit(x, y);
    }
    for (double y : {z.imLo, z.imHi}) // horizontal edges
        for (double x : {0.0, -std::abs(y), std::abs(y)})
            if (x > z.reLo && x < z.reHi)
                visit(x, y);
    if (!std::isfinite(reLo) || !std::isfinite(reHi) || !std::isfinite(imLo) || !std::isfinite(imHi))
        return false;
    // Relative error of x/(x²+y²) is a few ulps; the slack is far larger.
    out = widen({reLo, reHi, imLo, imHi});
    return true;
}

// Remainder rectangle |Re| <= re, |Im| <= im of w·e for |Re e| <= eRe, |Im e| <= eIm.
void scaledRadii(std::complex<double> w, double eRe, double eIm, double& re, double& im)
{
    const double u = std::abs(w.real());
    const double v = std::abs(w.imag());
    re = u * eRe + v * eIm;
    im = u * eIm + v * eRe;
}
} // namespace

double ComplexAffine::termSum() const
{
    double s = 0.0;
    for (std::size_t i = 0; i < size; ++i)
        s += std::abs(terms[i]);
    return s * kUp;
}

double ComplexAffine::termSumRe() const
{
    double s = 0.0;
    for (std::size_t i = 0; i < size; ++i)
        s += std::abs(terms[i].real());
    return s * kUp;
}

double ComplexAffine::termSumIm() const
{
    double s = 0.0;
    for (std::size_t i = 0; i < size; ++i)
        s += std::abs(terms[i].imag());
    return s * kUp;
}

void affineConstant(ComplexAffine& out, std::size_t symbols, std::complex<double> value)
{
    out.centre = value;
    out.size = symbols;
    out.valid = std::isfinite(value.real()) && std::isfinite(value.imag());
    out.radiusRe = out.radiusIm = out.valid ? 0.0 : std::numeric_limits<double>::infinity();
    std::fill(out.terms.begin(), out.terms.begin() + static_cast<long>(symbols),
              std::complex<double>());
}

namespace {
void addOrSub(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out, double sign)
{
    const std::size_t n = std::max(a.size, b.size);
    if (!a.valid || !b.valid)
        return invalidate(out, n);
    const double rounding = kAffineSlack * (a.magnitudeBound() + b.magnitudeBound()) + kTiny;
    out.radiusRe = (a.radiusRe + b.radiusRe + rounding) * kUp;
    out.radiusIm = (a.radiusIm + b.radiusIm + rounding) * kUp;
    out.centre = a.centre + sign * b.centre;
    for (std::size_t i = 0; i < n; ++i)
        out.terms[i] = (i < a.size ? a.terms[i] : 0.0) + sign * (i < b.size ? b.terms[i] : 0.0);
    out.size = n;
    out.valid = std::isfinite(out.radiusRe) && std::isfinite(out.radiusIm);
}
} // namespace

void affineAdd(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out)
{
    addOrSub(a, b, out, 1.0);
}

void affineSub(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out)
{
    addOrSub(a, b, out, -1.0);
}

void affineMul(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out)
{
    const std::size_t n = std::max(a.size, b.size);
    if (!a.valid || !b.valid)
        return invalidate(out, n);
    // (a0 + la + ea)(b0 + lb + eb) = a0 b0 + (a0 lb + b0 la) + [la lb + a0 eb + b0 ea
    //                                 + la eb + lb ea + ea eb], each bracket term bounded per
    // component: Re(xy) <= |Re x||Re y| + |Im x||Im y|, Im(xy) <= |Re x||Im y| + |Im x||Re y|.
    const double aR = a.termSumRe(), aI = a.termSumIm(), bR = b.termSumRe(), bI = b.termSumIm();
    double re = aR * bR + aI * bI;
    double im = aR * bI + aI * bR;
    double sr, si;
    scaledRadii(a.centre, b.radiusRe, b.radiusIm, sr, si);
    re += sr;
    im += si;
    scaledRadii(b.centre, a.radiusRe, a.radiusIm, sr, si);
    re += sr;
    im += si;
    re += aR * b.radiusRe + aI * b.radiusIm + bR * a.radiusRe + bI * a.radiusIm +
          a.radiusRe * b.radiusRe + a.radiusIm * b.radiusIm;
    im += aR * b.radiusIm + aI * b.radiusRe + bR * a.radiusIm + bI * a.radiusRe +
          a.radiusRe * b.radiusIm + a.radiusIm * b.radiusRe;
    const double rounding = kAffineSlack * a.magnitudeBound() * b.magnitudeBound() + kTiny;
    const std::complex<double> c = a.centre * b.centre;
    for (std::size_t i = 0; i < n; ++i)
        out.terms[i] = (i < b.size ? a.centre * b.terms[i] : 0.0) +
                       (i < a.size ? b.centre * a.terms[i] : 0.0);
    out.centre = c;
    out.radiusRe = (re + rounding) * kUp;
    out.radiusIm = (im + rounding) * kUp;
    out.size = n;
    out.valid = std::isfinite(out.radiusRe) && std::isfinite(out.radiusIm);
}

void affineScale(const ComplexAffine& a, std::complex<double> w, ComplexAffine& out)
{
    if (!a.valid)
        return invalidate(out, a.size);
    double re, im;
    scaledRadii(w, a.radiusRe, a.radiusIm, re, im);
    const double rounding = kAffineSlack * std::abs(w) * a.magnitudeBound() + kTiny;
    out.radiusRe = (re + rounding) * kUp;
    out.radiusIm = (im + rounding) * kUp;
    out.centre = w * a.centre;
    for (std::size_t i = 0; i < a.size; ++i)
        out.terms[i] = w * a.terms[i];
    out.size = a.size;
    out.valid = std::isfinite(out.radiusRe) && std::isfinite(out.radiusIm);
}

void affineAddConstant(ComplexAffine& a, std::complex<double> w)
{
    if (!a.valid)
        return;
    const double rounding = kAffineSlack * (std::abs(a.centre) + std::abs(w)) + kTiny;
    a.radiusRe = (a.radiusRe + rounding) * kUp;
    a.radiusIm = (a.radiusIm + rounding) * kUp;
    a.centre += w;
}

void affineReciprocal(const ComplexAffine& a, ComplexAffine& out)
{
    if (!a.valid)
        return invalidate(out, a.size);
    // δ = la + ea lies in the rectangle [-dr, dr] × [-di, di].
    const double dr = (a.termSumRe() + a.radiusRe) * kUp;
    const double di = (a.termSumIm() + a.radiusIm) * kUp;
    const Rect whole = widen({a.centre.real() - dr, a.centre.real() + dr, a.centre.imag() - di,
                              a.centre.imag() + di});
    Rect wholeInv;
    const double m2 = std::norm(a.centre);
    if (!reciprocal(whole, wholeInv) || !(m2 > 1e-300) || !(m2 < 1e300))
        return invalidate(out, a.size);
    const double s = 1.0 / m2;
    const std::complex<double> inv(a.centre.real() * s, -a.centre.imag() * s);
    const std::complex<double> inv2 = inv * inv;
    // 1/(c + δ) = 1/c − la/c² − ea/c² + δ²/(c² (c + δ)).
    double re, im;
    scaledRadii(inv2, a.radiusRe, a.radiusIm, re, im);
    const Rect square = widen({-di * di, dr * dr, -2.0 * dr * di, 2.0 * dr * di}); // δ² range
    const Rect q = multiply(scale(square, inv2), wholeInv);
    const double midRe = 0.5 * (q.reLo + q.reHi);
    const double midIm = 0.5 * (q.imLo + q.imHi);
    re += 0.5 * (q.reHi - q.reLo);
    im += 0.5 * (q.imHi - q.imLo);
    const double ta = a.termSum();
    const double rounding =
        kAffineSlack * (std::sqrt(s) + s * ta + std::abs(midRe) + std::abs(midIm)) * 4.0 + kTiny;
    for (std::size_t i = 0; i < a.size; ++i)
        out.terms[i] = -a.terms[i] * inv2;
    out.centre = inv + std::complex<double>(midRe, midIm);
    out.radiusRe = (re + rounding) * kUp;
    out.radiusIm = (im + rounding) * kUp;
    out.size = a.size;
    out.valid = std::isfinite(out.radiusRe) && std::isfinite(out.radiusIm);
}

ModulusRange affineModulusRange(const ComplexAffine& x)
{
    if (!x.valid)
        return {0.0, std::numeric_limits<double>::infinity()};
    // The remainder rectangle is two more generators. Generators turned into the upper half
    // plane (ε is symmetric) and sorted by angle: the zonotope's vertices are the partial sums
    // walked counter-clockwise.
    const double rounding = kAffineSlack * 8.0 * static_cast<double>(x.size + 3) *
                                x.magnitudeBound() + kTiny;
    std::array<std::complex<double>, ComplexAffine::kCapacity + 2> g;
    std::size_t count = 0;
    std::complex<double> start = x.centre;
    auto push = [&](std::complex<double> t) {
        if (t == std::complex<double>())
            return;
        if (t.imag() < 0.0 || (t.imag() == 0.0 && t.real() < 0.0))
            t = -t;
        g[count++] = t;
        start -= t;
    };
    for (std::size_t i = 0; i < x.size; ++i)
        push(x.terms[i]);
    push({(x.radiusRe + rounding) * kUp, 0.0});
    push({0.0, (x.radiusIm + rounding) * kUp});
    std::sort(g.begin(), g.begin() + static_cast<long>(count),
              [](std::complex<double> a, std::complex<double> b) { return std::arg(a) < std::arg(b); });
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
    // The walk's own roundings: a few ulps of the largest partial sum, inside `rounding`.
    const double lower = inside ? 0.0 : std::max(0.0, minDist * kDown - rounding);
    return {lower, (maxAbs + rounding) * kUp};
}

} // namespace dtop::uq
