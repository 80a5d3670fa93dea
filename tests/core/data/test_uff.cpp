// SPDX-License-Identifier: GPL-3.0-or-later
// Universal File Format datasets 58/58b, 55, 15 and 2411: files written by hand from the
// format's published description (tests/data/crossval/*.uff) read correctly and are written
// back byte for byte; DTOP's datasets and modes survive a round trip.
#include "crossval/mac.h"
#include "data/uff.h"
#include "data/uff_conversion.h"
#include "io/atomic_file.h"
#include "io/dataset_catalogue.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <numbers>

using namespace dtop;
using namespace dtop::data;
using C = std::complex<double>;

namespace {

std::string fixture(const std::string& name)
{
    std::string text, error;
    const std::string path = std::string(DTOP_TEST_DATA_DIR) + "/crossval/" + name;
    if (!io::readFile(path, text, error))
        throw std::runtime_error(error);
    return text;
}

UffFile parsed(const std::string& text, const std::string& name = "test.uff")
{
    auto r = parseUff(text, name);
    if (!r.ok())
        FAIL(r.error().text());
    return std::move(r).value();
}

io::Dataset bundled(const std::string& id)
{
    const auto c = io::loadBundledCatalogue(DTOP_DATA_DIR);
    return io::readCatalogueDataset(c.value(), id).value();
}

// Little- or big-endian bytes of IEEE values, packed by hand.
std::string packDoubles(const std::vector<double>& v, bool bigEndian)
{
    std::string out;
    for (double d : v) {
        const auto u = std::bit_cast<std::uint64_t>(d);
        for (int i = 0; i < 8; ++i)
            out.push_back(static_cast<char>((u >> (8 * (bigEndian ? 7 - i : i))) & 0xFF));
    }
    return out;
}

std::string packFloats(const std::vector<float>& v, bool bigEndian)
{
    std::string out;
    for (float f : v) {
        const auto u = std::bit_cast<std::uint32_t>(f);
        for (int i = 0; i < 4; ++i)
            out.push_back(static_cast<char>((u >> (8 * (bigEndian ? 3 - i : i))) & 0xFF));
    }
    return out;
}

// The 11 ASCII header records of a 58b dataset, typed from the description.
std::string binaryHeader(int order, int type, std::size_t bytes, int points, bool even)
{
    char line[128];
    std::string h = "    -1\n";
    std::snprintf(line, sizeof line, "%6d%c%6d%6d%12d%12zu%6d%6d%12d%12d\n", 58, 'b', order, 2, 11,
                  bytes, 0, 0, 0, 0);
    h += line;
    h += "H22 binary test\nNONE\nNONE\nNONE\nNONE\n";
    h += "    4         1    0         0 NONE               2   2 NONE               2   2\n";
    std::snprintf(line, sizeof line, "%10d%10d%10d%13.5E%13.5E%13.5E\n", type, points, even ? 1 : 0,
                  even ? 0.25 : 0.0, even ? 0.25 : 0.0, 0.0);
    h += line;
    h += "        18    0    0    0 Frequency            Hz                  \n";
    h += "        11    1    0    0 Velocity             m/s                 \n";
    h += "        13    0    1    0 Force                N                   \n";
    h += "         0    0    0    0 NONE                 NONE                \n";
    return h;
}

} // namespace

