// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/record_options.h"

#include "cli/cli_errors.h"
#include "io/time_series_csv.h"

namespace po = boost::program_options;

namespace dtop::cli {

void addRecordHoldOption(po::options_description& options)
{
    options.add_options()("record-hold", po::value<std::string>()->default_value("auto"),
                          "how a record continues between samples: auto (linear, or held when "
                          "a linear hold would lose the record's impulse, as for an impact "
                          "sampled at t = 0), linear or zoh (held)");
}

dynamics::SampleHold recordHoldFromOptions(const po::variables_map& vm)
{
    const std::string hold = vm["record-hold"].as<std::string>();
    dynamics::SampleHold kind;
    if (!dynamics::parseSampleHold(hold, kind))
        throw UsageError("--record-hold must be auto, linear or zoh, got '" + hold + "'");
    return kind;
}

dynamics::SampledSignal readRecordOption(const po::variables_map& vm, const char* option)
{
    io::TimeSeries series;
    std::string error;
    if (!io::readTimeSeriesCsv(vm[option].as<std::string>(), series, error))
        throw FileError("--" + std::string(option) + ": " + error);
    dynamics::SampledSignal s;
    s.timeS = std::move(series.timeS);
    s.values = std::move(series.values);
    s.hold = recordHoldFromOptions(vm);
    return s;
}

} // namespace dtop::cli
