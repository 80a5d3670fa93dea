// SPDX-License-Identifier: GPL-3.0-or-later
#include "nonlinear/legacy_cbc.h"

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace dtop::nonlinear {

namespace odeint = boost::numeric::odeint;
using State = std::vector<double>;

namespace {

std::vector<double> linspace(double a, double b, int n)
{
    std::vector<double> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = n == 1 ? a : a + (b - a) * i / (n - 1);
    return v;
}

// Integrates dz = rhs(z, t) from t = 0 with z, returning the states at the grid times
// (grid[0] = 0). Tight tolerances stand in for the prototype's LSODA (rtol = atol = 1.49e-8):
// the integrator spread of its outputs is far below the compatibility tolerance.
template <class Rhs>
std::vector<State> integrateOnGrid(Rhs rhs, State& z, const std::vector<double>& grid,
                                   const Progress& progress)
{
    auto stepper = odeint::make_dense_output(1e-12, 1e-10, odeint::runge_kutta_dopri5<State>());
    stepper.initialize(z, 0.0, (grid[1] - grid[0]) * 0.5);
    std::vector<State> out;
    out.reserve(grid.size());
    out.push_back(z);
    State zs(z.size());
    std::size_t steps = 0;
    for (std::size_t k = 1; k < grid.size(); ++k) {
        while (stepper.current_time() < grid[k]) {
            stepper.do_step(rhs);
            if (++steps % 4096 == 0)
                progress.checkCancelled();
        }
        stepper.calc_state(grid[k], zs);
        out.push_back(zs);
    }
    z = out.back();
    return out;
}

// The prototype's H_k: a_h, b_h = (ω/π)·trapz(t, y·cos/sin(hωt)) over the given samples
// (n samples, n − 1 intervals). Returns [a_0..a_k, b_0..b_k].
std::vector<double> trapzHarmonics(const std::vector<double>& t, const std::vector<double>& y,
                                   int k, double omega)
{
    std::vector<double> c(static_cast<std::size_t>(2 * k + 2), 0.0);
    for (int h = 0; h <= k; ++h) {
        double a = 0.0, b = 0.0;
        for (std::size_t i = 0; i + 1 < t.size(); ++i) {
            const double dt = t[i + 1] - t[i];
            a += 0.5 * dt * (y[i] * std::cos(h * omega * t[i]) + y[i + 1] * std::cos(h * omega * t[i + 1]));
            b += 0.5 * dt * (y[i] * std::sin(h * omega * t[i]) + y[i + 1] * std::sin(h * omega * t[i + 1]));
        }
        c[static_cast<std::size_t>(h)] = omega / std::numbers::pi * a;
        c[static_cast<std::size_t>(k + 1 + h)] = h == 0 ? 0.0 : omega / std::numbers::pi * b;
    }
    return c;
}

struct Window {
    std::vector<double> t;
    std::vector<std::vector<double>> x; // per floor
};

Window window(const std::vector<double>& grid, const std::vector<State>& states, std::size_t first,
              std::size_t last, std::size_t n)
{
    Window w;
    w.x.resize(n);
    for (std::size_t k = first; k <= last; ++k) {
        w.t.push_back(grid[k]);
        for (std::size_t i = 0; i < n; ++i)
            w.x[i].push_back(states[k][i]);
    }
    return w;
}

} // namespace

LegacyRun runLegacy(const CubicChain& chain, const LegacyOptions& o, Progress& progress)
{
    const std::size_t n = chain.dofs();
    LegacyRun run;
    State ic(2 * n, 0.0); // the state shared by all three runs (prototype defect D5)

    // Open loop: force on m1 is −Φ sin ωt.
    auto openLoop = [&chain](double omega, double phi) {
        return [&chain, omega, phi](const State& z, State& dz, double t) {
            chain.derivative(z.data(), -phi * std::sin(omega * t), dz.data());
        };
    };
    const double total = (o.frequencySweep ? 399.0 : 0.0) + (o.amplitudeSweep ? 79.0 : 0.0) +
                         (o.cbc ? 101.0 : 0.0);
    double done = 0.0;
    auto tick = [&](const char* stage) { progress.report(++done / std::max(total, 1.0), stage); };

    if (o.frequencySweep) {
        const std::vector<double> omegas = linspace(o.omegaMin, o.omegaMax, 200);
        auto point = [&](double w) {
            const double period = 2.0 * std::numbers::pi / w;
            const std::vector<double> grid = linspace(0.0, o.sweepPeriods * period, 501);
            const auto states = integrateOnGrid(openLoop(w, o.sweepForceN), ic, grid, progress);
            std::vector<double> row{w};
            for (std::size_t i = 0; i < n; ++i) {
                double lo = 1e300, hi = -1e300;
                for (std::size_t k = 400; k <= 499; ++k) {
                    lo = std::min(lo, states[k][i]);
                    hi = std::max(hi, states[k][i]);
                }
                row.push_back(0.5 * (hi - lo));
            }
            return row;
        };
        for (int j = 0; j < 200; ++j) {
            run.frequencyUp.push_back(point(omegas[static_cast<std::size_t>(j)]));
            tick("legacy frequency sweep");
        }
        // The down sweep stops one point short (prototype defect D3).
        for (int j = 199; j >= 1; --j) {
            run.frequencyDown.push_back(point(omegas[static_cast<std::size_t>(j)]));
            tick("legacy frequency sweep");
        }
    }
    if (o.amplitudeSweep) {
        const std::vector<double> forces = linspace(o.forceMin, o.forceMax, 40);
        const double w = 16.0; // always, prototype defect D1
        auto point = [&](double phi) {
            const double period = 2.0 * std::numbers::pi / w;
            const int samples = 250 * o.amplitudePeriods + 1;
            const std::vector<double> grid = linspace(0.0, o.amplitudePeriods * period, samples);
            const auto states = integrateOnGrid(openLoop(w, phi), ic, grid, progress);
            const auto last = static_cast<std::size_t>(samples);
            const Window win = window(grid, states, last - 251, last - 2, n);
            std::vector<double> row{phi};
            for (std::size_t i = 0; i < n; ++i) {
                const auto c = trapzHarmonics(win.t, win.x[i], 10, w);
                row.push_back(std::hypot(c[1], c[12]));
            }
            return row;
        };
        for (int j = 0; j < 40; ++j) {
            run.amplitudeUp.push_back(point(forces[static_cast<std::size_t>(j)]));
            tick("legacy amplitude sweep");
        }
        for (int j = 39; j >= 1; --j) {
            run.amplitudeDown.push_back(point(forces[static_cast<std::size_t>(j)]));
            tick("legacy amplitude sweep");
        }
    }
    if (o.cbc) {
        constexpr int k = 5;
        const double w = o.cbcFrequencyRadS;
        const double period = 2.0 * std::numbers::pi / w;
        auto amplitudes = [&](const std::vector<double>& grid, const std::vector<State>& states,
                              std::vector<double>& coefficientsX1) {
            const std::size_t last = grid.size();
            const Window win = window(grid, states, last - 501, last - 2, n);
            std::vector<double> amps;
            for (std::size_t i = 0; i < n; ++i) {
                const auto c = trapzHarmonics(win.t, win.x[i], k, w);
                if (i == static_cast<std::size_t>(chain.forceIndex()))
                    coefficientsX1 = c;
                amps.push_back(std::hypot(c[1], c[k + 2]));
            }
            return amps;
        };
        const double fa = o.forceMin;
        const double fb = o.forceMin + (o.forceMax - o.forceMin) / 199.0;
        std::vector<double> c(2 * k + 2, 0.0);
        for (double phi : {fa, fb}) {
            const std::vector<double> grid = linspace(0.0, 100 * period, 50001);
            const auto states = integrateOnGrid(openLoop(w, phi), ic, grid, progress);
            std::vector<double> coeffs;
            const auto amps = amplitudes(grid, states, coeffs);
            std::vector<double> row{phi};
            row.insert(row.end(), amps.begin(), amps.end());
            run.cbc.push_back(row);
        }
        tick("legacy CBC");
        const std::vector<double> targets = linspace(run.cbc[1][1], o.amplitudeMax, 100);
        double aStar = 0.0, bStar = fb;
        std::vector<double> tc(2 * k + 2, 0.0); // target [a0..a5, b0..b5]; starts at zero
        const int f = chain.forceIndex();
        for (int j = 1; j <= 99; ++j) {
            tc[1] = targets[static_cast<std::size_t>(j)];
            tc[k + 2] = 0.0;
            std::vector<double> previous = tc;
            double err = 0.0;
            int count = 0;
            std::vector<double> amps;
            do {
                const std::vector<double> target = tc;
                const double as = aStar, bs = bStar;
                auto rhs = [&, target, as, bs](const State& z, State& dz, double t) {
                    double xs = target[0] / 2.0, vs = 0.0;
                    for (int h = 1; h <= k; ++h) {
                        const double ch = std::cos(h * w * t), sh = std::sin(h * w * t);
                        xs += target[static_cast<std::size_t>(h)] * ch +
                              target[static_cast<std::size_t>(k + 1 + h)] * sh;
                        vs += h * w * (target[static_cast<std::size_t>(k + 1 + h)] * ch -
                                       target[static_cast<std::size_t>(h)] * sh);
                    }
                    const double p = -(as * std::cos(w * t) + bs * std::sin(w * t)) -
                                     o.kp * (xs - z[static_cast<std::size_t>(f)]) -
                                     o.kd * (vs - z[n + static_cast<std::size_t>(f)]);
                    chain.derivative(z.data(), p, dz.data());
                };
                const std::vector<double> grid = linspace(0.0, o.cbcPeriods * period, 500 * o.cbcPeriods + 1);
                const auto states = integrateOnGrid(rhs, ic, grid, progress);
                std::vector<double> cm;
                amps = amplitudes(grid, states, cm);
                // err ignores the fundamental: ‖Δ(a2..a5, b0)‖ + ‖Δ(b2..b5)‖ + |Δa0|.
                double e1 = 0.0, e2 = 0.0;
                for (int i = 2; i <= k + 1; ++i)
                    e1 += std::pow(previous[static_cast<std::size_t>(i)] - cm[static_cast<std::size_t>(i)], 2);
                for (int i = k + 3; i <= 2 * k + 1; ++i)
                    e2 += std::pow(previous[static_cast<std::size_t>(i)] - cm[static_cast<std::size_t>(i)], 2);
                err = std::sqrt(e1) + std::sqrt(e2) + std::abs(previous[0] - cm[0]);
                const double da1 = tc[1] - cm[1];
                const double db1 = 0.0 - cm[k + 2];
                aStar += o.kp * da1 + o.kd * w * db1;
                bStar += o.kp * db1 - o.kd * w * da1;
                for (int i = 0; i <= 2 * k + 1; ++i)
                    if (i != 1 && i != k + 2 && i != k + 1)
                        tc[static_cast<std::size_t>(i)] = cm[static_cast<std::size_t>(i)];
                previous = cm;
                ++count;
            } while (err > o.cbcTolerance && count <= o.cbcMaxIterations);
            std::vector<double> row{std::hypot(aStar, bStar)};
            row.insert(row.end(), amps.begin(), amps.end());
            run.cbc.push_back(row);
            tick("legacy CBC");
        }
    }
    return run;
}

std::string pythonFloat(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    const auto epos = sci.find('e');
    std::string mant = sci.substr(0, epos);
    const int exp = std::stoi(sci.substr(epos + 1));
    bool negative = false;
    if (!mant.empty() && mant[0] == '-') {
        negative = true;
        mant.erase(0, 1);
    }
    std::string digits;
    for (char ch : mant)
        if (ch != '.')
            digits += ch;
    std::string out;
    if (exp < -4 || exp >= 16) {
        out = digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
        out += e;
    } else if (exp < 0) {
        out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    } else {
        const auto intDigits = static_cast<std::size_t>(exp + 1);
        if (digits.size() <= intDigits)
            out = digits + std::string(intDigits - digits.size(), '0') + ".0";
        else
            out = digits.substr(0, intDigits) + "." + digits.substr(intDigits);
    }
    return negative ? "-" + out : out;
}

std::string legacyDownloadText(const LegacyRun& run)
{
    std::ostringstream s;
    auto rows = [&](const std::vector<std::vector<double>>& table, bool last) {
        for (std::size_t r = 0; r < table.size(); ++r) {
            for (std::size_t c = 0; c < table[r].size(); ++c)
                s << (c ? " " : "") << pythonFloat(table[r][c]);
            if (!(last && r + 1 == table.size()))
                s << '\n';
        }
    };
    s << "//RESULTS//\n\n//#Frequency sweep//\n\n/Increasing frequency/*\n\n"
      << "f [Hz] A_x1 [m] A_x2 [m] A_x3 [m]\n";
    rows(run.frequencyUp, false);
    s << "\n/Decreasing frequency/\n\nf [Hz] A_x1 [m] A_x2 [m] A_x3 [m]\n";
    rows(run.frequencyDown, false);
    s << "\n//Amplitude sweep//\n\n/Increasing amplitude/\n\nPhi [N] A_x1 [m] A_x2 [m] A_x3 [m]\n";
    rows(run.amplitudeUp, false);
    s << "\n/Decreasing amplitude/\n\nPhi [N] A_x1 [m] A_x2 [m] A_x3 [m]\n";
    rows(run.amplitudeDown, false);
    s << "\n//Control-based continuation in amplitude//\n\nPhi [N] A_x1 [m] A_x2 [m] A_x3 [m]\n";
    rows(run.cbc, true);
    return s.str();
}

LegacyRun parseLegacyDownload(const std::string& text)
{
    LegacyRun run;
    std::vector<std::vector<double>>* section = nullptr;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find("Increasing frequency") != std::string::npos)
            section = &run.frequencyUp;
        else if (line.find("Decreasing frequency") != std::string::npos)
            section = &run.frequencyDown;
        else if (line.find("Increasing amplitude") != std::string::npos)
            section = &run.amplitudeUp;
        else if (line.find("Decreasing amplitude") != std::string::npos)
            section = &run.amplitudeDown;
        else if (line.find("Control-based") != std::string::npos)
            section = &run.cbc;
        else if (!line.empty() && (std::isdigit(static_cast<unsigned char>(line[0])) || line[0] == '-')) {
            if (!section)
                throw std::invalid_argument("line " + std::to_string(lineNo) +
                                            ": numbers before any section heading");
            std::istringstream ls(line);
            std::vector<double> row;
            std::string cell;
            while (ls >> cell) {
                double v = 0.0;
                const auto r = std::from_chars(cell.data(), cell.data() + cell.size(), v);
                if (r.ec != std::errc() || r.ptr != cell.data() + cell.size())
                    throw std::invalid_argument("line " + std::to_string(lineNo) +
                                                ": not a number: '" + cell + "'");
                row.push_back(v);
            }
            if (row.size() < 2 || (!section->empty() && row.size() != section->front().size()))
                throw std::invalid_argument("line " + std::to_string(lineNo) +
                                            ": expected a parameter and one amplitude per floor");
            section->push_back(row);
        }
    }
    if (run.frequencyUp.empty() && run.amplitudeUp.empty() && run.cbc.empty())
        throw std::invalid_argument("no result section found (not a nonlinear-tool download)");
    return run;
}

