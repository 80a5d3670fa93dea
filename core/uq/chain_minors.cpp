// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/chain_minors.h"

#include <cmath>
#include <limits>

namespace dtop::uq {

ChainMinors::ChainMinors(const ChainModel& model, const ParameterBox& box, std::size_t input,
                         double omega)
    : m_n(model.storeys), m_input(input), m_omega(omega), m_box(box),
      m_dims(box.uncertainIndices()), m_symbol(box.size(), -1), m_p(box.nominal), m_zr(m_n),
      m_zi(m_n), m_zs(m_n), m_ar(m_n), m_ai(m_n), m_as(m_n), m_tr(m_n + 1), m_ti(m_n + 1),
      m_ts(m_n + 1), m_fr(m_n + 1), m_fi(m_n + 1), m_fs(m_n + 1)
{
    for (std::size_t s = 0; s < m_dims.size(); ++s)
        m_symbol[m_dims[s]] = static_cast<int>(s);
    m_massRe = -omega * omega;
    m_massIm = omega * model.rayleighAlpha;
    m_stiffIm = omega * model.rayleighBeta;
    // Depth of the deepest program (a cofactor): inputs 3, diagonal +2, each continuant step
    // +3, the z products +2 each; 12 + 6n is above that for every n. γ_k = k u / (1 − k u), and
    // the factor 2 covers the rounding of the shadow itself.
    const double k = 12.0 + 6.0 * static_cast<double>(m_n);
    const double u = std::numeric_limits<double>::epsilon() / 2.0;
    m_gamma = 2.0 * k * u / (1.0 - k * u);
}

void ChainMinors::interval(std::size_t s, double a, double b, double& lo, double& hi) const
{
    const std::size_t index = m_dims[s];
    const double l = m_box.lower[index];
    const double w = m_box.width(index);
    lo = l + a * w;
    hi = b >= 1.0 ? m_box.upper[index] : l + b * w;
}

void ChainMinors::evaluate(const double* lo, const double* hi, std::uint32_t vertex)
{
    const std::size_t n = m_n;
    for (std::size_t s = 0; s < m_dims.size(); ++s)
        m_p[m_dims[s]] = (vertex >> s) & 1u ? hi[s] : lo[s];
    const double* m = m_p.data();
    const double* k = m + n;
    const double* c = k + n;
    const double massShadow = std::abs(m_massRe) + std::abs(m_massIm);
    for (std::size_t i = 0; i < n; ++i) {
        m_zr[i] = k[i];
        m_zi[i] = k[i] * m_stiffIm + m_omega * c[i];
        m_zs[i] = std::abs(k[i]) * (1.0 + std::abs(m_stiffIm)) + m_omega * std::abs(c[i]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        // Diagonal entry μ_i + z_i + z_{i+1}.
        double r = m[i] * m_massRe + m_zr[i];
        double im = m[i] * m_massIm + m_zi[i];
        double s = std::abs(m[i]) * massShadow + m_zs[i];
        if (i + 1 < n) {
            r += m_zr[i + 1];
            im += m_zi[i + 1];
            s += m_zs[i + 1];
        }
        m_ar[i] = r;
        m_ai[i] = im;
        m_as[i] = s;
    }
    // θ_0 = 1, θ_1 = a_0, θ_{i+1} = a_i θ_i − z_i² θ_{i−1} (off-diagonal −z_i joins floors i−1, i).
    m_tr[0] = 1.0;
    m_ti[0] = 0.0;
    m_ts[0] = 1.0;
    m_tr[1] = m_ar[0];
    m_ti[1] = m_ai[0];
    m_ts[1] = m_as[0];
    for (std::size_t i = 1; i < n; ++i) {
        const double z2r = m_zr[i] * m_zr[i] - m_zi[i] * m_zi[i];
        const double z2i = 2.0 * m_zr[i] * m_zi[i];
        m_tr[i + 1] = (m_ar[i] * m_tr[i] - m_ai[i] * m_ti[i]) - (z2r * m_tr[i - 1] - z2i * m_ti[i - 1]);
        m_ti[i + 1] = (m_ar[i] * m_ti[i] + m_ai[i] * m_tr[i]) - (z2r * m_ti[i - 1] + z2i * m_tr[i - 1]);
        m_ts[i + 1] = m_as[i] * m_ts[i] + m_zs[i] * m_zs[i] * m_ts[i - 1];
    }
    // φ_n = 1, φ_{n−1} = a_{n−1}, φ_i = a_i φ_{i+1} − z_{i+1}² φ_{i+2}.
    m_fr[n] = 1.0;
    m_fi[n] = 0.0;
    m_fs[n] = 1.0;
    m_fr[n - 1] = m_ar[n - 1];
    m_fi[n - 1] = m_ai[n - 1];
    m_fs[n - 1] = m_as[n - 1];
    for (std::size_t i = n - 1; i-- > 0;) {
        const double z2r = m_zr[i + 1] * m_zr[i + 1] - m_zi[i + 1] * m_zi[i + 1];
        const double z2i = 2.0 * m_zr[i + 1] * m_zi[i + 1];
        m_fr[i] = (m_ar[i] * m_fr[i + 1] - m_ai[i] * m_fi[i + 1]) - (z2r * m_fr[i + 2] - z2i * m_fi[i + 2]);
        m_fi[i] = (m_ar[i] * m_fi[i + 1] + m_ai[i] * m_fr[i + 1]) - (z2r * m_fi[i + 2] + z2i * m_fr[i + 2]);
        m_fs[i] = m_as[i] * m_fs[i + 1] + m_zs[i + 1] * m_zs[i + 1] * m_fs[i + 2];
    }
}

void ChainMinors::factors(std::size_t floor, BoundedComplex* out, std::size_t stride) const
{
    const std::size_t l = std::min(floor, m_input);
    const std::size_t h = std::max(floor, m_input);
    // θ_0 = φ_n = 1 and the empty product are exact.
    out[0] = {m_tr[l], m_ti[l], l == 0 ? 0.0 : m_gamma * m_ts[l]};
    out[stride] = {m_fr[h + 1], m_fi[h + 1], h + 1 == m_n ? 0.0 : m_gamma * m_fs[h + 1]};
    double r = 1.0, im = 0.0, s = 1.0;
    for (std::size_t k = l + 1; k <= h; ++k) {
        const double nr = r * m_zr[k] - im * m_zi[k];
        im = r * m_zi[k] + im * m_zr[k];
        r = nr;
        s *= m_zs[k];
    }
    out[2 * stride] = {r, im, l == h ? 0.0 : m_gamma * s};
}

void ChainMinors::corners(const double* lo, const double* hi, const std::uint32_t* vertices,
                          std::size_t count, std::size_t floor, BoundedComplex* det,
                          BoundedComplex* factors)
{
    for (std::size_t j = 0; j < count; ++j) {
        evaluate(lo, hi, vertices[j]);
        det[j] = {m_tr[m_n], m_ti[m_n], m_gamma * m_ts[m_n]};
        this->factors(floor, factors + j, count);
    }
}

void ChainMinors::cornersAllFloors(const double* lo, const double* hi,
                                   const std::uint32_t* vertices, std::size_t count,
                                   BoundedComplex* det, BoundedComplex* factors)
{
    for (std::size_t j = 0; j < count; ++j) {
        evaluate(lo, hi, vertices[j]);
        det[j] = {m_tr[m_n], m_ti[m_n], m_gamma * m_ts[m_n]};
        for (std::size_t d = 0; d < m_n; ++d)
            this->factors(d, factors + d * kFactors * count + j, count);
    }
}

} // namespace dtop::uq
