// SPDX-License-Identifier: GPL-3.0-or-later
// The virtual test's integrators against independent solutions and the prototype's numbers.
#include "dynamics/frf.h"
#include "dynamics/simulate.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <numbers>
#include <random>

using namespace dtop;
using namespace dtop::dynamics;

namespace {

// Classic fixed-step RK4 on M ẍ + C ẋ + K x = b·u(t) (+ cubic storey springs), written from
// the dense matrices: shares nothing with the library's integrators but the building.
struct Rk4Reference {
    Eigen::MatrixXd m, k, c;
    Eigen::VectorXd cubic;
    Eigen::VectorXd b; // force distribution (unit force on a floor, or −M·1 for base motion)
    std::function<double(double)> u;

    Eigen::VectorXd rhs(const Eigen::VectorXd& z, double t) const
    {
        const Eigen::Index n = m.rows();
        const Eigen::VectorXd x = z.head(n);
        const Eigen::VectorXd v = z.tail(n);
        Eigen::VectorXd f = b * u(t) - k * x - c * v;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double d = x[i] - (i > 0 ? x[i - 1] : 0.0);
            const double s = cubic[i] * d * d * d;
            f[i] -= s;
            if (i > 0)
                f[i - 1] += s;
        }
        Eigen::VectorXd dz(2 * n);
        dz.head(n) = v;
        dz.tail(n) = m.llt().solve(f);
        return dz;
    }

    // States at t = k·dt, k = 0..samples-1, with `sub` RK4 steps per sample.
    std::vector<Eigen::VectorXd> run(Eigen::VectorXd z, double dt, std::size_t samples,
                                     int sub) const
    {
        std::vector<Eigen::VectorXd> out{z};
        const double h = dt / sub;
        for (std::size_t s = 1; s < samples; ++s) {
            for (int i = 0; i < sub; ++i) {
                const double t = (static_cast<double>(s - 1)) * dt + i * h;
                const Eigen::VectorXd k1 = rhs(z, t);
                const Eigen::VectorXd k2 = rhs(z + 0.5 * h * k1, t + 0.5 * h);
                const Eigen::VectorXd k3 = rhs(z + 0.5 * h * k2, t + 0.5 * h);
                const Eigen::VectorXd k4 = rhs(z + h * k3, t + h);
                z += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
            }
            out.push_back(z);
        }
        return out;
    }
};

Rk4Reference reference(const ShearBuilding& b, std::size_t floor, bool base,
                       std::function<double(double)> u)
{
    Rk4Reference r;
    r.m = b.massMatrix();
    r.k = b.stiffnessMatrix();
    r.c = b.dampingMatrix();
    r.cubic = b.cubicStiffnesses();
    const Eigen::Index n = r.m.rows();
    r.b = Eigen::VectorXd::Zero(n);
    if (base)
        r.b = -b.masses();
    else
        r.b[static_cast<Eigen::Index>(floor)] = 1.0;
    r.u = std::move(u);
    return r;
}

// max over floors of max_t |a − ref| / max_t |ref| for displacement and velocity.
double relativeError(const TimeResponse& a, const std::vector<Eigen::VectorXd>& ref)
{
    const std::size_t n = a.displacement.size();
    double worst = 0.0;
    for (std::size_t q = 0; q < 2; ++q)
        for (std::size_t i = 0; i < n; ++i) {
            const auto& sim = q == 0 ? a.displacement[i] : a.velocity[i];
            double peak = 0.0, err = 0.0;
            for (std::size_t k = 0; k < ref.size(); ++k) {
                const double r = ref[k][static_cast<Eigen::Index>(q * n + i)];
                peak = std::max(peak, std::abs(r));
                err = std::max(err, std::abs(sim[k] - r));
            }
            worst = std::max(worst, err / peak);
        }
    return worst;
}

