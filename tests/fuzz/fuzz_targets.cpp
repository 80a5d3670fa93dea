// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz_targets.h"

#include "cli/cli_errors.h"
#include "cli/command.h"
#include "control/control_json.h"
#include "crossval/crossval_json.h"
#include "data/uff.h"
#include "data/uff_conversion.h"
#include "design/design_json.h"
#include "dynamics/modal_analysis.h"
#include "fe/fe_json.h"
#include "identification/identify_json.h"
#include "io/dataset_catalogue.h"
#include "io/dataset_library.h"
#include "io/dataset_reader.h"
#include "io/json_text.h"
#include "io/profile_json.h"
#include "io/simulate_json.h"
#include "io/time_series_csv.h"
#include "io/uncertainty_json.h"
#include "io/workspace.h"
#include "io/workspace_error.h"
#include "nonlinear/nonlinear_json.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace dtop::fuzz {
namespace {

// A broken invariant of something a reader accepted: a bug, reported as one.
void check(bool condition, const std::string& what)
{
    if (!condition)
        throw std::logic_error("fuzz invariant broken: " + what);
}

void checkIncreasing(const std::vector<double>& values, const std::string& what)
{
    for (std::size_t i = 0; i < values.size(); ++i) {
        check(std::isfinite(values[i]), what + " is finite");
        if (i > 0)
            check(values[i] > values[i - 1], what + " strictly increases");
    }
}

// What the readers promise about a dataset they accept (core/io/dataset.h).
void checkDataset(const io::Dataset& dataset)
{
    if (const auto* frf = std::get_if<io::FrfData>(&dataset.data)) {
        check(!frf->channels.empty(), "an FRF dataset has a channel");
        for (const auto& channel : frf->channels) {
            checkIncreasing(channel.frequencyHz, "frequency");
            check(channel.magnitude.size() == channel.size(), "one magnitude per frequency");
            check(!channel.hasPhase() || channel.values.size() == channel.size(),
                  "one complex value per frequency");
            for (double m : channel.magnitude)
                check(std::isfinite(m) && m >= 0.0, "magnitude finite and >= 0");
        }
        // What `dtop dataset export --format uff` does with it.
        data::parseUff(data::formatUff(data::uffFromFrfDataset(dataset)), "export");
        return;
    }
    const auto& th = std::get<io::TimeHistoryData>(dataset.data);
    checkIncreasing(th.timeS, "time");
    check(th.samples() >= 2, "a time history has two samples");
    check(std::isfinite(th.samplingRateHz) && th.samplingRateHz > 0.0,
          "a finite sampling rate");
    check(std::isfinite(th.timeS.back() - th.timeS.front()), "a finite duration");
    check(!th.hasForce() || th.forceN.size() == th.samples(), "one force per sample");
    for (const auto& channel : th.channels)
        check(channel.values.size() == th.samples(), "one value per sample");
}

void dataset(std::string_view bytes, io::DatasetFormat format)
{
    io::ReadOptions options;
    options.format = format;
    const auto result = io::parseDataset(bytes, "fuzz.csv", options);
    if (result)
        checkDataset(result.value());
    else
        check(!result.error().text().empty(), "a read error says what is wrong");
}

void datasetAuto(std::string_view bytes) { dataset(bytes, io::DatasetFormat::Auto); }
void datasetDtopCsv(std::string_view bytes) { dataset(bytes, io::DatasetFormat::DtopCsv); }
void datasetCristalloComplex(std::string_view bytes)
{
    dataset(bytes, io::DatasetFormat::CristalloComplex);
}
void datasetCristalloDb(std::string_view bytes) { dataset(bytes, io::DatasetFormat::CristalloDb); }
void datasetCristalloTimeHistory(std::string_view bytes)
{
    dataset(bytes, io::DatasetFormat::CristalloTimeHistory);
}

void uff(std::string_view bytes)
{
    const auto file = data::parseUff(bytes, "fuzz.uff");
    if (!file)
        return;
    // The importer's conversions; each refuses with a ReadError.
    if (const auto frfs = data::frfDatasetsFromUff(file.value(), "fuzz.uff"))
        for (const auto& d : frfs.value())
            checkDataset(d);
    (void)data::modeShapesFromUff(file.value(), "fuzz.uff");
    // A file that was read writes back (text beyond a field's width is cut, so only the
    // number of datasets has to survive the round trip).
    std::string text;
    try {
        text = data::formatUff(file.value());
    } catch (const std::invalid_argument&) {
        return; // documented: values that do not fit the standard's layout
    }
    const auto again = data::parseUff(text, "fuzz-again.uff");
    check(again.ok(), "a written UFF file reads back");
    check(again.value().datasets.size() == file.value().datasets.size(),
          "the round trip keeps every dataset");
    // Once written, the text is in the writer's layout: a second round trip is exact.
    const auto third = data::parseUff(data::formatUff(again.value()), "fuzz-third.uff");
    check(third.ok() && third.value() == again.value(),
          "a re-exported UFF file re-reads bit for bit");
}

void timeSeriesCsv(std::string_view bytes)
{
    io::TimeSeries series;
    std::string error;
    if (io::parseTimeSeriesCsv(std::string(bytes), "fuzz.csv", series, error)) {
        checkIncreasing(series.timeS, "time");
        check(series.timeS.size() >= 2 && series.values.size() == series.timeS.size(),
              "one value per time, two at least");
    } else {
        check(!error.empty(), "a refusal says why");
    }
}

void manifest(std::string_view bytes)
{
    (void)io::parseManifest(std::string(bytes), "manifest.json", "/nonexistent");
}

// The JSON text of a file as the application parses it; nothing when it is malformed.
std::optional<nlohmann::json> json(std::string_view bytes)
{
    io::JsonSyntaxError error;
    // No exception may escape: a number beyond a double is a located syntax error too.
    return io::parseJsonText(std::string(bytes), error);
}

void profileJson(std::string_view bytes)
{
    const auto parsed = json(bytes);
    if (!parsed)
        return;
    InputIssues issues;
    const auto profile = io::profileFromJson(*parsed, issues);
    if (!profile || !profile->validate().empty())
        return;
    // A valid profile is analysed by `dtop modal` and written back by `dtop profile export`.
    const auto modal = dynamics::runModal(dynamics::ModalInput{*profile});
    for (double f : modal.undamped.frequenciesHz())
        check(std::isfinite(f), "a valid profile has finite natural frequencies");
    for (double f : modal.damped.naturalFrequenciesHz)
        check(std::isfinite(f), "a valid profile has finite damped natural frequencies");
    InputIssues again;
    check(io::profileFromJson(io::profileToJson(*profile), again).has_value(),
          "an exported profile reads back");
}

// A tool's input JSON as `dtop --tool ID --input FILE` and the panels apply it: a wrong key
// is std::invalid_argument naming it, then validate() lists the values out of range.
template <typename Input>
void toolInput(std::string_view bytes, Input (*fromJson)(const nlohmann::json&))
{
    const auto parsed = json(bytes);
    if (!parsed)
        return;
    try {
        (void)fromJson(*parsed).validate();
    } catch (const std::invalid_argument&) {
    }
}

void controlJson(std::string_view b) { toolInput(b, &control::controlInputFromJson); }
void crossvalJson(std::string_view b) { toolInput(b, &crossval::crossvalInputFromJson); }
void designJson(std::string_view b) { toolInput(b, &design::designInputFromJson); }
void feJson(std::string_view b) { toolInput(b, &fe::feInputFromJson); }
void identifyJson(std::string_view b) { toolInput(b, &identification::identifyInputFromJson); }
void nonlinearJson(std::string_view b) { toolInput(b, &nonlinear::nonlinearInputFromJson); }

void uncertaintyJson(std::string_view bytes)
{
    const auto parsed = json(bytes);
    if (!parsed)
        return;
    InputIssues issues;
    if (const auto input = io::uncertaintyInputFromJson(*parsed, issues))
        (void)input->validate();
}

void simulateJson(std::string_view bytes)
{
    const auto parsed = json(bytes);
    if (!parsed)
        return;
    dynamics::SimulateInput input;
    if (io::simulateInputFromJson(*parsed, input).empty())
        (void)input.validate();
}

// The bytes as a workspace file: opened, and everything in it listed and read as the
// `dtop profile` and `dtop dataset` commands do.
void workspace(std::string_view bytes)
{
    static const std::string path = (std::filesystem::temp_directory_path() /
                                     ("dtop_fuzz_workspace_" + std::to_string(::getpid()) +
                                      ".dtop"))
                                        .string();
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    {
        std::ofstream out(path, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    try {
        auto ws = io::Workspace::open(path);
        for (const auto& saved : ws.savedProfiles()) {
            (void)ws.latestProfile(saved.name);
            (void)ws.profileHistory(saved.name);
        }
        (void)io::listDatasets(nullptr, &ws);
        for (const auto& d : ws.datasets())
            if (const auto loaded = io::loadDataset(nullptr, &ws, d.id))
                checkDataset(loaded.value());
        (void)ws.runs();
    } catch (const io::WorkspaceError&) {
    }
}

// The comma lists of --mass, --stiffness, --band, ...: a bad item is a UsageError.
void commaList(std::string_view bytes)
{
    try {
        const auto values = cli::parseNumberList("list", std::string(bytes));
        check(!values.empty(), "a list has an item");
    } catch (const cli::UsageError& e) {
        check(std::string(e.what()).rfind("--list: item ", 0) == 0, "the message names the item");
    }
}

} // namespace

const std::vector<FuzzTarget>& fuzzTargets()
{
    static const std::vector<FuzzTarget> targets = {
        {"dataset_auto", &datasetAuto},
        {"dataset_dtop_csv", &datasetDtopCsv},
        {"dataset_cristallo_complex", &datasetCristalloComplex},
        {"dataset_cristallo_db", &datasetCristalloDb},
        {"dataset_cristallo_time_history", &datasetCristalloTimeHistory},
        {"uff", &uff},
        {"time_series_csv", &timeSeriesCsv},
        {"manifest", &manifest},
        {"profile_json", &profileJson},
        {"control_json", &controlJson},
        {"crossval_json", &crossvalJson},
        {"design_json", &designJson},
        {"fe_json", &feJson},
        {"identify_json", &identifyJson},
        {"nonlinear_json", &nonlinearJson},
        {"uncertainty_json", &uncertaintyJson},
        {"simulate_json", &simulateJson},
        {"workspace", &workspace},
        {"comma_list", &commaList},
    };
    return targets;
}

const FuzzTarget* findFuzzTarget(const std::string& name)
{
    for (const auto& target : fuzzTargets())
        if (name == target.name)
            return &target;
    return nullptr;
}

} // namespace dtop::fuzz
