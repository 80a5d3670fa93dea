// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/lsfd.h"
#include "identification/eigen_index.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace dtop::identification {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Complex basis columns of the model at one line: 2 per mode (for Re R and Im R), then U, L.
void basisRow(const std::vector<ModalPole>& poles, double omega, std::complex<double> factor,
              bool upper, bool lower, std::complex<double>* out)
{
    const std::complex<double> jw(0.0, omega);
    std::size_t c = 0;
    for (const auto& p : poles) {
        const std::complex<double> a = 1.0 / (jw - p.lambda);
        const std::complex<double> b = 1.0 / (jw - std::conj(p.lambda));
        out[c++] = factor * (a + b);
        out[c++] = factor * std::complex<double>(0.0, 1.0) * (a - b);
    }
    if (upper)
        out[c++] = factor;
    if (lower)
        out[c++] = factor / (jw * jw);
}

std::size_t basisSize(std::size_t modes, const LsfdOptions& o)
{
    return 2 * modes + (o.upperResidual ? 1 : 0) + (o.lowerResidual ? 1 : 0);
}

void finish(const MeasuredFrf& frf, ModalFit& fit)
{
    const std::size_t no = frf.responses();
    fit.relativeError.assign(no, 0.0);
    fit.weightedCost = 0.0;
    for (std::size_t o = 0; o < no; ++o) {
        const auto col = frf.h.col(ix(o));
        const double ref = col.squaredNorm();
        const double err = (col - fit.synthesised.col(ix(o))).squaredNorm();
        fit.relativeError[o] = ref > 0.0 ? std::sqrt(err / ref) : 0.0;
        if (ref > 0.0)
            fit.weightedCost += err / (ref / double(frf.lines()));
    }
}

} // namespace

ModalFit lsfd(const MeasuredFrf& frf, const std::vector<ModalPole>& poles,
              const LsfdOptions& options)
{
    const std::size_t nf = frf.lines();
    const std::size_t no = frf.responses();
    const std::size_t nb = basisSize(poles.size(), options);
    if (nf * 2 < nb + 1)
        throw std::invalid_argument("LSFD: " + std::to_string(nf) +
                                    " frequency lines cannot determine " + std::to_string(nb) +
                                    " terms per response");
    Eigen::MatrixXcd basis(ix(nf), ix(nb));
    std::vector<std::complex<double>> row(nb);
    for (std::size_t k = 0; k < nf; ++k) {
        const double w = kTwoPi * frf.frequencyHz[k];
        basisRow(poles, w, receptanceFactor(frf.quantity, w), options.upperResidual,
                 options.lowerResidual, row.data());
        for (std::size_t c = 0; c < nb; ++c)
            basis(ix(k), ix(c)) = row[c];
    }
    // Real unknowns: stack real and imaginary parts; scale columns for conditioning.
    Eigen::MatrixXd a(2 * ix(nf), ix(nb));
    a.topRows(ix(nf)) = basis.real();
    a.bottomRows(ix(nf)) = basis.imag();
    Eigen::VectorXd scale = a.colwise().norm();
    for (Eigen::Index c = 0; c < scale.size(); ++c)
        scale(c) = scale(c) > 0.0 ? 1.0 / scale(c) : 1.0;
    a = a * scale.asDiagonal();
    Eigen::MatrixXd b(2 * ix(nf), ix(no));
    b.topRows(ix(nf)) = frf.h.real();
    b.bottomRows(ix(nf)) = frf.h.imag();
    const Eigen::MatrixXd x = scale.asDiagonal() * a.colPivHouseholderQr().solve(b);

    ModalFit fit;
    fit.quantity = frf.quantity;
    fit.poles = poles;
    fit.frequencyHz = frf.frequencyHz;
    fit.residues.resize(ix(no), ix(poles.size()));
    fit.upperResidual = Eigen::VectorXd::Zero(ix(no));
    fit.lowerResidual = Eigen::VectorXd::Zero(ix(no));
    for (std::size_t o = 0; o < no; ++o) {
        std::size_t c = 0;
        for (std::size_t r = 0; r < poles.size(); ++r, c += 2)
            fit.residues(ix(o), ix(r)) = {x(ix(c), ix(o)),
                                                              x(ix(c + 1), ix(o))};
        if (options.upperResidual)
            fit.upperResidual(ix(o)) = x(ix(c++), ix(o));
        if (options.lowerResidual)
            fit.lowerResidual(ix(o)) = x(ix(c++), ix(o));
    }
    fit.synthesised = basis * x.cast<std::complex<double>>();
    finish(frf, fit);
    return fit;
}

ModalFit fitResidualTerms(const MeasuredFrf& frf, const std::vector<ModalPole>& poles,
                          const Eigen::MatrixXcd& residues, const LsfdOptions& options)
{
    ModalFit fit;
    fit.quantity = frf.quantity;
    fit.poles = poles;
    fit.residues = residues;
    fit.frequencyHz = frf.frequencyHz;
    const std::size_t no = frf.responses();
    fit.upperResidual = Eigen::VectorXd::Zero(ix(no));
    fit.lowerResidual = Eigen::VectorXd::Zero(ix(no));
    // What the given modes leave over, fitted by the residual terms alone.
    Eigen::MatrixXcd modal = synthesise(fit, frf.quantity, frf.frequencyHz);
    const std::size_t nr = (options.upperResidual ? 1 : 0) + (options.lowerResidual ? 1 : 0);
    if (nr > 0 && frf.lines() > nr) {
        MeasuredFrf rest = frf;
        rest.h = frf.h - modal;
        const ModalFit terms = lsfd(rest, {}, options);
        fit.upperResidual = terms.upperResidual;
        fit.lowerResidual = terms.lowerResidual;
        modal += terms.synthesised;
    }
    fit.synthesised = modal;
    finish(frf, fit);
    return fit;
}

Eigen::MatrixXcd synthesise(const ModalFit& fit, dynamics::FrfQuantity quantity,
                            const std::vector<double>& frequencyHz)
{
    const Eigen::Index no = fit.residues.rows();
    Eigen::MatrixXcd out = Eigen::MatrixXcd::Zero(ix(frequencyHz.size()), no);
    for (std::size_t k = 0; k < frequencyHz.size(); ++k) {
        const double w = kTwoPi * frequencyHz[k];
        const std::complex<double> jw(0.0, w);
        const std::complex<double> factor = receptanceFactor(quantity, w);
        for (Eigen::Index o = 0; o < no; ++o) {
            std::complex<double> v = 0.0;
            for (std::size_t r = 0; r < fit.poles.size(); ++r) {
                const std::complex<double> res = fit.residues(o, ix(r));
                v += res / (jw - fit.poles[r].lambda) +
                     std::conj(res) / (jw - std::conj(fit.poles[r].lambda));
            }
            if (fit.upperResidual.size() == no)
                v += fit.upperResidual(o);
            if (fit.lowerResidual.size() == no)
                v += fit.lowerResidual(o) / (jw * jw);
            out(ix(k), o) = factor * v;
        }
    }
    return out;
}

} // namespace dtop::identification
