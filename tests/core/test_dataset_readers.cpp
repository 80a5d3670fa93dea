// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset_reader.h"
#include "io/dataset_writer.h"
#include "io/dynamics_csv.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

using namespace dtop::io;
using dtop::dynamics::FrfQuantity;
using dtop::test::testDataPath;

namespace {

Dataset readGood(const std::string& relative, const ReadOptions& options = {})
{
    ReadResult<Dataset> r = readDataset(testDataPath(relative), options);
    INFO(relative << ": " << (r ? std::string() : r.error().text()));
    REQUIRE(r.ok());
    return std::move(r).value();
}

ReadError readBad(const std::string& relative, const ReadOptions& options = {})
{
    ReadResult<Dataset> r = readDataset(testDataPath(relative), options);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

} // namespace

TEST_CASE("Cristallo complex FRF file reads as complex channels", "[io][datasets]")
{
    const Dataset d = readGood("good/cristallo_complex.csv");
    CHECK(d.info.format == "cristallo-complex");
    REQUIRE(d.isFrf());
    const FrfData& frf = d.frf();
    REQUIRE(frf.channels.size() == 3);
    CHECK(frf.sharesOneAxis());
    const FrfChannel& h11 = *frf.floor(1);
    REQUIRE(h11.size() == 5);
    CHECK(h11.frequencyHz.front() == 0.03125);
    CHECK(h11.frequencyHz.back() == 0.15625);
    CHECK(h11.hasPhase());
    CHECK_FALSE(h11.fromDecibels());
    // Row 0 of Experimental.csv as the spec quotes it (crossval_fea_lpm C.5).
    CHECK(h11.values[0] == std::complex<double>(-0.0549712181091309, 0.0508308112621307));
    CHECK(frf.floor(3)->values[0] ==
          std::complex<double>(-0.0493143424391747, 0.00578283378854394));
    CHECK(h11.magnitude[0] == std::abs(h11.values[0]));
    CHECK(d.info.frequencyStepHz == 0.03125);
    CHECK_FALSE(d.info.quantity.has_value()); // the file does not say
}

TEST_CASE("Cristallo dB files: 4 columns, and 5 with floor 2 on its own axis", "[io][datasets]")
{
    const Dataset four = readGood("good/cristallo_db4.csv");
    CHECK(four.info.format == "cristallo-db");
    const FrfData& a = four.frf();
    REQUIRE(a.channels.size() == 3);
    CHECK(a.floor(1)->frequencyHz == std::vector<double>{0, 0.03125, 0.0625, 0.09375, 0.125, 0.15625});
    CHECK(a.floor(1)->decibels[0] == -35.929);
    CHECK(a.floor(1)->magnitude[0] == Approx(std::pow(10.0, -35.929 / 20.0)).epsilon(1e-15));
    CHECK_FALSE(a.floor(1)->hasPhase());
    CHECK(a.sharesOneAxis());

    const Dataset five = readGood("good/cristallo_db5.csv");
    const FrfData& b = five.frf();
    REQUIRE(b.channels.size() == 3);
    CHECK_FALSE(b.sharesOneAxis());
    CHECK(b.floor(1)->frequencyHz.front() == 0.19975);
    CHECK(b.floor(3)->frequencyHz.front() == 0.19975);
    CHECK(b.floor(2)->frequencyHz.front() == 0.84); // second column
    CHECK(b.floor(2)->decibels.front() == -32.992);
    CHECK(b.floor(3)->decibels.front() == -14.825);
    CHECK(five.info.frequencyStepHz == 0.0);
    CHECK(five.info.frequencyMinHz == 0.19975);
}

TEST_CASE("Cristallo time history reads force and floor velocities", "[io][datasets]")
{
    const Dataset d = readGood("good/cristallo_time_history.csv");
    CHECK(d.info.format == "cristallo-time-history");
    REQUIRE(d.isTimeHistory());
    const TimeHistoryData& th = d.timeHistory();
    CHECK(th.samples() == 6);
    CHECK(th.samplingRateHz == Approx(1000.0).epsilon(1e-12));
    CHECK(th.response == ResponseQuantity::Velocity);
    CHECK(th.forceN == std::vector<double>{10, 0, 0, 0, 0, 0});
    REQUIRE(th.channels.size() == 3);
    CHECK((*th.floor(1))[1] == 0.0018772);
    CHECK((*th.floor(3))[1] == 1.6701e-09);
    CHECK(d.info.units == "force N, velocity m/s");
    CHECK_THROWS_AS(d.frf(), std::logic_error);
}

TEST_CASE("Our CSV: complex FRF with metadata", "[io][datasets]")
{
    const Dataset d = readGood("good/dtop_frf.csv");
    CHECK(d.info.format == "dtop-csv");
    CHECK(d.info.id == "user-frf");
    CHECK(d.info.title == "A small complex FRF");
    CHECK(d.info.rig == "southampton");
    CHECK(d.info.quantity == FrfQuantity::Receptance);
    CHECK(d.info.units == "m/N");
    CHECK(d.info.excitationFloor == 2);
    CHECK(d.info.notes == "two floors");
    const FrfData& frf = d.frf();
    REQUIRE(frf.channels.size() == 2);
    CHECK(frf.floor(2)->values[1] == std::complex<double>(-1.5e-3, 2.5e-3));
    CHECK(frf.floor(1)->frequencyHz == std::vector<double>{1, 2, 4.5});
    CHECK(frf.floor(3) == nullptr);
}

TEST_CASE("Our CSV: magnitude, dB, own axis and checked abs columns", "[io][datasets]")
{
    const Dataset d = readGood("good/dtop_frf_mixed.csv");
    const FrfData& frf = d.frf();
    REQUIRE(frf.channels.size() == 3);
    CHECK(frf.floor(1)->magnitude == std::vector<double>{0.5, 0.25, 0});
    CHECK_FALSE(frf.floor(1)->hasPhase());
    CHECK(frf.floor(2)->frequencyHz == std::vector<double>{0.5, 1.5, 2.5});
    CHECK(frf.floor(2)->magnitude[0] == Approx(0.1).epsilon(1e-15));
    CHECK(frf.floor(2)->magnitude[2] == Approx(10.0).epsilon(1e-15));
    CHECK(frf.floor(3)->values[0] == std::complex<double>(3, 4));
    CHECK(frf.floor(3)->magnitude[0] == 5.0);
    CHECK(d.info.frequencyMinHz == 0.0);
    CHECK(d.info.frequencyMaxHz == 2.5);
}

TEST_CASE("Our CSV: time history of accelerations", "[io][datasets]")
{
    const Dataset d = readGood("good/dtop_time_history.csv");
    const TimeHistoryData& th = d.timeHistory();
    CHECK(th.response == ResponseQuantity::Acceleration);
    CHECK(th.samplingRateHz == 2.0);
    CHECK(th.timeStepS() == 0.5);
    CHECK(th.forceN == std::vector<double>{1, 0, -1, 0});
    CHECK(*th.floor(2) == std::vector<double>{0, -0.125, 0.0625, 1e-3});
    CHECK(d.info.excitationFloor == 1);
    CHECK(d.info.durationS == 1.5);
}

TEST_CASE("A file written by frfResultTable reads back", "[io][datasets]")
{
    dtop::dynamics::FrfResult r;
    r.frequencyHz = {0.5, 1.0, 2.0};
    r.floors = {{{1e-3, -2e-3}, {0.1, 0.2}, {-3.0, 4.0}}, {{0.0, 0.0}, {1.0, 0.0}, {0.0, -1.0}}};
    std::ostringstream text;
    frfResultTable(r).write(text);
    ReadResult<Dataset> d = parseDataset(text.str(), "frf.csv");
    REQUIRE(d.ok());
    CHECK(d.value().frf().floor(1)->values == r.floors[0]);
    CHECK(d.value().frf().floor(2)->values == r.floors[1]);
}

TEST_CASE("Forcing a format", "[io][datasets]")
{
    ReadOptions options;
    options.format = DatasetFormat::CristalloComplex;
    // Real numbers separated by ';' are refused by detection but read when forced.
    const Dataset d = readGood("bad/wrong_delimiter_semicolon.csv", options);
    CHECK(d.frf().floor(1)->values[1] == std::complex<double>(-22.514, 0.0));

    options.format = DatasetFormat::CristalloDb;
    const ReadError e = readBad("good/cristallo_complex.csv", options);
    CHECK(e.line == 1);
    CHECK(e.message == "mixed delimiters: found ';' in a comma-separated line");
    options.format = DatasetFormat::CristalloTimeHistory;
    CHECK(readBad("good/cristallo_db4.csv", options).message ==
          "expected the header 't (s),dotx1 (m/s),dotx2 (m/s),dotx3 (m/s),fp (N)' (one dotxN "
          "column per floor), found '0,-35.929,-26.18,-38.395'");

    DatasetFormat f;
    CHECK(parseDatasetFormat("cristallo-time-history", f));
    CHECK(f == DatasetFormat::CristalloTimeHistory);
    CHECK_FALSE(parseDatasetFormat("excel", f));
}

TEST_CASE("Format detection", "[io][datasets]")
{
    CHECK(detectDatasetFormat("frequency_hz,floor1_abs\n1,2\n", "x").value() == DatasetFormat::DtopCsv);
    CHECK(detectDatasetFormat("# a\ntime_s,force_n\n", "x").value() == DatasetFormat::DtopCsv);
    CHECK(detectDatasetFormat("\xEF\xBB\xBFt (s),dotx1 (m/s),fp (N)\r\n", "x").value() ==
          DatasetFormat::CristalloTimeHistory);
    CHECK(detectDatasetFormat("1+0j;2-3j\n", "x").value() == DatasetFormat::CristalloComplex);
    CHECK(detectDatasetFormat("\n\n1,2,3,4\n", "x").value() == DatasetFormat::CristalloDb);
    const auto e = detectDatasetFormat("", "x.csv");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().text() == "x.csv line 1: empty file");
}

