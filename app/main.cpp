// SPDX-License-Identifier: GPL-3.0-or-later
// dtop: with no command opens the window; `dtop <command> [options]` runs headless.
#include "cli/dispatcher.h"
#include "gui/gui_main.h"

#include <iostream>

#include <unistd.h>

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto invocation = dtop::cli::dispatch(args, std::cout, std::cerr, isatty(STDOUT_FILENO) != 0);
    if (invocation.exitCode)
        return *invocation.exitCode;
    return dtop::gui::runGui(argc, argv);
}
