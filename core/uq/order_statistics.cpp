// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/order_statistics.h"

#include <algorithm>
#include <bit>
#include <cstdint>

namespace dtop::uq {

namespace {
constexpr int kBucketBits = 11;
} // namespace

void orderStatistics(double* values, std::size_t count, const std::vector<std::size_t>& ranks,
                     double* out, double minValue, double maxValue)
{
    if (ranks.empty())
        return;
    if (count < 512 || !(minValue >= 0.0) || !(maxValue < 1e308) || minValue == maxValue) {
        for (std::size_t r = 0; r < ranks.size(); ++r) {
            std::nth_element(values, values + ranks[r], values + count);
            out[r] = values[ranks[r]];
        }
        return;
    }
    const std::uint64_t base = std::bit_cast<std::uint64_t>(minValue);
    const std::uint64_t range = std::bit_cast<std::uint64_t>(maxValue) - base;
    const int width = std::bit_width(range);
    const int shift = std::max(0, width - kBucketBits);
    const std::size_t buckets = static_cast<std::size_t>(range >> shift) + 1;
    std::vector<std::uint32_t> histogram(buckets, 0);
    std::vector<std::uint32_t> index(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto b = static_cast<std::uint32_t>((std::bit_cast<std::uint64_t>(values[i]) - base) >> shift);
        index[i] = b;
        ++histogram[b];
    }
    // For every requested rank: its bucket and the number of values in earlier buckets.
    std::vector<std::size_t> order(ranks.size());
    for (std::size_t r = 0; r < ranks.size(); ++r)
        order[r] = r;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
    std::vector<std::uint32_t> bucketOf(ranks.size());
    std::vector<std::size_t> before(ranks.size());
    std::size_t cumulative = 0;
    std::uint32_t b = 0;
    for (std::size_t r : order) {
        while (cumulative + histogram[b] <= ranks[r])
            cumulative += histogram[b++];
        bucketOf[r] = b;
        before[r] = cumulative;
    }
    // Collect the values of the target buckets (few: the histogram is about logarithmic).
    std::vector<std::int32_t> slot(buckets, -1);
    std::vector<std::vector<double>> held;
    for (std::size_t r = 0; r < ranks.size(); ++r)
        if (slot[bucketOf[r]] < 0) {
            slot[bucketOf[r]] = static_cast<std::int32_t>(held.size());
            held.emplace_back();
            held.back().reserve(histogram[bucketOf[r]]);
        }
    for (std::size_t i = 0; i < count; ++i) {
        const std::int32_t s = slot[index[i]];
        if (s >= 0)
            held[static_cast<std::size_t>(s)].push_back(values[i]);
    }
    for (std::size_t r = 0; r < ranks.size(); ++r) {
        auto& v = held[static_cast<std::size_t>(slot[bucketOf[r]])];
        const std::size_t k = ranks[r] - before[r];
        std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
        out[r] = v[k];
    }
}

void percentileRanks(double q, std::size_t count, std::size_t& below, std::size_t& above,
                     double& fraction)
{
    const double pos = std::clamp(q, 0.0, 100.0) / 100.0 * static_cast<double>(count - 1);
    below = std::min(static_cast<std::size_t>(pos), count - 1);
    above = std::min(below + 1, count - 1);
    fraction = pos - static_cast<double>(below);
}

} // namespace dtop::uq
