// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "dynamics/replay.h"
#include "identification/circle_fit.h"
#include "identification/global_fit.h"
#include "identification/identified_mode.h"
#include "identification/lscf.h"
#include "identification/lsfd.h"
#include "identification/measured_frf.h"
#include "identification/model_updating.h"
#include "identification/physical_model.h"
#include "io/dataset.h"
#include "model/profile.h"

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dtop::identification {

// The `identify` tool (docs/tools/identify.md): modal identification of a measured FRF (or of a
// time history through H1), mass normalisation, the implied chain, and model updating of the
// active profile.
enum class IdentificationMethod {
    Circle, // corrected circle fit per mode and response
    Lscf,   // LSCF stabilisation diagram, automatic pick, LSFD residues
    Global, // LSCF + LSFD, then global nonlinear least-squares refinement of the poles (default)
};
const char* identificationMethodName(IdentificationMethod m); // "circle", "lscf", "global"
bool parseIdentificationMethod(const std::string& text, IdentificationMethod& m);

// A pole picked by hand on the stabilisation diagram.
struct PolePick {
    int order = 0;
    double frequencyHz = 0.0;
};

struct IdentifyInput {
    std::string dataset; // id of the record (provenance); the caller loads `data`
    io::Dataset data;    // an FRF (complex, one input) or a time history with a force
    IdentificationMethod method = IdentificationMethod::Global;
    double bandLoHz = 3.0;  // the rig's three sway modes lie in 6–27 Hz
    double bandHiHz = 35.0;
    std::size_t modes = 0;  // modes to report; 0 = every stable pole (every peak for circle)
    int drivingPoint = 0;   // floor of the driving point; 0 = the dataset's excitation floor
    bool update = false;    // update `profile` to the identified modes
    bool compareMethods = true; // also run the other methods, for the comparison table
    model::Profile profile; // the active profile (MAC against it, and the one updated);
                            // default: the southampton-lpm preset
    LscfOptions lscf;
    CircleFitOptions circle;
    LsfdOptions lsfd;
    GlobalFitOptions global;
    UpdateOptions updating;
    bool autoWelch = true;       // time histories: identificationWelchOptions() of the record
    signal::WelchOptions welch;  // used when !autoWelch
    std::vector<PolePick> picks; // when not empty: these poles instead of the automatic pick
    double tridiagonalTolerance = 0.05; // dropped K entries above this share of max K_ii: flag

    IdentifyInput();
    InputIssues validate() const;
};

// f and ζ of one method, for the comparison table.
struct MethodModes {
    IdentificationMethod method = IdentificationMethod::Global;
    std::vector<double> frequenciesHz;
    std::vector<double> dampingRatios;
    std::vector<double> masses; // diag M [kg] when mass-normalised, else empty
    std::string failure;        // why the method gave nothing (empty when it worked)
};

struct IdentifyResult {
    std::string dataset;
    IdentificationMethod method = IdentificationMethod::Global;
    MeasuredFrf measured; // the band that was identified (its quantity and floors)
    int drivingResponse = -1;

    StabilisationDiagram diagram;   // LSCF (lscf, global, or compared)
    std::vector<PickedPole> picked; // poles taken from the diagram
    CircleFitResult circle;         // circle fits (circle, or compared)
    GlobalFitResult global;         // global refinement (global)
    ModalFit fit;                   // the chosen method's modal model and resynthesis
    std::vector<IdentifiedMode> modes; // ascending frequency
    Eigen::MatrixXd mac;            // between the identified modes
    Eigen::MatrixXd macProfile;     // [identified][profile mode] at the measured floors
    std::vector<double> profileFrequenciesHz;
    std::vector<double> resynthesisError; // per response, relative
    std::optional<PhysicalModel> physical;
    std::string physicalNote; // why there is no physical model
    std::optional<UpdateResult> update;
    model::Profile updatedProfile; // update->after with name and provenance (when updated)
    std::vector<MethodModes> comparison;
    std::vector<std::string> notes;
};

// Throws std::invalid_argument listing every issue when validate() finds any, or saying why
// the data cannot be identified (no mode in the band, ...); Cancelled when cancelled.
IdentifyResult runIdentify(const IdentifyInput& input, Progress& progress = Progress::none());

// The record turned into the FRF that is identified (H1 for a time history), not yet cut to
// the band, with the driving point applied. Issues as validate().
MeasuredFrf measuredFrfOf(const IdentifyInput& input, InputIssues& issues);

// The target of model updating from identified modes: realised shapes, mass-normalised when
// the modes are.
UpdateTarget updateTargetOf(const std::vector<IdentifiedMode>& modes, const std::vector<int>& floors);

// Closing the loop: the recorded force of `record` drives the profile before and after
// updating (the virtual-test replay); the velocity NRMSE per floor says whether the twin moved
// closer to the rig.
struct ReplayComparison {
    std::string record;
    dynamics::ReplayResult before;
    dynamics::ReplayResult after;
    std::vector<double> nrmseBefore; // per measured floor
    std::vector<double> nrmseAfter;
    double meanBefore = 0.0;
    double meanAfter = 0.0;
};
// Throws std::invalid_argument when the record cannot drive a replay; Cancelled.
ReplayComparison compareReplay(const io::Dataset& record, const model::Profile& before,
                               const model::Profile& after, int forceFloor = 0,
                               Progress& progress = Progress::none());

} // namespace dtop::identification
