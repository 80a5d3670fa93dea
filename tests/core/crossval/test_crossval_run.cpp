// SPDX-License-Identifier: GPL-3.0-or-later
// The cross-validation analysis on synthetic sources with known answers, quantity matching,
// the pluggable mode source, sources named on the command line and bad inputs.
#include "crossval/crossval.h"
#include "crossval_test_support.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <numbers>

using namespace dtop;
using namespace dtop::crossval;
using dtop::test::bundledDataset;
using dtop::test::datasetFromProfile;
using dtop::test::uniformGrid;

namespace {

model::Profile lpm()
{
    return *model::preset("southampton-lpm");
}

bool hasIssue(const InputIssues& issues, const std::string& field, const std::string& text)
{
    for (const auto& i : issues)
        if (i.field == field && i.message.find(text) != std::string::npos)
            return true;
    return false;
}

std::string allIssues(const InputIssues& issues)
{
    std::string s;
    for (const auto& i : issues)
        s += i.field + ": " + i.message + "\n";
    return s;
}

} // namespace

TEST_CASE("A profile against itself correlates perfectly on a uniform grid", "[crossval]")
{
    CrossvalInput in;
    in.reference = CrossvalSource::fromProfile(lpm());
    in.candidates = {CrossvalSource::fromProfile(lpm(), "profile:southampton-lpm@2")};
    in.inputFloor = 2;
    const CrossvalResult r = runCrossval(in);
    CHECK(r.quantity == dynamics::FrfQuantity::Accelerance);
    CHECK(r.inputFloor == 2);
    const CrossvalPair& p = r.pairs.at(0);
    CHECK(p.candidate == "profile:southampton-lpm@2");
    CHECK(p.gridSource == "uniform");
    REQUIRE(p.frequencyHz.size() == 4000);
    CHECK(p.frequencyHz.front() == 2.0);
    CHECK(p.frequencyHz.back() == 40.0);
    for (const auto& resp : p.responses) {
        CHECK(resp.frac == Approx(1.0).epsilon(1e-14));
        CHECK(resp.rmsDbDifference == 0.0);
    }
    for (std::size_t k = 0; k < p.csac.size(); k += 97) {
        CHECK(p.csac[k] == Approx(1.0).epsilon(1e-14));
        CHECK(p.csf[k] == Approx(1.0).epsilon(1e-14));
    }
    REQUIRE(p.modes.size() == 3);
    for (const auto& m : p.modes) {
        CHECK(m.frequencyErrorPct == 0.0);
        CHECK(m.mac == Approx(1.0).epsilon(1e-14));
        CHECK(m.dampingDifference == 0.0);
    }
}

TEST_CASE("A measured-like dataset of a profile's exact FRFs matches it in any compared quantity",
          "[crossval]")
{
    const auto grid = uniformGrid(0.0, 50.0, 1601); // 0.03125 Hz
    const io::Dataset d =
        datasetFromProfile(lpm(), "synthetic", dynamics::FrfQuantity::Accelerance, 1, grid);
    for (auto q : {dynamics::FrfQuantity::Accelerance, dynamics::FrfQuantity::Mobility,
                   dynamics::FrfQuantity::Receptance}) {
        CAPTURE(dynamics::frfQuantityName(q));
        CrossvalInput in;
        in.reference = CrossvalSource::fromDataset(d);
        in.candidates = {CrossvalSource::fromProfile(lpm())};
        in.quantity = q;
        in.bandLoHz = 0.0; // the 0 Hz point is dropped when dividing by jω
        const CrossvalResult r = runCrossval(in);
        const CrossvalPair& p = r.pairs.at(0);
        CHECK(p.frequencyHz.front() == (q == dynamics::FrfQuantity::Accelerance ? 0.0 : grid[1]));
        CHECK(p.frequencyHz.back() == 40.0);
        for (const auto& resp : p.responses) {
            CHECK(resp.fracBasis == CorrelationBasis::Complex);
            CHECK(resp.frac == Approx(1.0).epsilon(1e-12));
            CHECK(resp.rmsDbDifference < 1e-10);
        }
        // Peak picking on a 0.03125 Hz grid against the exact modes: the FRF column at a peak
        // still holds the other modes' tails, hence MAC slightly below 1.
        REQUIRE(p.modes.size() == 3);
        for (const auto& m : p.modes) {
            CHECK(std::abs(m.frequencyErrorPct) < 0.05);
            CHECK(m.mac > 0.995);
        }
        bool converted = q == dynamics::FrfQuantity::Accelerance;
        for (const auto& n : p.notes)
            converted = converted || n.find("converted from accelerance") != std::string::npos;
        CHECK(converted);
    }
}