TEST_CASE("Python complex notation", "[io][datasets]")
{
    const auto parse = [](const char* text) {
        return parseDataset(std::string("0+0j;") + text, "c.csv").value().frf().channels[0].values[0];
    };
    CHECK(parse("-0.05+0.04j") == std::complex<double>(-0.05, 0.04));
    CHECK(parse("(1-2j)") == std::complex<double>(1, -2));
    CHECK(parse("3j") == std::complex<double>(0, 3));
    CHECK(parse("-3J") == std::complex<double>(0, -3));
    CHECK(parse("4") == std::complex<double>(4, 0));
    CHECK(parse("1e-05-3.5e-06j") == std::complex<double>(1e-05, -3.5e-06));
    CHECK(parse("5.87404356338084e-05j") == std::complex<double>(0, 5.87404356338084e-05));
    CHECK(parse("-1.5E+02+2e+01j") == std::complex<double>(-150, 20));
    for (const char* bad : {"j", "1+j", "1+2", "1+2i", "(1+2j", "1++2j", "1e+j"}) {
        const auto r = parseDataset(std::string("0+0j;") + bad, "c.csv");
        INFO(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == "'" + std::string(bad) + "' is not a complex number in column 2 "
                                   "(expected Python notation such as -0.05+0.04j)");
    }
}

