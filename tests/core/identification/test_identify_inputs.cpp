// SPDX-License-Identifier: GPL-3.0-or-later
// Bad inputs, modal indicators and the JSON codec.
#include "identification/identify.h"
#include "identification/identify_json.h"
#include "identification/modal_indicators.h"
#include "identify_test_support.h"
#include "io/dataset_reader.h"

using namespace dtop;
using namespace dtop::identification;

namespace {

bool mentions(const InputIssues& issues, const std::string& field, const std::string& text)
{
    for (const auto& i : issues)
        if (i.field == field && i.message.find(text) != std::string::npos)
            return true;
    return false;
}

IdentifyInput synthetic()
{
    IdentifyInput in;
    in.dataset = "synthetic";
    in.data = test::frfDataset(test::chainFrf(test::rigLikeChain(), 1,
                                              dynamics::FrfQuantity::Accelerance, 1.0, 60.0,
                                              0.03125, 0.001),
                               "synthetic");
    return in;
}

} // namespace

TEST_CASE("A band with no mode gives a clear error", "[identify]")
{
    IdentifyInput in = synthetic();
    in.bandLoHz = 40.0;
    in.bandHiHz = 60.0;
    CHECK(in.validate().empty());
    for (auto m : {IdentificationMethod::Global, IdentificationMethod::Circle}) {
        in.method = m;
        try {
            runIdentify(in);
            FAIL("no error for a band without modes");
        } catch (const std::invalid_argument& e) {
            CHECK(std::string(e.what()).find("band_hz") != std::string::npos);
            CHECK(std::string(e.what()).find("no") != std::string::npos);
        }
    }
}

TEST_CASE("A time history without force is refused", "[identify]")
{
    io::Dataset d = test::bundledDataset("th-noise");
    std::get<io::TimeHistoryData>(d.data).forceN.clear();
    IdentifyInput in;
    in.dataset = "th-noise";
    in.data = d;
    CHECK(mentions(in.validate(), "dataset", "no force channel"));
    CHECK_THROWS_AS(runIdentify(in), std::invalid_argument);
}

TEST_CASE("One response only is refused", "[identify]")
{
    IdentifyInput in = synthetic();
    auto& frf = std::get<io::FrfData>(in.data.data);
    frf.channels.resize(1);
    CHECK(mentions(in.validate(), "dataset", "1 response(s)"));
}

TEST_CASE("NaN in the data is refused by the reader and by validate", "[identify]")
{
    const auto read = io::parseDataset("frequency_hz,floor1_re,floor1_im,floor2_re,floor2_im\n"
                                       "1,0.1,0.2,0.3,0.4\n2,nan,0.2,0.3,0.4\n",
                                       "nan.csv");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().line == 3);
    IdentifyInput in = synthetic();
    std::get<io::FrfData>(in.data.data).channels[1].values[500] = {std::nan(""), 0.0};
    CHECK(mentions(in.validate(), "dataset", "not a finite number"));
}

TEST_CASE("Invalid options are reported field by field", "[identify]")
{
    IdentifyInput in = synthetic();
    in.bandLoHz = 30.0;
    in.bandHiHz = 10.0;
    in.lscf.maxOrder = 500;
    in.drivingPoint = 7;
    in.modes = 1000;
    const InputIssues issues = in.validate();
    CHECK(mentions(issues, "band_hz", "0 <= low < high"));
    CHECK(mentions(issues, "max_order", "got 500"));
    CHECK(mentions(issues, "modes", "got 1000"));
    IdentifyInput d = synthetic();
    d.drivingPoint = 7;
    CHECK(mentions(d.validate(), "driving_point", "floor 7 is not measured"));
    IdentifyInput magnitudes = synthetic();
    for (auto& c : std::get<io::FrfData>(magnitudes.data.data).channels)
        c.values.clear();
    CHECK(mentions(magnitudes.validate(), "dataset", "magnitudes only"));
    IdentifyInput noQuantity = synthetic();
    noQuantity.data.info.quantity.reset();
    CHECK(mentions(noQuantity.validate(), "dataset", "receptance, mobility or accelerance"));
}

