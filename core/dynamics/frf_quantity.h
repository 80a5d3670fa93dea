// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <complex>
#include <string>

namespace dtop::dynamics {

// Which FRF: every FRF that travels through the program carries this explicitly.
enum class FrfQuantity {
    Receptance,  // displacement / force [m/N]
    Mobility,    // velocity / force [(m/s)/N]
    Accelerance, // acceleration / force [(m/s²)/N]
};

const char* frfQuantityName(FrfQuantity q); // "receptance", ...
const char* frfQuantityUnit(FrfQuantity q); // "m/N", "(m/s)/N", "(m/s²)/N"
bool parseFrfQuantity(const std::string& text, FrfQuantity& q);

// Converts a receptance at angular frequency omega [rad/s]: mobility = jω·H, accelerance = −ω²·H.
inline std::complex<double> fromReceptance(std::complex<double> receptance, double omega,
                                           FrfQuantity q)
{
    switch (q) {
    case FrfQuantity::Mobility:
        return {-omega * receptance.imag(), omega * receptance.real()};
    case FrfQuantity::Accelerance:
        return -omega * omega * receptance;
    case FrfQuantity::Receptance:
        break;
    }
    return receptance;
}

} // namespace dtop::dynamics