TEST_CASE("Quantity conversions of a channel round trip and agree with the exact FRFs",
          "[crossval]")
{
    const auto grid = uniformGrid(0.5, 40.0, 400);
    using Q = dynamics::FrfQuantity;
    const io::Dataset rec = datasetFromProfile(lpm(), "r", Q::Receptance, 1, grid);
    const io::Dataset acc = datasetFromProfile(lpm(), "a", Q::Accelerance, 1, grid);
    const io::Dataset mob = datasetFromProfile(lpm(), "m", Q::Mobility, 1, grid);
    for (int f = 1; f <= 3; ++f) {
        const io::FrfChannel& r = *rec.frf().floor(f);
        const io::FrfChannel ra = io::convertFrfChannel(r, Q::Receptance, Q::Accelerance);
        const io::FrfChannel back = io::convertFrfChannel(ra, Q::Accelerance, Q::Receptance);
        const io::FrfChannel viaMobility = io::convertFrfChannel(
            io::convertFrfChannel(r, Q::Receptance, Q::Mobility), Q::Mobility, Q::Accelerance);
        const io::FrfChannel& a = *acc.frf().floor(f);
        const io::FrfChannel& m = *mob.frf().floor(f);
        const io::FrfChannel rm = io::convertFrfChannel(r, Q::Receptance, Q::Mobility);
        for (std::size_t k = 0; k < grid.size(); ++k) {
            CHECK(std::abs(back.values[k] - r.values[k]) <= 1e-15 * std::abs(r.values[k]));
            CHECK(std::abs(ra.values[k] - a.values[k]) <= 1e-13 * std::abs(a.values[k]));
            CHECK(std::abs(viaMobility.values[k] - a.values[k]) <= 1e-13 * std::abs(a.values[k]));
            CHECK(std::abs(rm.values[k] - m.values[k]) <= 1e-13 * std::abs(m.values[k]));
            CHECK(ra.magnitude[k] == Approx(a.magnitude[k]).epsilon(1e-13));
        }
    }
}

namespace {
// A mode source standing in for the identification core.
class FixedModes final : public DatasetModeEstimator {
public:
    std::string method() const override { return "test identification"; }
    ModeEstimate estimate(const io::FrfData& frf, const ModeSearch& search,
                          Progress&) const override
    {
        ModeEstimate e;
        e.method = method();
        for (const auto& c : frf.channels)
            e.floors.push_back(c.floor);
        e.frequenciesHz = {6.0, 18.0};
        e.dampingRatios = {0.01, 0.02};
        e.shapes = Eigen::MatrixXcd::Ones(static_cast<Eigen::Index>(e.floors.size()), 2);
        m_seen = search;
        return e;
    }
    mutable ModeSearch m_seen;
};
} // namespace

TEST_CASE("The mode source of a dataset is pluggable", "[crossval]")
{
    auto estimator = std::make_shared<FixedModes>();
    CrossvalInput in;
    in.reference = CrossvalSource::fromDataset(bundledDataset("southampton-exp-force1"));
    in.candidates = {CrossvalSource::fromProfile(lpm())};
    in.modeEstimator = estimator;
    in.bandLoHz = 3.0;
    in.bandHiHz = 30.0;
    const CrossvalResult r = runCrossval(in);
    const CrossvalPair& p = r.pairs.at(0);
    CHECK(p.referenceModes.method == "test identification");
    CHECK(p.referenceModes.frequenciesHz == std::vector<double>{6.0, 18.0});
    CHECK(estimator->m_seen.bandLoHz == 3.0);
    CHECK(estimator->m_seen.bandHiHz == 30.0);
    CHECK(estimator->m_seen.quantity == dynamics::FrfQuantity::Accelerance);
    CHECK(estimator->m_seen.maxModes == 3);
    REQUIRE(p.modes.size() == 2);
    CHECK(p.modes[0].referenceFrequencyHz == 6.0);
    CHECK(p.modes[0].dampingDifference == Approx(p.modes[0].candidateDampingRatio - 0.01));
    CHECK(p.modes[1].frequencyErrorPct ==
          Approx(100.0 * (p.modes[1].candidateFrequencyHz - 18.0) / 18.0));
}