TimeResponse simulateKind(const ShearBuilding& b, const Excitation& e, const TimeGrid& g,
                          IntegrationMethod method = IntegrationMethod::Auto)
{
    const ExcitationSignal s(e, g, 7);
    IntegrationOptions o;
    o.method = method;
    return simulateResponse(b, s, g, {}, o);
}

double rms(const std::vector<double>& x)
{
    double s = 0.0;
    for (double v : x)
        s += v * v;
    return std::sqrt(s / static_cast<double>(x.size()));
}

// Linear interpolation at t = 1 s on the prototype's grid (samples 2047 and 2048).
double atOneSecond(const TimeResponse& r, std::size_t floor)
{
    const double w = (1.0 - r.timeS[2047]) / (r.timeS[2048] - r.timeS[2047]);
    return r.displacement[floor][2047] + w * (r.displacement[floor][2048] - r.displacement[floor][2047]);
}

model::Profile lpm()
{
    return *model::preset("southampton-lpm");
}

} // namespace

TEST_CASE("Exact integrator matches an independent RK4 for hammer, random, sine and base motion",
          "[simulate]")
{
    const ShearBuilding b(lpm());
    const TimeGrid g = TimeGrid::fromDuration(2.0, 512.0);

    SECTION("hammer (Gaussian pulse, default parameters, centre moved to 0.3 s)")
    {
        Excitation e;
        e.hammer.centreS = 0.3;
        const auto r = simulateKind(b, e, g);
        const auto ref = reference(b, 0, false, [](double t) {
                             const double z = (t - 0.3) / 0.01;
                             return 300.0 * std::exp(-0.5 * z * z);
                         }).run(Eigen::VectorXd::Zero(6), g.stepS, g.samples, 64);
        CHECK(relativeError(r, ref) < 1e-6);
    }
    SECTION("random force (piecewise linear between output samples)")
    {
        Excitation e;
        e.kind = ExcitationKind::Random;
        e.floor = 2;
        const ExcitationSignal s(e, g, 7);
        const auto r = simulateResponse(b, s, g, {}, {});
        const auto ref = reference(b, 1, false, [&s](double t) { return s.value(t); })
                             .run(Eigen::VectorXd::Zero(6), g.stepS, g.samples, 16);
        CHECK(relativeError(r, ref) < 1e-6);
    }
    SECTION("sine 12 Hz on floor 3")
    {
        Excitation e;
        e.kind = ExcitationKind::Sine;
        e.floor = 3;
        const auto r = simulateKind(b, e, g);
        const auto ref = reference(b, 2, false, [](double t) {
                             return 10.0 * std::sin(2.0 * std::numbers::pi * 12.0 * t);
                         }).run(Eigen::VectorXd::Zero(6), g.stepS, g.samples, 16);
        CHECK(relativeError(r, ref) < 1e-6);
    }
    SECTION("base acceleration record at 256 Hz, output at 512 Hz")
    {
        Excitation e;
        e.kind = ExcitationKind::BaseMotion;
        std::mt19937_64 rng(3);
        std::normal_distribution<double> normal(0.0, 1.0);
        for (int i = 0; i <= 512; ++i) {
            e.baseAcceleration.timeS.push_back(i / 256.0);
            e.baseAcceleration.values.push_back(i == 0 ? 0.0 : normal(rng));
        }
        const ExcitationSignal s(e, g, 0);
        const auto r = simulateResponse(b, s, g, {}, {});
        const auto ref = reference(b, 0, true, [&s](double t) { return s.value(t); })
                             .run(Eigen::VectorXd::Zero(6), g.stepS, g.samples, 16);
        CHECK(relativeError(r, ref) < 1e-6);
        CHECK(r.relativeToGround);
        for (std::size_t k = 0; k < g.samples; k += 97)
            CHECK(r.absoluteAcceleration[2][k] ==
                  Approx(r.acceleration[2][k] + r.excitation[k]).margin(1e-12));
    }
}

