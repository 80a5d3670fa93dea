// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/chain_frf.h"

namespace dtop::uq {

namespace {
// 1/z without the library's inf/nan special cases (z is never zero or huge here).
inline std::complex<double> reciprocal(std::complex<double> z)
{
    const double s = 1.0 / (z.real() * z.real() + z.imag() * z.imag());
    return {z.real() * s, -z.imag() * s};
}
} // namespace

ChainFrf::ChainFrf(const ChainModel& model)
    : m_model(model), m_n(model.storeys), m_mu(m_n), m_z(m_n), m_lower(m_n), m_upper(m_n),
      m_down(m_n), m_up(m_n), m_x(m_n), m_y(m_n)
{
}

ChainFrf::ChainFrf(const ChainModel& model, const double* p, double omega) : ChainFrf(model)
{
    evaluate(p, omega);
}

void ChainFrf::evaluate(const double* p, double omega)
{
    const std::size_t n = m_n;
    m_omega = omega;
    m_massFactor = Complex(-omega * omega, omega * m_model.rayleighAlpha);
    m_stiffFactor = Complex(1.0, omega * m_model.rayleighBeta);
    const double* m = p;
    const double* k = p + n;
    const double* c = p + 2 * n;
    for (std::size_t i = 0; i < n; ++i) {
        m_mu[i] = Complex(m[i] * m_massFactor.real(), m[i] * m_massFactor.imag());
        m_z[i] = Complex(k[i], k[i] * m_stiffFactor.imag() + omega * c[i]);
    }
    // From the ground up: L_i = μ_i + z_i L_{i-1} / (z_i + L_{i-1}); x_{i-1} = down_i x_i.
    m_lower[0] = m_mu[0] + m_z[0];
    for (std::size_t i = 1; i < n; ++i) {
        m_down[i] = m_z[i] * reciprocal(m_z[i] + m_lower[i - 1]);
        m_lower[i] = m_mu[i] + m_down[i] * m_lower[i - 1];
    }
    // From the top down: U_i = μ_i + z_{i+1} U_{i+1} / (z_{i+1} + U_{i+1}); x_{i+1} = up_{i+1} x_i.
    m_upper[n - 1] = m_mu[n - 1];
    for (std::size_t i = n - 1; i-- > 0;) {
        m_up[i + 1] = m_z[i + 1] * reciprocal(m_z[i + 1] + m_upper[i + 1]);
        m_upper[i] = m_mu[i] + m_up[i + 1] * m_upper[i + 1];
    }
}

void ChainFrf::column(std::size_t input, Complex* out) const
{
    // Driving-point dynamic stiffness: both sides of the input floor, its own mass once.
    out[input] = reciprocal(m_lower[input] + m_upper[input] - m_mu[input]);
    for (std::size_t i = input; i > 0; --i)
        out[i - 1] = m_down[i] * out[i];
    for (std::size_t i = input; i + 1 < m_n; ++i)
        out[i + 1] = m_up[i + 1] * out[i];
}

ChainFrf::Complex ChainFrf::gradient(std::size_t input, std::size_t output, Complex* grad)
{
    column(input, m_x.data());
    if (output != input)
        column(output, m_y.data());
    const std::vector<Complex>& x = m_x;
    const std::vector<Complex>& y = output == input ? m_x : m_y;
    const std::size_t n = m_n;
    const Complex jw(0.0, m_omega);
    for (std::size_t i = 0; i < n; ++i) {
        grad[i] = -m_massFactor * (y[i] * x[i]);
        // Storey i stretches by x_i - x_{i-1}: dD/dz_i = b_i b_i^T with b_i = e_i - e_{i-1}.
        const Complex dy = i > 0 ? y[i] - y[i - 1] : y[i];
        const Complex dx = i > 0 ? x[i] - x[i - 1] : x[i];
        const Complex storey = -(dy * dx);
        grad[n + i] = m_stiffFactor * storey;
        grad[2 * n + i] = jw * storey;
    }
    return x[output];
}

} // namespace dtop::uq
