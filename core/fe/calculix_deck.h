// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/frame_model.h"
#include "fe/rig_geometry.h"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace dtop::fe {

// What a written deck contains.
struct CalculixDeckSummary {
    int nodes = 0;
    int elements = 0; // B32R beams plus MASS points
    int requestedModes = 0;
    bool jointSpringsOmitted = false; // the deck has rigid joints; the built-in model had springs
};

// Writes a CalculiX (ccx) input deck of the same beam model, in SI units (m, kg, s, N, Pa), for a
// cross-check with an established solver (docs/tools/fe.md §6): the columns as 3-node B32R beams
// (RECT section, width along x), `elementsPerSpan` per free span; each floor a *RIGID BODY on its
// column end nodes and eight MASS points that reproduce its mass, centre and (diagonal) inertia
// tensor; the base nodes held in all six DOFs; one *FREQUENCY step asking for `modes`
// eigenvalues up to maxFrequencyHz. CalculiX has no rotational spring element, so joint springs
// are left out (the summary says so and the deck says it in a comment).
CalculixDeckSummary writeCalculixBeamDeck(std::ostream& out, const RigGeometry& geometry,
                                          const Material& material, const FrameOptions& options,
                                          double maxFrequencyHz, int modes = 20);

// One row of ccx's "E I G E N V A L U E   O U T P U T" table in the .dat file.
struct CalculixFrequency {
    int mode = 0;
    double eigenvalue = 0.0;  // ω² [rad²/s²]
    double frequencyHz = 0.0; // the CYCLES/TIME column
};

// Every eigenvalue row of every eigenvalue-output block of a ccx .dat file, in file order.
// Lines that do not parse as a row end the block; text outside the blocks is ignored.
std::vector<CalculixFrequency> parseCalculixFrequencies(std::istream& dat);

} // namespace dtop::fe