TEST_CASE(
    "A hand-written UFF 58 file of complex FRFs reads correctly and is rewritten byte for byte",
    "[crossval]")
{
    const std::string text = fixture("frf58_complex_even.uff");
    CHECK(looksLikeUff(text));
    const UffFile file = parsed(text);
    REQUIRE(file.datasets.size() == 2);
    const Uff58& h11 = std::get<Uff58>(file.datasets[0]);
    CHECK_FALSE(h11.binary);
    CHECK(h11.idLines[0] == "H11 accelerance, hand-written test file");
    CHECK(h11.idLines[2] == "01-JAN-24 12:00:00");
    CHECK(h11.functionType == 4);
    CHECK(h11.functionId == 1);
    CHECK(h11.responseEntity == "NONE");
    CHECK(h11.responseNode == 1);
    CHECK(h11.responseDirection == 2);
    CHECK(h11.referenceNode == 1);
    CHECK(h11.referenceDirection == 2);
    CHECK(h11.ordinateDataType == 6);
    CHECK(h11.evenSpacing);
    CHECK(h11.abscissaMin == 1.0);
    CHECK(h11.abscissaIncrement == 0.5);
    CHECK(h11.abscissa.specificDataType == 18);
    CHECK(h11.abscissa.label == "Frequency");
    CHECK(h11.abscissa.unitsLabel == "Hz");
    CHECK(h11.ordinate.specificDataType == 12);
    CHECK(h11.ordinate.lengthExponent == 1);
    CHECK(h11.ordinate.unitsLabel == "m/s^2");
    CHECK(h11.denominator.specificDataType == 13);
    CHECK(h11.denominator.forceExponent == 1);
    CHECK(h11.x == std::vector<double>{1.0, 1.5, 2.0, 2.5, 3.0});
    CHECK(h11.values ==
          std::vector<C>{{1.0, -0.25}, {1.25, 0.5}, {-0.03125, 0.001}, {7.5, -6.0}, {0.2, 0.0}});
    const Uff58& h21 = std::get<Uff58>(file.datasets[1]);
    CHECK(h21.responseNode == 2);
    CHECK(h21.values[1] == C(-1.5, 0.75));
    CHECK(h21.values[2] == C(3e-5, -4e7));
    CHECK(h21.values[3] == C(9.999999999999, 1e-12));
    CHECK(formatUff(file) == text);

    // As DTOP FRFs: one dataset, floors 1 and 2, accelerance, force at floor 1.
    const auto frfs = frfDatasetsFromUff(file, "hand.uff");
    REQUIRE(frfs.ok());
    REQUIRE(frfs.value().size() == 1);
    const io::Dataset& d = frfs.value()[0];
    CHECK(d.info.title == "H11 accelerance, hand-written test file");
    CHECK(d.info.quantity == dynamics::FrfQuantity::Accelerance);
    CHECK(d.info.excitationFloor == 1);
    CHECK(d.info.units == "m/s^2/N");
    CHECK(d.info.format == "uff58");
    REQUIRE(d.frf().channels.size() == 2);
    CHECK(d.frf().floor(2)->values == h21.values);
    CHECK(d.frf().floor(1)->magnitude[3] == std::abs(C(7.5, -6.0)));
    CHECK(d.info.frequencyStepHz == 0.5);
}

TEST_CASE(
    "A hand-written UFF file with uneven and single-precision and unknown datasets round trips",
    "[crossval]")
{
    const std::string text = fixture("frf58_uneven_mixed.uff");
    const UffFile file = parsed(text);
    REQUIRE(file.datasets.size() == 5);
    const auto& header = std::get<UffOther>(file.datasets[0]);
    CHECK(header.number == 151);
    CHECK(header.lines.size() == 8);
    CHECK(std::get<UffOther>(file.datasets[1]).number == 164);
    const Uff58& coherence = std::get<Uff58>(file.datasets[2]);
    CHECK(coherence.functionType == 6);
    CHECK(coherence.ordinateDataType == 4);
    CHECK_FALSE(coherence.evenSpacing);
    CHECK(coherence.x == std::vector<double>{0.5, 0.75, 1.125});
    CHECK(coherence.values == std::vector<C>{0.25, 0.998, 1.0});
    const Uff58& h31 = std::get<Uff58>(file.datasets[3]);
    CHECK(h31.ordinateDataType == 5);
    CHECK(h31.x == std::vector<double>{0.5, 0.75, 1.125});
    CHECK(h31.values == std::vector<C>{{1e-4, -2e-5}, {-3.5e-4, 1.25e-3}, {6e-6, 0.0}});
    const auto& nodes = std::get<Uff15>(file.datasets[4]).nodes;
    REQUIRE(nodes.size() == 3);
    CHECK(nodes[2].label == 3);
    CHECK(nodes[2].color == 1);
    CHECK(nodes[2].z == 0.4599);
    CHECK(formatUff(file) == text);

    const auto frfs = frfDatasetsFromUff(file, "mixed.uff");
    REQUIRE(frfs.ok());
    REQUIRE(frfs.value().size() == 1);
    const io::Dataset& d = frfs.value()[0];
    CHECK(d.info.quantity == dynamics::FrfQuantity::Receptance);
    REQUIRE(d.frf().channels.size() == 1);
    CHECK(d.frf().channels[0].floor == 3);
    CHECK(d.info.excitationFloor == 1);
    CHECK(d.info.notes.find("1 other function(s) of the file skipped") != std::string::npos);
}

