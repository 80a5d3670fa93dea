// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/crossval.h"

#include "crossval/frf_interpolation.h"
#include "crossval/mac.h"
#include "dynamics/frequency_grid.h"
#include "dynamics/frf.h"
#include "dynamics/shear_building.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace dtop::crossval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string floorList(const std::vector<int>& floors)
{
    std::string s;
    for (std::size_t i = 0; i < floors.size(); ++i)
        s += (i ? ", " : "") + std::to_string(floors[i]);
    return floors.empty() ? "none" : s;
}

// A dataset of mode shapes (no FRF): only the modes of a pair with it are compared.
bool holdsModesOnly(const CrossvalSource& s)
{
    return s.isDataset() && s.dataset().isModeShapes();
}

bool isFrfDataset(const CrossvalSource& s)
{
    return s.isDataset() && s.dataset().isFrf();
}

// The floors a source can answer for (a mode-shape dataset's: node k = floor k).
std::vector<int> sourceFloors(const CrossvalSource& s)
{
    std::vector<int> floors;
    if (holdsModesOnly(s)) {
        floors = modeShapeFloors(s.dataset().modeShapes());
    } else if (isFrfDataset(s)) {
        for (const auto& c : s.dataset().frf().channels)
            floors.push_back(c.floor);
        std::sort(floors.begin(), floors.end());
    } else if (s.isProfile()) {
        for (std::size_t i = 1; i <= s.profile().storeys(); ++i)
            floors.push_back(static_cast<int>(i));
    }
    return floors;
}

// 0 receptance, 1 mobility, 2 accelerance: the power of jω relative to receptance.
int derivativeOrder(dynamics::FrfQuantity q)
{
    switch (q) {
    case dynamics::FrfQuantity::Mobility:
        return 1;
    case dynamics::FrfQuantity::Accelerance:
        return 2;
    case dynamics::FrfQuantity::Receptance:
        break;
    }
    return 0;
}

// A dataset FRF channel's frequency range; profiles are exact everywhere.
struct Range {
    double lo = 0.0;
    double hi = std::numeric_limits<double>::infinity();
};

Range channelRange(const CrossvalSource& s, int floor, dynamics::FrfQuantity target)
{
    Range r;
    if (!isFrfDataset(s))
        return r;
    const io::FrfChannel* c = s.dataset().frf().floor(floor);
    if (!c || c->frequencyHz.empty())
        return {1.0, 0.0}; // empty
    r.lo = c->frequencyHz.front();
    r.hi = c->frequencyHz.back();
    // Dividing by jω (towards receptance) drops the point at 0 Hz.
    const auto& q = s.dataset().info.quantity;
    if (r.lo == 0.0 && q && derivativeOrder(*q) > derivativeOrder(target) && c->size() > 1)
        r.lo = c->frequencyHz[1];
    return r;
}

std::string rangeText(const CrossvalSource& s, const std::vector<int>& floors,
                      dynamics::FrfQuantity target)
{
    if (holdsModesOnly(s))
        return "'" + s.name + "' (mode shapes: any frequency)";
    if (!s.isDataset())
        return "'" + s.name + "' (a profile: any frequency)";
    double lo = 0.0, hi = std::numeric_limits<double>::infinity();
    for (int f : floors) {
        const Range r = channelRange(s, f, target);
        lo = std::max(lo, r.lo);
        hi = std::min(hi, r.hi);
    }
    return "'" + s.name + "' (" + formatValue(lo) + "–" + formatValue(hi) + " Hz)";
}

// How a mode-shape side's nodes were matched, for the message of a pair without common floors.
std::string nodeRule(const CrossvalSource& ref, const CrossvalSource& cand)
{
    if (!holdsModesOnly(ref) && !holdsModesOnly(cand))
        return "";
    return " (mode shapes: node k is floor k, docs/tools/crossval.md)";
}

// What one pair compares: floors and the frequency range of the common grid.
struct PairPlan {
    std::vector<int> floors;
    double lo = 0.0;
    double hi = 0.0;
};

