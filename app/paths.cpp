// SPDX-License-Identifier: GPL-3.0-or-later
#include "paths.h"

#include <cstdlib>
#include <filesystem>

namespace dtop::app {

std::string dataDirectory()
{
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("DTOP_DATA_DIR"); env && *env)
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "dtop" / "data";
        if (fs::exists(installed / "manifest.json", ec))
            return installed.string();
    }
    return DTOP_DATA_SOURCE_DIR;
}

} // namespace dtop::app
