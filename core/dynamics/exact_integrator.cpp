// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/exact_integrator.h"

#include "dynamics/foh_discretisation.h"

#include <cmath>

namespace dtop::dynamics {

namespace {
constexpr std::size_t kCancelCheckInterval = 4096;
} // namespace

Eigen::MatrixXd integrateExact(const Eigen::MatrixXd& a, const Eigen::VectorXd& b,
                               const ExcitationSignal& signal, const TimeGrid& grid,
                               const Eigen::VectorXd& z0, const Progress& progress,
                               std::size_t& steps, std::vector<double>& input) {
    const Eigen::Index n = a.rows();
    Eigen::MatrixXd states(n, static_cast<Eigen::Index>(grid.samples));
    if (grid.samples == 0)
        return states;
    states.col(0) = z0;
    input.resize(grid.samples);
    input[0] = signal.value(grid.at(0));
    const bool zoh = signal.hold() == SampleHold::ZeroOrder;
    std::vector<std::pair<std::size_t, FohDiscretisation>> cache;
    auto discretisation = [&](std::size_t sub) -> const FohDiscretisation& {
        for (const auto& [count, d] : cache)
            if (count == sub)
                return d;
        cache.emplace_back(sub, discretiseFoh(a, b, grid.stepS / static_cast<double>(sub)));
        return cache.back().second;
    };

    Eigen::VectorXd z = z0;
    Eigen::VectorXd next(n);
    steps = 0;
    std::size_t sinceCheck = 0;
    for (std::size_t k = 0; k + 1 < grid.samples; ++k) {
        const double t0 = grid.at(k);
        const double t1 = grid.at(k + 1);
        const double limit = signal.maxStep(t0, t1);
        std::size_t sub = 1;
        if (std::isfinite(limit))
            sub = static_cast<std::size_t>(std::max(1.0, std::ceil(grid.stepS / limit - 1e-9)));
        const FohDiscretisation& d = discretisation(sub);
        double ua = input[k];
        for (std::size_t i = 0; i < sub; ++i) {
            const double tb = i + 1 == sub ? t1 : t0 + static_cast<double>(i + 1) * d.stepS;
            const double ub = signal.value(tb);
            next.noalias() = d.phi * z;
            next += d.gamma0 * ua;
            if (!zoh)
                next += d.gamma1 * (ub - ua);
            z.swap(next);
            ua = ub;
        }
        states.col(static_cast<Eigen::Index>(k + 1)) = z;
        input[k + 1] = ua; // the value at t1
        steps += sub;
        sinceCheck += sub;
        if (sinceCheck >= kCancelCheckInterval) {
            progress.checkCancelled();
            sinceCheck = 0;
        }
    }
    return states;
}

} // namespace dtop::dynamics
