// SPDX-License-Identifier: GPL-3.0-or-later
// Our CSV format may carry a magnitude column beside re/im; it must agree with |re + j·im| to
// the precision of the numbers written (1e-9 relative), so a file edited by hand is caught.
#include "io/dataset_reader.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

using namespace dtop;

namespace {
std::string frfWithMagnitude(double relativeError)
{
    char line[200];
    std::snprintf(line, sizeof line, "1,3,4,%.17g\n", 5.0 * (1.0 + relativeError));
    return "# quantity: receptance\nfrequency_hz,floor1_re,floor1_im,floor1_abs\n" +
           std::string(line);
}
} // namespace

TEST_CASE("Our CSV: a magnitude that disagrees with re and im by 1e-6 is refused", "[dataset]")
{
    CHECK(io::parseDataset(frfWithMagnitude(0.0), "exact.csv").ok());
    CHECK(io::parseDataset(frfWithMagnitude(1e-12), "rounded.csv").ok());
    const auto off = io::parseDataset(frfWithMagnitude(1e-6), "off.csv");
    REQUIRE_FALSE(off.ok());
    CHECK(off.error().line == 3);
    CHECK_THAT(off.error().message, Catch::Contains("differs from |floor1_re + j·floor1_im|"));
}