std::optional<PairPlan> planPair(const CrossvalInput& in, const CrossvalSource& ref,
                                 const CrossvalSource& cand, const std::string& label,
                                 dynamics::FrfQuantity target, InputIssues* issues)
{
    PairPlan plan;
    const std::vector<int> rf = sourceFloors(ref), cf = sourceFloors(cand);
    if (!in.responseFloors.empty()) {
        plan.floors = in.responseFloors; // each side was checked to have them
    } else {
        std::set_intersection(rf.begin(), rf.end(), cf.begin(), cf.end(),
                              std::back_inserter(plan.floors));
        if (plan.floors.empty()) {
            if (issues)
                issues->push_back({"candidates", label + ": reference '" + ref.name + "' (floors " +
                                                     floorList(rf) + ") and candidate '" +
                                                     cand.name + "' (floors " + floorList(cf) +
                                                     ") share no response floor" +
                                                     nodeRule(ref, cand)});
            return std::nullopt;
        }
    }
    plan.lo = in.bandLoHz;
    plan.hi = in.bandHiHz;
    for (int f : plan.floors) {
        for (const CrossvalSource* s : {&ref, &cand}) {
            const Range r = channelRange(*s, f, target);
            plan.lo = std::max(plan.lo, r.lo);
            plan.hi = std::min(plan.hi, r.hi);
        }
    }
    if (holdsModesOnly(ref) || holdsModesOnly(cand)) {
        // Modes only: no common frequency grid is needed, only a band both sides cover.
        if (!(plan.lo < plan.hi)) {
            if (issues)
                issues->push_back({"band_hz", label + ": the band " + formatValue(in.bandLoHz) +
                                                  "–" + formatValue(in.bandHiHz) +
                                                  " Hz and reference " +
                                                  rangeText(ref, plan.floors, target) +
                                                  " and candidate " +
                                                  rangeText(cand, plan.floors, target) +
                                                  " have no frequency in common"});
            return std::nullopt;
        }
        return plan;
    }
    // The grid: the reference's (first floor's) axis, else the candidate's, else uniform.
    std::size_t points = in.profileGridPoints;
    const CrossvalSource* gridSide = ref.isDataset() ? &ref : cand.isDataset() ? &cand : nullptr;
    if (gridSide && plan.lo <= plan.hi) {
        const auto& axis = gridSide->dataset().frf().floor(plan.floors.front())->frequencyHz;
        points = static_cast<std::size_t>(std::upper_bound(axis.begin(), axis.end(), plan.hi) -
                                          std::lower_bound(axis.begin(), axis.end(), plan.lo));
    }
    if (!(plan.lo < plan.hi) || points < 3) {
        if (issues)
            issues->push_back(
                {"band_hz", label + ": the band " + formatValue(in.bandLoHz) + "–" +
                                formatValue(in.bandHiHz) +
                                " Hz leaves fewer than 3 common frequencies of reference " +
                                rangeText(ref, plan.floors, target) + " and candidate " +
                                rangeText(cand, plan.floors, target)});
        return std::nullopt;
    }
    if (points > kMaxGridPoints) {
        if (issues)
            issues->push_back({"band_hz", label + ": the common grid would have " +
                                              std::to_string(points) + " points, more than " +
                                              std::to_string(kMaxGridPoints)});
        return std::nullopt;
    }
    return plan;
}

// A mode-shape dataset needs modes at nodes that are floors (node k = floor k).
void checkModeShapes(const CrossvalSource& s, const std::string& field, const std::string& label,
                     InputIssues& issues)
{
    const io::ModeShapeData& m = s.dataset().modeShapes();
    if (m.modes() == 0 || m.nodes.empty()) {
        issues.push_back({field, label + " '" + s.name + "' holds no mode shape"});
        return;
    }
    if (modeShapeFloors(m).empty())
        issues.push_back({field, label + " '" + s.name + "' has its mode shapes at nodes " +
                                     floorList(m.nodes) +
                                     ", none of which is a floor (node k is floor k, 1–" +
                                     std::to_string(model::kMaxStoreys) + ")"});
}

// A mode-shape side with no natural frequency in the band would compare nothing.
void checkModesInBand(const CrossvalSource& s, const std::string& field, const std::string& label,
                      double lo, double hi, InputIssues& issues)
{
    if (!holdsModesOnly(s))
        return;
    std::string all;
    for (double f : s.dataset().modeShapes().frequenciesHz) {
        if (f >= lo && f <= hi)
            return;
        all += (all.empty() ? "" : ", ") + formatValue(f);
    }
    issues.push_back({field, label + " '" + s.name + "' has no mode between " + formatValue(lo) +
                                 " and " + formatValue(hi) + " Hz (its modes: " + all +
                                 " Hz); widen --band-hz"});
}

