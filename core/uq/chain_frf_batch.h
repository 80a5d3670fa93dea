// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/chain_model.h"

#include <Eigen/Dense>

#include <cstddef>
#include <vector>

namespace dtop::uq {

// |H_d|² of every floor for many parameter sets at once (the sampled envelope and the vertex
// method evaluate one common set at every frequency). Same ladder recursion as ChainFrf, laid
// out structure-of-arrays so that the inner loops run over the parameter sets. Not thread-safe
// (it keeps its scratch arrays).
class ChainFrfBatch {
public:
    // sets: N × 3n, one parameter set per row (column j = parameter j for every set).
    ChainFrfBatch(const ChainModel& model, Eigen::MatrixXd sets);

    std::size_t size() const { return static_cast<std::size_t>(m_sets.rows()); }
    const Eigen::MatrixXd& sets() const { return m_sets; }
    // out: N × n, out(s, d) = |H_{d,input}(ω; set s)|² [(m/N)²].
    void magnitudesSquared(double omega, std::size_t input, Eigen::MatrixXd& out);

private:
    ChainModel m_model;
    Eigen::MatrixXd m_sets;
    std::vector<double> m_lr, m_li, m_ur, m_ui, m_ratio2;
};

} // namespace dtop::uq
