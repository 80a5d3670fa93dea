// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/circle_fit.h"
#include "identification/eigen_index.h"

#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace dtop::identification {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

double wrapAngle(double a) { return std::remainder(a, kTwoPi); }

template <int Inputs> struct FunctorBase {
    using Scalar = double;
    using InputType = Eigen::VectorXd;
    using ValueType = Eigen::VectorXd;
    using JacobianType = Eigen::MatrixXd;
    enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };
    int m_values = 0;
    int inputs() const { return Inputs; }
    int values() const { return m_values; }
};

// Radial residuals |p_i − c| − mean |p − c| (points pre-scaled).
struct RadialResidual : FunctorBase<2> {
    const std::vector<std::complex<double>>* points = nullptr;
    int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& f) const
    {
        const std::complex<double> c(x(0), x(1));
        double mean = 0.0;
        for (std::size_t i = 0; i < points->size(); ++i) {
            f(ix(i)) = std::abs((*points)[i] - c);
            mean += f(ix(i));
        }
        f.array() -= mean / double(points->size());
        return 0;
    }
};

// Angle residuals of φ_k = φ0 − 2 atan((ω_k² − ω_r²)/(2ζω_rω_k)); x = (φ0, ln ω_r, ln ζ).
struct AngleResidual : FunctorBase<3> {
    const std::vector<double>* omega = nullptr;
    const std::vector<double>* phi = nullptr;
    int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& f) const
    {
        const double wr = std::exp(x(1));
        const double z = std::exp(x(2));
        for (std::size_t k = 0; k < omega->size(); ++k) {
            const double w = (*omega)[k];
            const double model = x(0) - 2.0 * std::atan((w * w - wr * wr) / (2.0 * z * wr * w));
            f(ix(k)) = wrapAngle((*phi)[k] - model);
        }
        return 0;
    }
};

bool lmConverged(Eigen::LevenbergMarquardtSpace::Status s)
{
    using namespace Eigen::LevenbergMarquardtSpace;
    return s == RelativeReductionTooSmall || s == RelativeErrorTooSmall ||
           s == RelativeErrorAndReductionTooSmall || s == CosinusTooSmall || s == FtolTooSmall ||
           s == XtolTooSmall || s == GtolTooSmall;
}

std::vector<double> indicator(const MeasuredFrf& frf, const Eigen::MatrixXcd& mobility)
{
    std::vector<double> ind(frf.lines(), 0.0);
    for (Eigen::Index o = 0; o < mobility.cols(); ++o) {
        const double ms = mobility.col(o).squaredNorm() / double(frf.lines());
        if (!(ms > 0.0))
            continue;
        const double w = 1.0 / std::sqrt(ms);
        for (std::size_t k = 0; k < frf.lines(); ++k)
            ind[k] += std::abs(mobility(ix(k), o)) * w;
    }
    return ind;
}

Eigen::MatrixXcd toMobility(const MeasuredFrf& frf)
{
    Eigen::MatrixXcd y = frf.h;
    for (std::size_t k = 0; k < frf.lines(); ++k) {
        const double w = kTwoPi * frf.frequencyHz[k];
        const std::complex<double> f =
            receptanceFactor(dynamics::FrfQuantity::Mobility, w) / receptanceFactor(frf.quantity, w);
        y.row(ix(k)) *= f;
    }
    return y;
}

} // namespace

