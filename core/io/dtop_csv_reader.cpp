// SPDX-License-Identifier: GPL-3.0-or-later
// DTOP's own dataset CSV (data/README.md): optional "# key: value" lines, one header line of
// column names with units, then ','-separated numbers.
//   FRF:          frequency_hz, then per floor N: floorN_re + floorN_im (complex, optionally
//                 floorN_abs, checked), or floorN_abs (linear magnitude), or floorN_db
//                 (20·log10|H|); floorN_frequency_hz gives floor N its own axis.
//   time history: time_s, optional force_n, floorN_velocity_m_s | floorN_displacement_m |
//                 floorN_acceleration_m_s2 (one quantity for all floors).
#include "io/dataset_format_readers.h"

#include "io/number_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

namespace dtop::io::detail {

namespace {

constexpr int kMaxFloor = 1000;

void readMetadata(std::string_view comment, std::size_t line, DatasetInfo& info)
{
    comment = trim(comment.substr(1)); // drop '#'
    const std::size_t colon = comment.find(':');
    if (colon == std::string_view::npos)
        return; // a plain comment
    const std::string key(trim(comment.substr(0, colon)));
    const std::string value(trim(comment.substr(colon + 1)));
    if (key == "id")
        info.id = value;
    else if (key == "title")
        info.title = value;
    else if (key == "rig")
        info.rig = value;
    else if (key == "units")
        info.units = value;
    else if (key == "source")
        info.source = value;
    else if (key == "licence")
        info.licence = value;
    else if (key == "notes")
        info.notes = value;
    else if (key == "quantity") {
        if (!parseFrfQuantityText(value, info.quantity))
            fail(line, "quantity " + quoted(value) +
                           " is not receptance, mobility, accelerance or unknown");
    } else if (key == "excitation_floor") {
        int floor = -1;
        const auto r = std::from_chars(value.data(), value.data() + value.size(), floor);
        if (r.ec != std::errc() || r.ptr != value.data() + value.size() || floor < 0 ||
            floor > kMaxFloor)
            fail(line, "excitation_floor must be a whole number from 0 (unknown) to " +
                           std::to_string(kMaxFloor) + ", found " + quoted(value));
        info.excitationFloor = floor;
    } else if (key == "suspect") {
        if (value != "true" && value != "false")
            fail(line, "suspect must be true or false, found " + quoted(value));
        info.suspect = value == "true";
    }
    // Other keys are kept for later versions of the format and ignored here.
}

// "floor12_re" → 12 and "re"; false if the name is not floor<N>_<suffix>.
bool splitFloorColumn(std::string_view name, int& floor, std::string_view& suffix)
{
    if (name.substr(0, 5) != "floor")
        return false;
    const char* begin = name.data() + 5;
    const char* end = name.data() + name.size();
    const auto r = std::from_chars(begin, end, floor);
    if (r.ec != std::errc() || r.ptr == end || *r.ptr != '_' || floor < 1 || floor > kMaxFloor)
        return false;
    suffix = std::string_view(r.ptr + 1, static_cast<std::size_t>(end - r.ptr - 1));
    return true;
}

const char* kFrfColumns = "frequency_hz, floorN_re, floorN_im, floorN_abs, floorN_db or "
                          "floorN_frequency_hz";
const char* kTimeColumns = "time_s, force_n, floorN_velocity_m_s, floorN_displacement_m or "
                           "floorN_acceleration_m_s2";

struct FloorColumns {
    int floor = 0;
    std::map<std::string, std::size_t> bySuffix; // "re" → column index (0-based)
};

Dataset buildFrf(const std::vector<std::string>& names, std::size_t headerLine, TextLines& lines,
                 const ReadOptions& options)
{
    std::vector<FloorColumns> floors;
    for (std::size_t c = 1; c < names.size(); ++c) {
        int floor = 0;
        std::string_view suffix;
        if (!splitFloorColumn(names[c], floor, suffix) ||
            (suffix != "re" && suffix != "im" && suffix != "abs" && suffix != "db" &&
             suffix != "frequency_hz"))
            fail(headerLine, "unknown column " + quoted(names[c]) + " in column " +
                                 std::to_string(c + 1) + "; expected " + kFrfColumns);
        auto it = std::find_if(floors.begin(), floors.end(),
                               [floor](const FloorColumns& f) { return f.floor == floor; });
        if (it == floors.end())
            it = floors.insert(floors.end(), FloorColumns{floor, {}});
        it->bySuffix.emplace(std::string(suffix), c);
    }
    if (floors.empty())
        fail(headerLine, std::string("no floor columns after frequency_hz; expected ") + kFrfColumns);
    for (const auto& f : floors) {
        const auto has = [&f](const char* s) { return f.bySuffix.count(s) > 0; };
        const bool complex = has("re") && has("im") && !has("db");
        const bool abs = has("abs") && !has("re") && !has("im") && !has("db");
        const bool db = has("db") && f.bySuffix.size() == 1 + (has("frequency_hz") ? 1u : 0u);
        if (!complex && !abs && !db) {
            const std::string p = "floor" + std::to_string(f.floor) + "_";
            fail(headerLine, "floor " + std::to_string(f.floor) + " needs " + p + "re and " + p +
                                 "im (optionally " + p + "abs), or " + p + "abs alone, or " + p +
                                 "db alone");
        }
    }

    NumberRows rows = readNumberRows(lines, names.size(), ',', options);
    checkFrequencyAxis(rows.columns[0], rows.lines, "frequency");
    FrfData frf;
    for (const auto& f : floors) {
        const auto col = [&f](const char* s) { return f.bySuffix.at(s); };
        const std::string p = "floor" + std::to_string(f.floor) + "_";
        std::size_t axis = 0;
        if (f.bySuffix.count("frequency_hz")) {
            axis = col("frequency_hz");
            checkFrequencyAxis(rows.columns[axis], rows.lines, p + "frequency_hz");
        }
        if (f.bySuffix.count("db")) {
            frf.channels.push_back(decibelChannel(f.floor, rows.columns[axis],
                                                  rows.columns[col("db")], rows.lines,
                                                  col("db") + 1));
            continue;
        }
        FrfChannel channel;
        channel.floor = f.floor;
        channel.frequencyHz = rows.columns[axis];
        if (f.bySuffix.count("re")) {
            const auto& re = rows.columns[col("re")];
            const auto& im = rows.columns[col("im")];
            for (std::size_t i = 0; i < re.size(); ++i) {
                channel.values.emplace_back(re[i], im[i]);
                channel.magnitude.push_back(std::abs(channel.values.back()));
            }
        }
        if (f.bySuffix.count("abs")) {
            const auto& given = rows.columns[col("abs")];
            for (std::size_t i = 0; i < given.size(); ++i) {
                if (given[i] < 0.0)
                    fail(rows.lines[i], p + "abs " + formatNumber(given[i]) +
                                            " is negative, expected a magnitude >= 0");
                if (channel.hasPhase() &&
                    std::abs(given[i] - channel.magnitude[i]) > 1e-9 * channel.magnitude[i])
                    fail(rows.lines[i], p + "abs " + formatNumber(given[i]) + " differs from |" +
                                            p + "re + j·" + p + "im| = " +
                                            formatNumber(channel.magnitude[i]));
            }
            if (!channel.hasPhase())
                channel.magnitude = given;
        }
        frf.channels.push_back(std::move(channel));
    }
    Dataset dataset;
    dataset.data = std::move(frf);
    return dataset;
}

bool responseSuffix(std::string_view suffix, ResponseQuantity& q)
{
    if (suffix == "velocity_m_s")
        q = ResponseQuantity::Velocity;
    else if (suffix == "displacement_m")
        q = ResponseQuantity::Displacement;
    else if (suffix == "acceleration_m_s2")
        q = ResponseQuantity::Acceleration;
    else
        return false;
    return true;
}

Dataset buildTimeHistory(const std::vector<std::string>& names, std::size_t headerLine,
                         TextLines& lines, const ReadOptions& options)
{
    std::size_t forceColumn = 0;
    std::optional<ResponseQuantity> response;
    std::vector<std::pair<int, std::size_t>> floorColumns;
    for (std::size_t c = 1; c < names.size(); ++c) {
        int floor = 0;
        std::string_view suffix;
        ResponseQuantity q{};
        if (names[c] == "force_n") {
            if (forceColumn)
                fail(headerLine, "column 'force_n' appears twice");
            forceColumn = c;
            continue;
        }
        if (!splitFloorColumn(names[c], floor, suffix) || !responseSuffix(suffix, q))
            fail(headerLine, "unknown column " + quoted(names[c]) + " in column " +
                                 std::to_string(c + 1) + "; expected " + kTimeColumns);
        if (response && *response != q)
            fail(headerLine, "column " + quoted(names[c]) + " records " +
                                 responseQuantityName(q) + " but an earlier column records " +
                                 responseQuantityName(*response) +
                                 "; one quantity for all floors is expected");
        response = q;
        for (const auto& [f, col] : floorColumns)
            if (f == floor)
                fail(headerLine, "floor " + std::to_string(floor) + " appears twice");
        floorColumns.emplace_back(floor, c);
    }
    if (names.size() < 2)
        fail(headerLine, std::string("no data columns after time_s; expected ") + kTimeColumns);

    NumberRows rows = readNumberRows(lines, names.size(), ',', options);
    TimeHistoryData th;
    th.samplingRateHz = checkTimeAxis(rows.columns[0], rows.lines);
    th.timeS = std::move(rows.columns[0]);
    if (forceColumn)
        th.forceN = std::move(rows.columns[forceColumn]);
    th.response = response.value_or(ResponseQuantity::Velocity);
    for (const auto& [floor, col] : floorColumns)
        th.channels.push_back({floor, std::move(rows.columns[col])});
    Dataset dataset;
    dataset.info.kind = DatasetKind::TimeHistory;
    dataset.data = std::move(th);
    return dataset;
}

} // namespace

Dataset readDtopCsv(TextLines& lines, const ReadOptions& options)
{
    DatasetInfo info;
    bool have = lines.nextNonBlank();
    while (have && trim(lines.line()).front() == '#') {
        readMetadata(trim(lines.line()), lines.number(), info);
        have = lines.nextNonBlank();
    }
    if (!have)
        fail(lines.number() + 1, "only comment lines, expected a header line of column names");

    const std::size_t headerLine = lines.number();
    std::vector<std::string_view> fields;
    splitRow(lines.line(), headerLine, ',', 0, "columns", options.maxColumns, fields);
    std::vector<std::string> names;
    for (std::size_t c = 0; c < fields.size(); ++c) {
        names.emplace_back(trim(fields[c]));
        for (std::size_t d = 0; d < c; ++d)
            if (names[d] == names[c])
                fail(headerLine, "column " + quoted(names[c]) + " appears twice");
    }
    Dataset dataset;
    if (names[0] == "frequency_hz")
        dataset = buildFrf(names, headerLine, lines, options);
    else if (names[0] == "time_s")
        dataset = buildTimeHistory(names, headerLine, lines, options);
    else
        fail(headerLine, "expected the first column to be 'frequency_hz' or 'time_s', found " +
                             quoted(names[0]));
    info.kind = dataset.kind();
    dataset.info = std::move(info);
    return dataset;
}

} // namespace dtop::io::detail
