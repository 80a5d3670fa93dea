// SPDX-License-Identifier: GPL-3.0-or-later
// Damped modal quantities against the single-degree-of-freedom closed form: natural frequency
// |λ|/2π = ωn/2π, damped frequency Im λ/2π = ωn·sqrt(1 − ζ²)/2π, ratio −Re λ/|λ| = ζ.
#include "dynamics/modal_analysis.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace dtop;

TEST_CASE("Damped frequency is Im(lambda) and natural frequency |lambda| for heavy damping",
          "[modal]")
{
    for (double zeta : {0.05, 0.3, 0.7}) {
        const double m = 2.0, k = 8000.0;
        const double wn = std::sqrt(k / m);
        model::Profile p;
        p.masses = {m};
        p.stiffnesses = {k};
        p.dampers = {2.0 * zeta * wn * m};
        const dynamics::ModalResult r = dynamics::runModal({p});
        REQUIRE(r.damped.dampedFrequenciesHz.size() == 1);
        const double twoPi = 2.0 * std::numbers::pi;
        CHECK(r.damped.naturalFrequenciesHz[0] == Approx(wn / twoPi).epsilon(1e-12));
        CHECK(r.damped.dampedFrequenciesHz[0] ==
              Approx(wn * std::sqrt(1.0 - zeta * zeta) / twoPi).epsilon(1e-12));
        CHECK(r.damped.dampingRatios[0] == Approx(zeta).epsilon(1e-12));
    }
}
