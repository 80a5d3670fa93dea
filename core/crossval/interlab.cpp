// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/interlab.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::crossval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<InterlabCurve> curvesOf(const io::Dataset& d, const InterlabInput& in)
{
    std::vector<InterlabCurve> out;
    const io::FrfData& frf = d.frf();
    const auto& firstAxis = frf.channels.front().frequencyHz;
    std::vector<const io::FrfChannel*> channels;
    for (const auto& c : frf.channels)
        channels.push_back(&c);
    std::sort(channels.begin(), channels.end(),
              [](const auto* a, const auto* b) { return a->floor < b->floor; });
    for (const io::FrfChannel* c : channels) {
        InterlabCurve curve;
        curve.datasetId = d.info.id;
        curve.title = d.info.title;
        curve.floor = c->floor;
        curve.quantity = io::frfQuantityText(d.info.quantity);
        curve.ownAxis = c->frequencyHz != firstAxis;
        curve.suspect = d.info.suspect;
        for (std::size_t k = 0; k < c->size() && c->frequencyHz[k] <= in.maxFrequencyHz; ++k) {
            curve.frequencyHz.push_back(c->frequencyHz[k]);
            curve.magnitudeDb.push_back(c->fromDecibels() ? c->decibels[k]
                                        : c->magnitude[k] > 0.0
                                            ? 20.0 * std::log10(c->magnitude[k])
                                            : -std::numeric_limits<double>::infinity());
        }
        for (const Peak& p : findPeaks(curve.frequencyHz, curve.magnitudeDb, in.bandLoHz,
                                       in.bandHiHz, in.modes, in.peakPicking))
            curve.peaksHz.push_back(p.frequencyHz);
        out.push_back(std::move(curve));
    }
    return out;
}

void checkRecord(const std::optional<io::Dataset>& d, const std::string& label, InputIssues& issues)
{
    if (!d)
        return;
    if (!d->isFrf())
        issues.push_back({"rigs", label + " '" + d->info.id +
                                      "' is a time history, not an FRF "
                                      "dataset"});
    else if (d->frf().channels.empty())
        issues.push_back({"rigs", label + " '" + d->info.id + "' has no FRF channel"});
}

} // namespace

InputIssues InterlabInput::validate() const
{
    InputIssues issues;
    if (rigs.empty())
        issues.push_back({"rigs", "at least one rig is needed"});
    if (rigs.size() > 64)
        issues.push_back({"rigs", "at most 64 rigs, got " + std::to_string(rigs.size())});
    if (floor < 1 || floor > static_cast<int>(model::kMaxStoreys))
        issues.push_back({"floor", "floor must be between 1 and " +
                                       std::to_string(model::kMaxStoreys) + ", got " +
                                       std::to_string(floor)});
    if (!std::isfinite(bandLoHz) || bandLoHz < 0.0 || !std::isfinite(bandHiHz) ||
        !(bandHiHz > bandLoHz))
        issues.push_back(
            {"band_hz", "band_hz must be two finite frequencies 0 <= low < high, got " +
                            formatValue(bandLoHz) + ", " + formatValue(bandHiHz)});
    if (!std::isfinite(maxFrequencyHz) || !(maxFrequencyHz > 0.0))
        issues.push_back({"max_frequency_hz", "max_frequency_hz must be a finite frequency > 0 Hz, "
                                              "got " +
                                                  formatValue(maxFrequencyHz)});
    if (modes < 1 || modes > 100)
        issues.push_back(
            {"modes", "modes must be between 1 and 100, got " + std::to_string(modes)});
    for (const InterlabRig& r : rigs) {
        checkRecord(r.measured, "measured record of " + r.rig, issues);
        checkRecord(r.model, "model record of " + r.rig, issues);
    }
    return issues;
}

