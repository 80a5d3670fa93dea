// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::crossval {

// How reference and candidate modes are matched.
enum class PairingRule {
    Mac,       // highest MAC first (needs shapes with phase on at least two DOFs)
    Frequency, // smallest |Δf|/f first (shapes without sign cannot tell modes apart)
};
const char* pairingRuleName(PairingRule rule); // "mac", "frequency"

struct ModeMatch {
    std::size_t reference = 0; // column of the reference modes
    std::size_t candidate = 0; // column of the candidate modes
};

// Greedy one-to-one pairing: repeatedly takes the best remaining (reference, candidate) entry
// (largest MAC, ties broken by frequency; or smallest relative frequency difference) until one
// side runs out. Pairs with a NaN MAC are only taken under the frequency rule. The result is
// sorted by reference mode.
std::vector<ModeMatch> pairModes(const Eigen::MatrixXd& mac, const std::vector<double>& referenceHz,
                                 const std::vector<double>& candidateHz, PairingRule rule);

} // namespace dtop::crossval
