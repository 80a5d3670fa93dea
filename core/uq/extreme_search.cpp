// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/extreme_search.h"

#include <cmath>

namespace dtop::uq {

namespace {
// Local searches on log|H| stop well below any visible change: an iteration that moves |H| by
// less than 1e-9 relative, or a projected gradient below 1e-8 per box width.
const BoxOptimizerOptions kSearchOptions{200, 6, 1e-8, 1e-9, 0.05};
} // namespace

ExtremeSearch::ExtremeSearch(const ChainModel& model, const ParameterBox& box, std::size_t input)
    : m_frf(model), m_box(box), m_input(input), m_dims(box.uncertainIndices()),
      m_point(box.nominal), m_zeros(m_dims.size(), 0.0), m_ones(m_dims.size(), 1.0),
      m_grad(box.size()), m_column(model.storeys),
      m_objective([this](const double* t, double* g) { return objective(t, g); })
{
}

void ExtremeSearch::setProblem(double omega, std::size_t output, bool upper)
{
    m_omega = omega;
    m_output = output;
    m_sign = upper ? -1.0 : 1.0;
}

void ExtremeSearch::setPoint(const double* t)
{
    for (std::size_t i = 0; i < m_dims.size(); ++i) {
        const std::size_t j = m_dims[i];
        m_point[j] = t[i] >= 1.0 ? m_box.upper[j] : m_box.lower[j] + t[i] * m_box.width(j);
    }
    m_frf.evaluate(m_point.data(), m_omega);
}

double ExtremeSearch::magnitudeAt(const double* t)
{
    setPoint(t);
    m_frf.column(m_input, m_column.data());
    return std::abs(m_column[m_output]);
}

double ExtremeSearch::objective(const double* t, double* g)
{
    setPoint(t);
    const std::complex<double> h = m_frf.gradient(m_input, m_output, m_grad.data());
    const double h2 = std::norm(h);
    const std::complex<double> hInv(h.real() / h2, -h.imag() / h2);
    for (std::size_t i = 0; i < m_dims.size(); ++i)
        g[i] = m_sign * (m_grad[m_dims[i]] * hInv).real() * m_box.width(m_dims[i]);
    return m_sign * 0.5 * std::log(h2);
}

BoxOptimum ExtremeSearch::search(const std::vector<double>& start)
{
    return minimizeInBox(m_objective, start, m_zeros, m_ones, kSearchOptions);
}

double ExtremeSearch::magnitude(double objectiveValue) const
{
    return std::exp(m_sign * objectiveValue);
}

} // namespace dtop::uq