TEST_CASE("The default hammer test gives the same peak at every sample rate", "[simulate]")
{
    // Prototype defect D1: LSODA stepped over the pulse at 256, 1024 and 4096 Hz (peak ~1e-10 m).
    const ShearBuilding b(lpm());
    std::vector<std::vector<double>> peaks;
    for (double fs : {256.0, 512.0, 1024.0, 2048.0, 4096.0}) {
        const TimeGrid g = TimeGrid::fromDuration(5.0, fs);
        peaks.push_back(simulateKind(b, Excitation{}, g).peakAbs(ResponseQuantity::Displacement));
    }
    for (const auto& p : peaks)
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(p[i] > 5e-3); // millimetres, not the prototype's 1e-10 m
            CHECK(p[i] == Approx(peaks.back()[i]).epsilon(0.005));
        }
    // The adaptive integrator catches the pulse too, at the coarsest rate.
    const TimeGrid coarse = TimeGrid::fromDuration(5.0, 256.0);
    const auto adaptive = simulateKind(b, Excitation{}, coarse, IntegrationMethod::Adaptive)
                              .peakAbs(ResponseQuantity::Displacement);
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(adaptive[i] == Approx(peaks.front()[i]).epsilon(1e-5));
}

TEST_CASE("Hammer on S1 reproduces the prototype's reference numbers (spec §2.5 a, b)",
          "[simulate]")
{
    // The prototype's grid t_i = i·5/10239, i.e. fs = 2047.8 Hz: 10240 samples to 5 s.
    const TimeGrid g = TimeGrid::fromDuration(5.0, 2047.8);
    REQUIRE(g.samples == 10240);
    REQUIRE(g.endS() == Approx(5.0).epsilon(1e-14));
    auto checkPeaks = [&](const model::Profile& p, const double (&peak)[3],
                          const double (&at)[3]) {
        const auto r = simulateKind(ShearBuilding(p), Excitation{}, g);
        for (std::size_t i = 0; i < 3; ++i) {
            const auto& x = r.displacement[i];
            std::size_t kMax = 0;
            for (std::size_t k = 0; k < x.size(); ++k)
                if (std::abs(x[k]) > std::abs(x[kMax]))
                    kMax = k;
            // odeint's accuracy: about 1e-5 of the peak.
            CHECK(std::abs(x[kMax]) == Approx(peak[i]).epsilon(2e-5));
            CHECK(r.timeS[kMax] == Approx(at[i]).margin(1e-6));
        }
        return r;
    };
    SECTION("(b) intended S1")
    {
        const auto r = checkPeaks(lpm(), {7.392484e-03, 8.451655e-03, 1.268665e-02},
                                  {0.852622, 0.774490, 0.542533});
        // x(1.0 s) is the prototype's np.interp between t = 0.999609337 and 1.000097666 s.
        CHECK(atOneSecond(r, 0) == Approx(1.408966e-03).margin(1.3e-7));
        CHECK(atOneSecond(r, 1) == Approx(3.374089e-03).margin(1.3e-7));
        CHECK(atOneSecond(r, 2) == Approx(6.607630e-03).margin(1.3e-7));
        CHECK(rms(r.displacement[0]) == Approx(2.607771e-03).epsilon(2e-5));
        CHECK(rms(r.displacement[1]) == Approx(3.968758e-03).epsilon(2e-5));
        CHECK(rms(r.displacement[2]) == Approx(4.844292e-03).epsilon(2e-5));
        CHECK(r.displacement[0].back() == Approx(-1.283006e-03).margin(1.3e-7));
        CHECK(r.displacement[1].back() == Approx(-2.124909e-03).margin(1.3e-7));
        CHECK(r.displacement[2].back() == Approx(-2.611852e-03).margin(1.3e-7));
    }
    SECTION("(a) S1' (k1 = k3 = 43295.9086 N/m, what the prototype's form sent)")
    {
        model::Profile p = lpm();
        p.stiffnesses = {43295.9086, 43195.1237, 43295.9086};
        const auto r = checkPeaks(p, {6.541792e-03, 7.736666e-03, 1.096333e-02},
                                  {0.512745, 0.680242, 0.541068});
        CHECK(atOneSecond(r, 0) == Approx(5.724346e-03).margin(1.2e-7));
        CHECK(atOneSecond(r, 1) == Approx(6.376030e-03).margin(1.2e-7));
        CHECK(atOneSecond(r, 2) == Approx(5.635427e-03).margin(1.2e-7));
        CHECK(r.displacement[0].back() == Approx(-1.916416e-03).margin(1.2e-7));
        CHECK(r.displacement[2].back() == Approx(-4.312748e-03).margin(1.2e-7));
        CHECK(rms(r.displacement[0]) == Approx(2.059959e-03).epsilon(2e-5));
        CHECK(rms(r.displacement[2]) == Approx(4.247154e-03).epsilon(2e-5));
    }
}