InterlabResult runInterlab(const InterlabInput& in, Progress& progress)
{
    throwIfInvalid(in.validate(), "inter-lab input");
    InterlabResult result;
    result.floor = in.floor;
    result.bandLoHz = in.bandLoHz;
    result.bandHiHz = in.bandHiHz;
    std::vector<const InterlabCurve*> spreadCurves;
    for (std::size_t i = 0; i < in.rigs.size(); ++i) {
        progress.report(static_cast<double>(i) / static_cast<double>(in.rigs.size()),
                        "rig " + in.rigs[i].rig);
        const InterlabRig& r = in.rigs[i];
        InterlabRigResult rr;
        rr.rig = r.rig;
        rr.prototype = r.prototype;
        rr.missingNote = r.missingNote;
        if (r.measured)
            rr.measured = curvesOf(*r.measured, in);
        if (r.model)
            rr.model = curvesOf(*r.model, in);
        result.rigs.push_back(std::move(rr));
    }
    for (const InterlabRigResult& rr : result.rigs) {
        for (const auto* list : {&rr.measured, &rr.model}) {
            if (list == &rr.model && !in.includeModels)
                continue;
            const auto it = std::find_if(list->begin(), list->end(), [&](const InterlabCurve& c) {
                return c.floor == in.floor;
            });
            if (it == list->end()) {
                if (!list->empty())
                    result.notes.push_back("'" + list->front().datasetId + "' has no floor " +
                                           std::to_string(in.floor));
                continue;
            }
            spreadCurves.push_back(&*it);
            result.spreadSources.push_back(it->datasetId);
            if (it->suspect)
                result.notes.push_back("'" + it->datasetId + "' is marked suspect");
            if (it->peaksHz.size() < in.modes)
                result.notes.push_back("'" + it->datasetId + "' floor " + std::to_string(in.floor) +
                                       ": " + std::to_string(it->peaksHz.size()) + " of " +
                                       std::to_string(in.modes) + " peaks found in the band");
        }
    }
    for (std::size_t m = 0; m < in.modes; ++m) {
        ModeSpread s;
        s.mode = static_cast<int>(m + 1);
        double sum = 0.0;
        s.minHz = std::numeric_limits<double>::infinity();
        s.maxHz = -std::numeric_limits<double>::infinity();
        for (const InterlabCurve* c : spreadCurves) {
            // With fewer peaks than modes the r-th peak cannot be attributed: left out.
            const double f = c->peaksHz.size() == in.modes ? c->peaksHz[m] : kNaN;
            s.perSourceHz.push_back(f);
            if (std::isnan(f))
                continue;
            ++s.count;
            sum += f;
            s.minHz = std::min(s.minHz, f);
            s.maxHz = std::max(s.maxHz, f);
        }
        if (s.count == 0) {
            s.meanHz = s.minHz = s.maxHz = s.rangeHz = s.rangePct = kNaN;
        } else {
            s.meanHz = sum / static_cast<double>(s.count);
            s.rangeHz = s.maxHz - s.minHz;
            s.rangePct = 100.0 * s.rangeHz / s.meanHz;
        }
        result.spread.push_back(s);
    }
    if (spreadCurves.size() < 2)
        result.notes.push_back("fewer than two records of floor " + std::to_string(in.floor) +
                               ": no inter-lab spread");
    progress.report(1.0, "done");
    return result;
}

InterlabInput prototypeInterlabInput(const io::Catalogue& catalogue,
                                     std::vector<std::string>* problems)
{
    struct Entry {
        const char* rig;
        int prototype;
        const char* measured;
        const char* model;
    };
    // The prototype's files, with the Bristol model read from its own file (its page read the
    // Southampton model's path there).
    const Entry entries[] = {{"swansea", 1, "swansea-exp-db", "swansea-num-db"},
                             {"southampton", 2, "southampton-exp-db", "southampton-num-db"},
                             {"sheffield", 3, nullptr, "sheffield-num-db"},
                             {"bristol", 4, nullptr, "bristol-num-db"}};
    InterlabInput in;
    for (const Entry& e : entries) {
        InterlabRig r;
        r.rig = e.rig;
        r.prototype = e.prototype;
        auto load = [&](const char* id, std::optional<io::Dataset>& slot) {
            if (!id)
                return;
            auto d = io::readCatalogueDataset(catalogue, id);
            if (d.ok()) {
                slot = std::move(d).value();
            } else {
                const std::string why = d.error().text();
                r.missingNote += (r.missingNote.empty() ? "" : " ") + why;
                if (problems)
                    problems->push_back(why);
            }
        };
        load(e.measured, r.measured);
        load(e.model, r.model);
        for (const io::UnavailableData& u : catalogue.unavailable)
            if (u.rig == e.rig)
                r.missingNote += (r.missingNote.empty() ? "" : " ") + u.note;
        in.rigs.push_back(std::move(r));
    }
    return in;
}

} // namespace dtop::crossval