TEST_CASE("Malformed files give the file, the line and what was expected", "[io][datasets]")
{
    struct Case {
        const char* file;
        std::size_t line;
        const char* message;
    };
    const Case cases[] = {
        {"empty.csv", 1, "empty file"},
        {"blank_lines.csv", 1, "empty file"},
        {"wrong_delimiter_semicolon.csv", 1,
         "';'-separated real numbers: the Cristallo dB format separates them with ',', and the "
         "complex format writes complex numbers such as 0.1+0.2j (force the format to read real "
         "values as complex)"},
        {"wrong_delimiter_tab.csv", 1, "tab-separated values; expected ',' or ';' between fields"},
        {"wrong_delimiter_complex_comma.csv", 1,
         "complex numbers separated by ','; the Cristallo complex format separates them with ';'"},
        {"header_only.csv", 2, "header only, no data"},
        {"header_only_time_history.csv", 2, "header only, no data"},
        {"only_comments.csv", 3, "only comment lines, expected a header line of column names"},
        {"nan.csv", 3, "NaN is not allowed in column 2"},
        {"nan_complex.csv", 2, "NaN is not allowed in column 2"},
        {"infinity.csv", 3, "infinity is not allowed in column 2"},
        {"text_in_number.csv", 4, "'abc' is not a number in column 2"},
        {"empty_field.csv", 2, "empty field in column 3, expected a number"},
        {"truncated_line.csv", 5, "expected 4 comma-separated numbers, found 2"},
        {"too_many_fields.csv", 3, "expected 2 comma-separated numbers, found 3"},
        {"db_three_columns.csv", 1,
         "expected 4 comma-separated numbers (f, dB floors 1-3) or 5 (f floors 1 and 3, f floor "
         "2, dB floors 1-3), found 3"},
        {"huge_value.csv", 2, "'1e400' is out of the range of a double in column 3"},
        {"db_overflow.csv", 2, "7000 dB in column 3 is beyond the range of a double as a magnitude"},
        {"non_monotonic_frequency.csv", 3,
         "frequency 0.25 Hz is not above the previous line's 0.5 Hz; the axis must increase "
         "strictly"},
        {"duplicate_frequency.csv", 3,
         "frequency 166.75 Hz is not above the previous line's 166.75 Hz; the axis must "
         "increase strictly"},
        {"negative_frequency.csv", 2, "frequency -1 Hz is negative"},
        {"mixed_delimiters.csv", 2,
         "expected 4 comma-separated numbers, found 3 (the line also contains ';')"},
        {"mixed_delimiters_same_count.csv", 2,
         "mixed delimiters: found ';' in a comma-separated line"},
        {"complex_not_a_number.csv", 2,
         "'0.1+2k' is not a complex number in column 2 (expected Python notation such as "
         "-0.05+0.04j)"},
        {"complex_frequency_imaginary.csv", 2,
         "the frequency '0.0625+1j' in column 1 has a non-zero imaginary part"},
        {"time_history_bad_header.csv", 1,
         "expected the header 't (s),dotx1 (m/s),dotx2 (m/s),dotx3 (m/s),fp (N)' (one dotxN "
         "column per floor), found 't (s),dotx1 (m/s),dotx2 (m/s),fp (N),extra'"},
        {"time_history_gap.csv", 5,
         "time step 0.002 s from the previous line differs from the first step 0.001 s; the time "
         "axis must be uniformly sampled"},
        {"time_not_increasing.csv", 3,
         "time 0 s is not after the previous line's 0 s; the time axis must increase strictly"},
        {"single_sample.csv", 2, "only one sample, expected at least two to know the sampling rate"},
        {"unknown_column.csv", 1,
         "unknown column 'floor1_phase' in column 4; expected frequency_hz, floorN_re, "
         "floorN_im, floorN_abs, floorN_db or floorN_frequency_hz"},
        {"re_without_im.csv", 1,
         "floor 1 needs floor1_re and floor1_im (optionally floor1_abs), or floor1_abs alone, "
         "or floor1_db alone"},
        {"abs_mismatch.csv", 3, "floor1_abs 5.1 differs from |floor1_re + j·floor1_im| = 5"},
        {"negative_magnitude.csv", 2, "floor1_abs -2 is negative, expected a magnitude >= 0"},
        {"duplicate_column.csv", 1, "column 'floor1_abs' appears twice"},
        {"bad_quantity.csv", 1,
         "quantity 'torque' is not receptance, mobility, accelerance or unknown"},
        {"mixed_response.csv", 1,
         "column 'floor2_acceleration_m_s2' records acceleration but an earlier column records "
         "velocity; one quantity for all floors is expected"},
        {"unrecognised.csv", 1,
         "unrecognised format: expected a header beginning 'frequency_hz' or 'time_s', the "
         "Cristallo time-history header 't (s),dotx1 (m/s),...', ';'-separated complex numbers "
         "or ','-separated numbers; found 'hello world'"},
        {"binary.csv", 1,
         "unrecognised format: expected a header beginning 'frequency_hz' or 'time_s', the "
         "Cristallo time-history header 't (s),dotx1 (m/s),...', ';'-separated complex numbers "
         "or ','-separated numbers; found '?\?\?binary?\?'"},
    };
    for (const Case& c : cases) {
        const std::string path = testDataPath(std::string("bad/") + c.file);
        const ReadResult<Dataset> r = readDataset(path);
        INFO(c.file);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().file == path);
        CHECK(r.error().line == c.line);
        CHECK(r.error().message == c.message);
        CHECK(r.error().text() == path + " line " + std::to_string(c.line) + ": " + c.message);
    }
}

