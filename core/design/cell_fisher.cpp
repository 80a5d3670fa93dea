// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/cell_fisher.h"

#include <cmath>
#include <stdexcept>

namespace dtop::design {

CellScoreSums::CellScoreSums(std::size_t c, std::size_t p)
    : cells(c), parameters(p), counts(c, 0.0), sums(c * p, 0.0)
{
}

void CellScoreSums::add(const std::uint32_t* cell, std::size_t count, const double* const* scores)
{
    const std::size_t P = parameters;
    for (std::size_t i = 0; i < count; ++i) {
        counts[cell[i]] += 1.0;
        double* s = sums.data() + static_cast<std::size_t>(cell[i]) * P;
        for (std::size_t j = 0; j < P; ++j)
            s[j] += scores[j][i];
    }
}

Eigen::MatrixXd crossFittedFisher(const std::vector<CellScoreSums>& groups,
                                  const std::vector<bool>& use,
                                  const std::vector<std::uint32_t>& map, std::size_t coarseCells)
{
    if (groups.empty())
        throw std::invalid_argument("crossFittedFisher: no groups");
    const std::size_t fine = groups[0].cells;
    const std::size_t P = groups[0].parameters;
    const std::size_t C = map.empty() ? fine : coarseCells;
    const auto Ci = static_cast<Eigen::Index>(C);
    const auto Pi = static_cast<Eigen::Index>(P);

    std::vector<Eigen::MatrixXd> S;  // per used group: C × P
    std::vector<Eigen::VectorXd> n;  // per used group: C
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (!use.empty() && !use[g])
            continue;
        const CellScoreSums& src = groups[g];
        Eigen::MatrixXd s = Eigen::MatrixXd::Zero(Ci, Pi);
        Eigen::VectorXd c = Eigen::VectorXd::Zero(Ci);
        for (std::size_t f = 0; f < fine; ++f) {
            if (src.counts[f] == 0.0)
                continue;
            const auto k = static_cast<Eigen::Index>(map.empty() ? f : map[f]);
            c(k) += src.counts[f];
            for (std::size_t j = 0; j < P; ++j)
                s(k, static_cast<Eigen::Index>(j)) += src.sums[f * P + j];
        }
        S.push_back(std::move(s));
        n.push_back(std::move(c));
    }
    Eigen::MatrixXd total = Eigen::MatrixXd::Zero(Ci, Pi);
    Eigen::VectorXd count = Eigen::VectorXd::Zero(Ci);
    Eigen::VectorXd squares = Eigen::VectorXd::Zero(Ci);
    for (std::size_t g = 0; g < S.size(); ++g) {
        total += S[g];
        count += n[g];
        squares += n[g].cwiseProduct(n[g]);
    }
    const double N = count.sum();
    Eigen::VectorXd root = Eigen::VectorXd::Zero(Ci);
    if (N > 0.0)
        for (Eigen::Index c = 0; c < Ci; ++c) {
            const double den = count(c) * count(c) - squares(c);
            if (den > 0.0)
                root(c) = std::sqrt(count(c) / N / den);
        }
    Eigen::MatrixXd weighted = root.asDiagonal() * total;
    Eigen::MatrixXd F = weighted.transpose() * weighted;
    for (auto& s : S) {
        s = root.asDiagonal() * s;
        F.noalias() -= s.transpose() * s;
    }
    return 0.5 * (F + F.transpose());
}

} // namespace dtop::design
