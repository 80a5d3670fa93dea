// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/identify.h"
#include "identification/eigen_index.h"

#include "dynamics/modal_analysis.h"
#include "identification/modal_indicators.h"
#include "io/replay_record.h"
#include "model/presets.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace dtop::identification {

const char* identificationMethodName(IdentificationMethod m)
{
    switch (m) {
    case IdentificationMethod::Circle:
        return "circle";
    case IdentificationMethod::Lscf:
        return "lscf";
    case IdentificationMethod::Global:
        return "global";
    }
    return "global";
}

bool parseIdentificationMethod(const std::string& text, IdentificationMethod& m)
{
    for (auto v : {IdentificationMethod::Circle, IdentificationMethod::Lscf,
                   IdentificationMethod::Global})
        if (text == identificationMethodName(v)) {
            m = v;
            return true;
        }
    return false;
}

IdentifyInput::IdentifyInput() : profile(*model::preset("southampton-lpm")) {}

namespace {

constexpr std::size_t kMaxModes = 100;
constexpr std::size_t kMaxPicks = 100;

// Forwards a stage's progress into [from, to] of the parent's (and its cancel).
class StageProgress : public Progress {
public:
    StageProgress(Progress& parent, double from, double to)
        : m_parent(parent), m_from(from), m_to(to)
    {
    }

protected:
    void onReport(double fraction, const std::string& stage) override
    {
        m_parent.report(m_from + (m_to - m_from) * std::clamp(fraction, 0.0, 1.0), stage);
    }

private:
    Progress& m_parent;
    double m_from, m_to;
};

void timeHistoryIssues(const io::Dataset& d, InputIssues& issues)
{
    const io::TimeHistoryData& t = d.timeHistory();
    const std::string name = "dataset '" + d.info.id + "'";
    if (!t.hasForce()) {
        issues.push_back({"dataset", name + " has no force channel; an FRF needs the measured "
                                            "force (H1 = Gfx / Gff)"});
        return;
    }
    if (t.channels.size() < 2)
        issues.push_back({"dataset", name + " has " + std::to_string(t.channels.size()) +
                                         " response channel(s); mode shapes, MAC and mass "
                                         "normalisation need at least 2"});
    auto finite = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
    };
    if (!finite(t.forceN))
        issues.push_back({"dataset", name + ": the force holds a value that is not a finite "
                                            "number"});
    for (const auto& c : t.channels)
        if (!finite(c.values))
            issues.push_back({"dataset", name + ": floor " + std::to_string(c.floor) +
                                             " holds a value that is not a finite number"});
}

void sortModes(ModalFit& fit)
{
    std::vector<std::size_t> order(fit.poles.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return fit.poles[a].naturalFrequencyHz() < fit.poles[b].naturalFrequencyHz();
    });
    std::vector<ModalPole> poles;
    Eigen::MatrixXcd residues(fit.residues.rows(), fit.residues.cols());
    for (std::size_t i = 0; i < order.size(); ++i) {
        poles.push_back(fit.poles[order[i]]);
        residues.col(ix(i)) = fit.residues.col(ix(order[i]));
    }
    fit.poles = poles;
    fit.residues = residues;
}

std::vector<ModalPole> polesOf(const std::vector<PickedPole>& picked)
{
    std::vector<ModalPole> p;
    for (const auto& q : picked)
        p.push_back(q.pole);
    return p;
}

MethodModes summarise(IdentificationMethod method, const std::vector<IdentifiedMode>& modes,
                      const std::vector<int>& floors, int driving, double tolerance)
{
    MethodModes mm;
    mm.method = method;
    for (const auto& m : modes) {
        mm.frequenciesHz.push_back(m.frequencyHz);
        mm.dampingRatios.push_back(m.dampingRatio);
    }
    try {
        mm.masses = physicalModel(modes, floors, driving, tolerance).masses;
    } catch (const std::invalid_argument&) {
        mm.masses.clear();
    }
    return mm;
}

std::string bandText(double lo, double hi)
{
    return formatValue(lo) + "-" + formatValue(hi) + " Hz";
}

} // namespace