TEST_CASE("Whole-file problems and limits", "[io][datasets]")
{
    const ReadError missing = readBad("bad/no_such_file.csv");
    CHECK(missing.line == 0);
    CHECK(missing.text() == testDataPath("bad/no_such_file.csv") +
                                ": cannot read the file: No such file or directory");
    const ReadError directory = readBad("bad");
    CHECK(directory.text() == testDataPath("bad") + ": is a directory, expected a file");

    ReadOptions small;
    small.maxFileBytes = 100;
    const ReadError big = readBad("good/cristallo_complex.csv", small);
    CHECK(big.message == "the file is 644 bytes, more than the limit of 100");

    ReadOptions rows;
    rows.maxRows = 3;
    const ReadError many = readBad("good/cristallo_db4.csv", rows);
    CHECK(many.line == 4);
    CHECK(many.message == "more than 3 data lines");

    ReadOptions columns;
    columns.maxColumns = 3;
    const ReadError wide = readBad("good/cristallo_db4.csv", columns);
    CHECK(wide.line == 1);
    CHECK(wide.message == "more than 3 columns");

    // A very long line of commas is refused at the column limit, not parsed.
    ReadOptions db;
    db.format = DatasetFormat::CristalloDb;
    const std::string commas(10'000'000, ',');
    const auto r = parseDataset("1," + commas, "wide.csv", db);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text() == "wide.csv line 1: more than 1000 columns");
    std::string ones = "1";
    for (int i = 0; i < 2000; ++i)
        ones += ",1";
    const auto detected = parseDataset(ones, "ones.csv");
    REQUIRE_FALSE(detected.ok());
    CHECK(detected.error().text() == "ones.csv line 1: more than 1000 columns");
}

