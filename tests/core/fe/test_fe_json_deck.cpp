// SPDX-License-Identifier: GPL-3.0-or-later
// The fe JSON codec and the CalculiX deck writer and .dat reader.
#include "fe/calculix_deck.h"
#include "fe/fe_json.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace dtop;
using namespace dtop::fe;
using nlohmann::json;

TEST_CASE("fe input JSON round trip is exact", "[fe]") {
    FeInput in;
    in.baseClamp = BaseClamp::BasePlate;
    in.elementsPerColumn = 7;
    in.maxFrequencyHz = 55.5;
    in.jointStiffnessNmPerRad = {100.0, 200.0, 300.0};
    in.solver = EigenSolverKind::SparseShiftInvert;
    in.convergence = false;
    in.convergenceElements = {2, 3};
    in.calibrateToHz = {6.51, 17.46, 26.5};
    in.measuredModeShapes = {{0.3, 0.6, 1.0}, {1, 0.5, -0.8}, {0.9, -1, 0.5}};
    in.calibration = JointCalibration::PerStorey;
    in.equivalentProfile = true;
    in.profileName = "so-fe";
    in.geometry.storeyPitchM = 0.1801;
    in.geometry.addedMassesKg = {0.1, 0.2, 0.3};
    in.material.poissonRatio = 0.31;
    const json j = feInputToJson(in);
    const FeInput back = feInputFromJson(json::parse(j.dump()));
    CHECK(feInputToJson(back) == j);
    CHECK(back.geometry.storeyPitchM == in.geometry.storeyPitchM);
    CHECK(back.jointStiffnessNmPerRad == in.jointStiffnessNmPerRad);
    CHECK(back.measuredModeShapes == in.measuredModeShapes);
    // Defaults survive an empty object; a single joint value is a number, rigid is null.
    CHECK(feInputToJson(feInputFromJson(json::object())) == feInputToJson(FeInput{}));
    CHECK(feInputToJson(FeInput{})["joint_stiffness_nm_per_rad"].is_null());
    FeInput one;
    one.jointStiffnessNmPerRad = {250.0};
    CHECK(feInputToJson(one)["joint_stiffness_nm_per_rad"] == 250.0);
}

TEST_CASE("fe input JSON accepts inches psi and slinch exactly", "[fe]") {
    const json j = {
        {"geometry", {{"storey_pitch_in", 7.5}, {"column_thickness_in", 0.125}}},
        {"material", {{"youngs_modulus_psi", 1.015e7}, {"density_slinch_in3", 2.5265e-4}}}};
    const FeInput in = feInputFromJson(j);
    CHECK(in.geometry.storeyPitchM == 7.5 * 0.0254);
    CHECK(in.geometry.columnThicknessM == RigGeometry{}.columnThicknessM);
    CHECK(in.material.youngModulusPa == Material{}.youngModulusPa);
    CHECK(in.material.densityKgM3 == Material{}.densityKgM3);
}

TEST_CASE("fe input JSON errors name the key", "[fe]") {
    CHECK_THROWS_WITH(feInputFromJson({{"elements_per_column", "twelve"}}),
                      Catch::Contains("elements_per_column"));
    CHECK_THROWS_WITH(feInputFromJson({{"base_clamp", "middle"}}), Catch::Contains("base_clamp"));
    CHECK_THROWS_WITH(feInputFromJson({{"geometry", {{"storey_pitch_m", "7"}}}}),
                      Catch::Contains("geometry.storey_pitch_m"));
    CHECK_THROWS_WITH(feInputFromJson({{"geometry", {{"storey_pich_m", 0.1}}}}),
                      Catch::Contains("geometry.storey_pich_m"));
    CHECK_THROWS_WITH(
        feInputFromJson({{"geometry", {{"storey_pitch_m", 0.1}, {"storey_pitch_in", 7}}}}),
        Catch::Contains("both given"));
    CHECK_THROWS_WITH(feInputFromJson({{"calibrate_to", {6.5, "x"}}}),
                      Catch::Contains("calibrate_to"));
    CHECK_THROWS_WITH(feInputFromJson({{"calibration", "twice"}}), Catch::Contains("calibration"));
    CHECK_THROWS_WITH(feInputFromJson({{"material", {{"youngs_modulus_psi", true}}}}),
                      Catch::Contains("material.youngs_modulus_psi"));
    CHECK_THROWS_AS(feInputFromJson(json::array()), std::invalid_argument);
}