Circle fitCircle(const std::vector<std::complex<double>>& points)
{
    Circle c;
    const std::size_t n = points.size();
    if (n < 3)
        return c;
    // Centre and scale the points so that the fit is scale-free.
    std::complex<double> mean = 0.0;
    for (const auto& p : points)
        mean += p;
    mean /= double(n);
    double scale = 0.0;
    for (const auto& p : points)
        scale += std::norm(p - mean);
    scale = std::sqrt(scale / double(n));
    if (!(scale > 0.0))
        return c;
    std::vector<std::complex<double>> q(n);
    for (std::size_t i = 0; i < n; ++i)
        q[i] = (points[i] - mean) / scale;
    // Kåsa: x² + y² + D x + E y + F = 0 in least squares.
    Eigen::MatrixXd a(ix(n), 3);
    Eigen::VectorXd b(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) {
        a(ix(i), 0) = q[i].real();
        a(ix(i), 1) = q[i].imag();
        a(ix(i), 2) = 1.0;
        b(ix(i)) = -std::norm(q[i]);
    }
    const Eigen::Vector3d def = a.colPivHouseholderQr().solve(b);
    Eigen::VectorXd x(2);
    x << -def(0) / 2.0, -def(1) / 2.0;
    if (!x.allFinite())
        x.setZero();
    RadialResidual fn;
    fn.points = &q;
    fn.m_values = int(n);
    Eigen::NumericalDiff<RadialResidual> nd(fn);
    Eigen::LevenbergMarquardt<Eigen::NumericalDiff<RadialResidual>> lm(nd);
    lm.parameters.ftol = 1e-14;
    lm.parameters.xtol = 1e-14;
    lm.parameters.maxfev = 2000;
    const auto status = lm.minimize(x);
    c.converged = lmConverged(status);
    const std::complex<double> cq(x(0), x(1));
    double r = 0.0;
    for (const auto& p : q)
        r += std::abs(p - cq);
    r /= double(n);
    double e = 0.0;
    for (const auto& p : q)
        e += (std::abs(p - cq) - r) * (std::abs(p - cq) - r);
    c.centre = mean + scale * cq;
    c.radius = scale * r;
    c.rmsRelativeError = r > 0.0 ? std::sqrt(e / double(n)) / r : 0.0;
    return c;
}

std::vector<double> findPeaks(const MeasuredFrf& frf, const CircleFitOptions& options,
                              std::size_t maxModes)
{
    const std::vector<double> ind = indicator(frf, toMobility(frf));
    const std::size_t n = ind.size();
    struct Peak {
        std::size_t k;
        double value;
    };
    std::vector<Peak> peaks;
    for (std::size_t k = 1; k + 1 < n; ++k) {
        if (!(ind[k] > ind[k - 1] && ind[k] >= ind[k + 1]))
            continue;
        // Prominence: the lowest point between this peak and a higher one (or the edge), on the
        // side where that minimum is higher.
        double leftMin = ind[k];
        for (std::size_t j = k; j-- > 0;) {
            if (ind[j] > ind[k])
                break;
            leftMin = std::min(leftMin, ind[j]);
        }
        double rightMin = ind[k];
        for (std::size_t j = k + 1; j < n; ++j) {
            if (ind[j] > ind[k])
                break;
            rightMin = std::min(rightMin, ind[j]);
        }
        const double base = std::max(leftMin, rightMin);
        if (base > 0.0 && ind[k] / base >= options.minProminence)
            peaks.push_back({k, ind[k]});
    }
    std::sort(peaks.begin(), peaks.end(), [](const Peak& a, const Peak& b) {
        return a.value > b.value;
    });
    if (!peaks.empty()) {
        const double floor = options.minRelativeHeight * peaks.front().value;
        std::erase_if(peaks, [&](const Peak& p) { return p.value < floor; });
    }
    if (maxModes > 0 && peaks.size() > maxModes)
        peaks.resize(maxModes);
    std::vector<double> f;
    for (const auto& p : peaks)
        f.push_back(frf.frequencyHz[p.k]);
    std::sort(f.begin(), f.end());
    return f;
}