void checkSource(const CrossvalSource& s, const std::string& field, const std::string& label,
                 int inputFloor, const std::vector<int>& responseFloors, InputIssues& issues)
{
    if (!s.isLoaded()) {
        issues.push_back({field, label + " '" + s.name + "' is not loaded"});
        return;
    }
    if (holdsModesOnly(s)) {
        checkModeShapes(s, field, label, issues);
    } else if (s.isDataset()) {
        const io::Dataset& d = s.dataset();
        if (!d.isFrf()) {
            issues.push_back(
                {field, label + " '" + s.name + "' is a time history, not an FRF dataset"});
            return;
        }
        if (d.frf().channels.empty()) {
            issues.push_back({field, label + " '" + s.name + "' has no FRF channel"});
            return;
        }
        if (d.info.excitationFloor > 0 && d.info.excitationFloor != inputFloor)
            issues.push_back(
                {"input_floor", label + " '" + s.name + "' was measured with the force at floor " +
                                    std::to_string(d.info.excitationFloor) +
                                    ", not at the input floor " + std::to_string(inputFloor)});
    } else {
        const model::Profile& p = s.profile();
        for (const InputIssue& i : p.validate())
            issues.push_back({field, label + " '" + s.name + "': " + i.message});
        if (inputFloor > static_cast<int>(p.storeys()) && p.storeys() > 0)
            issues.push_back(
                {"input_floor", label + " '" + s.name + "' has " + std::to_string(p.storeys()) +
                                    " floors: no input floor " + std::to_string(inputFloor)});
    }
    const std::vector<int> have = sourceFloors(s);
    for (int f : responseFloors)
        if (!std::binary_search(have.begin(), have.end(), f))
            issues.push_back({"response_floors",
                              label + " '" + s.name + "' has no response at floor " +
                                  std::to_string(f) + " (it has floors " + floorList(have) + ")"});
}

// One side of a pair on the common grid.
struct SideData {
    std::vector<std::vector<std::complex<double>>> values; // [floor][k]
    std::vector<bool> hasPhase;                            // per floor
    io::FrfData converted;                                 // datasets: compared floors
};

io::FrfChannel convertedChannel(const io::Dataset& d, int floor, dynamics::FrfQuantity target)
{
    const io::FrfChannel& c = *d.frf().floor(floor);
    if (!d.info.quantity || *d.info.quantity == target)
        return c;
    return io::convertFrfChannel(c, *d.info.quantity, target);
}

SideData sideOnGrid(const CrossvalSource& s, const std::vector<int>& floors,
                    const std::vector<double>& grid, dynamics::FrfQuantity target, int inputFloor,
                    Progress& progress)
{
    SideData out;
    if (s.isDataset()) {
        for (int f : floors) {
            io::FrfChannel c = convertedChannel(s.dataset(), f, target);
            out.values.push_back(channelOnGrid(c, grid));
            out.hasPhase.push_back(c.hasPhase());
            out.converted.channels.push_back(std::move(c));
        }
        return out;
    }
    const dynamics::ShearBuilding building(s.profile());
    const dynamics::FrfEvaluator evaluator(building);
    const std::size_t n = building.dofs();
    out.values.assign(floors.size(), std::vector<std::complex<double>>(grid.size()));
    out.hasPhase.assign(floors.size(), true);
    std::array<std::complex<double>, model::kMaxStoreys> x{};
    for (std::size_t k = 0; k < grid.size(); ++k) {
        if ((k & 4095) == 4095)
            progress.checkCancelled();
        const double omega = 2.0 * std::numbers::pi * grid[k];
        evaluator.receptance(omega, static_cast<std::size_t>(inputFloor - 1), x.data());
        for (std::size_t i = 0; i < floors.size(); ++i) {
            const std::size_t dof = static_cast<std::size_t>(floors[i] - 1);
            out.values[i][k] = dof < n ? dynamics::fromReceptance(x[dof], omega, target)
                                       : std::complex<double>(kNaN, kNaN);
        }
    }
    return out;
}

