// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "identification/measured_frf.h"
#include "identification/modal_pole.h"

#include <Eigen/Dense>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dtop::identification {

// Poly-reference least-squares complex frequency-domain estimator (LSCF / PolyMAX: Guillaume,
// Verboven, Vanlanduit, Van der Auweraer & Peeters, IMAC 2003; Peeters, Van der Auweraer,
// Guillaume & Leuridan, Shock and Vibration 11, 2004) and its stabilisation diagram
// (docs/tools/identify.md §2). With the one input of these data the right matrix-fraction
// model H = B A⁻¹ has a scalar (common) denominator.

// How a pole of one model order compares with the nearest pole of the previous order.
enum class PoleStability {
    New,              // "o": no match within the frequency tolerance
    Frequency,        // "f": frequency stable only
    FrequencyDamping, // "d": frequency and damping stable
    FrequencyVector,  // "v": frequency and shape (MAC) stable
    Stable,           // "s": frequency, damping and shape stable
};
const char* poleStabilityName(PoleStability s); // "new", "frequency", "damping", "vector", "stable"
const char* poleStabilitySymbol(PoleStability s); // "o", "f", "d", "v", "s"

inline constexpr int kMaxLscfOrder = 200;

struct LscfOptions {
    int minOrder = 2;   // polynomial orders (number of poles) of the diagram
    int maxOrder = 40;
    int orderStep = 2;
    double frequencyTolerance = 0.01; // |Δf|/f between consecutive orders
    double dampingTolerance = 0.05;   // |Δζ|/ζ
    double macTolerance = 0.02;       // 1 − MAC
    double maxDampingRatio = 0.2;     // poles with ζ ≤ 0 or above this are not physical
    // Automatic picking: a mode is a cluster of poles stable in frequency and shape found at no
    // fewer than this many orders; 0 = max(3, a quarter of the orders).
    std::size_t minStableOrders = 0;

    InputIssues validate() const;
    std::vector<int> orders() const;
};

struct DiagramPole {
    int order = 0;
    ModalPole pole;
    PoleStability stability = PoleStability::New;
    Eigen::VectorXcd shape; // residue direction per response (unit norm), for the MAC test
    double frequencyHz() const { return pole.naturalFrequencyHz(); }
    double dampingRatio() const { return pole.dampingRatio(); }
};

struct StabilisationDiagram {
    std::vector<int> orders;
    std::vector<DiagramPole> poles; // physical poles in the band, by order then frequency
    double bandLoHz = 0.0;
    double bandHiHz = 0.0;
    double samplingTimeS = 0.0; // Δt of the z-domain basis Ω = exp(−jωΔt), Δt = 1/(2 f_max)
    // Σ_o |H_o| / rms_o per line: the curve drawn behind the diagram.
    std::vector<double> frequencyHz;
    std::vector<double> indicator;
};

// One picked mode: the representative pole and where it sits in the diagram.
struct PickedPole {
    ModalPole pole;
    int order = 0;
    std::size_t diagramIndex = 0; // into StabilisationDiagram::poles
    std::size_t stableOrders = 0; // orders at which this mode was stable (0 for a manual pick)
};

// The diagram of `frf` (already cut to the band). Throws std::invalid_argument on invalid
// options or data; Cancelled when progress is cancelled.
StabilisationDiagram lscfStabilisation(const MeasuredFrf& frf, const LscfOptions& options,
                                       Progress& progress = Progress::none());

// Automatic picking: clusters of poles stable in frequency and shape (damping need not have
// settled: the global refinement re-estimates it), each present at ≥ minStableOrders orders; the
// representative is the member closest to the cluster's median frequency and damping. When
// maxModes > 0 the clusters found at the most orders are kept. Ascending frequency.
std::vector<PickedPole> pickStablePoles(const StabilisationDiagram& diagram,
                                        const LscfOptions& options, std::size_t maxModes = 0);

// Manual picking (a click on the diagram): the pole of `order` nearest to frequencyHz, nullopt
// when that order has no pole.
std::optional<PickedPole> pickPole(const StabilisationDiagram& diagram, int order,
                                   double frequencyHz);

} // namespace dtop::identification