TEST_CASE("Hand-written UFF 55 mode shapes and 2411 nodes read correctly and round trip",
          "[crossval]")
{
    const std::string text = fixture("modes55.uff");
    const UffFile file = parsed(text);
    REQUIRE(file.datasets.size() == 4);
    const Uff55& m1 = std::get<Uff55>(file.datasets[0]);
    CHECK(m1.idLines[0] == "southampton-lpm");
    CHECK(m1.analysisType == 2);
    CHECK(m1.dataCharacteristic == 2);
    CHECK(m1.specificDataType == 8);
    CHECK(m1.valuesPerNode == 3);
    CHECK(m1.integerParameters == std::vector<int>{1, 1});
    CHECK(m1.realParameters == std::vector<double>{6.20358, 1.0, 3.44929e-3, 0.0});
    REQUIRE(m1.nodes.size() == 3);
    CHECK(m1.nodes[1].label == 2);
    CHECK(m1.nodes[1].values[1] == C(0.25871, 0.0));
    const Uff55& cx = std::get<Uff55>(file.datasets[2]);
    CHECK(cx.isComplex());
    CHECK(cx.nodes[0].values[1] == C(0.5, 0.1));
    const auto& geometry = std::get<Uff2411>(file.datasets[3]).nodes;
    REQUIRE(geometry.size() == 3);
    CHECK(geometry[1].z == 0.3066);
    CHECK(formatUff(file) == text);

    const auto modes = modeShapesFromUff(file, "modes55.uff");
    REQUIRE(modes.ok());
    const ModeShapeSet& s = modes.value();
    CHECK(s.complex);
    CHECK(s.nodes == std::vector<int>{1, 2, 3});
    CHECK(s.modeNumbers == std::vector<int>{1, 2, 3});
    CHECK(s.frequenciesHz[0] == 6.20358);
    CHECK(s.dampingRatios[1] == 8.52712e-3);
    // Mode 3 from its eigenvalue λ = −1.59783 + 165.879j rad/s.
    const double absLambda = std::hypot(1.59783, 165.879);
    CHECK(s.frequenciesHz[2] == Approx(absLambda / (2.0 * std::numbers::pi)).epsilon(1e-15));
    CHECK(s.dampingRatios[2] == Approx(1.59783 / absLambda).epsilon(1e-15));
    CHECK(s.shapes(2, 1) == C(-0.27519, 0.0));
    CHECK(s.shapes(0, 2) == C(0.5, 0.1));
}

TEST_CASE("Hand-packed binary UFF 58b in both byte orders and precisions", "[crossval]")
{
    // Complex doubles, little-endian, even spacing from 0.25 Hz in 0.25 Hz steps.
    const std::vector<double> v = {0.1, -0.2, 1.0 / 3.0, 2.5e-300, -7.0, 0.0};
    std::string little = binaryHeader(1, 6, 48, 3, true) + packDoubles(v, false) + "    -1\n";
    const UffFile a = parsed(little);
    const Uff58& fa = std::get<Uff58>(a.datasets.at(0));
    CHECK(fa.binary);
    CHECK(fa.x == std::vector<double>{0.25, 0.5, 0.75});
    CHECK(fa.values == std::vector<C>{{0.1, -0.2}, {1.0 / 3.0, 2.5e-300}, {-7.0, 0.0}});
    CHECK(formatUff(a) == little); // every bit of every double

    // Real single precision, big-endian, uneven abscissa: (x, y) pairs.
    const std::vector<float> w = {0.5f, 1.5f, 0.625f, -2.25f};
    const std::string big = binaryHeader(2, 2, 16, 2, false) + packFloats(w, true) + "\n    -1\n";
    const UffFile b = parsed(big);
    const Uff58& fb = std::get<Uff58>(b.datasets.at(0));
    CHECK(fb.byteOrdering == 2);
    CHECK(fb.x == std::vector<double>{0.5, 0.625});
    CHECK(fb.values == std::vector<C>{1.5, -2.25});
    // Written back little-endian, the same floats.
    const UffFile again = parsed(formatUff(b));
    CHECK(std::get<Uff58>(again.datasets[0]).values == fb.values);
    CHECK(std::get<Uff58>(again.datasets[0]).byteOrdering == 1);
}

