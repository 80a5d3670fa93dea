// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/read_error.h"

namespace dtop::io {

std::string ReadError::text() const
{
    if (line == 0)
        return file + ": " + message;
    return file + " line " + std::to_string(line) + ": " + message;
}

} // namespace dtop::io
