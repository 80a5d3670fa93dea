// SPDX-License-Identifier: GPL-3.0-or-later
// Monte-Carlo scenarios: reproducibility, independence, envelopes, progress and cancel.
#include "dynamics/simulate.h"
#include "model/presets.h"
#include "uq/ensemble_statistics.h"

#include <catch2/catch.hpp>

#include <pthread.h>
#include <time.h>

#include <atomic>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

using namespace dtop;
using namespace dtop::dynamics;

namespace {
double correlation(const std::vector<double>& a, const std::vector<double>& b)
{
    const double n = static_cast<double>(a.size());
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ma += a[i] / n;
        mb += b[i] / n;
    }
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

// numpy's default percentile: linear interpolation at position q·(n−1) of the sorted values.
double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto j = static_cast<std::size_t>(std::floor(pos));
    if (j + 1 >= v.size())
        return v[j];
    return v[j] + (pos - static_cast<double>(j)) * (v[j + 1] - v[j]);
}

SimulateInput scatteredInput(std::size_t scenarios)
{
    SimulateInput in;
    in.durationS = 1.0;
    in.sampleRateHz = 256.0;
    in.excitation.hammer.centreS = 0.2;
    in.scenarios = scenarios;
    in.scatter.mass.spread = 0.02;
    in.scatter.stiffness.spread = 0.05;
    in.scatter.damping.spread = 0.1;
    in.scatter.damping.kind = uq::DistributionKind::LogNormal;
    in.seed = 42;
    return in;
}
} // namespace

TEST_CASE("Ensemble statistics equal brute-force mean, sd, extremes and percentiles",
          "[simulate]")
{
    std::mt19937_64 rng(9);
    std::normal_distribution<double> normal(1.0, 2.0);
    for (std::size_t members : {1, 2, 7, 20, 37, 1000}) {
        const std::size_t points = 13;
        std::vector<std::vector<double>> data(points);
        uq::EnsembleStatistics stats(points, members);
        for (std::size_t m = 0; m < members; ++m) {
            std::vector<double> row(points);
            for (std::size_t p = 0; p < points; ++p) {
                row[p] = normal(rng) * (p + 1.0) + 1e4 * static_cast<double>(p);
                data[p].push_back(row[p]);
            }
            stats.add(row);
        }
        const uq::Envelope e = stats.envelope();
        for (std::size_t p = 0; p < points; ++p) {
            const auto& v = data[p];
            double mean = 0.0;
            for (double x : v)
                mean += x / static_cast<double>(members);
            double var = 0.0;
            for (double x : v)
                var += (x - mean) * (x - mean);
            CHECK(e.mean[p] == Approx(mean).epsilon(1e-12));
            CHECK(e.sd[p] == Approx(members > 1 ? std::sqrt(var / (members - 1.0)) : 0.0)
                                 .epsilon(1e-9)
                                 .margin(1e-12));
            CHECK(e.min[p] == *std::min_element(v.begin(), v.end()));
            CHECK(e.max[p] == *std::max_element(v.begin(), v.end()));
            CHECK(e.lower[p] == Approx(percentile(v, 0.05)).epsilon(1e-14));
            CHECK(e.upper[p] == Approx(percentile(v, 0.95)).epsilon(1e-14));
        }
    }
    uq::EnsembleStatistics one(2, 1);
    one.add(std::vector<double>{1.0, 2.0});
    CHECK_THROWS_AS(one.add(std::vector<double>{1.0, 2.0}), std::logic_error);
    CHECK_THROWS_AS(uq::EnsembleStatistics(2, 3).envelope(), std::logic_error);
}

TEST_CASE("Scenarios are reproducible from the seed and differ with another seed", "[simulate]")
{
    SimulateInput in = scatteredInput(8);
    in.excitation.kind = ExcitationKind::Random;
    in.excitation.random.newRealisationPerScenario = true;
    in.scatter.initialVelocitySdMS = 0.01;
    in.keptScenarios = 2;
    const auto a = runSimulate(in);
    const auto b = runSimulate(in);
    CHECK(a.seed == 42);
    CHECK(a.nominal.displacement == b.nominal.displacement);
    CHECK(a.timeEnvelopes[0][2].upper == b.timeEnvelopes[0][2].upper);
    CHECK(a.psdEnvelopes[2][0].mean == b.psdEnvelopes[2][0].mean);
    REQUIRE(a.keptScenarios.size() == 2);
    CHECK(a.keptScenarios[1].velocity == b.keptScenarios[1].velocity);
    // Each scenario gets its own force realisation from the master seed.
    CHECK(a.keptScenarios[0].excitation != a.keptScenarios[1].excitation);
    CHECK(a.keptScenarios[0].excitation != a.nominal.excitation);
    in.seed = 43;
    const auto c = runSimulate(in);
    CHECK(c.seed == 43);
    CHECK(c.samples[0].stiffnesses != a.samples[0].stiffnesses);
    CHECK(c.nominal.excitation != a.nominal.excitation);
}

