// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/progress.h"

namespace dtop {

Progress& Progress::none()
{
    // Never cancelled and holds no data, so sharing it between threads is safe.
    static Progress silent;
    return silent;
}

} // namespace dtop