std::vector<double> peaksOf(const std::vector<double>& f, const std::vector<double>& magnitude,
                            double lo, double hi, std::size_t maxPeaks,
                            const PeakPickingOptions& options)
{
    std::vector<double> db(magnitude.size());
    for (std::size_t k = 0; k < magnitude.size(); ++k)
        db[k] = magnitude[k] > 0.0 ? 20.0 * std::log10(magnitude[k])
                                   : -std::numeric_limits<double>::infinity();
    std::vector<double> out;
    for (const Peak& p : findPeaks(f, db, lo, hi, maxPeaks, options))
        out.push_back(p.frequencyHz);
    return out;
}

// Per-floor peaks of one side: datasets on the channel's own axis, profiles on the grid.
std::vector<double> floorPeaks(const CrossvalSource& s, const SideData& side, std::size_t i,
                               const std::vector<double>& grid, const PairPlan& plan,
                               std::size_t maxPeaks, const PeakPickingOptions& options)
{
    if (s.isDataset()) {
        const io::FrfChannel& c = side.converted.channels[i];
        return peaksOf(c.frequencyHz, c.magnitude, plan.lo, plan.hi, maxPeaks, options);
    }
    std::vector<double> magnitude(grid.size());
    for (std::size_t k = 0; k < grid.size(); ++k)
        magnitude[k] = std::abs(side.values[i][k]);
    return peaksOf(grid, magnitude, plan.lo, plan.hi, maxPeaks, options);
}

std::size_t modeLimit(const CrossvalInput& in, const CrossvalSource& s)
{
    if (in.maxModes > 0)
        return in.maxModes;
    return sourceFloors(s).size();
}

ModeEstimate modesOf(const CrossvalInput& in, const CrossvalSource& s, const SideData& side,
                     const PairPlan& plan, dynamics::FrfQuantity target, int inputFloor,
                     Progress& progress)
{
    if (s.isProfile())
        return profileModes(s.profile(), plan.floors, plan.lo, plan.hi);
    if (holdsModesOnly(s))
        return storedModes(s.dataset().modeShapes(), plan.floors, plan.lo, plan.hi);
    ModeSearch search;
    search.bandLoHz = plan.lo;
    search.bandHiHz = plan.hi;
    search.maxModes = modeLimit(in, s);
    search.quantity = target;
    search.inputFloor = inputFloor;
    if (in.modeEstimator)
        return in.modeEstimator->estimate(side.converted, search, progress);
    return PeakPickingEstimator(in.peakPicking).estimate(side.converted, search, progress);
}

void addSourceNotes(const CrossvalSource& s, const std::vector<int>& floors,
                    dynamics::FrfQuantity target, std::vector<std::string>& notes)
{
    if (s.isProfile()) {
        if (s.profile().isNonlinear())
            notes.push_back("'" + s.name +
                            "' has cubic storey springs: its linear part is "
                            "compared");
        return;
    }
    const io::Dataset& d = s.dataset();
    if (d.isModeShapes()) {
        const io::ModeShapeData& m = d.modeShapes();
        notes.push_back("'" + s.name + "' holds mode shapes only (" + std::to_string(m.modes()) +
                        " modes, " + (m.complex ? "complex" : "real") + ", UFF direction " +
                        std::to_string(m.direction) + "): node k is floor k; FRF metrics (FRAC, "
                        "RMS dB difference, CSAC, CSF, FDAC) are not computed for this pair");
        if (d.info.suspect)
            notes.push_back("'" + s.name + "' is marked suspect in its metadata (see its notes)");
        return;
    }
    const std::string q = dynamics::frfQuantityName(target);
    if (!d.info.quantity)
        notes.push_back("'" + s.name + "': quantity undocumented, compared as if it were " + q +
                        " (levels and CSF may not be commensurable)");
    else if (*d.info.quantity != target)
        notes.push_back("'" + s.name + "' converted from " +
                        dynamics::frfQuantityName(*d.info.quantity) + " to " + q);
    if (d.info.excitationFloor == 0)
        notes.push_back("'" + s.name +
                        "': excitation floor undocumented, assumed the input "
                        "floor");
    if (d.info.suspect)
        notes.push_back("'" + s.name + "' is marked suspect in its metadata (see its notes)");
    std::vector<int> magnitudeOnly;
    for (int f : floors) {
        const io::FrfChannel* c = d.frf().floor(f);
        if (!c->hasPhase())
            magnitudeOnly.push_back(f);
        if (c->frequencyHz != d.frf().floor(floors.front())->frequencyHz)
            notes.push_back("'" + s.name + "' floor " + std::to_string(f) +
                            " has its own frequency axis, interpolated onto the common grid");
    }
    if (!magnitudeOnly.empty())
        notes.push_back("'" + s.name + "': magnitude only (no phase) at floor" +
                        (magnitudeOnly.size() > 1 ? "s " : " ") + floorList(magnitudeOnly));
}