TEST_CASE("Legacy Welch settings reproduce the prototype's spectral peaks (spec §2.5 b, T5)",
          "[simulate]")
{
    const TimeGrid g = TimeGrid::fromDuration(5.0, 2047.8);
    const auto r = simulateKind(ShearBuilding(lpm()), Excitation{}, g);
    signal::WelchOptions w; // periodic Hann, 50 %, mean removed: scipy's welch defaults
    w.segmentLength = 2048; // the prototype's nperseg = Sf
    signal::Welch welch(g.sampleRateHz(), g.samples, w);
    const auto s = welch.psd(r.displacement[0], "m");
    CHECK(s.segments == 9);
    CHECK(s.unit == "m²/Hz");
    const std::pair<std::size_t, double> peaks[] = {{6, -2.7085}, {18, -3.1564}, {26, -4.1044}};
    for (const auto& [bin, value] : peaks) {
        CHECK(s.frequencyHz[bin] == Approx(bin * 2047.8 / 2048.0));
        CHECK(std::log10(std::sqrt(s.density[bin])) == Approx(value).margin(1e-3));
    }
}

TEST_CASE("A sine at steady state matches the FRF amplitude and phase", "[simulate]")
{
    model::Profile p = lpm();
    p.dampers = {80.0, 80.0, 80.0}; // a few % damping: the start transient dies within 20 s
    const ShearBuilding b(p);
    const FrfEvaluator frf(b);
    for (double f : {4.0, 12.0, 17.8}) {
        Excitation e;
        e.kind = ExcitationKind::Sine;
        e.floor = 2;
        e.sine = {5.0, f, 0.0};
        const TimeGrid g = TimeGrid::fromDuration(20.0, 512.0);
        const auto r = simulateKind(b, e, g);
        std::complex<double> h[3];
        const double omega = 2.0 * std::numbers::pi * f;
        frf.receptance(omega, 1, h);
        for (std::size_t i = 0; i < 3; ++i) {
            // Least-squares fit x = a·sin ωt + c·cos ωt over the last 2 s; F = A sin ωt gives
            // a = A·Re H and c = A·Im H.
            Eigen::MatrixXd basis(1024, 2);
            Eigen::VectorXd x(1024);
            for (Eigen::Index k = 0; k < 1024; ++k) {
                const std::size_t idx = g.samples - 1024 + static_cast<std::size_t>(k);
                basis(k, 0) = std::sin(omega * r.timeS[idx]);
                basis(k, 1) = std::cos(omega * r.timeS[idx]);
                x[k] = r.displacement[i][idx];
            }
            const Eigen::Vector2d ac = basis.colPivHouseholderQr().solve(x);
            const std::complex<double> measured(ac[0] / 5.0, ac[1] / 5.0);
            CHECK(std::abs(measured) == Approx(std::abs(h[i])).epsilon(1e-6));
            CHECK(std::arg(measured) == Approx(std::arg(h[i])).margin(1e-6));
        }
    }
}