CircleFitResult circleFit(const MeasuredFrf& frf, const CircleFitOptions& options,
                          std::vector<double> centresHz, std::size_t maxModes)
{
    throwIfInvalid(frf.validate(), "FRF");
    if (centresHz.empty())
        centresHz = findPeaks(frf, options, maxModes);
    std::sort(centresHz.begin(), centresHz.end());
    if (centresHz.empty())
        throw std::invalid_argument("band_hz: no resonance peak between " +
                                    formatValue(frf.frequencyHz.front()) + " and " +
                                    formatValue(frf.frequencyHz.back()) + " Hz");
    const Eigen::MatrixXcd mobility = toMobility(frf);
    const std::vector<double> ind = indicator(frf, mobility);
    const std::size_t n = frf.lines();
    const std::size_t no = frf.responses();

    CircleFitResult result;
    for (std::size_t m = 0; m < centresHz.size(); ++m) {
        // Window limits: midpoints to the neighbouring centres.
        const double loLimit = m > 0 ? 0.5 * (centresHz[m - 1] + centresHz[m]) : 0.0;
        const double hiLimit =
            m + 1 < centresHz.size() ? 0.5 * (centresHz[m] + centresHz[m + 1]) : 1e300;
        std::size_t k0 = std::size_t(
            std::lower_bound(frf.frequencyHz.begin(), frf.frequencyHz.end(), centresHz[m]) -
            frf.frequencyHz.begin());
        k0 = std::min(k0, n - 1);
        // Climb to the local maximum of the indicator.
        while (k0 + 1 < n && ind[k0 + 1] > ind[k0] && frf.frequencyHz[k0 + 1] < hiLimit)
            ++k0;
        while (k0 > 0 && ind[k0 - 1] > ind[k0] && frf.frequencyHz[k0 - 1] > loLimit)
            --k0;
        std::size_t lo = k0, hi = k0;
        const double threshold = options.windowFraction * ind[k0];
        while (lo > 0 && ind[lo - 1] >= threshold && frf.frequencyHz[lo - 1] > loLimit)
            --lo;
        while (hi + 1 < n && ind[hi + 1] >= threshold && frf.frequencyHz[hi + 1] < hiLimit)
            ++hi;
        while (hi - lo + 1 < options.minPoints && (lo > 0 || hi + 1 < n)) {
            if (lo > 0)
                --lo;
            if (hi - lo + 1 < options.minPoints && hi + 1 < n)
                ++hi;
        }
        result.peakFrequencyHz.push_back(frf.frequencyHz[k0]);
        std::vector<CircleFitMode> perResponse;
        for (std::size_t o = 0; o < no; ++o) {
            CircleFitMode cm;
            cm.response = o;
            std::vector<double> omega;
            for (std::size_t k = lo; k <= hi; ++k) {
                cm.frequencyHz.push_back(frf.frequencyHz[k]);
                omega.push_back(kTwoPi * frf.frequencyHz[k]);
                cm.mobility.push_back(mobility(ix(k), ix(o)));
            }
            cm.circle = fitCircle(cm.mobility);
            if (!(cm.circle.radius > 0.0)) {
                perResponse.push_back(std::move(cm));
                continue;
            }
            std::vector<double> phi;
            for (const auto& y : cm.mobility)
                phi.push_back(std::arg(y - cm.circle.centre));
            // Resonance diameter: first the direction away from the origin, then refined with
            // the SDOF angle law so that an offset circle (other modes) does not tilt it.
            Eigen::VectorXd x(3);
            x << std::arg(cm.circle.centre), std::log(kTwoPi * frf.frequencyHz[k0]),
                std::log(0.01);
            AngleResidual af;
            af.omega = &omega;
            af.phi = &phi;
            af.m_values = int(omega.size());
            {
                Eigen::NumericalDiff<AngleResidual> nd(af);
                Eigen::LevenbergMarquardt<Eigen::NumericalDiff<AngleResidual>> lm(nd);
                lm.parameters.maxfev = 3000;
                lm.minimize(x);
            }
            if (x.allFinite())
                cm.resonanceAngle = wrapAngle(x(0));
            else
                cm.resonanceAngle = std::arg(cm.circle.centre);
            for (double p : phi)
                cm.centreAngle.push_back(wrapAngle(cm.resonanceAngle - p));
            // Zero crossing of θ: ω tan(θ/2) is linear in ω² for a viscous mobility circle.
            const std::size_t np = omega.size();
            std::size_t cross = np;
            double bestGap = 0.0;
            for (std::size_t k = 0; k + 1 < np; ++k)
                if (cm.centreAngle[k] < 0.0 && cm.centreAngle[k + 1] >= 0.0) {
                    const double gap = std::abs(cm.centreAngle[k]) + cm.centreAngle[k + 1];
                    if (cross == np || gap < bestGap) {
                        cross = k;
                        bestGap = gap;
                    }
                }
            if (cross == np) {
                perResponse.push_back(std::move(cm));
                continue;
            }
            const double u0 = omega[cross] * std::tan(cm.centreAngle[cross] / 2.0);
            const double u1 = omega[cross + 1] * std::tan(cm.centreAngle[cross + 1] / 2.0);
            const double w0 = omega[cross] * omega[cross];
            const double w1 = omega[cross + 1] * omega[cross + 1];
            const double wr2 = w0 - u0 * (w1 - w0) / (u1 - u0);
            const double wr = std::sqrt(std::max(wr2, 0.0));
            cm.naturalFrequencyHz = wr / kTwoPi;
            // Damping over point pairs a (below) × b (above), nearest to resonance first:
            // ζ = (ω_b² − ω_a²) / (2ω_r (ω_a tan(|θ_a|/2) + ω_b tan(θ_b/2))), exact for a viscous
            // mobility circle; Ewins' η = (ω_b² − ω_a²)/(ω_r²(tan + tan)) equals 2ζ to O(ζ²).
            std::vector<double> estimates;
            for (std::size_t i = 0; i < options.pairs && i <= cross; ++i) {
                const std::size_t a = cross - i;
                for (std::size_t j = 0; j < options.pairs && cross + 1 + j < np; ++j) {
                    const std::size_t b = cross + 1 + j;
                    const double ta = std::tan(std::abs(cm.centreAngle[a]) / 2.0);
                    const double tb = std::tan(std::abs(cm.centreAngle[b]) / 2.0);
                    const double den = 2.0 * wr * (omega[a] * ta + omega[b] * tb);
                    const double zeta = (omega[b] * omega[b] - omega[a] * omega[a]) / den;
                    if (std::isfinite(zeta) && zeta > 0.0)
                        estimates.push_back(zeta);
                }
            }
            if (estimates.empty() || !(wr > 0.0)) {
                perResponse.push_back(std::move(cm));
                continue;
            }
            double mean = 0.0;
            for (double z : estimates)
                mean += z;
            mean /= double(estimates.size());
            double var = 0.0;
            for (double z : estimates)
                var += (z - mean) * (z - mean);
            cm.pairsUsed = estimates.size();
            cm.dampingRatio = mean;
            cm.lossFactor = 2.0 * mean;
            cm.dampingSpread =
                estimates.size() > 1 ? std::sqrt(var / double(estimates.size() - 1)) / mean : 0.0;
            cm.modalConstant =
                2.0 * mean * wr * (2.0 * cm.circle.radius) * std::polar(1.0, cm.resonanceAngle);
            cm.valid = true;
            perResponse.push_back(std::move(cm));
        }
        result.fits.push_back(std::move(perResponse));
    }
    // Per mode: diameter-weighted means over the responses.
    const std::size_t nm = result.fits.size();
    result.residues = Eigen::MatrixXcd::Zero(ix(no), ix(nm));
    for (std::size_t m = 0; m < nm; ++m) {
        double sw = 0.0, sf = 0.0, sz = 0.0, sq = 0.0;
        for (const auto& cm : result.fits[m]) {
            if (!cm.valid)
                continue;
            const double w = 2.0 * cm.circle.radius;
            sw += w;
            sf += w * cm.naturalFrequencyHz;
            sz += w * cm.dampingRatio;
            sq += w * cm.circle.rmsRelativeError;
        }
        if (!(sw > 0.0))
            throw std::invalid_argument("circle fit: no response gives a circle around " +
                                        formatValue(result.peakFrequencyHz[m]) + " Hz");
        const ModalPole pole = ModalPole::fromModal(sf / sw, sz / sw);
        result.poles.push_back(pole);
        result.quality.push_back(sq / sw);
        const double wd = pole.lambda.imag();
        for (const auto& cm : result.fits[m])
            if (cm.valid)
                result.residues(ix(cm.response), ix(m)) =
                    cm.modalConstant / std::complex<double>(0.0, 2.0 * wd);
    }
    return result;
}

} // namespace dtop::identification
