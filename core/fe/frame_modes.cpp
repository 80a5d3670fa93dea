// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/frame_modes.h"

#include <cmath>
#include <numbers>

namespace dtop::fe {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

FrameMode describeMode(const FrameModel& model, const Eigen::SparseMatrix<double>& mass,
                       double lambda, const Eigen::VectorXd& phi) {
    const RigGeometry& g = model.geometry();
    const int n = g.storeys;
    FrameMode mode;
    mode.frequencyHz = std::sqrt(std::max(lambda, 0.0)) / kTwoPi;
    mode.vector = phi;

    // Kinetic energy per floor component (φᵀMφ = 1, so these are shares).
    std::array<double, 6> energy{};
    for (int f = 1; f <= n; ++f) {
        const RigidBody& body = model.floorBody(f);
        const auto q = model.floorMotion(phi, f);
        for (int a = 0; a < 3; ++a)
            energy[static_cast<std::size_t>(a)] += body.massKg * q(a) * q(a);
        const Eigen::Vector3d theta = q.tail<3>();
        for (int a = 0; a < 3; ++a)
            energy[static_cast<std::size_t>(3 + a)] += theta(a) * (body.inertia.row(a).dot(theta));
    }
    double floors = 0.0;
    for (double e : energy)
        floors += e;
    const double total = phi.dot(mass * phi);
    mode.floorEnergyFraction = total > 0.0 ? floors / total : 0.0;
    // Sway along y carries rocking about x with it, sway along x rocking about y.
    const double weak = energy[1] + energy[3], strong = energy[0] + energy[4];
    const double torsion = energy[5], vertical = energy[2];
    if (mode.floorEnergyFraction < 0.5 ||
        (vertical > weak && vertical > strong && vertical > torsion))
        mode.kind = ModeKind::Local;
    else if (weak >= strong && weak >= torsion)
        mode.kind = ModeKind::SwayWeak;
    else if (strong >= torsion)
        mode.kind = ModeKind::SwayStrong;
    else
        mode.kind = ModeKind::Torsion;

    for (int a = 0; a < 3; ++a) {
        const double gamma = phi.dot(mass * model.rigidTranslation(a));
        mode.effectiveMassKg[static_cast<std::size_t>(a)] = gamma * gamma;
    }

    // Display scaling and sign.
    Eigen::MatrixX3d view = model.viewDisplacements(phi);
    double largest = view.rowwise().norm().maxCoeff();
    if (!(largest > 0.0))
        largest = 1.0;
    double scale = 1.0 / largest;
    const double lever = g.floorHalfDiagonalM();
    std::vector<double> shape(static_cast<std::size_t>(n));
    for (int f = 1; f <= n; ++f) {
        const auto q = model.floorMotion(phi, f);
        double v = q(1);
        if (mode.kind == ModeKind::SwayStrong)
            v = q(0);
        else if (mode.kind == ModeKind::Torsion)
            v = q(5) * lever;
        shape[static_cast<std::size_t>(f - 1)] = v * scale;
    }
    double sign = 1.0;
    double shapeMax = 0.0;
    for (double v : shape)
        shapeMax = std::max(shapeMax, std::abs(v));
    bool decided = false;
    for (double v : shape)
        if (shapeMax > 0.0 && std::abs(v) > 1e-3 * shapeMax) {
            sign = v > 0 ? 1.0 : -1.0;
            decided = true;
            break;
        }
    if (!decided || mode.kind == ModeKind::Local) {
        // Local modes: make the largest view translation component positive.
        Eigen::Index r, c;
        view.cwiseAbs().maxCoeff(&r, &c);
        sign = view(r, c) >= 0 ? 1.0 : -1.0;
    }
    scale *= sign;
    for (double& v : shape)
        v *= sign;
    mode.floorShape = std::move(shape);
    mode.viewDisplacements = view * scale;
    for (int f = 1; f <= n; ++f) {
        const auto q = model.floorMotion(phi, f);
        std::array<double, 6> d{};
        for (int a = 0; a < 6; ++a)
            d[static_cast<std::size_t>(a)] = q(a) * scale;
        mode.floorDisplacements.push_back(d);
    }
    return mode;
}

} // namespace

const char* modeKindName(ModeKind kind) {
    switch (kind) {
    case ModeKind::SwayWeak:
        return "sway-weak";
    case ModeKind::SwayStrong:
        return "sway-strong";
    case ModeKind::Torsion:
        return "torsion";
    case ModeKind::Local:
        break;
    }
    return "local";
}

bool parseModeKind(const std::string& text, ModeKind& kind) {
    for (auto k : {ModeKind::SwayWeak, ModeKind::SwayStrong, ModeKind::Torsion, ModeKind::Local})
        if (text == modeKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

std::vector<const FrameMode*> FrameModes::ofKind(ModeKind kind) const {
    std::vector<const FrameMode*> out;
    for (const auto& m : modes)
        if (m.kind == kind)
            out.push_back(&m);
    return out;
}

FrameModes solveFrameModes(const FrameModel& model, double maxFrequencyHz, std::size_t minCount,
                           std::size_t maxModes, EigenSolverKind solver, Progress& progress,
                           const Eigen::SparseMatrix<double>* stiffness) {
    const double omega = kTwoPi * maxFrequencyHz;
    EigenRequest request;
    request.lambdaMax = omega * omega;
    request.minCount = minCount;
    request.maxCount = std::max(maxModes, minCount);
    const EigenPairs pairs = lowestEigenpairs(stiffness ? *stiffness : model.stiffness(),
                                              model.mass(), request, solver, progress);
    FrameModes out;
    out.dofs = model.dofs();
    out.solver = pairs.method;
    out.truncated = pairs.truncated;
    out.belowLimit = pairs.belowLimit;
    for (Eigen::Index i = 0; i < pairs.eigenvalues.size(); ++i)
        out.modes.push_back(
            describeMode(model, model.mass(), pairs.eigenvalues(i), pairs.vectors.col(i)));
    return out;
}

FrameModes solveWithSwayModes(const FrameModel& model, double maxFrequencyHz, std::size_t swayModes,
                              EigenSolverKind solver, Progress& progress,
                              const Eigen::SparseMatrix<double>* stiffness) {
    std::size_t minCount = swayModes;
    for (int attempt = 0;; ++attempt) {
        FrameModes modes = solveFrameModes(model, maxFrequencyHz, minCount, kMaxModes, solver,
                                           progress, stiffness);
        const std::size_t found = modes.ofKind(ModeKind::SwayWeak).size();
        if (found >= swayModes || attempt == 6 ||
            modes.modes.size() >= static_cast<std::size_t>(model.dofs()))
            return modes;
        minCount = std::max(minCount, modes.modes.size()) + 2 * (swayModes - found) + 2;
    }
}

} // namespace dtop::fe
