// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/dataset_other_files.h"

#include "cli/cli_errors.h"
#include "nonlinear/legacy_cbc.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

using nlohmann::json;

namespace dtop::cli {

namespace {

constexpr const char* kNonlinearDownload = "cristallo-nonlinear-text";

using Rows = std::vector<std::vector<double>>;

// The prototype's download: its five sections, named as in the file.
std::vector<std::pair<std::string, const Rows*>> sections(const nonlinear::LegacyRun& run)
{
    return {{"frequency_sweep_up", &run.frequencyUp},
            {"frequency_sweep_down", &run.frequencyDown},
            {"amplitude_sweep_up", &run.amplitudeUp},
            {"amplitude_sweep_down", &run.amplitudeDown},
            {"cbc", &run.cbc}};
}

nonlinear::LegacyRun readNonlinearDownload(const io::Catalogue& catalogue,
                                           const io::CatalogueFile& file)
{
    const std::string path = catalogue.pathOf(file.file);
    try {
        return nonlinear::readLegacyDownload(path);
    } catch (const std::exception& e) {
        throw FileError(path + ": " + e.what());
    }
}

} // namespace

const io::CatalogueFile* findOtherFile(const io::Catalogue& catalogue, const std::string& id)
{
    for (const auto& f : catalogue.otherFiles)
        if (f.id == id)
            return &f;
    return nullptr;
}

json otherFileJson(const io::Catalogue& catalogue, const io::CatalogueFile& file)
{
    return {{"id", file.id},
            {"title", file.title},
            {"file", catalogue.pathOf(file.file)},
            {"format", file.format},
            {"source", file.source},
            {"licence", file.licence},
            {"notes", file.notes},
            {"source_kind", "bundled"}};
}

json otherFileSummary(const io::Catalogue& catalogue, const io::CatalogueFile& file)
{
    json j = otherFileJson(catalogue, file);
    if (file.format != kNonlinearDownload)
        return j;
    const nonlinear::LegacyRun run = readNonlinearDownload(catalogue, file);
    json content = json::array();
    for (const auto& [name, rows] : sections(run))
        content.push_back({{"section", name},
                           {"rows", rows->size()},
                           {"floors", rows->empty() ? 0 : rows->front().size() - 1},
                           {"parameter", name.rfind("frequency", 0) == 0 ? "frequency_rad_s"
                                                                          : "force_n"}});
    j["sections"] = content;
    return j;
}

std::string otherFileCsv(const io::Catalogue& catalogue, const io::CatalogueFile& file)
{
    if (file.format != kNonlinearDownload)
        throw UsageError(file.id + ": no reader for the format '" + file.format + "'");
    const nonlinear::LegacyRun run = readNonlinearDownload(catalogue, file);
    std::size_t floors = 0;
    for (const auto& [name, rows] : sections(run))
        for (const auto& row : *rows)
            floors = std::max(floors, row.empty() ? std::size_t{0} : row.size() - 1);
    std::ostringstream out;
    out.precision(17);
    out << "section,parameter";
    for (std::size_t i = 1; i <= floors; ++i)
        out << ",x" << i << "_m";
    out << '\n';
    for (const auto& [name, rows] : sections(run))
        for (const auto& row : *rows) {
            out << name;
            for (double v : row)
                out << ',' << v;
            out << '\n';
        }
    return out.str();
}

} // namespace dtop::cli