TEST_CASE("fe result JSON has the issue's keys", "[fe]") {
    FeInput in;
    in.convergenceElements = {1, 4};
    in.calibrateToHz = {6.51, 17.46, 26.50};
    in.equivalentProfile = true;
    const FeResult r = runFe(in);
    const json j = feResultToJson(r);
    REQUIRE(j["modes"].is_array());
    REQUIRE(j["modes"].size() == r.modes.modes.size());
    const json& m0 = j["modes"][0];
    CHECK(m0["frequency_hz"].is_number());
    CHECK(m0["kind"] == "sway-weak");
    REQUIRE(m0["floor_displacements"].size() == 3);
    CHECK(m0["floor_displacements"][2]["y"].is_number());
    CHECK(j["floor_mass_kg"].size() == 3);
    CHECK(j["total_mass_kg"].get<double>() == Approx(16.935).epsilon(1e-4));
    REQUIRE(j["convergence"].size() == 2);
    CHECK(j["convergence"][1]["elements_per_column"] == 4);
    CHECK(j["convergence"][1]["frequencies_hz"].size() == r.modes.modes.size());
    CHECK(j["equivalent_profile"]["mass_kg"].size() == 3);
    CHECK(j["equivalent_profile"]["stiffness_n_m"].size() == 3);
    CHECK(j["calibration"]["joint_stiffness_nm_per_rad"].size() == 1);
    CHECK(j["calibration"]["frequency_errors_pct"].size() == 3);
    CHECK(j["mesh"]["nodes_m"].size() == r.viewNodes.size());
    CHECK(m0["node_displacements"].size() == r.viewNodes.size());
    CHECK_FALSE(feResultToJson(r, false).contains("mesh"));
    // Kinds are among the four names.
    const std::set<std::string> kinds = {"sway-weak", "sway-strong", "torsion", "local"};
    for (const auto& m : j["modes"])
        CHECK(kinds.count(m["kind"].get<std::string>()) == 1);
    // CSV tables.
    CHECK(feModeTable(r).rows() == r.modes.modes.size());
    CHECK(feConvergenceTable(r).rows() == 2);
}

namespace {

struct Deck {
    std::map<int, Eigen::Vector3d> nodes;
    std::vector<std::vector<int>> beams;
    std::vector<int> massNodes;
    std::vector<double> pointMasses;
    std::map<std::string, std::vector<int>> sets;
    std::map<std::string, std::vector<int>> beamSets; // beams (indices into `beams`) by ELSET
    std::vector<std::pair<std::string, int>> rigidBodies;
    std::vector<std::string> keywords;
    std::string frequencyLine;
};

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream s(line);
    std::string field;
    while (std::getline(s, field, ','))
        out.push_back(field.substr(
            field.find_first_not_of(' ') == std::string::npos ? 0 : field.find_first_not_of(' ')));
    return out;
}