TEST_CASE("BOM and CRLF files read exactly as the clean ones", "[io][datasets]")
{
    for (const char* name : {"cristallo_complex", "cristallo_db4", "cristallo_db5",
                             "cristallo_time_history", "dtop_frf", "dtop_frf_mixed",
                             "dtop_time_history"}) {
        INFO(name);
        Dataset clean = readGood(std::string("good/") + name + ".csv");
        Dataset windows = readGood(std::string("quirks/") + name + "_bom_crlf.csv");
        windows.info.file = clean.info.file;
        CHECK(windows == clean);
    }
    Dataset clean = readGood("good/cristallo_db4.csv");
    for (const char* quirk : {"quirks/cristallo_db4_bom.csv",
                              "quirks/cristallo_db4_trailing_blank_lines.csv"}) {
        Dataset other = readGood(quirk);
        other.info.file = clean.info.file;
        CHECK(other == clean);
    }
    Dataset th = readGood("good/cristallo_time_history.csv");
    Dataset crlf = readGood("quirks/cristallo_time_history_crlf.csv");
    crlf.info.file = th.info.file;
    CHECK(crlf == th);
}

TEST_CASE("Writing our format and reading it back is exact", "[io][datasets]")
{
    for (const char* name : {"good/cristallo_complex.csv", "good/cristallo_db4.csv",
                             "good/cristallo_db5.csv", "good/cristallo_time_history.csv",
                             "good/dtop_frf.csv", "good/dtop_frf_mixed.csv",
                             "good/dtop_time_history.csv"}) {
        INFO(name);
        Dataset original = readGood(name);
        original.info.id = "round-trip";
        original.info.title = "Round trip of " + std::string(name);
        original.info.notes = "line one\nline two";
        original.info.suspect = true;
        original.info.excitationFloor = 3;
        const std::string text = formatDatasetCsv(original);
        ReadResult<Dataset> back = parseDataset(text, "back.csv");
        REQUIRE(back.ok());
        Dataset expected = original;
        expected.info.file = "back.csv";
        expected.info.format = "dtop-csv";
        expected.info.notes = "line one line two"; // one line per key
        CHECK(back.value() == expected);
        CHECK(formatDatasetCsv(back.value()) == text);
    }
    // Values that need all 17 digits survive too.
    Dataset d;
    FrfChannel c;
    c.frequencyHz = {0.1, 0.1 + 1e-15, 1.0 / 3.0};
    c.values = {{1.0 / 7.0, -2.0 / 3.0}, {1e-300, 5e-324}, {-1.7976931348623157e308, 0.0}};
    for (const auto& v : c.values)
        c.magnitude.push_back(std::abs(v));
    d.data = FrfData{{c}};
    describeSampling(d);
    const auto back = parseDataset(formatDatasetCsv(d), "x.csv");
    REQUIRE(back.ok());
    CHECK(back.value().frf().channels[0].values == c.values);
    CHECK(back.value().frf().channels[0].frequencyHz == c.frequencyHz);
}

