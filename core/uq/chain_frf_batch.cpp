// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/chain_frf_batch.h"

namespace dtop::uq {

namespace {
// One rung of the ladder: X ← μ + z X/(z + X), and |z/(z + X)|², the displacement ratio across
// the storey, into ratio2.
inline void ladderStep(double zr, double zi, double mur, double mui, double& xr, double& xi,
                       double& ratio2)
{
    const double sr = zr + xr;
    const double si = zi + xi;
    const double inv = 1.0 / (sr * sr + si * si);
    const double dr = (zr * sr + zi * si) * inv;
    const double di = (zi * sr - zr * si) * inv;
    ratio2 = dr * dr + di * di;
    const double nr = dr * xr - di * xi;
    const double ni = dr * xi + di * xr;
    xr = nr + mur;
    xi = ni + mui;
}
} // namespace

ChainFrfBatch::ChainFrfBatch(const ChainModel& model, Eigen::MatrixXd sets)
    : m_model(model), m_sets(std::move(sets))
{
    const std::size_t count = size();
    m_lr.resize(count);
    m_li.resize(count);
    m_ur.resize(count);
    m_ui.resize(count);
    m_ratio2.resize(count * model.storeys);
}

void ChainFrfBatch::magnitudesSquared(double omega, std::size_t input, Eigen::MatrixXd& out)
{
    const std::size_t n = m_model.storeys;
    const std::size_t count = size();
    out.resize(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(n));
    const double w2 = omega * omega;
    const double muIm = omega * m_model.rayleighAlpha; // Im μ_i / m_i
    const double zkIm = omega * m_model.rayleighBeta;  // Im z_i / k_i
    auto col = [&](std::size_t j) { return m_sets.col(static_cast<Eigen::Index>(j)).data(); };
    double* lr = m_lr.data();
    double* li = m_li.data();
    double* ur = m_ur.data();
    double* ui = m_ui.data();

    // Ground up to the input floor: L_i = μ_i + z_i L_{i-1}/(z_i + L_{i-1}), |x_{i-1}/x_i|² kept.
    {
        const double* m = col(0);
        const double* k = col(n);
        const double* c = col(2 * n);
        for (std::size_t s = 0; s < count; ++s) {
            lr[s] = k[s] - w2 * m[s];
            li[s] = zkIm * k[s] + omega * c[s] + muIm * m[s];
        }
    }
    for (std::size_t i = 1; i <= input; ++i) {
        const double* m = col(i);
        const double* k = col(n + i);
        const double* c = col(2 * n + i);
        double* r2 = m_ratio2.data() + i * count;
        for (std::size_t s = 0; s < count; ++s)
            ladderStep(k[s], zkIm * k[s] + omega * c[s], -w2 * m[s], muIm * m[s], lr[s], li[s], r2[s]);
    }
    // Top down to the input floor: U_i = μ_i + z_{i+1} U_{i+1}/(z_{i+1} + U_{i+1}).
    {
        const double* m = col(n - 1);
        for (std::size_t s = 0; s < count; ++s) {
            ur[s] = -w2 * m[s];
            ui[s] = muIm * m[s];
        }
    }
    for (std::size_t i = n - 1; i-- > input;) {
        const double* m = col(i);
        const double* k = col(n + i + 1);
        const double* c = col(2 * n + i + 1);
        double* r2 = m_ratio2.data() + (i + 1) * count;
        for (std::size_t s = 0; s < count; ++s)
            ladderStep(k[s], zkIm * k[s] + omega * c[s], -w2 * m[s], muIm * m[s], ur[s], ui[s], r2[s]);
    }
    // x_input = 1/(L + U - μ); the other floors follow by the stored ratios.
    {
        const double* m = col(input);
        double* x2 = out.col(static_cast<Eigen::Index>(input)).data();
        for (std::size_t s = 0; s < count; ++s) {
            const double gr = lr[s] + ur[s] + w2 * m[s];
            const double gi = li[s] + ui[s] - muIm * m[s];
            x2[s] = 1.0 / (gr * gr + gi * gi);
        }
    }
    for (std::size_t i = input; i > 0; --i) {
        const double* from = out.col(static_cast<Eigen::Index>(i)).data();
        double* to = out.col(static_cast<Eigen::Index>(i - 1)).data();
        const double* r2 = m_ratio2.data() + i * count;
        for (std::size_t s = 0; s < count; ++s)
            to[s] = r2[s] * from[s];
    }
    for (std::size_t i = input; i + 1 < n; ++i) {
        const double* from = out.col(static_cast<Eigen::Index>(i)).data();
        double* to = out.col(static_cast<Eigen::Index>(i + 1)).data();
        const double* r2 = m_ratio2.data() + (i + 1) * count;
        for (std::size_t s = 0; s < count; ++s)
            to[s] = r2[s] * from[s];
    }
}

} // namespace dtop::uq