// A strict reader for the subset of the ccx keyword format the writer uses.
Deck parseDeck(const std::string& text) {
    Deck d;
    std::istringstream in(text);
    std::string line, keyword, set;
    while (std::getline(in, line)) {
        if (line.rfind("**", 0) == 0 || line.empty())
            continue;
        if (line[0] == '*') {
            const auto fields = split(line);
            keyword = fields[0];
            d.keywords.push_back(keyword);
            set.clear();
            for (const auto& f : fields)
                if (f.rfind("NSET=", 0) == 0 || f.rfind("ELSET=", 0) == 0)
                    set = f.substr(f.find('=') + 1);
            if (keyword == "*ELEMENT" && line.find("TYPE=MASS") != std::string::npos)
                keyword = "*ELEMENT MASS";
            if (keyword == "*RIGID BODY") {
                const auto ref = line.find("REF NODE=");
                REQUIRE(ref != std::string::npos);
                d.rigidBodies.emplace_back(set, std::stoi(line.substr(ref + 9)));
            }
            continue;
        }
        const auto f = split(line);
        if (keyword == "*NODE") {
            REQUIRE(f.size() == 4);
            d.nodes[std::stoi(f[0])] =
                Eigen::Vector3d(std::stod(f[1]), std::stod(f[2]), std::stod(f[3]));
        } else if (keyword == "*ELEMENT") {
            REQUIRE(f.size() == 4);
            d.beamSets[set].push_back(static_cast<int>(d.beams.size()));
            d.beams.push_back({std::stoi(f[1]), std::stoi(f[2]), std::stoi(f[3])});
        } else if (keyword == "*ELEMENT MASS") {
            REQUIRE(f.size() == 2);
            d.massNodes.push_back(std::stoi(f[1]));
        } else if (keyword == "*MASS") {
            d.pointMasses.push_back(std::stod(f[0]));
        } else if (keyword == "*NSET") {
            for (const auto& id : f)
                if (!id.empty())
                    d.sets[set].push_back(std::stoi(id));
        } else if (keyword == "*FREQUENCY") {
            d.frequencyLine = line;
        }
    }
    return d;
}

} // namespace