// MAC matrix, pairing and per-mode errors of the pair's two mode estimates.
void correlateModes(CrossvalPair& pair)
{
    const bool phase = pair.referenceModes.shapesHavePhase && pair.candidateModes.shapesHavePhase;
    pair.macBasis = phase ? CorrelationBasis::Complex : CorrelationBasis::Magnitude;
    Eigen::MatrixXcd a = pair.referenceModes.shapes, b = pair.candidateModes.shapes;
    if (!phase) {
        a = a.cwiseAbs().cast<std::complex<double>>();
        b = b.cwiseAbs().cast<std::complex<double>>();
    }
    pair.macMatrix = macMatrix(a, b);
    pair.pairing = (phase && pair.floors.size() >= 2) ? PairingRule::Mac : PairingRule::Frequency;
    for (const ModeMatch& m : pairModes(pair.macMatrix, pair.referenceModes.frequenciesHz,
                                        pair.candidateModes.frequenciesHz, pair.pairing)) {
        ModeCorrelation mc;
        mc.referenceMode = m.reference;
        mc.candidateMode = m.candidate;
        mc.referenceFrequencyHz = pair.referenceModes.frequenciesHz[m.reference];
        mc.candidateFrequencyHz = pair.candidateModes.frequenciesHz[m.candidate];
        mc.frequencyErrorPct = 100.0 * (mc.candidateFrequencyHz - mc.referenceFrequencyHz) /
                               mc.referenceFrequencyHz;
        mc.mac = pair.macMatrix(static_cast<Eigen::Index>(m.reference),
                                static_cast<Eigen::Index>(m.candidate));
        mc.referenceDampingRatio = pair.referenceModes.dampingRatios[m.reference];
        mc.candidateDampingRatio = pair.candidateModes.dampingRatios[m.candidate];
        mc.dampingDifference = mc.candidateDampingRatio - mc.referenceDampingRatio;
        pair.modes.push_back(mc);
    }
    if (!phase)
        pair.notes.push_back("mode shapes without phase: MAC on |φ| and modes paired by "
                             "frequency");
    else if (pair.pairing == PairingRule::Frequency)
        pair.notes.push_back("one compared floor: MAC is 1 by construction; modes paired "
                             "by frequency");
}

} // namespace

dynamics::FrfQuantity CrossvalInput::effectiveQuantity() const
{
    if (quantity)
        return *quantity;
    if (reference.isDataset() && reference.dataset().info.quantity)
        return *reference.dataset().info.quantity;
    for (const auto& c : candidates)
        if (c.isDataset() && c.dataset().info.quantity)
            return *c.dataset().info.quantity;
    return dynamics::FrfQuantity::Accelerance;
}

int CrossvalInput::effectiveInputFloor() const
{
    if (inputFloor > 0)
        return inputFloor;
    if (reference.isDataset() && reference.dataset().info.excitationFloor > 0)
        return reference.dataset().info.excitationFloor;
    for (const auto& c : candidates)
        if (c.isDataset() && c.dataset().info.excitationFloor > 0)
            return c.dataset().info.excitationFloor;
    return 1;
}