TEST_CASE("Undamped free vibration conserves energy", "[simulate]")
{
    SECTION("linear, exact integrator")
    {
        model::Profile p = lpm();
        p.dampers = {0.0, 0.0, 0.0};
        const ShearBuilding b(p);
        Excitation e;
        e.hammer.peakN = 0.0;
        const TimeGrid g = TimeGrid::fromDuration(10.0, 1024.0);
        const ExcitationSignal s(e, g, 0);
        const auto r = simulateResponse(b, s, g, {{0.01, 0.02, 0.03}, {0.0, 0.1, 0.0}}, {});
        const Eigen::MatrixXd k = b.stiffnessMatrix();
        auto energy = [&](std::size_t t) {
            Eigen::Vector3d x(r.displacement[0][t], r.displacement[1][t], r.displacement[2][t]);
            Eigen::Vector3d v(r.velocity[0][t], r.velocity[1][t], r.velocity[2][t]);
            return 0.5 * v.dot(b.masses().cwiseProduct(v)) + 0.5 * x.dot(k * x);
        };
        const double e0 = energy(0);
        CHECK(e0 > 1.0);
        for (std::size_t t = 0; t < g.samples; t += 511)
            CHECK(energy(t) == Approx(e0).epsilon(1e-10));
    }
    SECTION("cubic springs (cbc-demo), adaptive integrator: kinetic + ½kx² + ¼kc x⁴")
    {
        model::Profile p = *model::preset("cbc-demo");
        p.dampers = {0.0, 0.0, 0.0};
        const ShearBuilding b(p);
        Excitation e;
        e.hammer.peakN = 0.0;
        const TimeGrid g = TimeGrid::fromDuration(5.0, 256.0);
        const ExcitationSignal s(e, g, 0);
        const auto r = simulateResponse(b, s, g, {{0.05, 0.0, -0.05}, {}}, {});
        CHECK(r.integrator == "dopri5");
        auto energy = [&](std::size_t t) {
            double en = 0.0;
            for (std::size_t i = 0; i < 3; ++i) {
                const double d = r.displacement[i][t] - (i ? r.displacement[i - 1][t] : 0.0);
                en += 0.5 * p.masses[i] * r.velocity[i][t] * r.velocity[i][t] +
                      0.5 * p.stiffnesses[i] * d * d + 0.25 * p.cubicStiffnesses[i] * d * d * d * d;
            }
            return en;
        };
        const double e0 = energy(0);
        for (std::size_t t = 0; t < g.samples; t += 101)
            CHECK(energy(t) == Approx(e0).epsilon(1e-6));
    }
}

TEST_CASE("Adaptive integrator on cbc-demo matches a fine fixed-step RK4", "[simulate]")
{
    const ShearBuilding b(*model::preset("cbc-demo"));
    REQUIRE(b.isNonlinear());
    Excitation e;
    e.hammer = {30.0, 0.2, 0.01};
    const TimeGrid g = TimeGrid::fromDuration(3.0, 256.0);
    const auto r = simulateKind(b, e, g);
    CHECK(r.integrator == "dopri5");
    const auto ref = reference(b, 0, false, [](double t) {
                         const double z = (t - 0.2) / 0.01;
                         return 30.0 * std::exp(-0.5 * z * z);
                     }).run(Eigen::VectorXd::Zero(6), g.stepS, g.samples, 128);
    CHECK(relativeError(r, ref) < 1e-6);
    // The cubic spring matters at this amplitude: a linear twin differs by far more.
    model::Profile linear = *model::preset("cbc-demo");
    linear.cubicStiffnesses.clear();
    const auto rl = simulateKind(ShearBuilding(linear), e, g);
    CHECK(relativeError(rl, ref) > 1e-3);
}

TEST_CASE("Exact integrator refuses a nonlinear profile", "[simulate]")
{
    const ShearBuilding b(*model::preset("cbc-demo"));
    const TimeGrid g = TimeGrid::fromDuration(1.0, 100.0);
    CHECK_THROWS_AS(simulateKind(b, Excitation{}, g, IntegrationMethod::Exact),
                    std::invalid_argument);
}
