// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/calculix_deck.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace dtop::fe {

namespace {

// The floors' arms (docs/tools/fe.md §6): stiff enough to be rigid beside the columns (their
// bending stiffness is ~10⁶ times a column's), light enough to add no mass.
constexpr double kArmStiffnessFactor = 1e3;
constexpr double kArmDensityFactor = 1e-9;

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.12g", v);
    return buffer;
}

void writeSet(std::ostream& out, const std::string& name, const std::vector<int>& ids) {
    out << "*NSET, NSET=" << name << "\n";
    for (std::size_t i = 0; i < ids.size(); ++i)
        out << ids[i] << ((i + 1) % 8 == 0 || i + 1 == ids.size() ? "\n" : ", ");
}

} // namespace

CalculixDeckSummary writeCalculixBeamDeck(std::ostream& out, const RigGeometry& g,
                                          const Material& material, const FrameOptions& options,
                                          double maxFrequencyHz, int modes) {
    InputIssues issues = g.validate();
    for (auto& i : material.validate())
        issues.push_back(std::move(i));
    if (issues.empty())
        issues = validateFrameOptions(options, g.storeys);
    throwIfInvalid(issues, "CalculiX deck");

    CalculixDeckSummary summary;
    summary.requestedModes = modes;
    for (double k : options.jointStiffnessNmPerRad)
        summary.jointSpringsOmitted = summary.jointSpringsOmitted || std::isfinite(k);

    const int n = g.storeys;
    const int e = options.elementsPerSpan;
    std::ostringstream nodes, elements;
    std::vector<Eigen::Vector3d> positions(1); // by node id (1-based)
    int elementId = 0;
    std::vector<int> base;
    std::vector<std::vector<int>> floorNodes(static_cast<std::size_t>(n));
    auto addNode = [&](const Eigen::Vector3d& p) {
        positions.push_back(p);
        const int id = static_cast<int>(positions.size()) - 1;
        nodes << id << ", " << number(p.x()) << ", " << number(p.y()) << ", " << number(p.z())
              << "\n";
        return id;
    };
    const double zBase = options.baseClamp == BaseClamp::TopOfClamp ? g.baseClampTopZ() : 0.0;
    const double stub = g.columnLengthM - g.requiredColumnLengthM();
    for (const auto& c : g.columnPositions()) {
        auto at = [&](double z) { return Eigen::Vector3d(c.x(), c.y(), z); };
        auto span = [&](double z0, double z1, int count, int bottomFloor, int topFloor) {
            int previous = addNode(at(z0));
            if (bottomFloor == 0)
                base.push_back(previous);
            else
                floorNodes[static_cast<std::size_t>(bottomFloor - 1)].push_back(previous);
            for (int i = 1; i <= count; ++i) {
                const double za = z0 + (z1 - z0) * (i - 1) / count, zb = z0 + (z1 - z0) * i / count;
                const int mid = addNode(at(0.5 * (za + zb)));
                const int next = addNode(at(zb));
                elements << ++elementId << ", " << previous << ", " << mid << ", " << next << "\n";
                previous = next;
            }
            if (topFloor > 0)
                floorNodes[static_cast<std::size_t>(topFloor - 1)].push_back(previous);
        };
        for (int s = 1; s <= n; ++s)
            span(s == 1 ? zBase : g.floorTopZ(s - 1), g.floorBottomZ(s), e, s - 1, s);
        if (stub > 1e-9 * g.columnLengthM) {
            const double free = g.freeSpanM(n, options.baseClamp);
            span(g.floorTopZ(n), g.columnLengthM,
                 std::max(1, static_cast<int>(std::lround(e * stub / free))), n, 0);
        }
    }
    // Floors: eight point masses at (±a, ±b, ±c) from the centre reproduce m, the centre and a
    // diagonal inertia tensor: Σ m x² = (I_yy + I_zz − I_xx)/2 etc. Every column end and mass
    // point of a floor is joined to its centre by a stiff arm (a beam 10³ times stiffer than
    // the columns' material, of negligible density, with the floor plate's thickness as its
    // square section): where an arm meets a column, ccx joins the two beams by a knot, so the
    // column end is clamped to the floor in rotation too. (A *RIGID BODY on beam nodes would
    // tie their translations only, leaving hinges at the floors.)
    std::ostringstream masses, arms, armSections;
    int armCount = 0;
    for (int f = 1; f <= n; ++f) {
        const RigidBody body = floorRigidBody(g, material, f);
        const Eigen::Matrix3d& i = body.inertia;
        const double sx =
            std::sqrt(std::max(0.0, 0.5 * (i(1, 1) + i(2, 2) - i(0, 0)) / body.massKg));
        const double sy =
            std::sqrt(std::max(0.0, 0.5 * (i(0, 0) + i(2, 2) - i(1, 1)) / body.massKg));
        const double sz =
            std::sqrt(std::max(0.0, 0.5 * (i(0, 0) + i(1, 1) - i(2, 2)) / body.massKg));
        auto& members = floorNodes[static_cast<std::size_t>(f - 1)];
        masses << "*ELEMENT, TYPE=MASS, ELSET=FLOORMASS" << f << "\n";
        for (int corner = 0; corner < 8; ++corner) {
            const Eigen::Vector3d offset((corner & 1 ? 1 : -1) * sx, (corner & 2 ? 1 : -1) * sy,
                                         (corner & 4 ? 1 : -1) * sz);
            const int id = addNode(body.centre + offset);
            members.push_back(id);
            masses << ++elementId << ", " << id << "\n";
        }
        masses << "*MASS, ELSET=FLOORMASS" << f << "\n" << number(body.massKg / 8.0) << "\n";
        const int centre = addNode(body.centre);
        for (std::size_t k = 0; k < members.size(); ++k) {
            const Eigen::Vector3d a = positions[static_cast<std::size_t>(centre)];
            const Eigen::Vector3d b = positions[static_cast<std::size_t>(members[k])];
            const int mid = addNode(0.5 * (a + b));
            // Each arm its own set: its section's 1-direction must not lie along the arm.
            const Eigen::Vector3d t = (b - a).normalized();
            const Eigen::Vector3d helper =
                std::abs(t.z()) < 0.9 ? Eigen::Vector3d::UnitZ() : Eigen::Vector3d::UnitX();
            const Eigen::Vector3d n1 = helper.cross(t).normalized();
            const std::string set = "ARM" + std::to_string(++armCount);
            arms << "*ELEMENT, TYPE=B32R, ELSET=" << set << "\n"
                 << ++elementId << ", " << centre << ", " << mid << ", " << members[k] << "\n";
            armSections << "*BEAM SECTION, ELSET=" << set << ", MATERIAL=ARM, SECTION=RECT\n"
                        << number(g.floorThicknessM) << ", " << number(g.floorThicknessM) << "\n"
                        << number(n1.x()) << ", " << number(n1.y()) << ", " << number(n1.z())
                        << "\n";
        }
        members.push_back(centre);
    }

    out << "** DTOP frame finite-element model of the three-storey rig, beam version for "
           "CalculiX.\n"
        << "** Units: m, kg, s, N, Pa. Columns: B32R, RECT " << number(g.columnWidthM) << " x "
        << number(g.columnThicknessM)
        << " m (width along x). Floors: 8 point masses and the column ends on stiff arms from "
           "the floor's centre.\n"
        << "** Base: columns clamped at z = " << number(zBase) << " m ("
        << baseClampName(options.baseClamp) << ").\n";
    if (summary.jointSpringsOmitted)
        out << "** Joint rotational springs of the built-in model are omitted: joints are rigid "
               "here.\n";
    out << "*HEADING\nDTOP fe beam model, " << n << " storeys, " << e << " B32R per span\n";
    out << "*NODE, NSET=NALL\n" << nodes.str();
    out << "*ELEMENT, TYPE=B32R, ELSET=COLUMNS\n" << elements.str();
    out << arms.str();
    out << masses.str();
    writeSet(out, "BASE", base);
    for (int f = 1; f <= n; ++f)
        writeSet(out, "FLOOR" + std::to_string(f), floorNodes[static_cast<std::size_t>(f - 1)]);
    out << "*MATERIAL, NAME=AL6082\n*ELASTIC\n"
        << number(material.youngModulusPa) << ", " << number(material.poissonRatio)
        << "\n*DENSITY\n"
        << number(material.densityKgM3) << "\n";
    out << "*MATERIAL, NAME=ARM\n*ELASTIC\n"
        << number(kArmStiffnessFactor * material.youngModulusPa) << ", "
        << number(material.poissonRatio) << "\n*DENSITY\n"
        << number(kArmDensityFactor * material.densityKgM3) << "\n";
    out << "*BEAM SECTION, ELSET=COLUMNS, MATERIAL=AL6082, SECTION=RECT\n"
        << number(g.columnWidthM) << ", " << number(g.columnThicknessM) << "\n1., 0., 0.\n";
    out << armSections.str();
    out << "*BOUNDARY\nBASE, 1, 6\n";
    out << "*STEP\n*FREQUENCY, SOLVER=SPOOLES\n"
        << modes << ", 0., " << number(maxFrequencyHz) << "\n*END STEP\n";

    summary.nodes = static_cast<int>(positions.size()) - 1;
    summary.elements = elementId;
    return summary;
}

std::vector<CalculixFrequency> parseCalculixFrequencies(std::istream& dat) {
    std::vector<CalculixFrequency> rows;
    std::string line;
    bool inBlock = false, started = false;
    while (std::getline(dat, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find("E I G E N V A L U E   O U T P U T") != std::string::npos) {
            inBlock = true;
            started = false;
            continue;
        }
        if (!inBlock)
            continue;
        std::istringstream fields(line);
        long long mode;
        double eigenvalue, radians, cycles;
        if (fields >> mode >> eigenvalue >> radians >> cycles) {
            rows.push_back({static_cast<int>(mode), eigenvalue, cycles});
            started = true;
        } else if (started) {
            inBlock = false; // the first line after the rows ends the table
        }
    }
    return rows;
}

} // namespace dtop::fe
