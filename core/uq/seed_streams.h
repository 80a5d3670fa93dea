// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace dtop::uq {

// Independent sub-seeds from one master seed: stream `stream` (what is random: parameters,
// force realisation, ...) and `index` (which scenario). SplitMix64 finalisers (Steele, Lea &
// Flood 2014) decorrelate neighbouring inputs, so seeds 1 and 2 give unrelated streams.
std::uint64_t deriveSeed(std::uint64_t master, std::uint64_t stream, std::uint64_t index = 0);

} // namespace dtop::uq
