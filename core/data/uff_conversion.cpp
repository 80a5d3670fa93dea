// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/uff_conversion.h"

#include "dynamics/modal_analysis.h"
#include "dynamics/shear_building.h"
#include "model/profile.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <stdexcept>
#include <tuple>

namespace dtop::data {

namespace {

constexpr const char* kMagnitudeMarker = "DTOP magnitude |H| (no phase)";

std::string ascii(const std::string& s)
{
    std::string out;
    for (unsigned char c : s)
        out.push_back(c < 0x80 && c >= 0x20 ? static_cast<char>(c) : '?');
    return out;
}

std::string trimmed(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The double an E13.5 field gives back for v.
double throughE13(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%13.5E", v);
    return std::strtod(buffer, nullptr);
}

int specificType(dynamics::FrfQuantity q)
{
    switch (q) {
    case dynamics::FrfQuantity::Mobility:
        return 11;
    case dynamics::FrfQuantity::Accelerance:
        return 12;
    case dynamics::FrfQuantity::Receptance:
        break;
    }
    return 8;
}

const char* numeratorLabel(dynamics::FrfQuantity q)
{
    switch (q) {
    case dynamics::FrfQuantity::Mobility:
        return "Velocity";
    case dynamics::FrfQuantity::Accelerance:
        return "Acceleration";
    case dynamics::FrfQuantity::Receptance:
        break;
    }
    return "Displacement";
}

const char* numeratorUnit(dynamics::FrfQuantity q)
{
    switch (q) {
    case dynamics::FrfQuantity::Mobility:
        return "m/s";
    case dynamics::FrfQuantity::Accelerance:
        return "m/s^2";
    case dynamics::FrfQuantity::Receptance:
        break;
    }
    return "m";
}

void checkDirection(int direction)
{
    if (direction < 1 || direction > 3)
        throw std::invalid_argument("UFF: the sway direction must be 1, 2 or 3, got " +
                                    std::to_string(direction));
}

// The translation (1..3) of the mode shapes with the largest Σ|value|² (the lowest on a tie;
// 2 when no dataset 55 has three translations per node).
int dominantDirection(const UffFile& file)
{
    std::array<double, 3> energy{};
    for (const auto& dataset : file.datasets)
        if (const auto* d = std::get_if<Uff55>(&dataset); d && d->valuesPerNode >= 3)
            for (const auto& node : d->nodes)
                for (std::size_t k = 0; k < 3 && k < node.values.size(); ++k)
                    energy[k] += std::norm(node.values[k]);
    if (energy[0] == 0.0 && energy[1] == 0.0 && energy[2] == 0.0)
        return 2;
    return static_cast<int>(std::max_element(energy.begin(), energy.end()) - energy.begin()) + 1;
}

// The positions of `labels` from the file's last dataset 2411, else its last dataset 15; empty
// unless one of them gives every label.
std::vector<std::array<double, 3>> nodePositions(const UffFile& file,
                                                 const std::vector<int>& labels)
{
    const std::vector<UffNode>* found = nullptr;
    for (const auto& d : file.datasets)
        if (const auto* n = std::get_if<Uff2411>(&d))
            found = &n->nodes;
    if (!found)
        for (const auto& d : file.datasets)
            if (const auto* n = std::get_if<Uff15>(&d))
                found = &n->nodes;
    std::vector<std::array<double, 3>> out;
    if (!found)
        return out;
    for (int label : labels) {
        const auto it = std::find_if(found->begin(), found->end(),
                                     [label](const UffNode& n) { return n.label == label; });
        if (it == found->end())
            return {};
        out.push_back({it->x, it->y, it->z});
    }
    return out;
}

} // namespace

UffFile uffFromFrfDataset(const io::Dataset& dataset, const UffExportOptions& options)
{
    checkDirection(options.direction);
    if (!dataset.isFrf())
        throw std::invalid_argument("UFF 58 export: '" + dataset.info.id +
                                    "' is a time history, not an FRF dataset");
    const io::DatasetInfo& info = dataset.info;
    UffFile file;
    for (std::size_t c = 0; c < dataset.frf().channels.size(); ++c) {
        const io::FrfChannel& ch = dataset.frf().channels[c];
        Uff58 d;
        d.binary = options.binary;
        d.idLines = {ascii(info.title.empty() ? "NONE" : info.title),
                     ascii("DTOP dataset " + (info.id.empty() ? std::string("NONE") : info.id)),
                     "NONE", ascii(info.rig.empty() ? "NONE" : info.rig + " rig"),
                     ch.hasPhase()
                         ? ascii(info.quantity ? std::string("DTOP ") +
                                                     dynamics::frfQuantityName(*info.quantity)
                                               : std::string("DTOP quantity unknown"))
                         : kMagnitudeMarker};
        d.functionType = 4;
        d.functionId = static_cast<int>(c + 1);
        d.responseNode = ch.floor;
        d.responseDirection = options.direction;
        d.referenceNode = info.excitationFloor;
        d.referenceDirection = options.direction;
        d.ordinateDataType = ch.hasPhase() ? 6 : 4;
        d.x = ch.frequencyHz;
        if (ch.hasPhase()) {
            d.values = ch.values;
        } else {
            d.values.assign(ch.magnitude.begin(), ch.magnitude.end());
        }
        // Even spacing only when it reproduces every frequency bit for bit.
        d.evenSpacing = false;
        if (ch.size() >= 2) {
            const double min = throughE13(ch.frequencyHz[0]);
            const double inc = throughE13(ch.frequencyHz[1] - ch.frequencyHz[0]);
            bool exact = min == ch.frequencyHz[0];
            for (std::size_t i = 0; exact && i < ch.size(); ++i)
                exact = min + static_cast<double>(i) * inc == ch.frequencyHz[i];
            if (exact) {
                d.evenSpacing = true;
                d.abscissaMin = min;
                d.abscissaIncrement = inc;
            }
        }
        d.abscissa = {18, 0, 0, 0, "Frequency", "Hz"};
        if (info.quantity) {
            d.ordinate = {specificType(*info.quantity), 1, 0, 0, numeratorLabel(*info.quantity),
                          numeratorUnit(*info.quantity)};
            d.denominator = {13, 0, 1, 0, "Force", "N"};
        } else {
            d.ordinate = {0, 0, 0, 0, "NONE", "NONE"};
            d.denominator = {0, 0, 0, 0, "NONE", "NONE"};
        }
        d.zAxis = {0, 0, 0, 0, "NONE", "NONE"};
        file.datasets.emplace_back(std::move(d));
    }
    return file;
}

io::ReadResult<std::vector<io::Dataset>> frfDatasetsFromUff(const UffFile& file,
                                                            const std::string& name)
{
    struct Member {
        const Uff58* function;
        std::size_t index; // 1-based dataset position in the file
    };
    using Key = std::tuple<int, int, int>; // reference node, reference direction, response dir
    std::map<Key, std::vector<Member>> groups;
    std::size_t skipped = 0;
    for (std::size_t i = 0; i < file.datasets.size(); ++i) {
        const auto* f = std::get_if<Uff58>(&file.datasets[i]);
        if (!f)
            continue;
        if (f->functionType != 4 ||
            (f->abscissa.specificDataType != 18 && f->abscissa.specificDataType != 0)) {
            ++skipped;
            continue;
        }
        groups[{f->referenceNode, f->referenceDirection, f->responseDirection}].push_back(
            {f, i + 1});
    }
    if (groups.empty())
        return io::ReadError{name, 0,
                             "the file holds no frequency response function (dataset 58 "
                             "of function type 4)"};
    std::vector<io::Dataset> out;
    for (const auto& [key, members] : groups) {
        const auto [refNode, refDir, rspDir] = key;
        std::vector<int> nodes;
        for (const Member& m : members)
            nodes.push_back(m.function->responseNode);
        std::vector<int> sorted = nodes;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            return io::ReadError{
                name, 0,
                "two FRFs of response node " +
                    std::to_string(*std::adjacent_find(sorted.begin(), sorted.end())) +
                    " (direction " + std::to_string(rspDir) + ") to the same reference node " +
                    std::to_string(refNode)};
        const bool direct =
            sorted.front() >= 1 && sorted.back() <= static_cast<int>(model::kMaxStoreys);
        auto floorOf = [&](int node) {
            if (direct)
                return node;
            return static_cast<int>(std::lower_bound(sorted.begin(), sorted.end(), node) -
                                    sorted.begin()) +
                   1;
        };
        io::Dataset d;
        io::FrfData frf;
        std::optional<dynamics::FrfQuantity> quantity;
        bool sameQuantity = true;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const Uff58& f = *members[k].function;
            for (std::size_t i = 0; i < f.x.size(); ++i)
                if (!(f.x[i] >= 0.0) || (i > 0 && !(f.x[i] > f.x[i - 1])))
                    return io::ReadError{name, 0,
                                         "dataset " + std::to_string(members[k].index) +
                                             " (58): the frequencies must be >= 0 Hz and "
                                             "strictly increasing (point " +
                                             std::to_string(i + 1) + ")"};
            std::optional<dynamics::FrfQuantity> q;
            if (f.denominator.specificDataType == 13) {
                if (f.ordinate.specificDataType == 8)
                    q = dynamics::FrfQuantity::Receptance;
                else if (f.ordinate.specificDataType == 11)
                    q = dynamics::FrfQuantity::Mobility;
                else if (f.ordinate.specificDataType == 12)
                    q = dynamics::FrfQuantity::Accelerance;
            }
            if (k == 0)
                quantity = q;
            else if (q != quantity)
                sameQuantity = false;
            io::FrfChannel ch;
            ch.floor = floorOf(f.responseNode);
            ch.frequencyHz = f.x;
            const bool magnitudeOnly = !f.isComplex() && trimmed(f.idLines[4]) == kMagnitudeMarker;
            if (!magnitudeOnly)
                ch.values = f.values;
            for (const auto& v : f.values)
                ch.magnitude.push_back(std::abs(v));
            frf.channels.push_back(std::move(ch));
        }
        std::sort(
            frf.channels.begin(), frf.channels.end(),
            [](const io::FrfChannel& a, const io::FrfChannel& b) { return a.floor < b.floor; });
        const Uff58& first = *members.front().function;
        d.info.title = trimmed(first.idLines[0]) == "NONE" || trimmed(first.idLines[0]).empty()
                           ? name
                           : trimmed(first.idLines[0]);
        d.info.quantity = sameQuantity ? quantity : std::nullopt;
        d.info.excitationFloor =
            std::binary_search(sorted.begin(), sorted.end(), refNode)
                ? floorOf(refNode)
                : (refNode >= 1 && refNode <= static_cast<int>(model::kMaxStoreys) ? refNode : 0);
        d.info.format = first.binary ? "uff58b" : "uff58";
        d.info.source = name;
        std::string units =
            trimmed(first.ordinate.unitsLabel) + "/" + trimmed(first.denominator.unitsLabel);
        d.info.units = units == "NONE/NONE" || units == "/" ? std::string() : units;
        std::string notes = "Imported from UFF dataset 58 (" + std::to_string(members.size()) +
                            " FRFs; reference node " + std::to_string(refNode) + ", direction " +
                            std::to_string(refDir) + "; response direction " +
                            std::to_string(rspDir) + ").";
        if (!direct) {
            notes += " Response nodes";
            for (std::size_t i = 0; i < sorted.size(); ++i)
                notes += (i ? ", " : " ") + std::to_string(sorted[i]);
            notes += " taken as floors 1.." + std::to_string(sorted.size()) + ".";
        }
        if (!sameQuantity)
            notes += " The functions disagree on their quantity: left unknown.";
        if (skipped > 0)
            notes += " " + std::to_string(skipped) + " other function(s) of the file skipped.";
        d.info.notes = notes;
        d.data = std::move(frf);
        io::describeSampling(d);
        out.push_back(std::move(d));
    }
    return out;
}

ModeShapeSet modeShapesFromProfile(const model::Profile& profile)
{
    const dynamics::ShearBuilding building(profile);
    const dynamics::UndampedModes undamped = dynamics::undampedModes(building);
    const dynamics::DampedModes damped = dynamics::dampedModes(building);
    ModeShapeSet m;
    const auto n = static_cast<int>(building.dofs());
    for (int i = 1; i <= n; ++i)
        m.nodes.push_back(i);
    const std::vector<double> f = undamped.frequenciesHz();
    std::vector<double> zeta;
    for (std::size_t r = 0; r < damped.eigenvalues.size(); ++r)
        if (damped.eigenvalues[r].imag() > 0.0)
            zeta.push_back(damped.dampingRatios[r]);
    for (std::size_t r = 0; r < f.size(); ++r) {
        m.modeNumbers.push_back(static_cast<int>(r + 1));
        m.frequenciesHz.push_back(f[r]);
        // Overdamped modes have no ratio below 1 to report.
        m.dampingRatios.push_back(r < zeta.size() ? zeta[r]
                                                  : std::numeric_limits<double>::quiet_NaN());
        m.modalMasses.push_back(1.0);
    }
    m.shapes = undamped.shapes.cast<std::complex<double>>();
    return m;
}

UffFile uffFromModeShapes(const ModeShapeSet& modes, const std::string& title, int direction)
{
    checkDirection(direction);
    const auto count = static_cast<std::size_t>(modes.shapes.cols());
    if (modes.frequenciesHz.size() != count || modes.dampingRatios.size() != count ||
        modes.nodes.size() != static_cast<std::size_t>(modes.shapes.rows()))
        throw std::invalid_argument("UFF 55 export: the mode set's sizes disagree");
    UffFile file;
    for (std::size_t r = 0; r < count; ++r) {
        Uff55 d;
        const int number =
            r < modes.modeNumbers.size() ? modes.modeNumbers[r] : static_cast<int>(r + 1);
        d.idLines = {ascii(title.empty() ? "NONE" : title), "DTOP mode shapes", "NONE", "NONE",
                     "Mode " + std::to_string(number)};
        d.dataCharacteristic = 2;
        d.specificDataType = 8;
        d.valuesPerNode = 3;
        d.integerParameters = {1, number};
        const double f = modes.frequenciesHz[r];
        const double zeta = std::isnan(modes.dampingRatios[r]) ? 0.0 : modes.dampingRatios[r];
        if (modes.complex) {
            const double w = 2.0 * std::numbers::pi * f;
            d.analysisType = 3;
            d.dataType = 5;
            d.realParameters = {
                -zeta * w, w * std::sqrt(std::max(0.0, 1.0 - zeta * zeta)), 0.0, 0.0, 0.0, 0.0};
        } else {
            d.analysisType = 2;
            d.dataType = 2;
            const double mass = r < modes.modalMasses.size() && std::isfinite(modes.modalMasses[r])
                                    ? modes.modalMasses[r]
                                    : 0.0;
            d.realParameters = {f, mass, zeta, 0.0};
        }
        for (std::size_t i = 0; i < modes.nodes.size(); ++i) {
            Uff55::Node node;
            node.label = modes.nodes[i];
            node.values.assign(3, {0.0, 0.0});
            std::complex<double> v =
                modes.shapes(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r));
            if (!modes.complex)
                v = v.real();
            node.values[static_cast<std::size_t>(direction - 1)] = v;
            d.nodes.push_back(std::move(node));
        }
        file.datasets.emplace_back(std::move(d));
    }
    return file;
}