TEST_CASE("A DTOP FRF dataset survives UFF 58b bit for bit and ASCII 58 to 13 digits", "[crossval]")
{
    const io::Dataset d = bundled("southampton-exp-force1");
    const UffFile binary = uffFromFrfDataset(d, {true, 2});
    REQUIRE(binary.datasets.size() == 3);
    CHECK(std::get<Uff58>(binary.datasets[0]).evenSpacing); // 0.03125·k is exact
    const std::string bytes = formatUff(binary);
    const UffFile back = parsed(bytes);
    CHECK(back == binary);
    CHECK(formatUff(back) == bytes);
    const auto frfs = frfDatasetsFromUff(back, "export.uff");
    REQUIRE(frfs.ok());
    const io::Dataset& r = frfs.value().at(0);
    CHECK(r.info.quantity == d.info.quantity);
    CHECK(r.info.excitationFloor == 1);
    for (int f = 1; f <= 3; ++f) {
        CHECK(r.frf().floor(f)->frequencyHz == d.frf().floor(f)->frequencyHz);
        CHECK(r.frf().floor(f)->values == d.frf().floor(f)->values);
    }

    const std::string text = formatUff(uffFromFrfDataset(d, {false, 2}));
    const UffFile ascii = parsed(text);
    CHECK(formatUff(ascii) == text);
    const auto& f1 = std::get<Uff58>(ascii.datasets[0]);
    double worst = 0.0;
    for (std::size_t k = 0; k < f1.values.size(); ++k)
        worst = std::max(worst, std::abs(f1.values[k] - d.frf().floor(1)->values[k]) /
                                    std::abs(d.frf().floor(1)->values[k]));
    CHECK(worst < 5e-13);
    CHECK(f1.x == d.frf().floor(1)->frequencyHz);
}

TEST_CASE("Magnitude-only FRFs on their own axes export to UFF and come back", "[crossval]")
{
    const io::Dataset d = bundled("swansea-num-db"); // floor 2 has its own axis
    const UffFile file = uffFromFrfDataset(d, {true, 1});
    const auto back = frfDatasetsFromUff(parsed(formatUff(file)), "swansea.uff");
    REQUIRE(back.ok());
    const io::Dataset& r = back.value().at(0);
    CHECK_FALSE(r.info.quantity.has_value());
    for (int f = 1; f <= 3; ++f) {
        const io::FrfChannel& a = *d.frf().floor(f);
        const io::FrfChannel& b = *r.frf().floor(f);
        CHECK_FALSE(b.hasPhase());
        CHECK(b.frequencyHz == a.frequencyHz);
        CHECK(b.magnitude == a.magnitude);
    }
    CHECK_FALSE(std::get<Uff58>(file.datasets[0]).evenSpacing);
}

