// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/multilinear_ratio_bound.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::uq {

namespace {
using Complex = std::complex<double>;
constexpr double kUnit = std::numeric_limits<double>::epsilon() / 2.0;
constexpr double kInf = std::numeric_limits<double>::infinity();
// Relative slack for the handful of roundings after the certified corner values.
constexpr double kFinalSlack = 1.0 + 1e-12;

inline double dot(Complex a, Complex b) { return a.real() * b.real() + a.imag() * b.imag(); }
inline double cross(Complex a, Complex b) { return a.real() * b.imag() - a.imag() * b.real(); }
inline double norm2(Complex a) { return dot(a, a); }

// The point of segment [a, b] nearest to 0, and its parameter t (0 at a, 1 at b).
Complex segmentClosest(Complex a, Complex b, double& t)
{
    const Complex e = b - a;
    const double ee = norm2(e);
    t = ee > 0.0 ? std::clamp(-dot(a, e) / ee, 0.0, 1.0) : 0.0;
    return a + t * e;
}

} // namespace

bool hullDirection(const Complex* points, std::size_t count, Complex& u)
{
    if (count == 0)
        return false;
    std::size_t first = 0;
    for (std::size_t j = 1; j < count; ++j)
        if (norm2(points[j]) < norm2(points[first]))
            first = j;
    // Simplex: one point a, or a segment [a, b] whose nearest point is x.
    Complex a = points[first], b;
    bool segment = false;
    Complex x = a;
    for (int iteration = 0; iteration < 64; ++iteration) {
        const double xx = norm2(x);
        if (!(xx > 0.0) || !std::isfinite(xx))
            return false;
        std::size_t j = 0;
        double least = dot(x, points[0]);
        for (std::size_t k = 1; k < count; ++k) {
            const double d = dot(x, points[k]);
            if (d < least) {
                least = d;
                j = k;
            }
        }
        if (xx - least <= 1e-9 * xx)
            break;
        const Complex s = points[j];
        if (!segment) {
            double t;
            x = segmentClosest(a, s, t);
            if (t >= 1.0)
                a = s;
            else if (t > 0.0) {
                b = s;
                segment = true;
            }
            continue;
        }
        // Triangle a, b, s: 0 inside (or on an edge) means 0 is in the hull.
        const double c1 = cross(b - a, -a), c2 = cross(s - b, -b), c3 = cross(a - s, -s);
        if ((c1 >= 0.0 && c2 >= 0.0 && c3 >= 0.0) || (c1 <= 0.0 && c2 <= 0.0 && c3 <= 0.0))
            return false;
        double ta, tb;
        const Complex xa = segmentClosest(a, s, ta);
        const Complex xb = segmentClosest(b, s, tb);
        if (norm2(xa) <= norm2(xb)) {
            x = xa;
            if (ta >= 1.0) {
                a = s;
                segment = false;
            } else if (ta <= 0.0) {
                segment = false;
            } else {
                b = s;
            }
        } else {
            x = xb;
            if (tb >= 1.0) {
                a = s;
                segment = false;
            } else if (tb <= 0.0) {
                a = b;
                segment = false;
            } else {
                a = b;
                b = s;
            }
        }
    }
    const double r = std::sqrt(norm2(x));
    if (!(r > 0.0) || !std::isfinite(r))
        return false;
    u = Complex(x.real() / r, x.imag() / r);
    return true;
}

double MultilinearRatioBound::upper(const double* numModulus, const BoundedComplex* const* den,
                                    std::size_t denFactors, std::size_t count)
{
    m_points.resize(count);
    m_inverse.resize(count);
    for (std::size_t v = 0; v < count; ++v)
        m_inverse[v] = 1.0 / numModulus[v]; // only to pick directions
    m_active.clear();
    for (std::size_t g = 0; g < denFactors; ++g) {
        bool unit = true;
        for (std::size_t v = 0; v < count && unit; ++v)
            unit = den[g][v].re == 1.0 && den[g][v].im == 0.0 && den[g][v].error == 0.0;
        if (!unit)
            m_active.push_back(g);
    }
    const std::size_t active = m_active.size();
    m_dirs.assign(active, Complex());
    m_low.resize(active * count);
    // m_low[j] := the certified lower bounds d_g at the corners for factor g = m_active[j] in
    // its current direction; false unless all are positive.
    auto project = [&](std::size_t j) {
        const Complex u = m_dirs[j];
        const double l1 = std::abs(u.real()) + std::abs(u.imag());
        const BoundedComplex* x = den[m_active[j]];
        double* d = m_low.data() + j * count;
        bool positive = true;
        for (std::size_t v = 0; v < count; ++v) {
            d[v] = u.real() * x[v].re + u.imag() * x[v].im -
                   l1 * (x[v].error + 4.0 * kUnit * (std::abs(x[v].re) + std::abs(x[v].im)));
            positive = positive && d[v] > 0.0;
        }
        return positive;
    };
    // Directions: each factor's own nearest-hull-point direction, then one sweep in which each
    // is re-chosen for the ratio with the others fixed (den_g Π_{h≠g} d_h / |A|).
    for (std::size_t j = 0; j < active; ++j) {
        const BoundedComplex* x = den[m_active[j]];
        for (std::size_t v = 0; v < count; ++v)
            m_points[v] = Complex(x[v].re * m_inverse[v], x[v].im * m_inverse[v]);
        if (!hullDirection(m_points.data(), count, m_dirs[j]) || !project(j))
            return kInf;
    }
    if (active > 1)
        for (std::size_t j = 0; j < active; ++j) {
            const BoundedComplex* x = den[m_active[j]];
            for (std::size_t v = 0; v < count; ++v) {
                double weight = m_inverse[v];
                for (std::size_t i = 0; i < active; ++i)
                    if (i != j)
                        weight *= m_low[i * count + v];
                m_points[v] = Complex(x[v].re * weight, x[v].im * weight);
            }
            if (!hullDirection(m_points.data(), count, m_dirs[j]) || !project(j))
                return kInf;
        }
    // The certified bound: |den| >= Π_g d_g / |u_g| with every d_g > 0 at every corner.
    double scale = 1.0;
    for (std::size_t j = 0; j < active; ++j)
        scale *= modulus(m_dirs[j].real(), m_dirs[j].imag());
    double ratio = 0.0;
    for (std::size_t v = 0; v < count; ++v) {
        double d = 1.0;
        for (std::size_t j = 0; j < active; ++j)
            d *= m_low[j * count + v];
        ratio = std::max(ratio, numModulus[v] / d);
    }
    return scale * ratio * (1.0 + 4.0 * kUnit * static_cast<double>(active)) * kFinalSlack;
}

} // namespace dtop::uq