TEST_CASE("Every parameter is sampled independently (prototype defect D4)", "[simulate]")
{
    for (auto method : {uq::SamplingMethod::MonteCarlo, uq::SamplingMethod::LatinHypercube}) {
        SimulateInput in = scatteredInput(2000);
        in.sampling = method;
        in.scatter.initialDisplacementSdM = 1e-3;
        const auto s = drawScenarios(in);
        REQUIRE(s.size() == 2000);
        std::vector<std::vector<double>> columns(12);
        for (const auto& x : s)
            for (std::size_t i = 0; i < 3; ++i) {
                columns[i].push_back(x.masses[i]);
                columns[3 + i].push_back(x.stiffnesses[i]);
                columns[6 + i].push_back(x.dampers[i]);
                columns[9 + i].push_back(x.initial.displacementM[i]);
            }
        for (std::size_t a = 0; a < columns.size(); ++a)
            for (std::size_t b = a + 1; b < columns.size(); ++b)
                CHECK(std::abs(correlation(columns[a], columns[b])) < 0.08);
        // Means and CVs as asked (k3 normal CV 5 %, c1 lognormal CV 10 %).
        double mean = 0.0, var = 0.0;
        for (double v : columns[5])
            mean += v / 2000.0;
        for (double v : columns[5])
            var += (v - mean) * (v - mean) / 1999.0;
        CHECK(mean == Approx(43295.9086).epsilon(0.005));
        CHECK(std::sqrt(var) / mean == Approx(0.05).epsilon(0.06));
        CHECK(*std::min_element(columns[6].begin(), columns[6].end()) > 0.0);
    }
}

TEST_CASE("Scenario envelopes are ordered and bracket the scenarios", "[simulate]")
{
    SimulateInput in = scatteredInput(30);
    in.keptScenarios = 30;
    const auto r = runSimulate(in);
    REQUIRE(r.scenarios == 30);
    REQUIRE(r.scenarioPeakDisplacementM.size() == 30);
    for (std::size_t q = 0; q < 3; ++q)
        for (std::size_t i = 0; i < 3; ++i) {
            const auto& e = r.timeEnvelopes[q][i];
            REQUIRE(e.mean.size() == r.grid.samples);
            for (std::size_t k = 0; k < r.grid.samples; k += 7) {
                CHECK(e.min[k] <= e.lower[k]);
                CHECK(e.lower[k] <= e.upper[k]);
                CHECK(e.upper[k] <= e.max[k]);
                CHECK(e.min[k] <= e.mean[k]);
                CHECK(e.mean[k] <= e.max[k]);
                for (const auto& s : r.keptScenarios) {
                    CHECK(s.quantity(static_cast<ResponseQuantity>(q))[i][k] >= e.min[k]);
                    CHECK(s.quantity(static_cast<ResponseQuantity>(q))[i][k] <= e.max[k]);
                }
            }
        }
    // Scatter of the structure spreads the response after the pulse.
    const auto& d3 = r.timeEnvelopes[0][2];
    CHECK(d3.max[200] - d3.min[200] > 1e-4);
    REQUIRE(r.psdEnvelopes[0].size() == 3);
    CHECK(r.psdEnvelopes[0][0].mean.size() == r.spectra.response[0][0].density.size());
}

namespace {
class CancelAfter : public Progress {
public:
    explicit CancelAfter(int reports) : m_left(reports) {}
    int reports = 0;

protected:
    void onReport(double, const std::string&) override
    {
        ++reports;
        if (--m_left == 0)
            cancel();
    }

private:
    int m_left;
};
} // namespace

TEST_CASE("Progress is reported per scenario and a cancel stops the run", "[simulate]")
{
    SimulateInput in = scatteredInput(20);
    CancelAfter progress(5);
    CHECK_THROWS_AS(runSimulate(in, progress), Cancelled);
    CHECK(progress.reports == 5);

    // A cancel from another thread takes effect within 100 ms of the worker's own CPU time,
    // even inside one long scenario. CPU time, not wall-clock time: a loaded machine delays
    // the worker but does not make it do more work before it looks at the flag (issue #16).
    SimulateInput longRun;
    longRun.excitation.kind = ExcitationKind::Sine;
    longRun.durationS = 500.0; // ~2e7 sub-steps: seconds of work
    longRun.sampleRateHz = 1024.0;
    longRun.spectra = false;
    Progress stopper;
    clockid_t workerClock{};
    REQUIRE(pthread_getcpuclockid(pthread_self(), &workerClock) == 0);
    const auto cpuSeconds = [](clockid_t clock) {
        timespec t{};
        clock_gettime(clock, &t);
        return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
    };
    const double startCpu = cpuSeconds(workerClock);
    std::atomic<double> cancelledCpu{0.0};
    std::atomic<bool> finished{false};
    std::thread canceller([&] {
        // Cancel once the worker is deep in the integration: 0.2 s of its CPU time.
        while (!finished && cpuSeconds(workerClock) - startCpu < 0.2)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        cancelledCpu = cpuSeconds(workerClock);
        stopper.cancel();
    });
    bool cancelled = false;
    try {
        runSimulate(longRun, stopper);
    } catch (const Cancelled&) {
        cancelled = true;
    }
    const double stoppedCpu = cpuSeconds(workerClock);
    finished = true;
    canceller.join();
    REQUIRE(cancelled);
    CHECK(stoppedCpu - cancelledCpu < 0.1);
}