InputIssues CrossvalInput::validate() const
{
    InputIssues issues;
    if (!std::isfinite(bandLoHz) || bandLoHz < 0.0)
        issues.push_back({"band_hz", "band_hz: the lower band edge must be a finite frequency "
                                     ">= 0 Hz, got " +
                                         formatValue(bandLoHz)});
    if (!std::isfinite(bandHiHz) || !(bandHiHz > bandLoHz))
        issues.push_back({"band_hz", "band_hz: the upper band edge must be a finite frequency "
                                     "above the lower one (" +
                                         formatValue(bandLoHz) + " Hz), got " +
                                         formatValue(bandHiHz)});
    if (inputFloor < 0 || inputFloor > static_cast<int>(model::kMaxStoreys))
        issues.push_back({"input_floor", "input_floor must be between 1 and " +
                                             std::to_string(model::kMaxStoreys) +
                                             " (0 = from the sources), got " +
                                             std::to_string(inputFloor)});
    for (std::size_t i = 0; i < responseFloors.size(); ++i) {
        const int f = responseFloors[i];
        if (f < 1 || f > static_cast<int>(model::kMaxStoreys) ||
            (i > 0 && f <= responseFloors[i - 1])) {
            issues.push_back({"response_floors",
                              "response_floors must be ascending distinct floors between 1 and " +
                                  std::to_string(model::kMaxStoreys) + ", got " +
                                  std::to_string(f) + " at position " + std::to_string(i + 1)});
            break;
        }
    }
    if (profileGridPoints < 3 || profileGridPoints > kMaxGridPoints)
        issues.push_back({"profile_grid_points", "profile_grid_points must be between 3 and " +
                                                     std::to_string(kMaxGridPoints) + ", got " +
                                                     std::to_string(profileGridPoints)});
    if (fdacPoints < 2 || fdacPoints > kMaxFdacPoints)
        issues.push_back({"fdac_points", "fdac_points must be between 2 and " +
                                             std::to_string(kMaxFdacPoints) + ", got " +
                                             std::to_string(fdacPoints)});
    if (maxModes > 100)
        issues.push_back({"max_modes", "max_modes must be between 0 (automatic) and 100, got " +
                                           std::to_string(maxModes)});
    if (!(peakPicking.minProminenceDb >= 0.0) || !std::isfinite(peakPicking.minProminenceDb))
        issues.push_back(
            {"min_prominence_db", "min_prominence_db must be a finite number >= 0 dB, got " +
                                      formatValue(peakPicking.minProminenceDb)});
    if (candidates.empty())
        issues.push_back({"candidates", "at least one candidate source is needed"});
    if (candidates.size() > kMaxCandidates)
        issues.push_back({"candidates", "at most " + std::to_string(kMaxCandidates) +
                                            " candidates, got " +
                                            std::to_string(candidates.size())});
    if (!issues.empty())
        return issues;

    const int floor = effectiveInputFloor();
    const dynamics::FrfQuantity target = effectiveQuantity();
    const std::size_t before = issues.size();
    checkSource(reference, "reference", "reference", floor, responseFloors, issues);
    for (std::size_t i = 0; i < candidates.size(); ++i)
        checkSource(candidates[i], "candidates", "candidate " + std::to_string(i + 1), floor,
                    responseFloors, issues);
    if (issues.size() != before)
        return issues;
    checkModesInBand(reference, "reference", "reference", bandLoHz, bandHiHz, issues);
    for (std::size_t i = 0; i < candidates.size(); ++i)
        checkModesInBand(candidates[i], "candidates", "candidate " + std::to_string(i + 1),
                         bandLoHz, bandHiHz, issues);
    if (issues.size() != before)
        return issues;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        planPair(*this, reference, candidates[i], "candidate " + std::to_string(i + 1), target,
                 &issues);
    return issues;
}

