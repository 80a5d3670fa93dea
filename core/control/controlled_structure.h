// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/inertial_actuator.h"
#include "dynamics/shear_building.h"

#include <Eigen/Dense>

#include <cstddef>

namespace dtop::control {

// What is attached to the structure.
enum class DeviceKind {
    None,      // the bare structure (the uncontrolled reference)
    Inertial,  // the two-body device (TMD or inertial actuator) at the device floor
    Skyhook,   // an ideal force on the device floor reacting against an inertial reference:
               // no added mass, no actuator dynamics (the ideal-DVF reference)
};

// The mechanical model of docs/tools/control.md §2: the profile's shear building (n floors,
// M, K, C of dynamics::ShearBuilding, damping as the profile defines it) with the device.
// Generalised coordinates q = [x_1 … x_n (, x_p)], absolute floor displacements, floor 1 the
// lowest; the proof mass x_p is the last coordinate of an inertial device. With e_f the unit
// vector of floor f and d = [e_f; −1] the direction of the actuator force pair:
//   M = blkdiag(M_s + m_b e_f e_fᵀ, m_p), K = blkdiag(K_s, 0) + k_p d dᵀ, C = blkdiag(C_s, 0) + c_p d dᵀ.
// State x = [q; q̇], ẋ = A x + b_u f + b_p w with A = [[0, I], [−M⁻¹K, −M⁻¹C]]: f the actuator
// force [N] (the coil pushes floor and proof mass apart), w the primary force [N] on the
// force floor. The collocated sensor measures the absolute velocity of the device floor.
struct ControlledStructure {
    DeviceKind device = DeviceKind::None;
    std::size_t storeys = 0; // n
    int deviceFloor = 1;     // 1-based (also the sensor floor)
    int forceFloor = 1;      // 1-based floor of the primary force

    Eigen::VectorXd mass;       // diagonal of M [kg]
    Eigen::MatrixXd stiffness;  // K [N/m]
    Eigen::MatrixXd damping;    // C [N·s/m]
    Eigen::VectorXd actuatorDirection; // d (zero without a device)
    Eigen::VectorXd primaryDirection;  // e of the force floor

    Eigen::MatrixXd a;             // 2N × 2N
    Eigen::VectorXd bActuator;     // [0; M⁻¹ d], per newton of actuator force
    Eigen::VectorXd bPrimary;      // [0; M⁻¹ e_force], per newton of primary force
    // Ground acceleration a_g in coordinates relative to the ground: M q̈ + C q̇ + K q = −M ι a_g
    // with ι = [1 … 1] (every mass, the proof mass included), so b_g = [0; −ι].
    Eigen::VectorXd bGround;
    Eigen::RowVectorXd cSensor;    // velocity of the device floor
    Eigen::MatrixXd cVelocity;     // n × 2N floor velocities
    Eigen::MatrixXd cDisplacement; // n × 2N floor displacements
    Eigen::RowVectorXd cStroke;    // x_p − x_f, proof mass relative to its base (0 if none)
    Eigen::VectorXd keMasses;      // n floor masses of the kinetic energy (base mass included)
    double suspensionStiffnessNM = 0.0; // k_p, c_p in K and C (inertial device only)
    double suspensionDampingNsM = 0.0;

    std::size_t dofs() const { return static_cast<std::size_t>(mass.size()); }
    std::size_t states() const { return 2 * dofs(); }
    // Index of the state holding the velocity of floor f (1-based).
    Eigen::Index velocityState(int floor) const
    {
        return static_cast<Eigen::Index>(dofs()) + floor - 1;
    }
};

// Builds the model. Floors are 1-based and must exist (checked by the caller's validate();
// throws std::invalid_argument otherwise). The actuator is ignored for DeviceKind::None and
// only its presence matters for Skyhook.
ControlledStructure buildControlledStructure(const dynamics::ShearBuilding& building,
                                             DeviceKind device, const InertialActuator& actuator,
                                             int deviceFloor, int forceFloor);

// Changes the suspension of an Inertial model in place (k_p, c_p), as a tuner does many times.
void setSuspension(ControlledStructure& model, double stiffnessNM, double dampingNsM);

} // namespace dtop::control