LegacyRun readLegacyDownload(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::invalid_argument("cannot open " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return parseLegacyDownload(s.str());
}

namespace {

std::size_t largestJump(const std::vector<std::vector<double>>& t, double lo, double hi)
{
    std::size_t best = 0;
    double size = -1.0;
    for (std::size_t j = 0; j + 1 < t.size(); ++j) {
        if (t[j][0] < lo || t[j][0] >= hi)
            continue;
        const double d = std::abs(t[j + 1][1] - t[j][1]);
        if (d > size) {
            size = d;
            best = j;
        }
    }
    return best;
}

std::vector<std::size_t> jumps(const LegacyRun& r)
{
    return {largestJump(r.frequencyUp, 0.0, 30.0), largestJump(r.frequencyUp, 30.0, 1e300),
            largestJump(r.frequencyDown, 0.0, 30.0), largestJump(r.frequencyDown, 30.0, 1e300),
            largestJump(r.amplitudeUp, -1e300, 1e300), largestJump(r.amplitudeDown, -1e300, 1e300)};
}

void folds(const LegacyRun& r, std::size_t& rowMax, std::size_t& rowMin)
{
    // The first local maximum of Φ along the rows (fold 1) and the next local minimum (fold 2).
    rowMax = rowMin = 0;
    const auto& c = r.cbc;
    std::size_t j = 0;
    while (j + 1 < c.size() && c[j + 1][0] >= c[j][0])
        ++j;
    rowMax = j;
    while (j + 1 < c.size() && c[j + 1][0] <= c[j][0])
        ++j;
    rowMin = j;
}

} // namespace

LegacyComparison compareLegacy(const LegacyRun& run, const LegacyRun& reference)
{
    LegacyComparison c;
    const std::vector<const std::vector<std::vector<double>>*> a = {
        &run.frequencyUp, &run.frequencyDown, &run.amplitudeUp, &run.amplitudeDown, &run.cbc};
    const std::vector<const std::vector<std::vector<double>>*> b = {
        &reference.frequencyUp, &reference.frequencyDown, &reference.amplitudeUp,
        &reference.amplitudeDown, &reference.cbc};
    c.rowCountsMatch = true;
    for (std::size_t s = 0; s < a.size(); ++s) {
        if (a[s]->size() != b[s]->size())
            c.rowCountsMatch = false;
        const std::size_t rows = std::min(a[s]->size(), b[s]->size());
        for (std::size_t r = 0; r < rows; ++r) {
            const auto& x = (*a[s])[r];
            const auto& y = (*b[s])[r];
            for (std::size_t col = 0; col < std::min(x.size(), y.size()); ++col) {
                const double d = std::abs(x[col] - y[col]);
                if (col > 0)
                    c.maxAmplitudeDifferenceM = std::max(c.maxAmplitudeDifferenceM, d);
                else if (s == 4)
                    c.maxForceDifferenceN = std::max(c.maxForceDifferenceN, d);
            }
        }
    }
    c.jumpIndices = jumps(run);
    c.referenceJumpIndices = jumps(reference);
    folds(run, c.foldRowMax, c.foldRowMin);
    folds(reference, c.referenceFoldRowMax, c.referenceFoldRowMin);
    return c;
}

} // namespace dtop::nonlinear