TEST_CASE("A profile's modes export to UFF 55 and read back to six digits", "[crossval]")
{
    const model::Profile p = *model::preset("southampton-lpm");
    const ModeShapeSet modes = modeShapesFromProfile(p);
    UffFile file = uffFromModeShapes(modes, "southampton-lpm");
    file.datasets.emplace_back(shearBuildingNodes(3, 0.1533));
    const std::string text = formatUff(file);
    const UffFile read = parsed(text);
    CHECK(formatUff(read) == text);
    const auto back = modeShapesFromUff(read, "modes.uff");
    REQUIRE(back.ok());
    REQUIRE(back.value().frequenciesHz.size() == 3);
    for (int r = 0; r < 3; ++r) {
        CHECK(back.value().frequenciesHz[r] == Approx(modes.frequenciesHz[r]).epsilon(6e-6));
        CHECK(back.value().dampingRatios[r] == Approx(modes.dampingRatios[r]).epsilon(6e-6));
        CHECK(back.value().modalMasses[r] == 1.0);
    }
    // Six significant digits leave the MAC matrix unchanged to 1e-6.
    const Eigen::MatrixXd mac = crossval::macMatrix(modes.shapes, back.value().shapes);
    const Eigen::MatrixXd exact = crossval::macMatrix(modes.shapes, modes.shapes);
    CHECK((mac - exact).cwiseAbs().maxCoeff() < 1e-6);
    const auto& nodes = std::get<Uff2411>(read.datasets.back()).nodes;
    CHECK(nodes[2].z == 3 * 0.1533); // D25.16 keeps every bit
}

TEST_CASE("A UFF 58 header written without its fixed columns still reads", "[crossval]")
{
    std::string text = fixture("frf58_complex_even.uff");
    const std::string record6 =
        "    4         1    0         0 NONE               1   2 NONE               1   2";
    const std::string record7 =
        "         6         5         1  1.00000E+00  5.00000E-01  0.00000E+00";
    text.replace(text.find(record6), record6.size(), "4 1 0 0 HAMMER 1 2 FORCE 1 2");
    text.replace(text.find(record7), record7.size(), "6 5 1 1.0 0.5 0.0");
    const UffFile file = parsed(text);
    const Uff58& f = std::get<Uff58>(file.datasets[0]);
    CHECK(f.responseEntity == "HAMMER");
    CHECK(f.referenceEntity == "FORCE");
    CHECK(f.referenceNode == 1);
    CHECK(f.referenceDirection == 2);
    CHECK(f.x.back() == 3.0);
    CHECK(f.values[4] == C(0.2, 0.0));
}

TEST_CASE("UFF detection and malformed files give errors with their line", "[crossval]")
{
    CHECK(looksLikeUff("\n    -1\n    58b     1     2          11         480     0     0\n"));
    CHECK_FALSE(looksLikeUff("frequency_hz,floor1_re\n1,2\n"));
    CHECK_FALSE(looksLikeUff(""));
    CHECK_FALSE(looksLikeUff("    -1\nhello\n"));

    const std::string good = fixture("frf58_complex_even.uff");
    auto errorOf = [](const std::string& text) {
        const auto r = parseUff(text, "bad.uff");
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    SECTION("not UFF")
    {
        CHECK(errorOf("1,2,3\n").message.find("not a Universal File") != std::string::npos);
    }
    SECTION("truncated")
    {
        const auto e = errorOf(good.substr(0, good.find("  2.000000000000E-01")));
        CHECK(e.message.find("ends") != std::string::npos);
    }
    SECTION("text in a number")
    {
        std::string t = good;
        t.replace(t.find("-2.500000000000E-01"), 19, "     abc           ");
        const auto e = errorOf(t);
        CHECK(e.line == 14);
        CHECK(e.message.find("'abc' is not a number") != std::string::npos);
    }
    SECTION("too few values before the delimiter")
    {
        std::string t = good;
        t.erase(t.find("  2.000000000000E-01"), 41);
        const auto e = errorOf(t);
        CHECK(e.message.find("ends after 8 of 10 values") != std::string::npos);
    }
    SECTION("unknown ordinate type")
    {
        std::string t = good;
        t.replace(t.find("         6         5         1"), 10, "         3");
        CHECK(errorOf(t).message.find("ordinate data type must be 2, 4, 5 or 6, got 3") !=
              std::string::npos);
    }
    SECTION("binary block shorter than announced")
    {
        const std::string b = binaryHeader(1, 6, 48, 3, true) + std::string(20, '\0');
        CHECK(errorOf(b).message.find("ends inside the 48-byte binary block") != std::string::npos);
    }
    SECTION("byte count that does not fit the points")
    {
        const std::string b = binaryHeader(1, 6, 40, 3, true) + std::string(40, '\0') + "    -1\n";
        CHECK(errorOf(b).message.find("announces 40 bytes") != std::string::npos);
    }
    SECTION("non-IEEE floating point")
    {
        std::string b = binaryHeader(1, 6, 48, 3, true) + std::string(48, '\0') + "    -1\n";
        b.replace(b.find("     1     2"), 12, "     1     3");
        CHECK(errorOf(b).message.find("floating-point format 3") != std::string::npos);
    }
    SECTION("a file without FRFs or modes")
    {
        const UffFile nodes = parsed("    -1\n    15\n         1         0         0         1"
                                     "  0.00000E+00  0.00000E+00  1.00000E+00\n    -1\n");
        CHECK_FALSE(frfDatasetsFromUff(nodes, "n.uff").ok());
        CHECK(frfDatasetsFromUff(nodes, "n.uff").error().message.find("no frequency response") !=
              std::string::npos);
        CHECK_FALSE(modeShapesFromUff(nodes, "n.uff").ok());
    }
    SECTION("a repeated response node")
    {
        UffFile f = parsed(good);
        std::get<Uff58>(f.datasets[1]).responseNode = 1;
        const auto r = frfDatasetsFromUff(f, "dup.uff");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("two FRFs of response node 1") != std::string::npos);
    }
    SECTION("limits")
    {
        UffReadOptions small;
        small.maxPoints = 4;
        const auto r = parseUff(good, "big.uff", small);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("5 points (at most 4)") != std::string::npos);
    }
}

