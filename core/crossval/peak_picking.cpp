// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/peak_picking.h"

#include "crossval/frf_interpolation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dtop::crossval {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

std::vector<Peak> findPeaks(const std::vector<double>& f, const std::vector<double>& yDb, double lo,
                            double hi, std::size_t maxPeaks, const PeakPickingOptions& options)
{
    if (f.size() != yDb.size())
        throw std::invalid_argument("peak picking: frequencies and values differ in length");
    const std::size_t begin =
        static_cast<std::size_t>(std::lower_bound(f.begin(), f.end(), lo) - f.begin());
    const std::size_t end =
        static_cast<std::size_t>(std::upper_bound(f.begin(), f.end(), hi) - f.begin());
    std::vector<Peak> peaks;
    if (end < begin + 3)
        return peaks;
    const double* y = yDb.data();
    // Local maxima of y[begin, end): a rise, a flat top (possibly one sample), a fall.
    std::vector<std::size_t> maxima;
    for (std::size_t i = begin + 1; i + 1 < end;) {
        if (y[i - 1] < y[i]) {
            std::size_t ahead = i + 1;
            while (ahead + 1 < end && y[ahead] == y[i])
                ++ahead;
            if (y[ahead] < y[i]) {
                maxima.push_back((i + ahead - 1) / 2);
                i = ahead;
                continue;
            }
        }
        ++i;
    }
    for (std::size_t p : maxima) {
        // Prominence: lowest point on each side before a strictly higher sample or the end.
        double leftMin = y[p];
        for (std::size_t i = p + 1; i-- > begin;) {
            if (y[i] > y[p])
                break;
            leftMin = std::min(leftMin, y[i]);
        }
        double rightMin = y[p];
        for (std::size_t i = p; i < end; ++i) {
            if (y[i] > y[p])
                break;
            rightMin = std::min(rightMin, y[i]);
        }
        const double prominence = y[p] - std::max(leftMin, rightMin);
        if (!(prominence >= options.minProminenceDb))
            continue;
        // Vertex of the parabola through the three samples (exact for a parabola in f on
        // any grid; the familiar ½(a − c)/(a − 2b + c) bins on a uniform one).
        const double x0 = f[p - 1] - f[p], x2 = f[p + 1] - f[p];
        const double d0 = y[p - 1] - y[p], d2 = y[p + 1] - y[p];
        const double den = x0 * d2 - x2 * d0;
        double offset = 0.0;
        double level = y[p];
        if (den != 0.0) {
            offset = 0.5 * (x0 * x0 * d2 - x2 * x2 * d0) / den;
            // y = y[p] + α·x + β·x² through (0, 0), (x0, d0), (x2, d2).
            const double beta = (d0 / x0 - d2 / x2) / (x0 - x2);
            const double alpha = d0 / x0 - beta * x0;
            level = y[p] + alpha * offset + beta * offset * offset;
        }
        Peak peak;
        peak.index = p;
        peak.frequencyHz = f[p] + offset;
        peak.levelDb = level;
        peak.prominenceDb = prominence;
        peaks.push_back(peak);
    }
    if (maxPeaks > 0 && peaks.size() > maxPeaks) {
        std::stable_sort(peaks.begin(), peaks.end(), [](const Peak& p, const Peak& q) {
            return p.prominenceDb > q.prominenceDb;
        });
        peaks.resize(maxPeaks);
        std::sort(peaks.begin(), peaks.end(),
                  [](const Peak& p, const Peak& q) { return p.index < q.index; });
    }
    return peaks;
}

double halfPowerDampingRatio(const std::vector<double>& f, const std::vector<double>& power,
                             std::size_t peakIndex, double peakFrequencyHz, double peakPower)
{
    if (peakIndex >= f.size() || f.size() != power.size() || !(peakPower > 0.0) ||
        !(peakFrequencyHz > 0.0))
        return kNaN;
    const double target = 0.5 * peakPower;
    // Walks from the peak in direction `step` until the curve drops below the target; NaN if
    // it rises first (another mode) or the data end.
    auto crossing = [&](int step) {
        std::size_t i = peakIndex;
        while (true) {
            const std::size_t next = step > 0 ? i + 1 : i - 1;
            if ((step < 0 && i == 0) || next >= f.size())
                return kNaN;
            if (power[next] > power[i] && power[i] < peakPower * 0.999)
                return kNaN;
            if (power[next] <= target) {
                const double t = (power[i] - target) / (power[i] - power[next]);
                return f[i] + t * (f[next] - f[i]);
            }
            i = next;
        }
    };
    const double f1 = crossing(-1);
    const double f2 = crossing(+1);
    if (std::isnan(f1) || std::isnan(f2))
        return kNaN;
    return (f2 - f1) / (2.0 * peakFrequencyHz);
}

std::string PeakPickingEstimator::method() const
{
    return "peak picking with parabolic interpolation (half-power damping); "
           "not a modal identification";
}

ModeEstimate PeakPickingEstimator::estimate(const io::FrfData& frf, const ModeSearch& search,
                                            Progress& progress) const
{
    ModeEstimate out;
    out.method = method();
    if (frf.channels.empty())
        return out;
    progress.checkCancelled();
    const std::vector<double> axis =
        restrictToBand(frf.channels.front().frequencyHz, search.bandLoHz, search.bandHiHz);
    out.shapesHavePhase = true;
    std::vector<std::vector<std::complex<double>>> values;
    // The common axis is the first channel's, inside every other channel's range.
    std::vector<double> grid;
    for (double x : axis) {
        bool inside = true;
        for (const auto& c : frf.channels)
            inside = inside && !c.frequencyHz.empty() && x >= c.frequencyHz.front() &&
                     x <= c.frequencyHz.back();
        if (inside)
            grid.push_back(x);
    }
    for (const auto& c : frf.channels) {
        out.floors.push_back(c.floor);
        out.shapesHavePhase = out.shapesHavePhase && c.hasPhase();
        values.push_back(grid.empty() ? std::vector<std::complex<double>>{}
                                      : channelOnGrid(c, grid));
    }
    out.shapes.resize(static_cast<Eigen::Index>(out.floors.size()), 0);
    if (grid.size() < 3)
        return out;
    std::vector<double> power(grid.size(), 0.0), powerDb(grid.size());
    for (const auto& v : values)
        for (std::size_t k = 0; k < grid.size(); ++k)
            power[k] += std::norm(v[k]);
    for (std::size_t k = 0; k < grid.size(); ++k)
        powerDb[k] =
            power[k] > 0.0 ? 10.0 * std::log10(power[k]) : -std::numeric_limits<double>::infinity();
    const std::vector<Peak> peaks =
        findPeaks(grid, powerDb, grid.front(), grid.back(), search.maxModes, m_options);
    out.shapes.resize(static_cast<Eigen::Index>(out.floors.size()),
                      static_cast<Eigen::Index>(peaks.size()));
    for (std::size_t r = 0; r < peaks.size(); ++r) {
        const Peak& p = peaks[r];
        out.frequenciesHz.push_back(p.frequencyHz);
        out.dampingRatios.push_back(halfPowerDampingRatio(grid, power, p.index, p.frequencyHz,
                                                          std::pow(10.0, p.levelDb / 10.0)));
        for (std::size_t d = 0; d < frf.channels.size(); ++d) {
            const auto& c = frf.channels[d];
            std::complex<double> h = channelOnGrid(c, {p.frequencyHz}).front();
            if (!out.shapesHavePhase)
                h = std::abs(h);
            out.shapes(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(r)) = h;
        }
    }
    normaliseShapes(out.shapes);
    return out;
}

} // namespace dtop::crossval