TEST_CASE("MAC and modal phase collinearity have their closed forms", "[identify]")
{
    Eigen::VectorXcd a(3), b(3), c(3);
    a << 1.0, 2.0, 3.0;
    b << 2.0, -1.0, 0.0;
    c = a * std::complex<double>(0.3, -2.0);
    CHECK(modalAssurance(a, b) == Approx(0.0).margin(1e-15));
    CHECK(modalAssurance(a, c) == Approx(1.0));
    Eigen::VectorXcd d(3);
    d << 1.0, 1.0, 0.0;
    CHECK(modalAssurance(a, d) == Approx(9.0 / (14.0 * 2.0)));
    CHECK(modalPhaseCollinearity(c) == Approx(1.0));
    CHECK(meanPhaseDeviationDeg(c) == Approx(0.0).margin(1e-12));
    Eigen::VectorXcd q(2);
    q << std::complex<double>(1.0, 0.0), std::complex<double>(0.0, 1.0); // 90° apart, equal size
    CHECK(modalPhaseCollinearity(q) == Approx(0.0).margin(1e-15));
    CHECK(meanPhaseDeviationDeg(q) == Approx(45.0));
    const Eigen::VectorXcd r = rotateToReal(c);
    CHECK(r.imag().norm() < 1e-12);
    CHECK(r(2).real() > 0.0);
}

TEST_CASE("Identify input JSON round trip and key errors", "[identify]")
{
    IdentifyInput in;
    in.dataset = "southampton-exp-force2";
    in.method = IdentificationMethod::Circle;
    in.bandLoHz = 4.0;
    in.bandHiHz = 30.0;
    in.modes = 3;
    in.drivingPoint = 2;
    in.update = true;
    in.lscf.maxOrder = 30;
    in.updating.tikhonov = 0.01;
    in.picks = {{20, 6.5}};
    const nlohmann::json j = identifyInputToJson(in);
    CHECK(j["method"] == "circle");
    CHECK(j["band_hz"][1] == 30.0);
    const IdentifyInput back = identifyInputFromJson(j);
    CHECK(identifyInputToJson(back) == j);
    CHECK(back.picks.size() == 1);
    CHECK(identifyInputFromJson(nlohmann::json::object()).method == IdentificationMethod::Global);
    auto throwsNaming = [](nlohmann::json bad, const std::string& key) {
        try {
            identifyInputFromJson(bad);
            return false;
        } catch (const std::invalid_argument& e) {
            return std::string(e.what()).find(key) != std::string::npos;
        }
    };
    CHECK(throwsNaming({{"method", "ransac"}}, "method"));
    CHECK(throwsNaming({{"band_hz", {1.0}}}, "band_hz"));
    CHECK(throwsNaming({{"modes", -1}}, "modes"));
    CHECK(throwsNaming({{"update", "yes"}}, "update"));
    CHECK(throwsNaming({{"lscf", {{"max_order", 1}}}}, "lscf.max_order"));
    CHECK(throwsNaming({{"updating", {{"tikhonov", -1.0}}}}, "tikhonov"));
}

TEST_CASE("Identify result JSON has the issue's keys", "[identify]")
{
    IdentifyInput in = synthetic();
    in.bandLoHz = 3.0;
    in.bandHiHz = 35.0;
    in.update = true;
    const IdentifyResult r = runIdentify(in);
    const nlohmann::json j = identifyResultToJson(r);
    REQUIRE(j["modes"].size() == 3);
    for (const char* k : {"frequency_hz", "damping_ratio", "mode_shape_re", "mode_shape_im",
                          "complexity"})
        CHECK(j["modes"][0].contains(k));
    CHECK(j["modes"][0]["frequency_hz"].get<double>() < j["modes"][1]["frequency_hz"].get<double>());
    CHECK(j["mac"].size() == 3);
    CHECK(j["mac"][1][1].get<double>() == Approx(1.0));
    CHECK(j["resynthesis_error"].size() == 3);
    for (const char* k : {"mass_kg", "stiffness_n_m", "damping_ns_m"}) {
        CHECK(j["physical"][k].size() == 3);
        CHECK(j["updated_profile"][k].size() == 3);
    }
    CHECK(j["objective_after"].get<double>() < j["objective_before"].get<double>());
    CHECK(j["stabilisation"]["poles"]["order"].size() == r.diagram.poles.size());
    CHECK(j["comparison"].size() == 3);
    CHECK(identifyResynthesisTable(r).rows() == r.measured.lines());
    CHECK(identifyStabilisationTable(r).rows() == r.diagram.poles.size());
}
