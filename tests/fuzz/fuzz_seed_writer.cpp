// SPDX-License-Identifier: GPL-3.0-or-later
// dtop_fuzz_seeds DIR: writes the generated seeds of every target to DIR/<target>/seed-N and,
// for the JSON inputs, a libFuzzer dictionary DIR/<target>.dict of every key and string value
// the seeds hold plus JSON's own tokens.
#include "fuzz_seeds.h"
#include "fuzz_targets.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

namespace {

void collectWords(const nlohmann::json& json, std::set<std::string>& words)
{
    if (json.is_string())
        words.insert(json.get<std::string>());
    if (json.is_object())
        for (const auto& [key, value] : json.items()) {
            words.insert(key);
            collectWords(value, words);
        }
    if (json.is_array())
        for (const auto& value : json)
            collectWords(value, words);
}

// A dictionary entry: the word in double quotes, '"', '\\' and non-printable bytes as \xNN.
std::string dictionaryEntry(const std::string& word)
{
    std::string entry = "\"";
    for (unsigned char c : word) {
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            entry += hex;
        } else {
            entry += static_cast<char>(c);
        }
    }
    return entry + "\"";
}

void writeDictionary(const std::filesystem::path& path, const std::vector<std::string>& seeds)
{
    std::set<std::string> words = {"true", "false", "null", "{", "}", "[", "]", ":", ",",
                                   "\"\"", "-0", "1e308", "-1e308", "4.9e-324", "1e-400",
                                   "18446744073709551616", "-9223372036854775809", "0.5", "[]",
                                   "{}", "\\u0000", "\\ud800"};
    for (const auto& seed : seeds)
        collectWords(nlohmann::json::parse(seed), words);
    std::ofstream out(path);
    for (const auto& word : words)
        if (!word.empty())
            out << dictionaryEntry(word) << '\n';
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: dtop_fuzz_seeds DIR\n";
        return 2;
    }
    for (const auto& target : dtop::fuzz::fuzzTargets()) {
        const auto seeds = dtop::fuzz::generatedSeeds(target.name);
        const auto dir = std::filesystem::path(argv[1]) / target.name;
        std::filesystem::create_directories(dir);
        for (std::size_t i = 0; i < seeds.size(); ++i)
            std::ofstream(dir / ("seed-" + std::to_string(i + 1)), std::ios::binary) << seeds[i];
        const std::string name = target.name;
        if (name.size() > 5 && name.compare(name.size() - 5, 5, "_json") == 0)
            writeDictionary(std::filesystem::path(argv[1]) / (name + ".dict"), seeds);
    }
    return 0;
}
