// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

namespace dtop::fe {

using Matrix12d = Eigen::Matrix<double, 12, 12>;

// A straight prismatic 3-D beam. Local axes: 1 along the beam, 2 and 3 the section's principal
// axes. iy2 = ∫ x3² dA bends the beam in the 1–2 plane (deflection along axis 2, rotation about
// axis 3); iy3 = ∫ x2² dA bends it in the 1–3 plane.
struct BeamProperties {
    double youngModulusPa = 0.0;
    double shearModulusPa = 0.0;
    double densityKgM3 = 0.0;
    double areaM2 = 0.0;
    double bendingI2M4 = 0.0;       // deflection along local axis 2: I = ∫ x2² dA
    double bendingI3M4 = 0.0;       // deflection along local axis 3: I = ∫ x3² dA
    double torsionJM4 = 0.0;        // St Venant torsion constant
    double shearFactor = 5.0 / 6.0; // κ, the same in both planes

    // A solid rectangle, side `width` along local axis 2 and `thickness` along axis 3.
    static BeamProperties rectangle(double width, double thickness, double youngModulusPa,
                                    double poissonRatio, double densityKgM3);
};

// Cowper's shear coefficient of a rectangle, κ = 10(1+ν)/(12+11ν) (Cowper 1966, J. Appl. Mech.
// 33:335); 0.8509 for ν = 0.33.
double rectangleShearFactor(double poissonRatio);
// St Venant torsion constant of a b × t rectangle (t ≤ b), Roark's formula
// J = b t³ [1/3 − 0.21 (t/b)(1 − t⁴/(12 b⁴))], within 0.5 % of the series solution.
double rectangleTorsionConstant(double width, double thickness);

// Two-node 3-D Timoshenko element in local axes, DOF order per node (u1 u2 u3 r1 r2 r3):
// exact static stiffness of the shear-deformable beam, and the consistent mass (translational
// and rotary inertia) of the same interpolation, with Φ = 12 E I / (κ G A L²) per plane
// (Przemieniecki, Theory of Matrix Structural Analysis, 1968, §5.6 and §11.4; Friedman &
// Kosmatka, Comput. Struct. 47(3), 1993). Axial and torsional parts are linear, with the polar
// mass moment ρ(I2 + I3) per length for torsion.
Matrix12d timoshenkoLocalStiffness(const BeamProperties& p, double length);
Matrix12d timoshenkoLocalMass(const BeamProperties& p, double length);

// Rotation whose rows are the local axes in global components: e1 along the beam (from `start`
// to `end`), e2 = the given section direction made orthogonal to e1, e3 = e1 × e2.
Eigen::Matrix3d beamAxes(const Eigen::Vector3d& start, const Eigen::Vector3d& end,
                         const Eigen::Vector3d& sectionAxis2);
// Tᵀ k T with T = diag(R, R, R, R): the element matrix in global DOFs.
Matrix12d toGlobal(const Matrix12d& local, const Eigen::Matrix3d& axes);

} // namespace dtop::fe
