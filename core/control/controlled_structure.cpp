// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/controlled_structure.h"

#include <stdexcept>

namespace dtop::control {

namespace {

void assembleStateSpace(ControlledStructure& s)
{
    const auto n = static_cast<Eigen::Index>(s.dofs());
    const Eigen::VectorXd minv = s.mass.cwiseInverse();
    s.a = Eigen::MatrixXd::Zero(2 * n, 2 * n);
    s.a.topRightCorner(n, n).setIdentity();
    s.a.bottomLeftCorner(n, n) = -(minv.asDiagonal() * s.stiffness);
    s.a.bottomRightCorner(n, n) = -(minv.asDiagonal() * s.damping);
    s.bActuator = Eigen::VectorXd::Zero(2 * n);
    s.bActuator.tail(n) = minv.cwiseProduct(s.actuatorDirection);
    s.bPrimary = Eigen::VectorXd::Zero(2 * n);
    s.bPrimary.tail(n) = minv.cwiseProduct(s.primaryDirection);
}

} // namespace

ControlledStructure buildControlledStructure(const dynamics::ShearBuilding& building,
                                             DeviceKind device, const InertialActuator& actuator,
                                             int deviceFloor, int forceFloor)
{
    const auto n = static_cast<Eigen::Index>(building.dofs());
    if (deviceFloor < 1 || deviceFloor > n || forceFloor < 1 || forceFloor > n)
        throw std::invalid_argument("buildControlledStructure: floor outside the building");
    ControlledStructure s;
    s.device = device;
    s.storeys = building.dofs();
    s.deviceFloor = deviceFloor;
    s.forceFloor = forceFloor;
    const bool inertial = device == DeviceKind::Inertial;
    const Eigen::Index dofs = inertial ? n + 1 : n;
    const Eigen::Index f = deviceFloor - 1;

    s.mass = Eigen::VectorXd::Zero(dofs);
    s.mass.head(n) = building.masses();
    s.stiffness = Eigen::MatrixXd::Zero(dofs, dofs);
    s.stiffness.topLeftCorner(n, n) = building.stiffnessMatrix();
    s.damping = Eigen::MatrixXd::Zero(dofs, dofs);
    s.damping.topLeftCorner(n, n) = building.dampingMatrix();
    s.actuatorDirection = Eigen::VectorXd::Zero(dofs);
    s.primaryDirection = Eigen::VectorXd::Zero(dofs);
    s.primaryDirection[forceFloor - 1] = 1.0;
    if (inertial) {
        s.mass[f] += actuator.baseMassKg;
        s.mass[n] = actuator.proofMassKg;
        s.actuatorDirection[f] = 1.0;
        s.actuatorDirection[n] = -1.0;
        const Eigen::MatrixXd ddT = s.actuatorDirection * s.actuatorDirection.transpose();
        s.stiffness += actuator.suspensionStiffnessNM * ddT;
        s.damping += actuator.suspensionDampingNsM * ddT;
        s.suspensionStiffnessNM = actuator.suspensionStiffnessNM;
        s.suspensionDampingNsM = actuator.suspensionDampingNsM;
    } else if (device == DeviceKind::Skyhook) {
        s.actuatorDirection[f] = 1.0;
    }
    assembleStateSpace(s);

    s.bGround = Eigen::VectorXd::Zero(2 * dofs);
    s.bGround.tail(dofs).setConstant(-1.0);
    s.cSensor = Eigen::RowVectorXd::Zero(2 * dofs);
    s.cSensor[dofs + f] = 1.0;
    s.cVelocity = Eigen::MatrixXd::Zero(n, 2 * dofs);
    s.cDisplacement = Eigen::MatrixXd::Zero(n, 2 * dofs);
    for (Eigen::Index i = 0; i < n; ++i) {
        s.cDisplacement(i, i) = 1.0;
        s.cVelocity(i, dofs + i) = 1.0;
    }
    s.cStroke = Eigen::RowVectorXd::Zero(2 * dofs);
    if (inertial) {
        s.cStroke[n] = 1.0;
        s.cStroke[f] = -1.0;
    }
    s.keMasses = s.mass.head(n);
    return s;
}

void setSuspension(ControlledStructure& s, double stiffnessNM, double dampingNsM)
{
    if (s.device != DeviceKind::Inertial)
        throw std::invalid_argument("setSuspension: the model has no inertial device");
    const Eigen::MatrixXd ddT = s.actuatorDirection * s.actuatorDirection.transpose();
    s.stiffness += (stiffnessNM - s.suspensionStiffnessNM) * ddT;
    s.damping += (dampingNsM - s.suspensionDampingNsM) * ddT;
    s.suspensionStiffnessNM = stiffnessNM;
    s.suspensionDampingNsM = dampingNsM;
    assembleStateSpace(s);
}

} // namespace dtop::control
