// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/uq_frequency_grid.h"

#include "dynamics/frequency_grid.h"
#include "uq/chain_frf.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

namespace dtop::uq {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
// Bands get this relative margin beyond the extreme natural frequencies (the damped peak of a
// floor's |H| sits within a few ζ of |λ|).
constexpr double kBandMargin = 0.005;
// ζ below this is treated as this when choosing the step (an undamped corner would ask for an
// infinite number of points).
constexpr double kMinStepDamping = 1e-5;
constexpr std::size_t kMaxBandPoints = 40'000;

Eigen::MatrixXd chainMatrix(const double* storey, std::size_t n)
{
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n),
                                              static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        a(r, r) += storey[i];
        if (i > 0) {
            a(r - 1, r - 1) += storey[i];
            a(r - 1, r) -= storey[i];
            a(r, r - 1) -= storey[i];
        }
    }
    return a;
}

double nominalMagnitude(const ChainModel& model, const std::vector<double>& p, double fHz,
                        std::size_t input, std::size_t output)
{
    std::array<std::complex<double>, model::kMaxStoreys> x;
    ChainFrf(model, p.data(), kTwoPi * fHz).column(input, x.data());
    return std::abs(x[output]);
}

// Local maximum of the nominal |H_out| near fGuess: scan ±6ζ, then golden-section refine.
double peakNear(const ChainModel& model, const std::vector<double>& p, double fGuess, double zeta,
                std::size_t input, std::size_t output)
{
    const double span = std::max(6.0 * zeta, 1e-4) * fGuess;
    constexpr int kScan = 96;
    double best = fGuess;
    double bestValue = -1.0;
    const double step = 2.0 * span / kScan;
    for (int i = 0; i <= kScan; ++i) {
        const double f = fGuess - span + step * i;
        if (f <= 0.0)
            continue;
        const double v = nominalMagnitude(model, p, f, input, output);
        if (v > bestValue) {
            bestValue = v;
            best = f;
        }
    }
    double a = std::max(best - step, 1e-12);
    double b = best + step;
    const double g = 0.5 * (std::sqrt(5.0) - 1.0);
    double c = b - g * (b - a);
    double d = a + g * (b - a);
    double fc = nominalMagnitude(model, p, c, input, output);
    double fd = nominalMagnitude(model, p, d, input, output);
    for (int it = 0; it < 80 && (b - a) > 1e-13 * b; ++it) {
        if (fc > fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = nominalMagnitude(model, p, c, input, output);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = nominalMagnitude(model, p, d, input, output);
        }
    }
    return 0.5 * (a + b);
}
} // namespace

const char* uqGridModeName(UqGridMode mode)
{
    switch (mode) {
    case UqGridMode::Linear:
        return "linear";
    case UqGridMode::Explicit:
        return "explicit";
    case UqGridMode::Adaptive:
        break;
    }
    return "adaptive";
}

std::vector<ChainMode> chainModes(const ChainModel& model, const double* p)
{
    const std::size_t n = model.storeys;
    const auto ni = static_cast<Eigen::Index>(n);
    const Eigen::MatrixXd k = chainMatrix(p + n, n);
    Eigen::MatrixXd c = chainMatrix(p + 2 * n, n) + model.rayleighBeta * k;
    for (Eigen::Index i = 0; i < ni; ++i)
        c(i, i) += model.rayleighAlpha * p[i];
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(2 * ni, 2 * ni);
    a.topRightCorner(ni, ni).setIdentity();
    for (Eigen::Index i = 0; i < ni; ++i) {
        a.row(ni + i).head(ni) = -k.row(i) / p[i];
        a.row(ni + i).tail(ni) = -c.row(i) / p[i];
    }
    const Eigen::VectorXcd lambda = Eigen::EigenSolver<Eigen::MatrixXd>(a, false).eigenvalues();
    std::vector<ChainMode> modes;
    for (Eigen::Index i = 0; i < lambda.size(); ++i)
        if (lambda[i].imag() >= 0.0) {
            const double w = std::abs(lambda[i]);
            modes.push_back({w, w > 0.0 ? -lambda[i].real() / w : 1.0});
        }
    std::sort(modes.begin(), modes.end(),
              [](const ChainMode& x, const ChainMode& y) { return x.omega < y.omega; });
    modes.resize(std::min(modes.size(), n));
    return modes;
}