InputIssues IdentifyInput::validate() const
{
    InputIssues issues;
    if (!std::isfinite(bandLoHz) || !std::isfinite(bandHiHz) || bandLoHz < 0.0 ||
        bandHiHz <= bandLoHz)
        issues.push_back({"band_hz", "band must satisfy 0 <= low < high Hz, got " +
                                         formatValue(bandLoHz) + ", " + formatValue(bandHiHz) +
                                         " Hz"});
    if (modes > kMaxModes)
        issues.push_back({"modes", "modes to report must be between 0 (all) and " +
                                       std::to_string(kMaxModes) + ", got " +
                                       std::to_string(modes)});
    if (drivingPoint < 0 || drivingPoint > int(kMaxResponses))
        issues.push_back({"driving_point", "driving point must be a floor between 1 and " +
                                               std::to_string(kMaxResponses) +
                                               " (0 = from the dataset), got " +
                                               std::to_string(drivingPoint)});
    for (auto& i : profile.validate())
        issues.push_back(i);
    for (auto& i : lscf.validate())
        issues.push_back(i);
    if (!std::isfinite(circle.windowFraction) || circle.windowFraction <= 0.0 ||
        circle.windowFraction >= 1.0)
        issues.push_back({"circle_window", "circle-fit window fraction must be > 0 and < 1, got " +
                                               formatValue(circle.windowFraction)});
    if (circle.minPoints < 5 || circle.minPoints > 100000)
        issues.push_back({"circle_points", "circle-fit window must hold at least 5 lines, got " +
                                               std::to_string(circle.minPoints)});
    if (circle.pairs < 1 || circle.pairs > 50)
        issues.push_back({"circle_pairs", "circle-fit point pairs must be between 1 and 50, got " +
                                              std::to_string(circle.pairs)});
    if (!std::isfinite(circle.minProminence) || circle.minProminence < 1.0)
        issues.push_back({"circle_prominence", "peak prominence must be >= 1, got " +
                                                   formatValue(circle.minProminence)});
    if (global.maxIterations < 1 || global.maxIterations > 10000 || !(global.tolerance > 0.0))
        issues.push_back({"global_iterations", "global fit needs 1-10000 iterations and a "
                                               "tolerance > 0"});
    if (update)
        for (auto& i : updating.validate())
            issues.push_back(i);
    if (!std::isfinite(tridiagonalTolerance) || tridiagonalTolerance < 0.0)
        issues.push_back({"tridiagonal_tolerance", "tridiagonal tolerance must be >= 0, got " +
                                                       formatValue(tridiagonalTolerance)});
    if (picks.size() > kMaxPicks)
        issues.push_back({"picks", "at most " + std::to_string(kMaxPicks) + " picked poles, got " +
                                       std::to_string(picks.size())});
    const std::vector<int> orders = lscf.orders();
    for (const auto& p : picks) {
        if (std::find(orders.begin(), orders.end(), p.order) == orders.end())
            issues.push_back({"picks", "picked order " + std::to_string(p.order) +
                                           " is not an order of the diagram"});
        if (!std::isfinite(p.frequencyHz) || p.frequencyHz < bandLoHz || p.frequencyHz > bandHiHz)
            issues.push_back({"picks", "picked frequency must lie in the band " +
                                           bandText(bandLoHz, bandHiHz) + ", got " +
                                           formatValue(p.frequencyHz) + " Hz"});
    }
    if (!issues.empty())
        return issues;
    // The record.
    if (data.isModeShapes()) {
        issues.push_back({"dataset", "dataset '" + data.info.id +
                                         "' holds mode shapes, not FRFs or a time history to "
                                         "identify from (compare them with dtop crossval)"});
        return issues;
    }
    if (data.isTimeHistory()) {
        if (data.timeHistory().samples() == 0) {
            issues.push_back({"dataset", "no record loaded"});
            return issues;
        }
        timeHistoryIssues(data, issues);
        if (!autoWelch)
            for (auto& i : welch.validate(data.timeHistory().samples()))
                issues.push_back(i);
        if (!issues.empty())
            return issues;
    }
    if (data.isFrf() && data.frf().channels.empty()) {
        issues.push_back({"dataset", "no record loaded"});
        return issues;
    }
    if (data.isFrf()) {
        const MeasuredFrf full = measuredFrfOf(*this, issues);
        if (!issues.empty())
            return issues;
        for (auto& i : full.validate())
            issues.push_back(i);
        if (!issues.empty())
            return issues;
        const MeasuredFrf b = full.band(bandLoHz, bandHiHz);
        const std::size_t need = std::max<std::size_t>(
            10, method == IdentificationMethod::Circle ? 10 : std::size_t(lscf.maxOrder) + 2);
        if (b.lines() < need)
            issues.push_back({"band_hz", "the band " + bandText(bandLoHz, bandHiHz) + " holds " +
                                             std::to_string(b.lines()) +
                                             " frequency lines of dataset '" + data.info.id +
                                             "' (" + formatValue(full.frequencyHz.front()) + "-" +
                                             formatValue(full.frequencyHz.back()) +
                                             " Hz); at least " + std::to_string(need) +
                                             " are needed"});
    }
    if (drivingPoint > 0) {
        bool found = false;
        if (data.isFrf())
            for (const auto& c : data.frf().channels)
                found = found || c.floor == drivingPoint;
        else
            for (const auto& c : data.timeHistory().channels)
                found = found || c.floor == drivingPoint;
        if (!found)
            issues.push_back({"driving_point", "driving point floor " +
                                                   std::to_string(drivingPoint) +
                                                   " is not measured in dataset '" +
                                                   data.info.id + "'"});
    }
    return issues;
}

