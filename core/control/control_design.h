// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "control/compensator.h"
#include "control/controlled_structure.h"
#include "control/feedback_loop.h"
#include "control/inertial_actuator.h"
#include "dynamics/shear_building.h"

#include <Eigen/Dense>

#include <string>

namespace dtop::control {

// The control strategies of the `control` tool (docs/tools/control.md §3).
enum class Strategy {
    None,     // uncontrolled structure
    Tmd,      // the device as a passive tuned mass damper
    Dvf,      // direct velocity feedback through the inertial actuator
    DvfEc,    // DVF with the electronic compensator in the loop
    Lqg,      // LQG regulator (LQR + Kalman filter) driving the inertial actuator
    IdealDvf, // ideal skyhook DVF: force −h·Bl·v on the floor, no actuator dynamics or mass
};

const char* strategyName(Strategy s); // "none", "tmd", "dvf", "dvf-ec", "lqg", "ideal-dvf"
bool parseStrategy(const std::string& text, Strategy& s);
// "uncontrolled", "passive TMD", "DVF (inertial actuator)", "DVF + compensator",
// "LQG (inertial actuator)", "ideal DVF (skyhook)"
const char* strategyLabel(Strategy s);
bool hasFeedback(Strategy s); // a closed loop exists (dvf, dvf-ec, lqg, ideal-dvf)
bool usesGain(Strategy s);    // the gain h applies (dvf, dvf-ec, ideal-dvf)
bool usesDevice(Strategy s);  // the two-body device is attached (tmd, dvf, dvf-ec, lqg)

// Weights of the corrected LQG design (docs/tools/control.md §5): the regulator minimises
// ∫ (q·xᵀQ_E x + r·i²) dt with xᵀQ_E x = twice the structure's mechanical energy (floor strain
// energy and kinetic energy, base mass included, proof mass excluded) and i the coil current;
// the Kalman filter assumes the primary force is white noise of intensity Q_n [N²·s] and the
// velocity sensor has white noise of intensity R_n [(m/s)²·s]. Only q/r and Q_n/R_n matter.
struct LqgWeights {
    double stateWeight = 1.0;        // q [1/J]
    double inputWeight = 1e-4;       // r [1/A²]
    double processNoise = 1.0;       // Q_n [N²·s]
    double measurementNoise = 1e-6;  // R_n [(m/s)²·s]

    // Field ids lqg_state_weight, lqg_input_weight, lqg_process_noise, lqg_measurement_noise.
    InputIssues validate() const;
};

// A linear controller ẋ_k = A_k x_k + B_k y, output C_k x_k + D_k y, with y the sensor
// velocity [m/s]; the coil current is i = −κ (C_k x_k + D_k y) for the loop gain κ.
struct ControllerBlock {
    Eigen::MatrixXd a;
    Eigen::VectorXd b;
    Eigen::RowVectorXd c;
    double d = 0.0;
    Eigen::Index states() const { return a.rows(); }
};

// Everything that defines one design.
struct DesignParameters {
    Strategy strategy = Strategy::Tmd;
    int floor = 1;      // device (and sensor) floor, 1-based
    int forceFloor = 1; // primary force floor, 1-based
    double gain = 5.0;  // h [A·s/m] (dvf, dvf-ec, ideal-dvf)
    InertialActuator actuator;
    Compensator compensator; // dvf-ec only (effective values)
    LqgWeights lqg;
};

// A design made concrete: the structure with its device, the controller, the loop, and the
// closed-loop state-space model at the design gain, state z = [x_structure; x_controller].
struct ControlDesign {
    Strategy strategy = Strategy::None;
    ControlledStructure structure;
    ControllerBlock controller;
    bool hasLoop = false;
    // Loop broken at the coil current: L₀(s) = (C_k(sI − A_k)⁻¹B_k + D_k)·Bl·G_v(s), with G_v
    // the sensor velocity per unit actuator force. Closed loop: A − κ b c.
    FeedbackLoop loop;
    double gain = 0.0;            // κ of the design: h, or 1 for LQG (a factor on its current)
    std::string gainUnit;         // "A·s/m" (h) or "1" (LQG factor)
    Eigen::MatrixXd lqrGain;      // LQG only: K (current per state, 1 × 2N)
    Eigen::MatrixXd kalmanGain;   // LQG only: L (2N × 1)

    Eigen::MatrixXd a;            // closed-loop state matrix
    Eigen::VectorXd bPrimary;     // unit primary force on the force floor
    Eigen::VectorXd bGround;      // unit ground acceleration (relative coordinates)
    // Column of A multiplying the ground velocity v_g when the sensor measures absolute
    // velocity y = cSensor·z + v_g under ground motion, and its direct term in the current.
    Eigen::VectorXd groundVelocityColumn;
    double currentPerGroundVelocity = 0.0;
    Eigen::MatrixXd cVelocity;     // floor velocities
    Eigen::MatrixXd cDisplacement; // floor displacements
    Eigen::RowVectorXd cCurrent;   // coil current [A] (zero without feedback)
    Eigen::RowVectorXd cStroke;    // proof-mass stroke [m] (zero without the device)
    Eigen::VectorXd keMasses;

    Eigen::Index states() const { return a.rows(); }
    // The closed-loop state matrix at another gain κ (A itself without a loop).
    Eigen::MatrixXd closedLoopAt(double gain) const;
};

// Throws std::invalid_argument for floors outside the building and std::domain_error when the
// LQG Riccati equations have no stabilising solution.
ControlDesign buildDesign(const dynamics::ShearBuilding& building, const DesignParameters& p);

// Assembles the closed loop of `structure` with `controller`, the sensor row, the actuator
// input (per ampere) and the gain: shared by buildDesign and the prototype's legacy LQG.
ControlDesign closeLoop(Strategy strategy, ControlledStructure structure,
                        ControllerBlock controller, const Eigen::RowVectorXd& sensor,
                        const Eigen::VectorXd& inputPerAmpere, double gain);

} // namespace dtop::control
