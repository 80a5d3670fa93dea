// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dtop::fe {

// Exact conversions of the prototype's inch–slinch–second–lbf units to SI (docs/tools/fe.md §1).
// The international inch and pound are defined exactly (1959 agreement): 1 in = 0.0254 m,
// 1 lb = 0.45359237 kg, and standard gravity g_n = 9.80665 m/s² (3rd CGPM, 1901), so
// 1 lbf = 4.4482216152605 N exactly.
inline constexpr double kMetresPerInch = 0.0254;
inline constexpr double kNewtonsPerPoundForce = 0.45359237 * 9.80665;
// 1 psi = 1 lbf/in² = 6894.757293168361 Pa.
inline constexpr double kPascalsPerPsi = kNewtonsPerPoundForce / (kMetresPerInch * kMetresPerInch);
// 1 slinch = 1 lbf·s²/in = 175.1268352465 kg.
inline constexpr double kKilogramsPerSlinch = kNewtonsPerPoundForce / kMetresPerInch;
// 1 slinch/in³ = 10 686 895.2 kg/m³.
inline constexpr double kKgPerM3PerSlinchPerIn3 =
    kKilogramsPerSlinch / (kMetresPerInch * kMetresPerInch * kMetresPerInch);

constexpr double inches(double valueIn) {
    return valueIn * kMetresPerInch;
}
constexpr double toInches(double valueM) {
    return valueM / kMetresPerInch;
}
constexpr double psi(double valuePsi) {
    return valuePsi * kPascalsPerPsi;
}
constexpr double slinchPerCubicInch(double value) {
    return value * kKgPerM3PerSlinchPerIn3;
}

} // namespace dtop::fe