TEST_CASE("Bad cross-validation inputs are refused with messages naming the problem", "[crossval]")
{
    const io::Dataset force1 = bundledDataset("southampton-exp-force1");
    const io::Dataset swansea = bundledDataset("swansea-exp-db");

    SECTION("a band outside both grids")
    {
        CrossvalInput in;
        in.reference = CrossvalSource::fromDataset(force1);
        in.candidates = {CrossvalSource::fromDataset(swansea)};
        in.bandLoHz = 200.0;
        in.bandHiHz = 300.0;
        const InputIssues issues = in.validate();
        CAPTURE(allIssues(issues));
        CHECK(hasIssue(issues, "band_hz", "200–300 Hz"));
        CHECK(hasIssue(issues, "band_hz", "'southampton-exp-force1' (0.03125–128 Hz)"));
        CHECK(hasIssue(issues, "band_hz", "'swansea-exp-db' (0–100 Hz)"));
        CHECK_THROWS_AS(runCrossval(in), std::invalid_argument);
    }
    SECTION("a dataset without the requested floor")
    {
        io::Dataset twoFloors = force1;
        std::get<io::FrfData>(twoFloors.data).channels.pop_back();
        twoFloors.info.id = "two-floors";
        CrossvalInput in;
        in.reference = CrossvalSource::fromProfile(lpm());
        in.candidates = {CrossvalSource::fromDataset(twoFloors)};
        in.responseFloors = {1, 3};
        const InputIssues issues = in.validate();
        CAPTURE(allIssues(issues));
        CHECK(hasIssue(issues, "response_floors",
                       "'two-floors' has no response at floor 3 (it has floors 1, 2)"));
        // Without a request the common floors are used.
        in.responseFloors.clear();
        CHECK(in.validate().empty());
        CHECK(runCrossval(in).pairs.at(0).floors == std::vector<int>{1, 2});
    }
    SECTION("a dataset measured with the force elsewhere")
    {
        CrossvalInput in;
        in.reference = CrossvalSource::fromDataset(bundledDataset("southampton-exp-force2"));
        in.candidates = {CrossvalSource::fromProfile(lpm())};
        CHECK(in.validate().empty()); // input floor 0: taken from the reference (2)
        CHECK(in.effectiveInputFloor() == 2);
        in.inputFloor = 1;
        CHECK(hasIssue(in.validate(), "input_floor",
                       "'southampton-exp-force2' was measured with the force at floor 2, not at "
                       "the input floor 1"));
    }
    SECTION("sources that cannot be compared")
    {
        CrossvalInput in;
        in.reference = CrossvalSource::unresolved("nowhere");
        CHECK(hasIssue(in.validate(), "candidates", "at least one candidate"));
        in.candidates = {CrossvalSource::fromDataset(bundledDataset("th-impulse"))};
        const InputIssues issues = in.validate();
        CHECK(hasIssue(issues, "reference", "'nowhere' is not loaded"));
        CHECK(hasIssue(issues, "candidates", "'th-impulse' is a time history"));
        model::Profile bad = lpm();
        bad.stiffnesses[1] = -3.0;
        in.reference = CrossvalSource::fromProfile(bad);
        in.candidates = {CrossvalSource::fromProfile(lpm())};
        CHECK(hasIssue(in.validate(), "reference", "k2"));
    }
    SECTION("numeric fields")
    {
        CrossvalInput in;
        in.reference = CrossvalSource::fromProfile(lpm());
        in.candidates = {CrossvalSource::fromProfile(lpm())};
        in.bandLoHz = 40.0;
        in.bandHiHz = 2.0;
        in.inputFloor = -1;
        in.fdacPoints = 1;
        in.profileGridPoints = 2;
        in.responseFloors = {2, 1};
        const InputIssues issues = in.validate();
        CHECK(hasIssue(issues, "band_hz", "got 2"));
        CHECK(hasIssue(issues, "input_floor", "got -1"));
        CHECK(hasIssue(issues, "fdac_points", "got 1"));
        CHECK(hasIssue(issues, "profile_grid_points", "got 2"));
        CHECK(hasIssue(issues, "response_floors", "got 1 at position 2"));
        in = CrossvalInput{};
        in.reference = CrossvalSource::fromProfile(lpm());
        in.candidates = {CrossvalSource::fromProfile(lpm())};
        in.inputFloor = 4;
        CHECK(hasIssue(in.validate(), "input_floor", "no input floor 4"));
    }
}

