// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/read_error.h"

#include <array>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dtop::data {

// The Universal File Format (UFF/UNV) of structural-dynamics test and analysis programs
// (SDRC I-DEAS; read and written by Simcenter Testlab, ME'scope, pyuff, ...): a text file of
// datasets, each between two lines "    -1" (I6), the second line giving the dataset number.
// Supported here: 58 (function at nodal DOF, e.g. an FRF) in ASCII and binary (58b), 55 (data
// at nodes, e.g. mode shapes), 15 and 2411 (nodes). Other datasets are kept verbatim so that a
// file passes through unchanged. docs/tools/profiles.md describes the records and the
// precision each format keeps.

// Records 8–11 of dataset 58: one axis (abscissa, ordinate numerator, ordinate denominator,
// z axis).
struct UffAxis {
    int specificDataType = 0; // 0 unknown, 8 displacement, 11 velocity, 12 acceleration,
                              // 13 excitation force, 17 time, 18 frequency, ...
    int lengthExponent = 0;   // unit exponents of length, force and temperature
    int forceExponent = 0;
    int temperatureExponent = 0;
    std::string label = "NONE";      // ≤ 20 characters
    std::string unitsLabel = "NONE"; // ≤ 20 characters
    bool operator==(const UffAxis&) const = default;
};

// Dataset 58: one function (e.g. the FRF of one response DOF to one reference DOF).
struct Uff58 {
    bool binary = false;  // 58b: header in ASCII, values as IEEE 754 binary
    int byteOrdering = 1; // 58b only: 1 little-endian, 2 big-endian (written little-endian)
    std::array<std::string, 5> idLines{"NONE", "NONE", "NONE", "NONE", "NONE"}; // records 1–5
    // Record 6: DOF identification.
    int functionType = 4; // 0 general, 1 time response, 2 auto spectrum, 3 cross spectrum,
                          // 4 frequency response function, 5 transmissibility, 6 coherence, ...
    int functionId = 0;
    int versionNumber = 0;
    int loadCaseId = 0;
    std::string responseEntity = "NONE"; // ≤ 10 characters
    int responseNode = 0;
    int responseDirection = 0; // 0 scalar, ±1..±3 translation X..Z, ±4..±6 rotation
    std::string referenceEntity = "NONE";
    int referenceNode = 0;
    int referenceDirection = 0;
    // Record 7: data form.
    int ordinateDataType = 6; // 2 real single, 4 real double, 5 complex single, 6 complex double
    bool evenSpacing = true;  // abscissa = min + i·increment (only those two are stored)
    double abscissaMin = 0.0; // E13.5 in the file: 6 significant digits
    double abscissaIncrement = 0.0;
    double zAxisValue = 0.0;
    UffAxis abscissa, ordinate, denominator, zAxis; // records 8–11
    std::vector<double> x;                          // abscissa of every point (also when even)
    std::vector<std::complex<double>> values;       // imaginary parts 0 for real data

    bool isComplex() const { return ordinateDataType == 5 || ordinateDataType == 6; }
    bool isDouble() const { return ordinateDataType == 4 || ordinateDataType == 6; }
    bool operator==(const Uff58&) const = default;
};

// Dataset 55: data at nodes (mode shapes of a normal-mode or complex-eigenvalue analysis,
// operating shapes, ...).
struct Uff55 {
    std::array<std::string, 5> idLines{"NONE", "NONE", "NONE", "NONE", "NONE"};
    // Record 6.
    int modelType = 1;          // 0 unknown, 1 structural, ...
    int analysisType = 2;       // 2 normal mode, 3 complex eigenvalue (1st order), 5 frequency
                                // response, 7 complex eigenvalue (2nd order), ...
    int dataCharacteristic = 2; // 1 scalar, 2 three translations, 3 six DOF, ...
    int specificDataType = 8;   // 8 displacement, 11 velocity, 12 acceleration, ...
    int dataType = 2;           // 2 real, 5 complex
    int valuesPerNode = 3;      // NDV
    // Records 7 and 8: the analysis type's parameters. Normal mode (2): integers {load case,
    // mode number}, reals {frequency Hz, modal mass, viscous damping ratio, hysteretic damping
    // ratio}. Complex eigenvalue (3, 7): integers {load case, mode number}, reals {Re λ, Im λ,
    // Re A, Im A, Re B, Im B}.
    std::vector<int> integerParameters{0, 1};
    std::vector<double> realParameters{0.0, 0.0, 0.0, 0.0};
    struct Node {
        int label = 0;
        std::vector<std::complex<double>> values; // valuesPerNode entries
        bool operator==(const Node&) const = default;
    };
    std::vector<Node> nodes; // records 9 and 10

    bool isComplex() const { return dataType == 5; }
    bool operator==(const Uff55&) const = default;
};

// One node of datasets 15 and 2411.
struct UffNode {
    int label = 0;
    int definitionSystem = 0;   // coordinate system of the coordinates (0 global)
    int displacementSystem = 0; // coordinate system of the displacements
    int color = 0;
    double x = 0.0, y = 0.0, z = 0.0;
    bool operator==(const UffNode&) const = default;
};

// Dataset 15: nodes in single precision (1P3E13.5: 6 significant digits).
struct Uff15 {
    std::vector<UffNode> nodes;
    bool operator==(const Uff15&) const = default;
};

// Dataset 2411: nodes in double precision (1P3D25.16: every double exactly).
struct Uff2411 {
    std::vector<UffNode> nodes;
    bool operator==(const Uff2411&) const = default;
};

// Any other dataset, kept as its text lines (the dataset-number line included) so that it
// is written back unchanged.
struct UffOther {
    int number = 0;
    std::vector<std::string> lines;
    bool operator==(const UffOther&) const = default;
};

using UffDataset = std::variant<Uff58, Uff55, Uff15, Uff2411, UffOther>;

struct UffFile {
    std::vector<UffDataset> datasets;
    bool operator==(const UffFile&) const = default;
};

struct UffReadOptions {
    std::uintmax_t maxFileBytes = std::uintmax_t(1) << 30;
    std::size_t maxPoints = 50'000'000; // per function, per node list
};

// True when the first non-blank line of `head` is the delimiter "-1" (I6) and the next one
// begins with a dataset number (optionally followed by 'b').
bool looksLikeUff(std::string_view head);

// Reads a UFF file. Never throws: any problem (not UFF, a truncated dataset, a field that is
// not a number, a count that does not match, a binary block shorter than announced, a
// non-IEEE floating-point format, more points than allowed) gives a ReadError with the file,
// the 1-based line and what was expected. CRLF line endings are accepted.
io::ReadResult<UffFile> parseUff(std::string_view bytes, const std::string& name,
                                 const UffReadOptions& options = {});
io::ReadResult<UffFile> readUff(const std::string& path, const UffReadOptions& options = {});

// The file's bytes in the standard's layout (LF line endings; see docs/tools/profiles.md).
// parseUff(formatUff(f)) == f whenever the values fit their fields (text is truncated to its
// field width). Throws std::invalid_argument for a dataset that cannot be written (sizes that
// disagree, a valuesPerNode that does not match a node, an unknown ordinate type).
std::string formatUff(const UffFile& file);
// Writes formatUff() atomically; on failure returns false with `error` naming the file.
bool writeUff(const UffFile& file, const std::string& path, std::string& error);

} // namespace dtop::data