TEST_CASE("The writer refuses what no reader could read", "[io][datasets]")
{
    Dataset d;
    FrfChannel a, b;
    a.frequencyHz = {1, 2};
    a.magnitude = {1, 2};
    b.floor = 2;
    b.frequencyHz = {1};
    b.magnitude = {1};
    d.data = FrfData{{a, b}};
    CHECK_THROWS_AS(formatDatasetCsv(d), std::invalid_argument);
    d.data = FrfData{{a}};
    std::get<FrfData>(d.data).channels[0].magnitude[1] = NAN;
    CHECK_THROWS_AS(formatDatasetCsv(d), std::invalid_argument);
    std::string error;
    CHECK_FALSE(writeDatasetCsv(d, "/nonexistent-dir/x.csv", error));
    CHECK(error == "cannot write /nonexistent-dir/x.csv: cannot write a non-finite value in floor1_abs");
}

TEST_CASE("Converting an FRF channel between quantities", "[io][datasets]")
{
    FrfChannel receptance;
    receptance.frequencyHz = {0.0, 1.0, 2.0};
    receptance.values = {{1e-3, 0.0}, {2e-3, -1e-3}, {0.0, 5e-4}};
    for (const auto& v : receptance.values)
        receptance.magnitude.push_back(std::abs(v));
    const double w1 = 2 * M_PI, w2 = 4 * M_PI;
    const FrfChannel acc =
        convertFrfChannel(receptance, FrfQuantity::Receptance, FrfQuantity::Accelerance);
    REQUIRE(acc.size() == 3);
    CHECK(acc.values[1].real() == Approx(-w1 * w1 * 2e-3).epsilon(1e-14));
    CHECK(acc.values[1].imag() == Approx(w1 * w1 * 1e-3).epsilon(1e-14));
    CHECK(acc.magnitude[2] == Approx(w2 * w2 * 5e-4).epsilon(1e-14));
    CHECK(acc.values[0] == std::complex<double>(0.0, 0.0));
    // Back again: the 0 Hz point is dropped, the rest is recovered.
    const FrfChannel back = convertFrfChannel(acc, FrfQuantity::Accelerance, FrfQuantity::Receptance);
    REQUIRE(back.size() == 2);
    CHECK(back.frequencyHz == std::vector<double>{1.0, 2.0});
    CHECK(std::abs(back.values[0] - receptance.values[1]) < 1e-17);
    // Agrees with dynamics::fromReceptance.
    const FrfChannel mob = convertFrfChannel(receptance, FrfQuantity::Receptance, FrfQuantity::Mobility);
    CHECK(std::abs(mob.values[2] -
                   dtop::dynamics::fromReceptance(receptance.values[2], w2, FrfQuantity::Mobility)) <
          1e-18);
    // Magnitude-only channels convert their magnitudes.
    FrfChannel mag = receptance;
    mag.values.clear();
    const FrfChannel magAcc = convertFrfChannel(mag, FrfQuantity::Receptance, FrfQuantity::Accelerance);
    CHECK_FALSE(magAcc.hasPhase());
    CHECK(magAcc.magnitude[1] == Approx(std::abs(acc.values[1])).epsilon(1e-14));
}
