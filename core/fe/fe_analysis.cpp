// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/fe_analysis.h"

#include <algorithm>
#include <cmath>

namespace dtop::fe {

namespace {

// Forwards an inner stage's fractions into [from, to] of the parent; the parent's cancel flag
// stops the inner stage at its next report.
class StageProgress : public Progress {
public:
    StageProgress(Progress& parent, double from, double to)
        : m_parent(parent), m_from(from), m_to(to) {}

protected:
    void onReport(double fraction, const std::string& stage) override {
        m_parent.report(m_from + (m_to - m_from) * std::clamp(fraction, 0.0, 1.0), stage);
    }

private:
    Progress& m_parent;
    double m_from, m_to;
};

// Reduced DOFs of a mesh, counted before anything is allocated.
long long estimateDofs(const RigGeometry& g, int elements, bool springs) {
    const long long n = g.storeys;
    long long nodes = 4 * n * (elements - 1);
    const double stub = g.columnLengthM - g.requiredColumnLengthM();
    if (stub > 1e-9 * g.columnLengthM) {
        const double free = g.storeyPitchM - g.floorThicknessM;
        nodes += 4LL * std::max(1LL, std::llround(elements * stub / free));
    }
    return 6 * n + 6 * nodes + (springs ? 8 * n + 4 : 0);
}

std::string joinNumbers(const std::vector<double>& values, const char* unit) {
    std::string text;
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? ", " : "") + formatValue(values[i]);
    return text + " " + unit;
}

} // namespace

FrameOptions FeInput::frameOptions() const {
    FrameOptions o;
    o.baseClamp = baseClamp;
    o.elementsPerSpan = elementsPerColumn;
    o.jointStiffnessNmPerRad = jointStiffnessNmPerRad;
    return o;
}

InputIssues FeInput::validate() const {
    InputIssues issues = geometry.validate();
    for (auto& i : material.validate())
        issues.push_back(std::move(i));
    const int n = geometry.storeys;
    if (n >= 1) {
        for (auto& i : validateFrameOptions(frameOptions(), n))
            issues.push_back(std::move(i));
    }
    if (!std::isfinite(maxFrequencyHz) || maxFrequencyHz <= 0.0 ||
        maxFrequencyHz > kMaxFrequencyLimitHz)
        issues.push_back({"max_frequency_hz", "max_frequency_hz must be > 0 and <= " +
                                                  formatValue(kMaxFrequencyLimitHz) + " Hz, got " +
                                                  formatValue(maxFrequencyHz)});
    if (convergence) {
        if (convergenceElements.empty() || convergenceElements.size() > kMaxConvergenceMeshes)
            issues.push_back({"convergence_elements",
                              "convergence_elements needs 1 to " +
                                  std::to_string(kMaxConvergenceMeshes) + " meshes, got " +
                                  std::to_string(convergenceElements.size())});
        for (int e : convergenceElements)
            if (e < 1 || e > kMaxElementsPerSpan)
                issues.push_back(
                    {"convergence_elements", "convergence_elements entries must be between 1 and " +
                                                 std::to_string(kMaxElementsPerSpan) + ", got " +
                                                 std::to_string(e)});
    }
    if (issues.empty()) {
        const bool springs = !jointStiffnessNmPerRad.empty() || !calibrateToHz.empty();
        int largest = elementsPerColumn;
        if (convergence)
            for (int e : convergenceElements)
                largest = std::max(largest, e);
        const long long dofs = estimateDofs(geometry, largest, springs);
        if (dofs > kMaxFeDofs)
            issues.push_back({"elements_per_column",
                              "a mesh of " + std::to_string(largest) + " elements per span has " +
                                  std::to_string(dofs) + " DOFs, more than the limit of " +
                                  std::to_string(kMaxFeDofs)});
        else if (solver == EigenSolverKind::Dense && dofs > kMaxDenseDofs)
            issues.push_back({"solver", "the dense solver is limited to " +
                                            std::to_string(kMaxDenseDofs) + " DOFs, the mesh has " +
                                            std::to_string(dofs) + "; use auto or sparse"});
    }
    for (std::size_t i = 0; i < calibrateToHz.size(); ++i) {
        const double f = calibrateToHz[i];
        if (!std::isfinite(f) || f <= 0.0)
            issues.push_back({"calibrate_to", "measured frequency " + std::to_string(i + 1) +
                                                  " in calibrate_to must be > 0 Hz, got " +
                                                  formatValue(f)});
        else if (i > 0 && !(f > calibrateToHz[i - 1]))
            issues.push_back({"calibrate_to", "calibrate_to frequencies must ascend, got " +
                                                  formatValue(f) + " Hz after " +
                                                  formatValue(calibrateToHz[i - 1]) + " Hz"});
    }
    if (n >= 1 && static_cast<int>(calibrateToHz.size()) > n)
        issues.push_back({"calibrate_to", "calibrate_to lists " +
                                              std::to_string(calibrateToHz.size()) +
                                              " sway modes, the " + std::to_string(n) +
                                              "-storey frame has only " + std::to_string(n)});
    if (calibration == JointCalibration::PerStorey && !calibrateToHz.empty() &&
        static_cast<int>(calibrateToHz.size()) < n)
        issues.push_back(
            {"calibration", "per-storey calibration needs one measured frequency per storey (" +
                                std::to_string(n) + "), calibrate_to has " +
                                std::to_string(calibrateToHz.size())});
    if (!measuredModeShapes.empty()) {
        if (measuredModeShapes.size() != calibrateToHz.size())
            issues.push_back({"measured_mode_shapes",
                              "measured_mode_shapes needs one shape per measured frequency (" +
                                  std::to_string(calibrateToHz.size()) + "), got " +
                                  std::to_string(measuredModeShapes.size())});
        for (std::size_t r = 0; r < measuredModeShapes.size(); ++r) {
            const auto& s = measuredModeShapes[r];
            bool finite = static_cast<int>(s.size()) == n, nonzero = false;
            for (double v : s) {
                finite = finite && std::isfinite(v);
                nonzero = nonzero || v != 0.0;
            }
            if (!finite || !nonzero)
                issues.push_back({"measured_mode_shapes",
                                  "measured mode shape " + std::to_string(r + 1) + " needs " +
                                      std::to_string(n) + " finite values, not all zero"});
        }
    }
    if (equivalentProfile && profileName.empty())
        issues.push_back(
            {"profile_name", "profile_name of the equivalent profile must not be empty"});
    return issues;
}