// tests/data/fuzz/uff/node_label_minus_one_roundtrip.uff (found by fuzzing): record 9 of its
// first dataset 55 reads "    -1   2         6         1         3". It used to be taken as
// node label -1 (the first blank-separated number); written back as "        -1", that label
// is the closing delimiter, so the re-export did not read again.
TEST_CASE("A UFF 55 node label that would write as the delimiter is refused on both sides",
          "[crossval]")
{
    std::string text, error;
    REQUIRE(io::readFile(std::string(DTOP_TEST_DATA_DIR) +
                             "/fuzz/uff/node_label_minus_one_roundtrip.uff",
                         text, error));
    const auto refused = parseUff(text, "fuzz.uff");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().line == 17);
    CHECK(refused.error().message.find("record 9 of dataset 55") != std::string::npos);
    CHECK(refused.error().message.find("positive integer") != std::string::npos);

    // The same file with a real label there is read; its re-export reads back bit for bit.
    const std::string bad = "    -1   2         6         1         3";
    text.replace(text.find(bad), bad.size(), "         4");
    const UffFile file = parsed(text);
    REQUIRE(file.datasets.size() == 2);
    CHECK(std::get<Uff55>(file.datasets[0]).nodes[3].label == 4);
    const std::string written = formatUff(file);
    const UffFile again = parsed(written, "again.uff");
    CHECK(again == file);
    CHECK(formatUff(again) == written);

    // A label below 1 built in code is refused by the writer instead of written ambiguously.
    UffFile minusOne = file;
    std::get<Uff55>(minusOne.datasets[0]).nodes[0].label = -1;
    CHECK_THROWS_AS(formatUff(minusOne), std::invalid_argument);
}

// Every UFF file of the tests that reads is written back as text that reads to the same
// datasets, every value bit for bit (the hand-written files are in the writer's layout, so
// they also survive unchanged).
TEST_CASE("Every readable UFF test file re-exports to text that re-reads bit for bit",
          "[crossval]")
{
    std::size_t files = 0;
    for (const char* dir : {"/crossval", "/fuzz/uff"})
        for (const auto& entry :
             std::filesystem::directory_iterator(std::string(DTOP_TEST_DATA_DIR) + dir)) {
            if (entry.path().extension() != ".uff")
                continue;
            std::string text, error;
            REQUIRE(io::readFile(entry.path().string(), text, error));
            const auto file = parseUff(text, entry.path().string());
            if (!file.ok())
                continue;
            INFO(entry.path().string());
            const UffFile again = parsed(formatUff(file.value()), "again.uff");
            CHECK(again == file.value());
            ++files;
        }
    CHECK(files >= 3);
}
