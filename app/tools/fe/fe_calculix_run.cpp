// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/fe/fe_calculix_run.h"

#include "cli/cli_errors.h"
#include "fe/calculix_deck.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace dtop::cli {

namespace {

std::string shellQuote(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// `ccx` on PATH, or empty.
std::string findCalculix()
{
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::filesystem::path candidate =
            std::filesystem::path(dirs.substr(start, end - start)) / "ccx";
        std::error_code ec;
        if (end > start && std::filesystem::is_regular_file(candidate, ec))
            return candidate.string();
        start = end + 1;
    }
    return {};
}

} // namespace

nlohmann::json runCalculix(const std::string& deckPath, const fe::FeResult& builtIn)
{
    const std::string ccx = findCalculix();
    if (ccx.empty())
        throw UsageError("--run-ccx: ccx (CalculiX) is not installed; install it with "
                         "packaging/run.sh --with-fe-solvers (Debian package calculix-ccx)");
    const std::filesystem::path deck = std::filesystem::absolute(deckPath);
    if (deck.extension() != ".inp")
        throw UsageError("--run-ccx: CalculiX reads decks named *.inp, got '" + deckPath + "'");
    const std::filesystem::path dir = deck.parent_path();
    const std::string job = deck.stem().string();
    const std::filesystem::path log = dir / (job + ".ccx.log");
    const std::string command = "cd " + shellQuote(dir.string()) + " && " + shellQuote(ccx) +
                                " -i " + shellQuote(job) + " > " + shellQuote(log.string()) +
                                " 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream dat(dir / (job + ".dat"));
    const auto rows = dat ? fe::parseCalculixFrequencies(dat) : std::vector<fe::CalculixFrequency>{};
    if (status != 0 || rows.empty())
        throw FileError("--run-ccx: ccx " + std::string(status != 0 ? "failed" : "wrote no "
                                                                               "frequencies") +
                        " on " + deck.string() + "; see " + log.string());
    nlohmann::json frequencies = nlohmann::json::array(), reference = nlohmann::json::array(),
                   differences = nlohmann::json::array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        frequencies.push_back(rows[i].frequencyHz);
        if (i < builtIn.modes.modes.size()) {
            const double f = builtIn.modes.modes[i].frequencyHz;
            reference.push_back(f);
            differences.push_back(100.0 * (rows[i].frequencyHz - f) / f);
        }
    }
    return {{"solver", ccx},
            {"frequencies_hz", frequencies},
            {"built_in_hz", reference},
            {"differences_pct", differences},
            {"log", log.string()}};
}

} // namespace dtop::cli
