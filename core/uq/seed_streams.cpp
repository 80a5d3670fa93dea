// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/seed_streams.h"

namespace dtop::uq {

namespace {
std::uint64_t splitMix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
} // namespace

std::uint64_t deriveSeed(std::uint64_t master, std::uint64_t stream, std::uint64_t index) {
    return splitMix64(splitMix64(splitMix64(master) ^ stream) ^ index);
}

} // namespace dtop::uq
