// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/rig_geometry.h"

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include <array>
#include <cstddef>
#include <limits>
#include <vector>

namespace dtop::fe {

// How the frame is meshed and joined.
struct FrameOptions {
    BaseClamp baseClamp = BaseClamp::TopOfClamp;
    int elementsPerSpan = 12; // Timoshenko elements per free column span
    // Rotational spring [N·m/rad] about the columns' weak-bending axis (global x) at every
    // column–clamp joint: empty = rigid joints; one value = every joint; one per storey = the
    // joints at both ends of that storey's free spans. +inf = rigid.
    std::vector<double> jointStiffnessNmPerRad;
};

// Largest model the tool builds: beyond this the user asked for a mesh nobody needs.
inline constexpr int kMaxElementsPerSpan = 400;

// Problems with the mesh and joint options for an n-storey rig (fields elements_per_column,
// joint_stiffness_nm_per_rad).
InputIssues validateFrameOptions(const FrameOptions& options, int storeys);

// A line of the wire-frame view: indices into FrameModel::viewNodes().
using ViewLine = std::array<int, 2>;

// The rig as a 3-D frame (docs/tools/fe.md §2): four columns of two-node Timoshenko elements
// over their free spans; each floor one rigid body (plate, clamp blocks, clamped column
// segments, added mass) with 6 DOFs at its centre of mass, joined to the column ends by rigid
// links; the columns clamped at the base. With joint springs, each column end keeps its own
// rotation about x, tied to the clamp's by the spring. Matrices are assembled in the reduced
// (independent) DOFs: u = G q per node, element matrices Gᵀ k G.
class FrameModel {
public:
    // Throws std::invalid_argument when the geometry, material or options are invalid.
    FrameModel(const RigGeometry& geometry, const Material& material, const FrameOptions& options);

    const RigGeometry& geometry() const { return m_geometry; }
    const Material& material() const { return m_material; }
    const FrameOptions& options() const { return m_options; }

    int dofs() const { return m_dofs; }
    // K and M in reduced DOFs (symmetric, both triangles stored). K includes the joint springs.
    const Eigen::SparseMatrix<double>& stiffness() const { return m_stiffness; }
    const Eigen::SparseMatrix<double>& mass() const { return m_mass; }
    // K for other joint stiffnesses of the same kind (per-storey values, all finite), without
    // reassembling the beams: K_beams + Σ_s k_s P_s.
    Eigen::SparseMatrix<double> stiffnessWithJoints(const std::vector<double>& perStorey) const;

    // A spring joint: its own rotation DOF and the clamp's (the floor's rotation about x, or
    // −1 for the ground), and the storey whose stiffness it takes.
    struct Joint {
        int ownDof = -1;
        int clampDof = -1;
        int storey = 1;
    };
    const std::vector<Joint>& joints() const { return m_joints; }
    // Joint stiffness per storey actually used (+inf where rigid).
    const std::vector<double>& jointStiffnessPerStorey() const { return m_jointPerStorey; }

    // Floor f (1..n): its rigid body and the first of its 6 DOFs (ux uy uz rx ry rz at the
    // centre of mass).
    const RigidBody& floorBody(int floor) const {
        return m_floors[static_cast<std::size_t>(floor - 1)];
    }
    int floorDof(int floor) const { return 6 * (floor - 1); }
    // Mass of the moving parts: floors plus free column spans (and the stub above the top floor).
    double movingMassKg() const { return m_movingMass; }
    // Reduced DOF vector of a unit rigid translation of the ground along axis 0, 1, 2 (x, y, z).
    Eigen::VectorXd rigidTranslation(int axis) const;

    // Wire frame for a 3-D view: column nodes (bottom to top, column by column), then four
    // corners per floor at its mid-plane; lines along the columns and round each floor.
    const std::vector<Eigen::Vector3d>& viewNodes() const { return m_viewNodes; }
    const std::vector<ViewLine>& viewLines() const { return m_viewLines; }
    // Translations of every view node for a reduced DOF vector, one row per node.
    Eigen::MatrixX3d viewDisplacements(const Eigen::VectorXd& q) const;
    // The 6 motions (ux uy uz rx ry rz) of floor f's centre of mass.
    Eigen::Matrix<double, 6, 1> floorMotion(const Eigen::VectorXd& q, int floor) const;

private:
    struct NodeMap {
        std::vector<int> dofs;                      // reduced DOFs this node depends on
        Eigen::Matrix<double, 6, Eigen::Dynamic> g; // u_node = g · q[dofs]
    };
    NodeMap freeNode();
    NodeMap slavedNode(const Eigen::Vector3d& position, int floor, double springStiffness,
                       int storey);
    NodeMap groundNode(double springStiffness, int storey);
    void addElement(const NodeMap& a, const NodeMap& b, const Eigen::Vector3d& pa,
                    const Eigen::Vector3d& pb);

    RigGeometry m_geometry;
    Material m_material;
    FrameOptions m_options;
    std::vector<RigidBody> m_floors;
    std::vector<double> m_jointPerStorey;
    std::vector<Joint> m_joints;
    int m_dofs = 0;
    double m_movingMass = 0.0;
    std::vector<Eigen::Triplet<double>> m_kTriplets, m_mTriplets;
    std::vector<std::vector<Eigen::Triplet<double>>> m_springTriplets; // per storey, unit stiffness
    std::vector<Eigen::SparseMatrix<double>> m_springPatterns;         // per storey, unit stiffness
    std::vector<int> m_freeNodeDofs; // first DOF of every free column node
    Eigen::SparseMatrix<double> m_beamStiffness, m_stiffness, m_mass;
    std::vector<NodeMap> m_viewMaps; // one per column view node
    std::vector<Eigen::Vector3d> m_viewNodes;
    std::vector<ViewLine> m_viewLines;
    std::vector<int> m_cornerFloor; // floor of each corner view node
};

} // namespace dtop::fe
