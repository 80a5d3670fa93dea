// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal/min_max_decimation.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

using dtop::signal::minMaxDecimate;

namespace {

std::vector<double> noise(std::size_t n, std::uint64_t seed)
{
    std::vector<double> v(n);
    for (auto& x : v) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        x = static_cast<double>(seed >> 11) / 4503599627370496.0 - 1.0;
    }
    return v;
}

std::vector<double> ramp(std::size_t n, double a, double b)
{
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1);
    return v;
}

// Independent check: bins every point by brute force and verifies that, for each pixel
// column, the kept points contain the column's first, last, lowest and highest point.
void checkColumns(const std::vector<double>& x, const std::vector<double>& y,
                  const std::vector<std::size_t>& kept, double x0, double x1, std::size_t columns)
{
    REQUIRE(std::is_sorted(kept.begin(), kept.end()));
    REQUIRE(std::adjacent_find(kept.begin(), kept.end()) == kept.end());
    const std::set<std::size_t> keptSet(kept.begin(), kept.end());
    struct Column {
        std::size_t first = SIZE_MAX, last = 0;
        double lo = HUGE_VAL, hi = -HUGE_VAL;
    };
    std::vector<Column> cols(columns);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] < x0 || x[i] > x1)
            continue;
        auto c = static_cast<std::size_t>(std::floor((x[i] - x0) / (x1 - x0) * columns));
        c = std::min(c, columns - 1);
        cols[c].first = std::min(cols[c].first, i);
        cols[c].last = std::max(cols[c].last, i);
        cols[c].lo = std::min(cols[c].lo, y[i]);
        cols[c].hi = std::max(cols[c].hi, y[i]);
    }
    for (const Column& c : cols) {
        if (c.first == SIZE_MAX)
            continue;
        CHECK(keptSet.count(c.first) == 1);
        CHECK(keptSet.count(c.last) == 1);
        bool hasLo = false, hasHi = false;
        for (std::size_t i = c.first; i <= c.last; ++i) {
            if (keptSet.count(i)) {
                hasLo = hasLo || y[i] == c.lo;
                hasHi = hasHi || y[i] == c.hi;
            }
        }
        CHECK(hasLo);
        CHECK(hasHi);
    }
}

} // namespace

TEST_CASE("min/max decimation keeps every column's extremes", "[decimation]")
{
    const std::size_t n = 200'000;
    const auto x = ramp(n, 0.0, 10.0);
    auto y = noise(n, 11);
    y[123'457] = 50.0;  // a one-sample spike must survive
    y[150'001] = -50.0; // and a one-sample dip
    const std::size_t columns = 700;

    SECTION("whole range")
    {
        const auto kept = minMaxDecimate(x, y, 0.0, 10.0, columns);
        CHECK(kept.size() <= 4 * columns + 2);
        CHECK(kept.front() == 0);
        CHECK(kept.back() == n - 1);
        checkColumns(x, y, kept, 0.0, 10.0, columns);
        CHECK(std::find(kept.begin(), kept.end(), 123'457u) != kept.end());
        CHECK(std::find(kept.begin(), kept.end(), 150'001u) != kept.end());
    }
    SECTION("zoomed range keeps one neighbour outside each end")
    {
        const auto kept = minMaxDecimate(x, y, 3.0, 4.0, columns);
        CHECK(kept.size() <= 4 * columns + 2);
        CHECK(x[kept.front()] < 3.0);
        CHECK(x[kept[1]] >= 3.0);
        CHECK(x[kept.back()] > 4.0);
        CHECK(x[kept[kept.size() - 2]] <= 4.0);
        checkColumns(x, y, kept, 3.0, 4.0, columns);
    }
}

TEST_CASE("min/max decimation leaves short series whole", "[decimation]")
{
    const auto x = ramp(100, 0.0, 1.0);
    const auto y = noise(100, 5);
    const auto kept = minMaxDecimate(x, y, 0.0, 1.0, 500);
    REQUIRE(kept.size() == 100);
    for (std::size_t i = 0; i < kept.size(); ++i)
        CHECK(kept[i] == i);
    CHECK(minMaxDecimate(std::vector<double>{}, std::vector<double>{}, 0.0, 1.0, 10).empty());
    // Entirely outside the range: only the nearest neighbour remains.
    const auto left = minMaxDecimate(x, y, 2.0, 3.0, 10);
    REQUIRE(left.size() == 1);
    CHECK(left[0] == 99);
}

TEST_CASE("min/max decimation of a band keeps the extremes of both bounds", "[decimation]")
{
    const std::size_t n = 50'000;
    const auto x = ramp(n, -1.0, 1.0);
    const auto lower = noise(n, 1);
    const auto upper = noise(n, 2);
    const std::span<const double> ys[] = {lower, upper};
    const auto kept = minMaxDecimate(x, std::span<const std::span<const double>>(ys), -1.0, 1.0, 100);
    CHECK(kept.size() <= 6 * 100 + 2);
    checkColumns(x, lower, kept, -1.0, 1.0, 100);
    checkColumns(x, upper, kept, -1.0, 1.0, 100);
    CHECK_THROWS_AS(minMaxDecimate(x, std::vector<double>(3), -1.0, 1.0, 10),
                    std::invalid_argument);
}