MeasuredFrf measuredFrfOf(const IdentifyInput& input, InputIssues& issues)
{
    MeasuredFrf frf;
    if (input.data.isFrf()) {
        frf = frfFromFrfDataset(input.data, issues);
    } else {
        const auto& t = input.data.timeHistory();
        const signal::WelchOptions w =
            input.autoWelch ? identificationWelchOptions(t.forceN, t.samples()) : input.welch;
        frf = frfFromTimeHistory(input.data, w, issues);
    }
    if (!input.dataset.empty())
        frf.source = input.dataset;
    if (input.drivingPoint > 0)
        frf.excitationFloor = input.drivingPoint;
    return frf;
}

UpdateTarget updateTargetOf(const std::vector<IdentifiedMode>& modes, const std::vector<int>& floors)
{
    UpdateTarget t;
    t.floors = floors;
    t.shapesMassNormalised = !modes.empty();
    for (const auto& m : modes) {
        t.frequenciesHz.push_back(m.frequencyHz);
        t.dampingRatios.push_back(m.dampingRatio);
        t.shapes.push_back(rotateToReal(m.shape).real());
        t.shapesMassNormalised = t.shapesMassNormalised && m.massNormalised;
    }
    return t;
}

IdentifyResult runIdentify(const IdentifyInput& input, Progress& progress)
{
    throwIfInvalid(input.validate(), "identification input");
    IdentifyResult res;
    res.dataset = input.dataset.empty() ? input.data.info.id : input.dataset;
    res.method = input.method;
    progress.report(0.0, "preparing the FRF");
    InputIssues issues;
    const MeasuredFrf full = measuredFrfOf(input, issues);
    throwIfInvalid(issues, "identification input");
    throwIfInvalid(full.validate(), "identification input");
    res.measured = full.band(input.bandLoHz, input.bandHiHz);
    const MeasuredFrf& band = res.measured;
    if (band.lines() < 10)
        throw std::invalid_argument("band_hz: the band " +
                                    bandText(input.bandLoHz, input.bandHiHz) + " holds " +
                                    std::to_string(band.lines()) + " lines; at least 10 needed");
    res.drivingResponse = band.drivingResponse();
    const bool wantDiagram = input.method != IdentificationMethod::Circle || input.compareMethods;
    const bool wantCircle = input.method == IdentificationMethod::Circle || input.compareMethods;
    const bool wantGlobal = input.method == IdentificationMethod::Global || input.compareMethods;

    ModalFit lscfFit, globalFit, circleFitModel;
    std::string lscfFailure, globalFailure, circleFailure;
    if (wantDiagram) {
        try {
            StageProgress p(progress, 0.02, 0.35);
            res.diagram = lscfStabilisation(band, input.lscf, p);
            if (!input.picks.empty()) {
                for (const auto& pick : input.picks)
                    if (auto q = pickPole(res.diagram, pick.order, pick.frequencyHz))
                        res.picked.push_back(*q);
                std::sort(res.picked.begin(), res.picked.end(),
                          [](const PickedPole& a, const PickedPole& b) {
                              return a.pole.naturalFrequencyHz() < b.pole.naturalFrequencyHz();
                          });
            } else {
                res.picked = pickStablePoles(res.diagram, input.lscf, input.modes);
            }
            if (res.picked.empty())
                throw std::invalid_argument(
                    "band_hz: no mode found in " + bandText(band.frequencyHz.front(),
                                                            band.frequencyHz.back()) +
                    ": no pole of the stabilisation diagram is stable at enough orders");
            lscfFit = lsfd(band, polesOf(res.picked), input.lsfd);
            sortModes(lscfFit);
            if (wantGlobal) {
                StageProgress g(progress, 0.35, 0.8);
                res.global = refinePoles(band, lscfFit.poles, input.lsfd, input.global, g);
                globalFit = res.global.fit;
                sortModes(globalFit);
            }
        } catch (const std::invalid_argument& e) {
            if (input.method != IdentificationMethod::Circle)
                throw;
            lscfFailure = globalFailure = e.what();
        }
    }
    if (wantCircle) {
        progress.report(0.8, "circle fits");
        try {
            res.circle = circleFit(band, input.circle, {}, input.modes);
            circleFitModel = fitResidualTerms(band, res.circle.poles, res.circle.residues,
                                              input.lsfd);
            sortModes(circleFitModel);
        } catch (const std::invalid_argument& e) {
            if (input.method == IdentificationMethod::Circle)
                throw;
            circleFailure = e.what();
        }
    }
    switch (input.method) {
    case IdentificationMethod::Circle:
        res.fit = circleFitModel;
        break;
    case IdentificationMethod::Lscf:
        res.fit = lscfFit;
        break;
    case IdentificationMethod::Global:
        res.fit = globalFit;
        break;
    }
    progress.report(0.85, "modal model");
    res.modes = modesFromResidues(res.fit.poles, res.fit.residues, res.drivingResponse);
    res.resynthesisError = res.fit.relativeError;
    const Eigen::MatrixXcd shapes = shapeMatrix(res.modes);
    res.mac = macMatrix(shapes, shapes);

    // MAC against the active profile's undamped modes at the measured floors.
    const int top = *std::max_element(band.floors.begin(), band.floors.end());
    if (top <= int(input.profile.storeys()) && !input.profile.isNonlinear()) {
        const dynamics::UndampedModes u =
            dynamics::undampedModes(dynamics::ShearBuilding(input.profile));
        res.profileFrequenciesHz = u.frequenciesHz();
        Eigen::MatrixXcd ps(ix(band.responses()), u.shapes.cols());
        for (std::size_t i = 0; i < band.responses(); ++i)
            ps.row(ix(i)) = u.shapes.row(band.floors[i] - 1).cast<std::complex<double>>();
        res.macProfile = macMatrix(shapes, ps);
    } else {
        res.notes.push_back("no MAC against the profile: it has fewer floors than were measured "
                            "or is nonlinear");
    }

    try {
        res.physical = physicalModel(res.modes, band.floors, res.drivingResponse,
                                     input.tridiagonalTolerance);
    } catch (const std::invalid_argument& e) {
        res.physicalNote = e.what();
    }

    auto addComparison = [&](IdentificationMethod m, const ModalFit& fit, const std::string& why) {
        if (!why.empty()) {
            MethodModes mm;
            mm.method = m;
            mm.failure = why;
            res.comparison.push_back(mm);
            return;
        }
        const auto modes = modesFromResidues(fit.poles, fit.residues, res.drivingResponse);
        res.comparison.push_back(
            summarise(m, modes, band.floors, res.drivingResponse, input.tridiagonalTolerance));
    };
    if (wantCircle)
        addComparison(IdentificationMethod::Circle, circleFitModel, circleFailure);
    if (wantDiagram) {
        addComparison(IdentificationMethod::Lscf, lscfFit, lscfFailure);
        if (wantGlobal)
            addComparison(IdentificationMethod::Global, globalFit, globalFailure);
    }

    if (input.update) {
        StageProgress u(progress, 0.9, 0.99);
        res.update = updateProfile(input.profile, updateTargetOf(res.modes, band.floors),
                                   input.updating, u);
        res.updatedProfile = res.update->after;
        res.updatedProfile.name = input.profile.name;
        res.updatedProfile.provenance =
            "Updated from '" + input.profile.name + "' to dataset '" + res.dataset + "' (" +
            identificationMethodName(input.method) + " identification, band " +
            bandText(input.bandLoHz, input.bandHiHz) + ", " + std::to_string(res.modes.size()) +
            " modes; updated " + std::to_string(res.update->parameterNames.size()) +
            " parameters, objective " + formatValue(res.update->objectiveBefore) + " -> " +
            formatValue(res.update->objectiveAfter) + ").";
    }
    progress.report(1.0, "identification done");
    return res;
}

ReplayComparison compareReplay(const io::Dataset& record, const model::Profile& before,
                               const model::Profile& after, int forceFloor, Progress& progress)
{
    dynamics::ReplayInput ri;
    ri.profile = before;
    throwIfInvalid(io::fillReplayFromDataset(record, ri, forceFloor), "replay");
    ReplayComparison c;
    c.record = record.info.id;
    {
        StageProgress p(progress, 0.0, 0.5);
        c.before = dynamics::runReplay(ri, p);
    }
    ri.profile = after;
    {
        StageProgress p(progress, 0.5, 1.0);
        c.after = dynamics::runReplay(ri, p);
    }
    c.nrmseBefore = c.before.nrmse;
    c.nrmseAfter = c.after.nrmse;
    auto mean = [](const std::vector<double>& v) {
        return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    };
    c.meanBefore = mean(c.nrmseBefore);
    c.meanAfter = mean(c.nrmseAfter);
    return c;
}

} // namespace dtop::identification