TEST_CASE("Cancelling a cross-validation stops it", "[crossval]")
{
    CrossvalInput in;
    in.reference = CrossvalSource::fromProfile(lpm());
    in.candidates = {CrossvalSource::fromProfile(lpm())};
    Progress progress;
    progress.cancel();
    CHECK_THROWS_AS(runCrossval(in, progress), Cancelled);
}

namespace {
// A workspace stand-in: saved versions of "rig-a" and two datasets.
class FakeResolver final : public SourceResolver {
public:
    io::ReadResult<io::Dataset> dataset(const std::string& id) override
    {
        if (id == "southampton-exp-force1")
            return bundledDataset(id);
        return io::ReadError{"", 0, "no dataset '" + id + "' in the catalogue or the workspace"};
    }
    std::vector<int> profileVersions(const std::string& name) override
    {
        return name == "rig-a" ? std::vector<int>{1, 2, 3} : std::vector<int>{};
    }
    std::optional<model::Profile> savedProfile(const std::string& name, int version) override
    {
        if (name != "rig-a" || version < 1 || version > 3)
            return std::nullopt;
        model::Profile p = lpm();
        p.name = "rig-a";
        p.masses[0] += version;
        return p;
    }
};
} // namespace

TEST_CASE("Sources named on the command line resolve to datasets and profile versions",
          "[crossval]")
{
    InputIssues issues;
    const auto ref = parseSourceRef("profile:rig-a@2", "reference", issues);
    REQUIRE(ref);
    CHECK(ref->kind == SourceRef::Kind::Profile);
    CHECK(ref->id == "rig-a");
    CHECK(ref->version == 2);
    CHECK(ref->text() == "profile:rig-a@2");
    CHECK(parseSourceRef("southampton-exp-force1", "reference", issues)->kind ==
          SourceRef::Kind::Dataset);
    CHECK(issues.empty());
    CHECK_FALSE(parseSourceRef("profile:rig-a@x", "candidates", issues));
    CHECK_FALSE(parseSourceRef("profile:@2", "candidates", issues));
    CHECK_FALSE(parseSourceRef("", "candidates", issues));
    CHECK(hasIssue(issues, "candidates", "must be an integer >= 1, got 'x'"));
    CHECK(hasIssue(issues, "candidates", "names no profile"));
    CHECK(issues.size() == 3);

    FakeResolver resolver;
    issues.clear();
    auto latest = resolveSource("profile:rig-a", resolver, "reference", issues);
    REQUIRE(latest);
    CHECK(latest->name == "profile:rig-a@3");
    CHECK(latest->profile().masses[0] == Approx(lpm().masses[0] + 3));
    auto v1 = resolveSource("profile:rig-a@1", resolver, "reference", issues);
    REQUIRE(v1);
    CHECK(v1->name == "profile:rig-a@1");
    auto preset = resolveSource("profile:southampton-lpm", resolver, "reference", issues);
    REQUIRE(preset);
    CHECK(preset->name == "profile:southampton-lpm");
    auto data = resolveSource("southampton-exp-force1", resolver, "reference", issues);
    REQUIRE(data);
    CHECK(data->isDataset());
    CHECK(issues.empty());

    CHECK_FALSE(resolveSource("profile:rig-a@7", resolver, "candidates", issues));
    CHECK(hasIssue(issues, "candidates", "profile 'rig-a' has no version 7 (saved versions: 1–3)"));
    CHECK_FALSE(resolveSource("profile:southampton-lpm@1", resolver, "candidates", issues));
    CHECK(hasIssue(issues, "candidates", "built-in preset without saved versions"));
    CHECK_FALSE(resolveSource("profile:nobody", resolver, "candidates", issues));
    CHECK(hasIssue(issues, "candidates", "no saved profile or built-in preset is named 'nobody'"));
    CHECK_FALSE(resolveSource("no-such-data", resolver, "candidates", issues));
    CHECK(hasIssue(issues, "candidates", "no dataset 'no-such-data'"));
}
