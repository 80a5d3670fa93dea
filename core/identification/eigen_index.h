// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

namespace dtop::identification {

// An Eigen index from any integer. A function, unlike the functional cast Eigen::Index(n), so
// "Eigen::VectorXd v(ix(n));" declares a vector and never a function.
template <class T> constexpr Eigen::Index ix(T value) { return static_cast<Eigen::Index>(value); }

} // namespace dtop::identification