TEST_CASE("The CalculiX beam deck is well formed", "[fe]") {
    const RigGeometry g;
    const Material m;
    FrameOptions o;
    o.elementsPerSpan = 4;
    std::ostringstream out;
    const CalculixDeckSummary s = writeCalculixBeamDeck(out, g, m, o, 100.0, 12);
    const Deck d = parseDeck(out.str());
    const std::set<std::string> known = {
        "*HEADING", "*NODE",    "*ELEMENT",      "*MASS",     "*NSET", "*RIGID BODY", "*MATERIAL",
        "*ELASTIC", "*DENSITY", "*BEAM SECTION", "*BOUNDARY", "*STEP", "*FREQUENCY",  "*END STEP"};
    for (const auto& k : d.keywords)
        CHECK(known.count(k) == 1);
    CHECK(d.keywords.back() == "*END STEP");
    CHECK(static_cast<int>(d.nodes.size()) == s.nodes);
    // Four elements per span, three spans, four columns; then one stiff arm from each floor's
    // centre to each of its column ends (8, or 4 at the top floor) and mass points (8).
    REQUIRE(d.beamSets.count("COLUMNS") == 1);
    REQUIRE(d.beamSets.at("COLUMNS").size() == 4u * 3u * 4u);
    REQUIRE(d.beams.size() == 4u * 3u * 4u + (16u + 16u + 12u));
    for (const auto& b : d.beams) {
        for (int id : b)
            REQUIRE(d.nodes.count(id) == 1);
        // The middle node lies half-way.
        CHECK((d.nodes.at(b[1]) - 0.5 * (d.nodes.at(b[0]) + d.nodes.at(b[2]))).norm() < 1e-12);
    }
    REQUIRE(d.massNodes.size() == 24);
    REQUIRE(d.pointMasses.size() == 3);
    // Eight points carry each floor's mass; their centre and second moments are the floor's.
    for (int f = 1; f <= 3; ++f) {
        const RigidBody body = floorRigidBody(g, m, f);
        CHECK(8 * d.pointMasses[static_cast<std::size_t>(f - 1)] ==
              Approx(body.massKg).epsilon(1e-10));
        Eigen::Vector3d centre = Eigen::Vector3d::Zero();
        Eigen::Matrix3d inertia = Eigen::Matrix3d::Zero();
        const double pm = d.pointMasses[static_cast<std::size_t>(f - 1)];
        for (int k = 0; k < 8; ++k) {
            const Eigen::Vector3d p =
                d.nodes.at(d.massNodes[static_cast<std::size_t>(8 * (f - 1) + k)]);
            centre += p / 8.0;
        }
        for (int k = 0; k < 8; ++k) {
            const Eigen::Vector3d r =
                d.nodes.at(d.massNodes[static_cast<std::size_t>(8 * (f - 1) + k)]) - centre;
            inertia += pm * (r.squaredNorm() * Eigen::Matrix3d::Identity() - r * r.transpose());
        }
        CHECK((centre - body.centre).norm() < 1e-10);
        CHECK((inertia - body.inertia).norm() < 1e-9 * body.inertia.norm());
    }
    REQUIRE(d.sets.count("BASE") == 1);
    CHECK(d.sets.at("BASE").size() == 4);
    for (int id : d.sets.at("BASE"))
        CHECK(d.nodes.at(id).z() == Approx(g.baseClampTopZ()).epsilon(1e-12));
    // No rigid bodies (ccx would tie beam nodes in translation only): each floor is a spider of
    // stiff arms from its centre to its column ends and mass points.
    CHECK(d.rigidBodies.empty());
    for (int f = 1; f <= 3; ++f) {
        const std::string set = "FLOOR" + std::to_string(f);
        REQUIRE(d.sets.count(set) == 1);
        const auto& members = d.sets.at(set);
        // Column ends below and above the floor (only below at the top floor), 8 mass points,
        // the centre last.
        REQUIRE(members.size() == (f == 3 ? 4u : 8u) + 8u + 1u);
        const int centre = members.back();
        CHECK((d.nodes.at(centre) - floorRigidBody(g, m, f).centre).norm() < 1e-12);
        for (std::size_t k = 0; k + 1 < members.size(); ++k) {
            int arms = 0;
            for (const auto& b : d.beams)
                arms += b[0] == centre && b[2] == members[k];
            CHECK(arms == 1);
        }
    }
    CHECK(d.frequencyLine == "12, 0., 100");
    CHECK_FALSE(s.jointSpringsOmitted);
    // Joint springs cannot be written; the deck says so.
    o.jointStiffnessNmPerRad = {200.0};
    std::ostringstream springy;
    CHECK(writeCalculixBeamDeck(springy, g, m, o, 100.0).jointSpringsOmitted);
    CHECK(springy.str().find("omitted") != std::string::npos);
}

TEST_CASE("CalculiX dat frequencies are read from the eigenvalue table", "[fe]") {
    const std::string dat =
        "\n                        S T E P       1\n\n\n"
        "     E I G E N V A L U E   O U T P U T\n\n"
        " MODE NO    EIGENVALUE                       FREQUENCY\n"
        "                                     REAL PART            IMAGINARY PART\n"
        "                           (RAD/TIME)      (CYCLES/TIME     (RAD/TIME)\n\n"
        "      1   0.2344008E+04   0.4841496E+02   0.7705448E+01   0.0000000E+00\n"
        "      2   0.1830000E+05   0.1352775E+03   0.2153000E+02   0.0000000E+00\r\n"
        "\n     P A R T I C I P A T I O N   F A C T O R S\n\n"
        "    MODE NO.   X-COMPONENT     Y-COMPONENT     Z-COMPONENT\n"
        "          1  -0.3501715E-03   0.7004463E-03  -0.1E-05   0.1E-05   0.1E-05   0.1E-05\n";
    std::istringstream in(dat);
    const auto rows = parseCalculixFrequencies(in);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].mode == 1);
    CHECK(rows[0].eigenvalue == Approx(2344.008));
    CHECK(rows[0].frequencyHz == Approx(7.705448));
    CHECK(rows[1].frequencyHz == Approx(21.53));
    std::istringstream empty("no table here\n 1 2 3 4\n");
    CHECK(parseCalculixFrequencies(empty).empty());
}
