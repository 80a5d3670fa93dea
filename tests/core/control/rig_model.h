// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An independent re-derivation of the control tool's rig model for cross-checks: the
// three-storey Southampton design structure with the two-body device, built here from the
// published numbers (m = 5.201 kg, four 25 × 3 × 153.3 mm aluminium legs, Rayleigh 0.2 % on
// modes 1 and 2 from the closed-form frequencies 2√(k/m)·sin((2r−1)π/14)), without any of the
// tool's code.

#include <Eigen/Dense>

#include <complex>
#include <numbers>

namespace dtop::test {

struct RigModel {
    int floor = 1;
    double mb = 0.5, mp = 1.0, kp = 1670.0, cp = 5.0, bl = 10.0;
    Eigen::Matrix4d m, k, c;
    Eigen::Vector4d d; // actuator force pair
    Eigen::Matrix3d ms;

    explicit RigModel(int deviceFloor = 1) : floor(deviceFloor) { assemble(); }

    void assemble()
    {
        const double mass = 5.201;
        const double j = 25e-3 * std::pow(3e-3, 3) / 12.0;
        const double ks = 4.0 * 12.0 * 70e9 * j / std::pow(153.3e-3, 3);
        const double w1 = 2.0 * std::sqrt(ks / mass) * std::sin(std::numbers::pi / 14.0);
        const double w2 = 2.0 * std::sqrt(ks / mass) * std::sin(3.0 * std::numbers::pi / 14.0);
        const double alpha = 2.0 * 0.002 * w1 * w2 / (w1 + w2);
        const double beta = 2.0 * 0.002 / (w1 + w2);
        Eigen::Matrix3d kk;
        kk << 2 * ks, -ks, 0, -ks, 2 * ks, -ks, 0, -ks, ks;
        ms = mass * Eigen::Matrix3d::Identity();
        const Eigen::Matrix3d cs = alpha * ms + beta * kk;
        d.setZero();
        d[floor - 1] = 1.0;
        d[3] = -1.0;
        m.setZero();
        m.topLeftCorner<3, 3>() = ms;
        m(floor - 1, floor - 1) += mb;
        m(3, 3) = mp;
        k.setZero();
        k.topLeftCorner<3, 3>() = kk;
        k += kp * d * d.transpose();
        c.setZero();
        c.topLeftCorner<3, 3>() = cs;
        c += cp * d * d.transpose();
    }

    // Closed-loop state matrix of DVF f = −h·Bl·v_floor, x = [q; q̇].
    Eigen::MatrixXd dvfStateMatrix(double h) const
    {
        Eigen::Matrix4d cl = c;
        cl += h * bl * d * Eigen::RowVector4d::Unit(floor - 1);
        Eigen::MatrixXd a = Eigen::MatrixXd::Zero(8, 8);
        a.topRightCorner(4, 4).setIdentity();
        a.bottomLeftCorner(4, 4) = -m.inverse() * k;
        a.bottomRightCorner(4, 4) = -m.inverse() * cl;
        return a;
    }

    // Dynamic stiffness s²M + s(C + g(s)·d e_fᵀ) + K of the closed loop with the loop gain
    // g(s) [N·s/m] acting on the floor velocity.
    Eigen::Matrix4cd dynamicStiffness(std::complex<double> s, std::complex<double> g) const
    {
        Eigen::Matrix4cd z = s * s * m.cast<std::complex<double>>() +
                             s * c.cast<std::complex<double>>() + k.cast<std::complex<double>>();
        z += s * g * (d * Eigen::RowVector4d::Unit(floor - 1)).cast<std::complex<double>>();
        return z;
    }

    // Floor velocities for a unit harmonic force on floor 1 with the loop gain g(jω).
    Eigen::Vector4cd velocity(double omega, std::complex<double> g) const
    {
        const std::complex<double> s(0.0, omega);
        Eigen::Vector4cd p = Eigen::Vector4cd::Zero();
        p[0] = 1.0;
        return s * dynamicStiffness(s, g).partialPivLu().solve(p);
    }
};

} // namespace dtop::test