io::ReadResult<ModeShapeSet> modeShapesFromUff(const UffFile& file, const std::string& name,
                                               int direction)
{
    if (direction != 0)
        checkDirection(direction);
    else
        direction = dominantDirection(file);
    struct Mode {
        int number;
        double f, zeta, mass;
        std::vector<std::complex<double>> shape;
        bool complex;
    };
    std::vector<Mode> modes;
    std::vector<int> nodes;
    for (std::size_t i = 0; i < file.datasets.size(); ++i) {
        const auto* d = std::get_if<Uff55>(&file.datasets[i]);
        if (!d || !(d->analysisType == 2 || d->analysisType == 3 || d->analysisType == 7))
            continue;
        const std::string where = "dataset " + std::to_string(i + 1) + " (55)";
        if (d->integerParameters.size() < 2)
            return io::ReadError{name, 0, where + ": no mode number in record 7"};
        Mode m;
        m.number = d->integerParameters[1];
        m.complex = d->analysisType != 2;
        if (d->analysisType == 2) {
            if (d->realParameters.size() < 3)
                return io::ReadError{name, 0,
                                     where + ": record 8 needs the frequency, the modal "
                                             "mass and the damping ratio"};
            m.f = d->realParameters[0];
            m.mass = d->realParameters[1];
            m.zeta = d->realParameters[2];
        } else {
            if (d->realParameters.size() < 2)
                return io::ReadError{name, 0, where + ": record 8 needs the eigenvalue"};
            const std::complex<double> lambda(d->realParameters[0], d->realParameters[1]);
            m.f = std::abs(lambda) / (2.0 * std::numbers::pi);
            m.zeta = std::abs(lambda) > 0.0 ? -lambda.real() / std::abs(lambda) : 0.0;
            m.mass = std::numeric_limits<double>::quiet_NaN();
        }
        const std::size_t component =
            d->valuesPerNode == 1 ? 0 : static_cast<std::size_t>(direction - 1);
        if (component >= static_cast<std::size_t>(d->valuesPerNode))
            return io::ReadError{name, 0,
                                 where + ": " + std::to_string(d->valuesPerNode) +
                                     " values per node, no direction " + std::to_string(direction)};
        std::vector<int> labels;
        for (const auto& node : d->nodes) {
            labels.push_back(node.label);
            m.shape.push_back(node.values[component]);
        }
        std::vector<int> sorted = labels;
        std::sort(sorted.begin(), sorted.end());
        if (const auto twice = std::adjacent_find(sorted.begin(), sorted.end());
            twice != sorted.end())
            return io::ReadError{name, 0,
                                 where + ": mode " + std::to_string(m.number) + " gives node " +
                                     std::to_string(*twice) + " twice"};
        if (modes.empty())
            nodes = labels;
        else if (labels != nodes)
            return io::ReadError{name, 0,
                                 where + ": mode " + std::to_string(m.number) +
                                     " is given at other nodes than the first mode"};
        modes.push_back(std::move(m));
    }
    if (modes.empty())
        return io::ReadError{name, 0,
                             "the file holds no mode shape (dataset 55 of a normal-mode "
                             "or complex-eigenvalue analysis)"};
    std::stable_sort(modes.begin(), modes.end(),
                     [](const Mode& a, const Mode& b) { return a.number < b.number; });
    ModeShapeSet out;
    out.nodes = nodes;
    out.direction = direction;
    out.coordinatesM = nodePositions(file, nodes);
    out.shapes.resize(static_cast<Eigen::Index>(nodes.size()),
                      static_cast<Eigen::Index>(modes.size()));
    for (std::size_t r = 0; r < modes.size(); ++r) {
        out.modeNumbers.push_back(modes[r].number);
        out.frequenciesHz.push_back(modes[r].f);
        out.dampingRatios.push_back(modes[r].zeta);
        out.modalMasses.push_back(modes[r].mass);
        out.complex = out.complex || modes[r].complex;
        for (std::size_t i = 0; i < nodes.size(); ++i)
            out.shapes(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r)) =
                modes[r].shape[i];
    }
    if (out.shapes.size() == 0 || out.shapes.cwiseAbs().maxCoeff() == 0.0)
        return io::ReadError{name, 0,
                             "every mode shape is zero in UFF direction " +
                                 std::to_string(direction) +
                                 " (the sway component read; a file with the sway in another "
                                 "direction needs that direction)"};
    return out;
}

UffFile uffFromModeShapeDataset(const ModeShapeSet& modes, const std::string& title)
{
    UffFile file = uffFromModeShapes(modes, title, modes.direction);
    if (!modes.coordinatesM.empty()) {
        if (modes.coordinatesM.size() != modes.nodes.size())
            throw std::invalid_argument("UFF 2411 export: one position per node is needed");
        Uff2411 geometry;
        for (std::size_t i = 0; i < modes.nodes.size(); ++i) {
            UffNode n;
            n.label = modes.nodes[i];
            n.color = 1;
            n.x = modes.coordinatesM[i][0];
            n.y = modes.coordinatesM[i][1];
            n.z = modes.coordinatesM[i][2];
            geometry.nodes.push_back(n);
        }
        file.datasets.emplace_back(std::move(geometry));
    }
    return file;
}

Uff2411 shearBuildingNodes(std::size_t storeys, double storeyHeightM)
{
    Uff2411 d;
    for (std::size_t i = 1; i <= storeys; ++i) {
        UffNode n;
        n.label = static_cast<int>(i);
        n.color = 1;
        n.z = static_cast<double>(i) * storeyHeightM;
        d.nodes.push_back(n);
    }
    return d;
}

} // namespace dtop::data
