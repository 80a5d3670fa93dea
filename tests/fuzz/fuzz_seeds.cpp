// SPDX-License-Identifier: GPL-3.0-or-later
// Seeds the application writes itself, for the targets without fixture files.
#include "fuzz_seeds.h"

#include "control/control_json.h"
#include "crossval/crossval_json.h"
#include "design/design_json.h"
#include "fe/fe_json.h"
#include "identification/identify_json.h"
#include "io/profile_json.h"
#include "io/simulate_json.h"
#include "io/uncertainty_json.h"
#include "io/workspace.h"
#include "model/presets.h"
#include "nonlinear/nonlinear_json.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dtop::fuzz {
namespace {

std::string text(const nlohmann::json& json) { return json.dump(2) + "\n"; }

std::vector<std::string> presetProfiles()
{
    std::vector<std::string> seeds;
    for (const auto& name : model::presetNames())
        seeds.push_back(text(io::profileToJson(*model::preset(name))));
    return seeds;
}

// A workspace with two versions of a profile, a dataset and a run, as its file's bytes.
std::string workspaceFile()
{
    const auto path = std::filesystem::temp_directory_path() /
                      ("dtop_fuzz_seed_" + std::to_string(::getpid()) + ".dtop");
    std::filesystem::remove(path);
    {
        auto ws = io::Workspace::open(path.string());
        auto profile = *model::preset(model::presetNames().front());
        profile.name = "seed";
        ws.saveProfile(profile, "first");
        profile.masses[0] *= 1.1;
        ws.saveProfile(profile, "second");
        io::DatasetRecord record;
        record.id = "seed-frf";
        record.metadata = {{"kind", "frf"}, {"title", "seed"}, {"rig", "southampton"},
                           {"quantity", "receptance"}, {"excitation_floor", 1}};
        record.content = "frequency_hz,floor1_abs\n1,0.5\n2,0.25\n";
        record.originalFileName = "seed.csv";
        ws.addDataset(record);
        io::RunRecord run;
        run.tool = "modal";
        run.input = {{"profile", "seed"}};
        run.summary = {{"frequencies_hz", {1.0, 2.0}}};
        ws.recordRun(run);
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove(path);
    return bytes.str();
}

} // namespace

std::vector<std::string> generatedSeeds(const std::string& target)
{
    if (target == "profile_json")
        return presetProfiles();
    if (target == "control_json")
        return {text(control::controlInputToJson(control::ControlInput{}))};
    if (target == "crossval_json")
        return {text(crossval::crossvalInputToJson(crossval::CrossvalInput{}))};
    if (target == "design_json")
        return {text(design::designInputToJson(design::DesignInput{}))};
    if (target == "fe_json")
        return {text(fe::feInputToJson(fe::FeInput{}))};
    if (target == "identify_json")
        return {text(identification::identifyInputToJson(identification::IdentifyInput{}))};
    if (target == "nonlinear_json")
        return {text(nonlinear::nonlinearInputToJson(nonlinear::NonlinearInput{}))};
    if (target == "uncertainty_json")
        return {text(io::uncertaintyInputToJson(uq::UncertaintyInput{}))};
    if (target == "simulate_json")
        return {text(io::simulateInputToJson(dynamics::SimulateInput{}))};
    if (target == "workspace")
        return {workspaceFile()};
    if (target == "comma_list")
        return {"1,2.5,3", "1e3,-2.5E-3,0x1p3", "450,450,450,450", "-0,+7"};
    return {};
}

} // namespace dtop::fuzz
