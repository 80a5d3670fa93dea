// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/mode_pairing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace dtop::crossval {

const char* pairingRuleName(PairingRule rule)
{
    return rule == PairingRule::Mac ? "mac" : "frequency";
}

std::vector<ModeMatch> pairModes(const Eigen::MatrixXd& mac, const std::vector<double>& referenceHz,
                                 const std::vector<double>& candidateHz, PairingRule rule)
{
    const std::size_t nr = referenceHz.size();
    const std::size_t nc = candidateHz.size();
    if (static_cast<std::size_t>(mac.rows()) != nr || static_cast<std::size_t>(mac.cols()) != nc)
        throw std::invalid_argument("mode pairing: MAC matrix size does not match the modes");
    struct Entry {
        double primary;   // sorted ascending
        double secondary; // ties
        std::size_t r, c;
    };
    std::vector<Entry> entries;
    for (std::size_t r = 0; r < nr; ++r) {
        for (std::size_t c = 0; c < nc; ++c) {
            const double df = std::abs(candidateHz[c] - referenceHz[r]) / std::abs(referenceHz[r]);
            const double m = mac(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
            if (rule == PairingRule::Mac) {
                if (std::isnan(m))
                    continue;
                entries.push_back({-m, df, r, c});
            } else {
                entries.push_back({std::isnan(df) ? HUGE_VAL : df, std::isnan(m) ? 0.0 : -m, r, c});
            }
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.primary, a.secondary, a.r, a.c) <
               std::tie(b.primary, b.secondary, b.r, b.c);
    });
    std::vector<bool> usedR(nr, false), usedC(nc, false);
    std::vector<ModeMatch> out;
    for (const Entry& e : entries) {
        if (usedR[e.r] || usedC[e.c])
            continue;
        usedR[e.r] = usedC[e.c] = true;
        out.push_back({e.r, e.c});
    }
    std::sort(out.begin(), out.end(),
              [](const ModeMatch& a, const ModeMatch& b) { return a.reference < b.reference; });
    return out;
}

} // namespace dtop::crossval