FeResult runFe(const FeInput& input, Progress& progress) {
    throwIfInvalid(input.validate(), "fe input");
    const int n = input.geometry.storeys;
    FeResult r;
    r.parts = partMasses(input.geometry, input.material);
    r.totalMassKg = totalMassKg(input.geometry, input.material);
    r.elementsPerColumn = input.elementsPerColumn;
    r.baseClamp = input.baseClamp;
    r.jointStiffnessNmPerRad = input.jointStiffnessNmPerRad;
    r.maxFrequencyHz = input.maxFrequencyHz;

    const bool measured = !input.calibrateToHz.empty();
    const bool calibrate = measured && input.calibration != JointCalibration::Off;
    // Stage weights: model 0–0.3, convergence 0.3–0.55, calibration 0.55–0.9, condensation.
    progress.report(0.0, "frame model");
    const FrameModel model(input.geometry, input.material, input.frameOptions());
    for (int f = 1; f <= n; ++f)
        r.floorMassKg.push_back(model.floorBody(f).massKg);
    r.movingMassKg = model.movingMassKg();
    r.viewNodes = model.viewNodes();
    r.viewLines = model.viewLines();
    {
        StageProgress stage(progress, 0.02, 0.3);
        r.modes = solveFrameModes(model, input.maxFrequencyHz, 0, kMaxModes, input.solver, stage);
    }

    if (input.convergence) {
        const std::size_t count = std::max<std::size_t>(r.modes.modes.size(), 3);
        for (std::size_t i = 0; i < input.convergenceElements.size(); ++i) {
            progress.report(0.3 + 0.25 * static_cast<double>(i) /
                                      static_cast<double>(input.convergenceElements.size()),
                            "mesh convergence");
            FrameOptions o = input.frameOptions();
            o.elementsPerSpan = input.convergenceElements[i];
            const FrameModel mesh(input.geometry, input.material, o);
            const FrameModes modes = solveFrameModes(mesh, 0.0, count, count, input.solver);
            ConvergenceRow row;
            row.elementsPerColumn = o.elementsPerSpan;
            row.dofs = mesh.dofs();
            for (const auto& m : modes.modes)
                row.frequenciesHz.push_back(m.frequencyHz);
            r.convergence.push_back(std::move(row));
        }
    }

    std::vector<double> finalJoints = input.jointStiffnessNmPerRad;
    if (calibrate) {
        StageProgress stage(progress, 0.55, 0.9);
        r.calibration = calibrateJointStiffness(
            input.geometry, input.material, input.frameOptions(), input.calibrateToHz,
            input.calibration, input.measuredModeShapes, input.maxFrequencyHz, input.solver, stage);
        r.comparison = r.calibration->before;
        finalJoints = r.calibration->jointStiffnessNmPerRad;
    } else if (measured) {
        progress.report(0.55, "comparison with measured modes");
        const bool enough = r.modes.ofKind(ModeKind::SwayWeak).size() >= input.calibrateToHz.size();
        r.comparison =
            compareSwayModes(enough ? r.modes
                                    : solveWithSwayModes(model, input.maxFrequencyHz,
                                                         input.calibrateToHz.size(), input.solver),
                             input.calibrateToHz, input.measuredModeShapes);
    }

    if (input.equivalentProfile) {
        progress.report(0.9, "equivalent shear building");
        FrameOptions o = input.frameOptions();
        o.jointStiffnessNmPerRad = finalJoints;
        const FrameModel condensed(input.geometry, input.material, o);
        const FrameModes modes = solveWithSwayModes(condensed, input.maxFrequencyHz,
                                                    static_cast<std::size_t>(n), input.solver);
        std::string provenance =
            "Equivalent shear building of the frame finite-element model (tool fe): " +
            std::to_string(n) + " storeys, columns clamped at the " +
            (input.baseClamp == BaseClamp::TopOfClamp ? "top of the base clamp" : "base plate") +
            ", " + std::to_string(input.elementsPerColumn) +
            " Timoshenko elements per span, joints ";
        provenance += finalJoints.empty() ? std::string("rigid")
                                          : "k_theta = " + joinNumbers(finalJoints, "N·m/rad");
        if (calibrate)
            provenance += " (calibrated to " + joinNumbers(input.calibrateToHz, "Hz") + ")";
        provenance += "; undamped.";
        r.equivalent = condenseToShearBuilding(modes, n, input.profileName, provenance);
    }
    progress.report(1.0, "done");
    return r;
}

} // namespace dtop::fe
