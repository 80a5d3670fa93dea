// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command.h"

#include "cli/cli_errors.h"
#include "io/number_format.h"

namespace po = boost::program_options;

namespace dtop::cli {

UsageError UsageError::fromIssues(const InputIssues& issues)
{
    std::vector<std::string> lines;
    for (const auto& issue : issues)
        lines.push_back(issue.message);
    return UsageError(std::move(lines));
}

UsageError UsageError::fromIssues(const InputIssues& issues,
                                  std::string (*optionFor)(const std::string& field))
{
    std::vector<std::string> lines;
    for (const auto& issue : issues)
        lines.push_back("--" + optionFor(issue.field) + ": " + issue.message);
    return UsageError(std::move(lines));
}

bool parseOptions(const std::string& command, const std::string& usage,
                  po::options_description& options, const std::vector<std::string>& args,
                  po::variables_map& vm, CommandIo& io,
                  const po::positional_options_description* positional)
{
    options.add_options()("help,h", "show this help and exit");
    // Stray words are collected under a hidden option so the message can quote them.
    po::options_description hidden;
    hidden.add_options()("unexpected-argument", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description strays;
    strays.add("unexpected-argument", -1);
    try {
        po::command_line_parser parser(args);
        parser.options(all)
            .positional(positional ? *positional : strays)
            .style(po::command_line_style::default_style &
                   ~po::command_line_style::allow_guessing);
        po::store(parser.run(), vm);
        if (vm.count("help")) {
            io.out << "Usage: dtop " << command << " " << usage << "\n\n" << options << '\n';
            return false;
        }
        po::notify(vm);
    } catch (const po::too_many_positional_options_error&) {
        throw UsageError("too many arguments; see dtop " + command + " --help");
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    if (vm.count("unexpected-argument"))
        throw UsageError("unexpected argument '" +
                         vm["unexpected-argument"].as<std::vector<std::string>>().front() +
                         "'; see dtop " + command + " --help");
    return true;
}

std::vector<double> parseNumberList(const std::string& option, const std::string& text)
{
    std::vector<double> values;
    std::size_t start = 0;
    int item = 1;
    while (true) {
        const std::size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos
                                                                               : comma - start);
        double v = 0.0;
        if (!io::parseNumber(part, v))
            throw UsageError("--" + option + ": item " + std::to_string(item) + " ('" + part +
                             "') is not a number" +
                             (io::isOutOfRangeNumber(part) ? " in the range of a double" : ""));
        values.push_back(v);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
        ++item;
    }
    return values;
}

} // namespace dtop::cli
