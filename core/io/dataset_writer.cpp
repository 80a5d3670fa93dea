// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset_writer.h"

#include "io/atomic_file.h"
#include "io/csv_table.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace dtop::io {

namespace {

void writeMeta(std::ostream& out, const char* key, std::string value)
{
    if (value.empty())
        return;
    for (char& c : value) // one line per key
        if (c == '\n' || c == '\r')
            c = ' ';
    out << "# " << key << ": " << value << '\n';
}

void requireFinite(const std::vector<double>& values, const std::string& what)
{
    for (double v : values)
        if (!std::isfinite(v))
            throw std::invalid_argument("cannot write a non-finite value in " + what);
}

CsvTable frfTable(const FrfData& frf)
{
    if (frf.channels.empty())
        throw std::invalid_argument("cannot write an FRF without channels");
    CsvTable table;
    const auto& axis = frf.channels.front().frequencyHz;
    table.addColumn("frequency_hz", axis);
    for (const auto& c : frf.channels) {
        const std::string p = "floor" + std::to_string(c.floor) + "_";
        if (c.size() != axis.size() || c.magnitude.size() != c.size() ||
            (c.hasPhase() && c.values.size() != c.size()) ||
            (c.fromDecibels() && c.decibels.size() != c.size()))
            throw std::invalid_argument("cannot write FRF channels of different lengths");
        if (c.frequencyHz != axis)
            table.addColumn(p + "frequency_hz", c.frequencyHz);
        if (c.hasPhase()) {
            std::vector<double> re, im;
            for (const auto& v : c.values) {
                re.push_back(v.real());
                im.push_back(v.imag());
            }
            table.addColumn(p + "re", std::move(re));
            table.addColumn(p + "im", std::move(im));
        } else if (c.fromDecibels()) {
            table.addColumn(p + "db", c.decibels);
        } else {
            table.addColumn(p + "abs", c.magnitude);
        }
    }
    return table;
}

CsvTable timeHistoryTable(const TimeHistoryData& th)
{
    CsvTable table;
    table.addColumn("time_s", th.timeS);
    if (th.hasForce())
        table.addColumn("force_n", th.forceN);
    const char* suffix = th.response == ResponseQuantity::Displacement   ? "_displacement_m"
                         : th.response == ResponseQuantity::Acceleration ? "_acceleration_m_s2"
                                                                         : "_velocity_m_s";
    for (const auto& c : th.channels)
        table.addColumn("floor" + std::to_string(c.floor) + suffix, c.values);
    for (const auto& column : table.columns)
        if (column.size() != th.timeS.size())
            throw std::invalid_argument("cannot write time-history channels of different lengths");
    return table;
}

// One row per mode: number, frequency, damping ratio, modal mass ("nan" where the source gives
// none), then the shape at each node (nodeL, or nodeL_re and nodeL_im for complex shapes).
CsvTable modeShapeTable(const ModeShapeData& m)
{
    CsvTable table;
    std::vector<double> numbers;
    for (std::size_t r = 0; r < m.modes(); ++r)
        numbers.push_back(r < m.modeNumbers.size() ? m.modeNumbers[r] : static_cast<double>(r + 1));
    table.addColumn("mode", std::move(numbers));
    table.addColumn("frequency_hz", m.frequenciesHz);
    table.addColumn("damping_ratio", m.dampingRatios);
    table.addColumn("modal_mass", m.modalMasses);
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        std::vector<double> re, im;
        for (Eigen::Index r = 0; r < m.shapes.cols(); ++r) {
            re.push_back(m.shapes(static_cast<Eigen::Index>(i), r).real());
            im.push_back(m.shapes(static_cast<Eigen::Index>(i), r).imag());
        }
        const std::string node = "node" + std::to_string(m.nodes[i]);
        if (m.complex) {
            table.addColumn(node + "_re", std::move(re));
            table.addColumn(node + "_im", std::move(im));
        } else {
            table.addColumn(node, std::move(re));
        }
    }
    return table;
}

} // namespace

std::string formatDatasetCsv(const Dataset& dataset)
{
    const CsvTable table = dataset.isFrf()           ? frfTable(dataset.frf())
                           : dataset.isTimeHistory() ? timeHistoryTable(dataset.timeHistory())
                                                     : modeShapeTable(dataset.modeShapes());
    for (std::size_t c = 0; c < table.columns.size() && !dataset.isModeShapes(); ++c)
        requireFinite(table.columns[c], table.headers[c]);

    std::ostringstream out;
    const DatasetInfo& info = dataset.info;
    writeMeta(out, "id", info.id);
    writeMeta(out, "title", info.title);
    writeMeta(out, "rig", info.rig);
    if (dataset.isFrf())
        writeMeta(out, "quantity", frfQuantityText(info.quantity));
    if (dataset.isModeShapes()) {
        writeMeta(out, "kind", datasetKindName(info.kind));
        writeMeta(out, "direction", std::to_string(dataset.modeShapes().direction));
    }
    writeMeta(out, "units", info.units);
    if (info.excitationFloor > 0)
        writeMeta(out, "excitation_floor", std::to_string(info.excitationFloor));
    writeMeta(out, "source", info.source);
    writeMeta(out, "licence", info.licence);
    writeMeta(out, "notes", info.notes);
    if (info.suspect)
        writeMeta(out, "suspect", "true");
    table.write(out);
    return out.str();
}

bool writeDatasetCsv(const Dataset& dataset, const std::string& path, std::string& error)
{
    std::string text;
    try {
        text = formatDatasetCsv(dataset);
    } catch (const std::invalid_argument& e) {
        error = "cannot write " + path + ": " + e.what();
        return false;
    }
    return writeFileAtomically(path, text, error);
}

} // namespace dtop::io
