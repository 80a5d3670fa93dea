// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/legacy_cartesian_bounds.h"

#include "uq/chain_frf.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace dtop::uq {

std::vector<FloorBounds> legacyCartesianBounds(const ChainModel& model, const ParameterBox& box,
                                               std::size_t inputFloor,
                                               const std::vector<double>& omegas,
                                               dynamics::FrfQuantity quantity, Progress& progress)
{
    const std::size_t n = model.storeys;
    const std::size_t count = omegas.size();
    std::vector<FloorBounds> bounds(n);
    for (auto& b : bounds) {
        b.lower.assign(count, std::numeric_limits<double>::infinity());
        b.upper.assign(count, 0.0);
    }
    // numpy.linspace(0, 1, 30): i/29, the last one exactly 1.
    std::array<double, kLegacyCartesianSteps> s;
    for (std::size_t i = 0; i < kLegacyCartesianSteps; ++i)
        s[i] = static_cast<double>(i) / static_cast<double>(kLegacyCartesianSteps - 1);
    s.back() = 1.0;
    std::vector<double> p(3 * n);
    std::array<std::complex<double>, model::kMaxStoreys> x;
    for (std::size_t w = 0; w < count; ++w) {
        if (w % 16 == 0)
            progress.report(static_cast<double>(w) / static_cast<double>(count));
        const double omega = omegas[w];
        const double scale = std::abs(dynamics::fromReceptance(1.0, omega, quantity));
        for (double sm : s)
            for (double sk : s)
                for (int dampers = 0; dampers < 2; ++dampers) {
                    for (std::size_t i = 0; i < n; ++i) {
                        p[i] = box.lower[i] + sm * box.width(i);
                        p[n + i] = box.lower[n + i] + sk * box.width(n + i);
                        p[2 * n + i] = dampers ? box.upper[2 * n + i] : box.lower[2 * n + i];
                    }
                    ChainFrf(model, p.data(), omega).column(inputFloor, x.data());
                    for (std::size_t d = 0; d < n; ++d) {
                        const double v = std::abs(x[d]) * scale;
                        bounds[d].lower[w] = std::min(bounds[d].lower[w], v);
                        bounds[d].upper[w] = std::max(bounds[d].upper[w], v);
                    }
                }
    }
    return bounds;
}

} // namespace dtop::uq