CrossvalResult runCrossval(const CrossvalInput& input, Progress& progress)
{
    throwIfInvalid(input.validate(), "cross-validation input");
    const dynamics::FrfQuantity target = input.effectiveQuantity();
    const int inputFloor = input.effectiveInputFloor();

    CrossvalResult result;
    result.reference = input.reference.name;
    result.quantity = target;
    result.inputFloor = inputFloor;
    result.bandLoHz = input.bandLoHz;
    result.bandHiHz = input.bandHiHz;

    struct ReferenceCache {
        std::vector<int> floors;
        double lo = 0.0, hi = 0.0;
        std::vector<double> grid;
        SideData side;
        std::vector<std::vector<double>> peaks;
        ModeEstimate modes;
    };
    std::optional<ReferenceCache> cache;
    const std::size_t pairs = input.candidates.size();
    for (std::size_t p = 0; p < pairs; ++p) {
        progress.report(static_cast<double>(p) / static_cast<double>(pairs),
                        "comparing with " + input.candidates[p].name);
        const CrossvalSource& ref = input.reference;
        const CrossvalSource& cand = input.candidates[p];
        const PairPlan plan = *planPair(input, ref, cand, "", target, nullptr);

        CrossvalPair pair;
        pair.candidate = cand.name;
        pair.floors = plan.floors;
        if (holdsModesOnly(ref) || holdsModesOnly(cand)) {
            pair.frfCompared = false;
            pair.gridSource = "none";
            for (const CrossvalSource* s : {&ref, &cand}) {
                // An FRF dataset side still gives its modes (peak picking on its own axis).
                const SideData side = isFrfDataset(*s) ? sideOnGrid(*s, plan.floors, {}, target,
                                                                    inputFloor, progress)
                                                         : SideData{};
                (s == &ref ? pair.referenceModes : pair.candidateModes) =
                    modesOf(input, *s, side, plan, target, inputFloor, progress);
                addSourceNotes(*s, plan.floors, target, pair.notes);
            }
            correlateModes(pair);
            result.pairs.push_back(std::move(pair));
            continue;
        }
        if (ref.isDataset()) {
            pair.gridSource = "reference";
            pair.frequencyHz = restrictToBand(
                ref.dataset().frf().floor(plan.floors.front())->frequencyHz, plan.lo, plan.hi);
        } else if (cand.isDataset()) {
            pair.gridSource = "candidate";
            pair.frequencyHz = restrictToBand(
                cand.dataset().frf().floor(plan.floors.front())->frequencyHz, plan.lo, plan.hi);
        } else {
            pair.gridSource = "uniform";
            pair.frequencyHz = dynamics::linearGrid(plan.lo, plan.hi, input.profileGridPoints);
        }
        const std::vector<double>& grid = pair.frequencyHz;

        // The reference side is the same for every pair with the same floors and grid (the
        // usual case: a measured reference and its own axis): computed once.
        const bool reuse = cache && cache->floors == plan.floors && cache->lo == plan.lo &&
                           cache->hi == plan.hi && cache->grid == grid;
        if (!reuse) {
            cache.emplace();
            cache->floors = plan.floors;
            cache->lo = plan.lo;
            cache->hi = plan.hi;
            cache->grid = grid;
            cache->side = sideOnGrid(ref, plan.floors, grid, target, inputFloor, progress);
            for (std::size_t i = 0; i < plan.floors.size(); ++i)
                cache->peaks.push_back(floorPeaks(ref, cache->side, i, grid, plan,
                                                  modeLimit(input, ref), input.peakPicking));
            cache->modes = modesOf(input, ref, cache->side, plan, target, inputFloor, progress);
        }
        const SideData& r = cache->side;
        SideData c = sideOnGrid(cand, plan.floors, grid, target, inputFloor, progress);
        progress.checkCancelled();

        bool allPhase = true;
        for (std::size_t i = 0; i < plan.floors.size(); ++i) {
            ResponseCorrelation rc;
            rc.floor = plan.floors[i];
            rc.fracBasis = (r.hasPhase[i] && c.hasPhase[i]) ? CorrelationBasis::Complex
                                                            : CorrelationBasis::Magnitude;
            allPhase = allPhase && rc.fracBasis == CorrelationBasis::Complex;
            rc.frac = frac(r.values[i], c.values[i], rc.fracBasis);
            rc.rmsDbDifference = rmsDbDifference(r.values[i], c.values[i]);
            rc.referencePeaksHz = cache->peaks[i];
            rc.candidatePeaksHz =
                floorPeaks(cand, c, i, grid, plan, modeLimit(input, cand), input.peakPicking);
            pair.responses.push_back(std::move(rc));
        }
        pair.signatureBasis = allPhase ? CorrelationBasis::Complex : CorrelationBasis::Magnitude;
        SignatureCorrelation sig = signatureCorrelation(r.values, c.values, pair.signatureBasis);
        pair.csac = std::move(sig.csac);
        pair.csf = std::move(sig.csf);
        pair.fdac = fdacMap(grid, r.values, c.values, pair.signatureBasis, input.fdacPoints);
        progress.checkCancelled();

        pair.referenceModes = cache->modes;
        pair.candidateModes = modesOf(input, cand, c, plan, target, inputFloor, progress);
        pair.referenceValues = r.values;
        pair.candidateValues = std::move(c.values);
        addSourceNotes(ref, plan.floors, target, pair.notes);
        addSourceNotes(cand, plan.floors, target, pair.notes);
        correlateModes(pair);
        result.pairs.push_back(std::move(pair));
    }
    progress.report(1.0, "done");
    return result;
}

} // namespace dtop::crossval
