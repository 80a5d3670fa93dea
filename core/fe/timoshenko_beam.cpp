// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/timoshenko_beam.h"

namespace dtop::fe {

namespace {

using Matrix4d = Eigen::Matrix4d;

// Bending in one plane, DOFs (w1, θ1, w2, θ2) with θ = dw/dx.
Matrix4d bendingStiffness(double ei, double phi, double l) {
    Matrix4d k;
    const double l2 = l * l;
    k << 12, 6 * l, -12, 6 * l,                        //
        6 * l, (4 + phi) * l2, -6 * l, (2 - phi) * l2, //
        -12, -6 * l, 12, -6 * l,                       //
        6 * l, (2 - phi) * l2, -6 * l, (4 + phi) * l2;
    return k * (ei / ((1 + phi) * l2 * l));
}

Matrix4d bendingMass(double rhoA, double rhoI, double phi, double l) {
    const double p = phi, p2 = phi * phi, l2 = l * l;
    // Translational inertia of the shear-deformable interpolation.
    const double a11 = 13.0 / 35 + 7.0 / 10 * p + 1.0 / 3 * p2;
    const double a12 = (11.0 / 210 + 11.0 / 120 * p + 1.0 / 24 * p2) * l;
    const double a13 = 9.0 / 70 + 3.0 / 10 * p + 1.0 / 6 * p2;
    const double a14 = -(13.0 / 420 + 3.0 / 40 * p + 1.0 / 24 * p2) * l;
    const double a22 = (1.0 / 105 + 1.0 / 60 * p + 1.0 / 120 * p2) * l2;
    const double a24 = -(1.0 / 140 + 1.0 / 60 * p + 1.0 / 120 * p2) * l2;
    Matrix4d mt;
    mt << a11, a12, a13, a14, //
        a12, a22, -a14, a24,  //
        a13, -a14, a11, -a12, //
        a14, a24, -a12, a22;
    // Rotary inertia.
    const double r11 = 6.0 / 5;
    const double r12 = (1.0 / 10 - 1.0 / 2 * p) * l;
    const double r22 = (2.0 / 15 + 1.0 / 6 * p + 1.0 / 3 * p2) * l2;
    const double r24 = (-1.0 / 30 - 1.0 / 6 * p + 1.0 / 6 * p2) * l2;
    Matrix4d mr;
    mr << r11, r12, -r11, r12, //
        r12, r22, -r12, r24,   //
        -r11, -r12, r11, -r12, //
        r12, r24, -r12, r22;
    const double d = (1 + p) * (1 + p);
    return mt * (rhoA * l / d) + mr * (rhoI / (l * d));
}

void scatter(Matrix12d& target, const Matrix4d& block, const int (&dofs)[4], bool flipRotation) {
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) {
            // In the 1–3 plane the rotation about axis 2 is −dw/dx: flip the rotation rows/columns.
            const double sign = flipRotation && ((i % 2) != (j % 2)) ? -1.0 : 1.0;
            target(dofs[i], dofs[j]) += sign * block(i, j);
        }
}

void addTwoNode(Matrix12d& target, int dof, double value) {
    target(dof, dof) += value;
    target(dof + 6, dof + 6) += value;
    target(dof, dof + 6) -= value;
    target(dof + 6, dof) -= value;
}

void addTwoNodeMass(Matrix12d& target, int dof, double total) {
    target(dof, dof) += total / 3.0;
    target(dof + 6, dof + 6) += total / 3.0;
    target(dof, dof + 6) += total / 6.0;
    target(dof + 6, dof) += total / 6.0;
}

constexpr int kPlane12[4] = {1, 5, 7, 11};
constexpr int kPlane13[4] = {2, 4, 8, 10};

double phi(const BeamProperties& p, double i, double l) {
    return 12.0 * p.youngModulusPa * i / (p.shearFactor * p.shearModulusPa * p.areaM2 * l * l);
}

} // namespace

double rectangleShearFactor(double nu) {
    return 10.0 * (1.0 + nu) / (12.0 + 11.0 * nu);
}

double rectangleTorsionConstant(double width, double thickness) {
    const double b = std::max(width, thickness), t = std::min(width, thickness);
    const double r = t / b;
    return b * t * t * t * (1.0 / 3.0 - 0.21 * r * (1.0 - r * r * r * r / 12.0));
}

BeamProperties BeamProperties::rectangle(double width, double thickness, double e, double nu,
                                         double rho) {
    BeamProperties p;
    p.youngModulusPa = e;
    p.shearModulusPa = e / (2.0 * (1.0 + nu));
    p.densityKgM3 = rho;
    p.areaM2 = width * thickness;
    p.bendingI2M4 = thickness * width * width * width / 12.0;
    p.bendingI3M4 = width * thickness * thickness * thickness / 12.0;
    p.torsionJM4 = rectangleTorsionConstant(width, thickness);
    p.shearFactor = rectangleShearFactor(nu);
    return p;
}

Matrix12d timoshenkoLocalStiffness(const BeamProperties& p, double l) {
    Matrix12d k = Matrix12d::Zero();
    addTwoNode(k, 0, p.youngModulusPa * p.areaM2 / l);
    addTwoNode(k, 3, p.shearModulusPa * p.torsionJM4 / l);
    scatter(k, bendingStiffness(p.youngModulusPa * p.bendingI2M4, phi(p, p.bendingI2M4, l), l),
            kPlane12, false);
    scatter(k, bendingStiffness(p.youngModulusPa * p.bendingI3M4, phi(p, p.bendingI3M4, l), l),
            kPlane13, true);
    return k;
}

Matrix12d timoshenkoLocalMass(const BeamProperties& p, double l) {
    Matrix12d m = Matrix12d::Zero();
    const double rhoA = p.densityKgM3 * p.areaM2;
    addTwoNodeMass(m, 0, rhoA * l);
    addTwoNodeMass(m, 3, p.densityKgM3 * (p.bendingI2M4 + p.bendingI3M4) * l);
    scatter(m, bendingMass(rhoA, p.densityKgM3 * p.bendingI2M4, phi(p, p.bendingI2M4, l), l),
            kPlane12, false);
    scatter(m, bendingMass(rhoA, p.densityKgM3 * p.bendingI3M4, phi(p, p.bendingI3M4, l), l),
            kPlane13, true);
    return m;
}

Eigen::Matrix3d beamAxes(const Eigen::Vector3d& start, const Eigen::Vector3d& end,
                         const Eigen::Vector3d& sectionAxis2) {
    const Eigen::Vector3d e1 = (end - start).normalized();
    const Eigen::Vector3d e2 = (sectionAxis2 - sectionAxis2.dot(e1) * e1).normalized();
    const Eigen::Vector3d e3 = e1.cross(e2);
    Eigen::Matrix3d r;
    r.row(0) = e1.transpose();
    r.row(1) = e2.transpose();
    r.row(2) = e3.transpose();
    return r;
}

Matrix12d toGlobal(const Matrix12d& local, const Eigen::Matrix3d& axes) {
    Matrix12d t = Matrix12d::Zero();
    for (int b = 0; b < 4; ++b)
        t.block<3, 3>(3 * b, 3 * b) = axes;
    return t.transpose() * local * t;
}

} // namespace dtop::fe
