// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/frf_quantity.h"

namespace dtop::dynamics {

const char* frfQuantityName(FrfQuantity q)
{
    switch (q) {
    case FrfQuantity::Mobility:
        return "mobility";
    case FrfQuantity::Accelerance:
        return "accelerance";
    case FrfQuantity::Receptance:
        break;
    }
    return "receptance";
}

const char* frfQuantityUnit(FrfQuantity q)
{
    switch (q) {
    case FrfQuantity::Mobility:
        return "(m/s)/N";
    case FrfQuantity::Accelerance:
        return "(m/s²)/N";
    case FrfQuantity::Receptance:
        break;
    }
    return "m/N";
}

bool parseFrfQuantity(const std::string& text, FrfQuantity& q)
{
    for (FrfQuantity c : {FrfQuantity::Receptance, FrfQuantity::Mobility, FrfQuantity::Accelerance})
        if (text == frfQuantityName(c)) {
            q = c;
            return true;
        }
    return false;
}

} // namespace dtop::dynamics
