// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/response_batch.h"

#include "dynamics/tridiagonal_solver.h"

#include <cmath>
#include <complex>

namespace dtop::design {

namespace {
constexpr std::size_t kTile = 128;
// A pivot this much smaller than the entries it came from loses more than ~6 digits without
// row exchanges; such samples are re-solved with partial pivoting.
constexpr double kPivotRatio = 1e-6;
} // namespace

ResponseBatch::ResponseBatch(std::size_t storeys, double omega, ShearDefinition shear)
    : m_n(storeys), m_omega(omega), m_shear(shear)
{
    const std::size_t size = m_n * kTile;
    for (auto* v : {&m_sRe, &m_sIm, &m_dRe, &m_dIm, &m_bRe, &m_bIm, &m_xRe, &m_xIm})
        v->assign(size, 0.0);
    m_smallPivot.assign(kTile, 0);
}

void ResponseBatch::solveTile(const double* const* inputs, std::size_t offset, std::size_t count)
{
    const std::size_t n = m_n;
    const double w = m_omega;
    const double w2 = w * w;
    double* sRe = m_sRe.data();
    double* sIm = m_sIm.data();
    double* dRe = m_dRe.data();
    double* dIm = m_dIm.data();
    double* bRe = m_bRe.data();
    double* bIm = m_bIm.data();
    double* xRe = m_xRe.data();
    double* xIm = m_xIm.data();
    unsigned char* small = m_smallPivot.data();

    // Storey impedances s_j = k_j + iωc_j, diagonal d_j = s_j + s_{j+1} − ω²m_j, forces.
    for (std::size_t j = 0; j < n; ++j) {
        const double* k = inputs[n + j] + offset;
        const double* c = inputs[2 * n + j] + offset;
        double* sr = sRe + j * kTile;
        double* si = sIm + j * kTile;
        for (std::size_t t = 0; t < count; ++t) {
            sr[t] = k[t];
            si[t] = w * c[t];
        }
    }
    for (std::size_t j = 0; j < n; ++j) {
        const double* m = inputs[3 * n + j] + offset;
        const double* f = inputs[j] + offset;
        const double* sr = sRe + j * kTile;
        const double* si = sIm + j * kTile;
        double* dr = dRe + j * kTile;
        double* di = dIm + j * kTile;
        double* br = bRe + j * kTile;
        double* bi = bIm + j * kTile;
        if (j + 1 < n) {
            const double* sr1 = sRe + (j + 1) * kTile;
            const double* si1 = sIm + (j + 1) * kTile;
            for (std::size_t t = 0; t < count; ++t) {
                dr[t] = sr[t] + sr1[t] - w2 * m[t];
                di[t] = si[t] + si1[t];
            }
        } else {
            for (std::size_t t = 0; t < count; ++t) {
                dr[t] = sr[t] - w2 * m[t];
                di[t] = si[t];
            }
        }
        for (std::size_t t = 0; t < count; ++t) {
            br[t] = f[t];
            bi[t] = 0.0;
        }
    }
    for (std::size_t t = 0; t < count; ++t)
        small[t] = 0;

    // Forward elimination (row j loses its X_{j-1} term): fac = s_j / d'_{j-1},
    // d'_j = d_j − fac·s_j, b'_j = b_j + fac·b'_{j-1}.
    for (std::size_t j = 1; j < n; ++j) {
        const double* pr = dRe + (j - 1) * kTile;
        const double* pi = dIm + (j - 1) * kTile;
        const double* qr = bRe + (j - 1) * kTile;
        const double* qi = bIm + (j - 1) * kTile;
        const double* sr = sRe + j * kTile;
        const double* si = sIm + j * kTile;
        double* dr = dRe + j * kTile;
        double* di = dIm + j * kTile;
        double* br = bRe + j * kTile;
        double* bi = bIm + j * kTile;
        for (std::size_t t = 0; t < count; ++t) {
            const double den = pr[t] * pr[t] + pi[t] * pi[t];
            const double inv = 1.0 / den;
            // fac = s / p
            const double fr = (sr[t] * pr[t] + si[t] * pi[t]) * inv;
            const double fi = (si[t] * pr[t] - sr[t] * pi[t]) * inv;
            const double scale = std::abs(dr[t]) + std::abs(di[t]) + std::abs(sr[t]) + std::abs(si[t]);
            dr[t] -= fr * sr[t] - fi * si[t];
            di[t] -= fr * si[t] + fi * sr[t];
            br[t] += fr * qr[t] - fi * qi[t];
            bi[t] += fr * qi[t] + fi * qr[t];
            const double pivot = std::abs(pr[t]) + std::abs(pi[t]);
            small[t] |= static_cast<unsigned char>(pivot < kPivotRatio * scale);
        }
    }
    {
        const std::size_t j = n - 1;
        const double* dr = dRe + j * kTile;
        const double* di = dIm + j * kTile;
        const double* br = bRe + j * kTile;
        const double* bi = bIm + j * kTile;
        double* xr = xRe + j * kTile;
        double* xi = xIm + j * kTile;
        for (std::size_t t = 0; t < count; ++t) {
            const double inv = 1.0 / (dr[t] * dr[t] + di[t] * di[t]);
            xr[t] = (br[t] * dr[t] + bi[t] * di[t]) * inv;
            xi[t] = (bi[t] * dr[t] - br[t] * di[t]) * inv;
        }
    }
    // Back substitution: X_j = (b'_j + s_{j+1} X_{j+1}) / d'_j.
    for (std::size_t j = n - 1; j-- > 0;) {
        const double* dr = dRe + j * kTile;
        const double* di = dIm + j * kTile;
        const double* br = bRe + j * kTile;
        const double* bi = bIm + j * kTile;
        const double* sr = sRe + (j + 1) * kTile;
        const double* si = sIm + (j + 1) * kTile;
        const double* ur = xRe + (j + 1) * kTile;
        const double* ui = xIm + (j + 1) * kTile;
        double* xr = xRe + j * kTile;
        double* xi = xIm + j * kTile;
        for (std::size_t t = 0; t < count; ++t) {
            const double nr = br[t] + sr[t] * ur[t] - si[t] * ui[t];
            const double ni = bi[t] + sr[t] * ui[t] + si[t] * ur[t];
            const double inv = 1.0 / (dr[t] * dr[t] + di[t] * di[t]);
            xr[t] = (nr * dr[t] + ni * di[t]) * inv;
            xi[t] = (ni * dr[t] - nr * di[t]) * inv;
        }
    }
    // Re-solve the rare samples with a near-zero pivot with row exchanges.
    for (std::size_t t = 0; t < count; ++t) {
        if (!small[t])
            continue;
        std::vector<double> values(4 * n);
        for (std::size_t j = 0; j < 4 * n; ++j)
            values[j] = inputs[j][offset + t];
        std::vector<double> re(n), im(n);
        solveOne(values.data(), re.data(), im.data());
        for (std::size_t j = 0; j < n; ++j) {
            xRe[j * kTile + t] = re[j];
            xIm[j * kTile + t] = im[j];
        }
    }
}

void ResponseBatch::solveOne(const double* v, double* re, double* im)
{
    using C = std::complex<double>;
    const std::size_t n = m_n;
    std::vector<C> dl(n > 1 ? n - 1 : 0), d(n), du(n > 1 ? n - 1 : 0), b(n);
    auto storey = [&](std::size_t j) { return C(v[n + j], m_omega * v[2 * n + j]); };
    for (std::size_t j = 0; j < n; ++j) {
        d[j] = storey(j) + (j + 1 < n ? storey(j + 1) : C(0.0)) - m_omega * m_omega * v[3 * n + j];
        b[j] = v[j];
        if (j + 1 < n)
            dl[j] = du[j] = -storey(j + 1);
    }
    dynamics::solveTridiagonal(n, dl.data(), d.data(), du.data(), b.data());
    for (std::size_t j = 0; j < n; ++j) {
        re[j] = b[j].real();
        im[j] = b[j].imag();
    }
}

void ResponseBatch::evaluate(const double* const* inputs, std::size_t count,
                             const std::vector<OutputId>& outputs, double* const* out)
{
    const std::size_t n = m_n;
    for (std::size_t offset = 0; offset < count; offset += kTile) {
        const std::size_t m = std::min(kTile, count - offset);
        solveTile(inputs, offset, m);
        for (std::size_t o = 0; o < outputs.size(); ++o) {
            const std::size_t j = static_cast<std::size_t>(outputs[o].floor - 1);
            double* y = out[o] + offset;
            const double* xr = m_xRe.data() + j * kTile;
            const double* xi = m_xIm.data() + j * kTile;
            if (outputs[o].kind == OutputKind::Displacement) {
                for (std::size_t t = 0; t < m; ++t)
                    y[t] = std::sqrt(xr[t] * xr[t] + xi[t] * xi[t]);
                continue;
            }
            const double* k = inputs[n + j] + offset;
            if (m_shear == ShearDefinition::Prototype) {
                if (j == 0) {
                    for (std::size_t t = 0; t < m; ++t)
                        y[t] = k[t] * std::sqrt(xr[t] * xr[t] + xi[t] * xi[t]);
                } else {
                    const double* pr = m_xRe.data() + (j - 1) * kTile;
                    const double* pi = m_xIm.data() + (j - 1) * kTile;
                    for (std::size_t t = 0; t < m; ++t)
                        y[t] = k[t] * (std::sqrt(xr[t] * xr[t] + xi[t] * xi[t]) -
                                       std::sqrt(pr[t] * pr[t] + pi[t] * pi[t]));
                }
                continue;
            }
            const double* c = inputs[2 * n + j] + offset;
            const double w = m_omega;
            for (std::size_t t = 0; t < m; ++t) {
                double dr = xr[t];
                double di = xi[t];
                if (j > 0) {
                    dr -= m_xRe[(j - 1) * kTile + t];
                    di -= m_xIm[(j - 1) * kTile + t];
                }
                const double sr = k[t];
                const double si = w * c[t];
                y[t] = std::sqrt((sr * sr + si * si) * (dr * dr + di * di));
            }
        }
    }
}

} // namespace dtop::design