UqGrid buildUqGrid(const ChainModel& model, const ParameterBox& box, std::size_t inputFloor,
                   const UqGridSpec& spec, const Eigen::MatrixXd& corners)
{
    UqGrid grid;
    std::ostringstream text;
    if (spec.mode == UqGridMode::Explicit) {
        grid.frequencyHz = spec.frequenciesHz;
        text << "explicit: " << grid.frequencyHz.size() << " given frequencies";
        grid.description = text.str();
        return grid;
    }
    if (spec.mode == UqGridMode::Linear) {
        grid.frequencyHz = dynamics::linearGrid(spec.fminHz, spec.fmaxHz, spec.points);
        text << "linear: " << spec.points << " points from " << spec.fminHz << " to "
             << spec.fmaxHz << " Hz";
        grid.description = text.str();
        return grid;
    }

    const std::size_t n = model.storeys;
    std::vector<double> points = dynamics::linearGrid(spec.fminHz, spec.fmaxHz, spec.points);

    // Natural frequencies are monotone in every k (up) and every m (down) (Courant–Fischer), so
    // the undamped extremes over the box sit at these two corners; the damped |λ_r| and ζ_r
    // are taken over the supplied corners and the nominal point.
    std::vector<double> soft = box.lower;
    std::vector<double> stiff = box.upper;
    for (std::size_t i = 0; i < n; ++i) {
        soft[i] = box.upper[i];
        stiff[i] = box.lower[i];
    }
    std::vector<double> lo(n, INFINITY), hi(n, 0.0), zetaMin(n, INFINITY);
    auto include = [&](const double* p) {
        const auto modes = chainModes(model, p);
        for (std::size_t r = 0; r < modes.size(); ++r) {
            lo[r] = std::min(lo[r], modes[r].omega);
            hi[r] = std::max(hi[r], modes[r].omega);
            zetaMin[r] = std::min(zetaMin[r], modes[r].dampingRatio);
        }
    };
    include(box.nominal.data());
    include(soft.data());
    include(stiff.data());
    std::vector<double> row(box.size());
    for (Eigen::Index v = 0; v < corners.rows(); ++v) {
        for (std::size_t i = 0; i < box.size(); ++i)
            row[i] = corners(v, static_cast<Eigen::Index>(i));
        include(row.data());
    }

    const auto nominalModes = chainModes(model, box.nominal.data());
    for (std::size_t r = 0; r < n; ++r) {
        if (!(hi[r] > 0.0))
            continue;
        ResonanceBand band;
        band.mode = static_cast<int>(r + 1);
        band.minDampingRatio = zetaMin[r];
        const double zeta = std::max(zetaMin[r], kMinStepDamping);
        band.maxStepRatio = 0.5 * zeta;
        band.loHz = std::max(lo[r] / kTwoPi * (1.0 - kBandMargin - 2.0 * zeta), spec.fminHz);
        band.hiHz = std::min(hi[r] / kTwoPi * (1.0 + kBandMargin + 2.0 * zeta), spec.fmaxHz);
        if (!(band.hiHz > band.loHz))
            continue;
        const double ratio = 1.0 + band.maxStepRatio;
        const double needed = std::ceil(std::log(band.hiHz / band.loHz) / std::log1p(band.maxStepRatio));
        const std::size_t count = static_cast<std::size_t>(std::min(needed, double(kMaxBandPoints)));
        const double actualRatio =
            count > 0 ? std::pow(band.hiHz / band.loHz, 1.0 / double(count)) : ratio;
        band.maxStepRatio = actualRatio - 1.0;
        double f = band.loHz;
        for (std::size_t i = 0; i <= count; ++i, f *= actualRatio)
            points.push_back(std::min(f, band.hiHz));
        band.points = count + 1;
        grid.bands.push_back(band);
        // The nominal peak of every floor near this mode, evaluated at its maximum.
        if (r < nominalModes.size()) {
            const double fr = nominalModes[r].omega / kTwoPi;
            for (std::size_t d = 0; d < n; ++d) {
                const double fp = peakNear(model, box.nominal, fr,
                                           std::max(nominalModes[r].dampingRatio, kMinStepDamping),
                                           inputFloor, d);
                if (fp >= spec.fminHz && fp <= spec.fmaxHz) {
                    grid.peakFrequencyHz.push_back(fp);
                    points.push_back(fp);
                }
            }
        }
    }
    std::sort(points.begin(), points.end());
    // Drop near-duplicates (closer than 1e-12 relative), keeping the inserted peaks exact.
    std::vector<double> merged;
    for (double f : points)
        if (merged.empty() || f - merged.back() > 1e-12 * std::max(f, 1e-300))
            merged.push_back(f);
        else if (std::find(grid.peakFrequencyHz.begin(), grid.peakFrequencyHz.end(), f) !=
                 grid.peakFrequencyHz.end())
            merged.back() = f;
    if (merged.size() > kMaxUqGridPoints)
        merged.resize(kMaxUqGridPoints);
    grid.frequencyHz = std::move(merged);
    std::sort(grid.peakFrequencyHz.begin(), grid.peakFrequencyHz.end());

    text << "adaptive: " << grid.frequencyHz.size() << " points from " << spec.fminHz << " to "
         << spec.fmaxHz << " Hz (" << spec.points << " evenly spaced";
    for (const auto& b : grid.bands)
        text << "; mode " << b.mode << " band " << b.loHz << "-" << b.hiHz << " Hz at step <= "
             << b.maxStepRatio * 100.0 << " % of f (zeta_min " << b.minDampingRatio << ")";
    text << "; " << grid.peakFrequencyHz.size() << " nominal peaks)";
    grid.description = text.str();
    return grid;
}

} // namespace dtop::uq
