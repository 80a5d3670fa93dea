// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/frame_model.h"

#include "fe/timoshenko_beam.h"

#include <cmath>
#include <stdexcept>

namespace dtop::fe {

namespace {

Eigen::Matrix3d skew(const Eigen::Vector3d& r) {
    Eigen::Matrix3d s;
    s << 0, -r.z(), r.y(), //
        r.z(), 0, -r.x(),  //
        -r.y(), r.x(), 0;
    return s;
}

bool isRigid(double k) {
    return std::isinf(k) && k > 0;
}

} // namespace

InputIssues validateFrameOptions(const FrameOptions& options, int storeys) {
    InputIssues issues;
    if (options.elementsPerSpan < 1 || options.elementsPerSpan > kMaxElementsPerSpan)
        issues.push_back(
            {"elements_per_column", "elements_per_column (per free span) must be between 1 and " +
                                        std::to_string(kMaxElementsPerSpan) + ", got " +
                                        std::to_string(options.elementsPerSpan)});
    const auto& k = options.jointStiffnessNmPerRad;
    if (!k.empty() && k.size() != 1 && static_cast<int>(k.size()) != storeys)
        issues.push_back(
            {"joint_stiffness_nm_per_rad",
             "joint_stiffness_nm_per_rad needs one value (every joint) or one per storey (" +
                 std::to_string(storeys) + "), got " + std::to_string(k.size())});
    for (double v : k)
        if (std::isnan(v) || v <= 0.0 || (std::isinf(v) && v < 0))
            issues.push_back({"joint_stiffness_nm_per_rad",
                              "joint stiffness joint_stiffness_nm_per_rad must be > 0 N·m/rad "
                              "(or infinite for a rigid joint), got " +
                                  formatValue(v)});
    return issues;
}

FrameModel::FrameModel(const RigGeometry& geometry, const Material& material,
                       const FrameOptions& options)
    : m_geometry(geometry), m_material(material), m_options(options) {
    InputIssues issues = geometry.validate();
    for (auto& i : material.validate())
        issues.push_back(std::move(i));
    if (issues.empty())
        issues = validateFrameOptions(options, geometry.storeys);
    throwIfInvalid(issues, "frame model");

    const int n = geometry.storeys;
    const auto& k = options.jointStiffnessNmPerRad;
    m_jointPerStorey.assign(static_cast<std::size_t>(n), std::numeric_limits<double>::infinity());
    for (int s = 0; s < n; ++s)
        if (!k.empty())
            m_jointPerStorey[static_cast<std::size_t>(s)] =
                k.size() == 1 ? k[0] : k[static_cast<std::size_t>(s)];
    m_springTriplets.resize(static_cast<std::size_t>(n));

    // Floors: DOFs 6(f−1) .. 6f−1 at each floor's centre of mass.
    for (int f = 1; f <= n; ++f) {
        m_floors.push_back(floorRigidBody(geometry, material, f));
        const RigidBody& body = m_floors.back();
        const int d = floorDof(f);
        for (int a = 0; a < 3; ++a)
            m_mTriplets.emplace_back(d + a, d + a, body.massKg);
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b)
                if (body.inertia(a, b) != 0.0)
                    m_mTriplets.emplace_back(d + 3 + a, d + 3 + b, body.inertia(a, b));
        m_movingMass += body.massKg;
    }
    m_dofs = 6 * n;

    const int e = options.elementsPerSpan;
    const double zBase =
        options.baseClamp == BaseClamp::TopOfClamp ? geometry.baseClampTopZ() : 0.0;
    const double stub = geometry.columnLengthM - geometry.requiredColumnLengthM();
    const bool hasStub = stub > 1e-9 * geometry.columnLengthM;

    for (const auto& c : geometry.columnPositions()) {
        auto at = [&](double z) { return Eigen::Vector3d(c.x(), c.y(), z); };
        const int firstView = static_cast<int>(m_viewNodes.size());
        auto addView = [&](const NodeMap& map, double z) {
            m_viewMaps.push_back(map);
            m_viewNodes.push_back(at(z));
        };
        if (zBase > 0.0) // the clamped foot of the column, drawn but fixed
            addView(groundNode(std::numeric_limits<double>::infinity(), 1), 0.0);

        auto span = [&](NodeMap bottom, double z0, NodeMap top, double z1, int elements) {
            NodeMap previous = bottom;
            addView(bottom, z0);
            for (int i = 1; i <= elements; ++i) {
                const double z = z0 + (z1 - z0) * i / elements;
                NodeMap next = i < elements ? freeNode() : top;
                addElement(previous, next, at(z0 + (z1 - z0) * (i - 1) / elements), at(z));
                addView(next, z);
                previous = std::move(next);
            }
        };
        for (int s = 1; s <= n; ++s) {
            const double ks = m_jointPerStorey[static_cast<std::size_t>(s - 1)];
            const double z0 = s == 1 ? zBase : geometry.floorTopZ(s - 1);
            const double z1 = geometry.floorBottomZ(s);
            NodeMap bottom = s == 1 ? groundNode(ks, s) : slavedNode(at(z0), s - 1, ks, s);
            NodeMap top = slavedNode(at(z1), s, ks, s);
            span(std::move(bottom), z0, std::move(top), z1, e);
        }
        const double zTop = geometry.floorTopZ(n);
        if (hasStub) {
            const double free = geometry.freeSpanM(n, options.baseClamp);
            const int elements = std::max(1, static_cast<int>(std::lround(e * stub / free)));
            NodeMap bottom = slavedNode(at(zTop), n, m_jointPerStorey.back(), n);
            NodeMap top = freeNode();
            span(std::move(bottom), zTop, std::move(top), geometry.columnLengthM, elements);
        } else {
            addView(slavedNode(at(zTop), n, std::numeric_limits<double>::infinity(), n), zTop);
        }
        for (int i = firstView + 1; i < static_cast<int>(m_viewNodes.size()); ++i)
            if ((m_viewNodes[static_cast<std::size_t>(i)] -
                 m_viewNodes[static_cast<std::size_t>(i - 1)])
                    .norm() > 0.0)
                m_viewLines.push_back({i - 1, i});
    }
    // Floor outlines at mid-plane.
    for (int f = 1; f <= n; ++f) {
        const double z = geometry.floorBottomZ(f) + 0.5 * geometry.floorThicknessM;
        const int first = static_cast<int>(m_viewNodes.size());
        const double lx = geometry.floorLengthXM, ly = geometry.floorWidthYM;
        for (const auto& xy : {Eigen::Vector2d(0, 0), Eigen::Vector2d(lx, 0),
                               Eigen::Vector2d(lx, ly), Eigen::Vector2d(0, ly)}) {
            m_viewNodes.emplace_back(xy.x(), xy.y(), z);
            m_cornerFloor.push_back(f);
        }
        for (int i = 0; i < 4; ++i)
            m_viewLines.push_back({first + i, first + (i + 1) % 4});
    }

    m_beamStiffness.resize(m_dofs, m_dofs);
    m_beamStiffness.setFromTriplets(m_kTriplets.begin(), m_kTriplets.end());
    m_mass.resize(m_dofs, m_dofs);
    m_mass.setFromTriplets(m_mTriplets.begin(), m_mTriplets.end());
    m_kTriplets.clear();
    m_mTriplets.clear();
    m_kTriplets.shrink_to_fit();
    m_mTriplets.shrink_to_fit();
    for (auto& t : m_springTriplets) {
        Eigen::SparseMatrix<double> p(m_dofs, m_dofs);
        p.setFromTriplets(t.begin(), t.end());
        m_springPatterns.push_back(std::move(p));
        t.clear();
    }
    std::vector<double> finite;
    for (double v : m_jointPerStorey)
        finite.push_back(isRigid(v) ? 0.0 : v);
    m_stiffness = stiffnessWithJoints(finite);
}

FrameModel::NodeMap FrameModel::freeNode() {
    NodeMap map;
    map.g = Eigen::Matrix<double, 6, 6>::Identity();
    for (int i = 0; i < 6; ++i)
        map.dofs.push_back(m_dofs + i);
    m_freeNodeDofs.push_back(m_dofs);
    m_dofs += 6;
    return map;
}

FrameModel::NodeMap FrameModel::groundNode(double springStiffness, int storey) {
    NodeMap map;
    if (isRigid(springStiffness)) {
        map.g.resize(6, 0);
        return map;
    }
    map.g = Eigen::Matrix<double, 6, 1>::Zero();
    map.g(3, 0) = 1.0;
    const int own = m_dofs++;
    map.dofs.push_back(own);
    m_springTriplets[static_cast<std::size_t>(storey - 1)].emplace_back(own, own, 1.0);
    m_joints.push_back({own, -1, storey});
    return map;
}

FrameModel::NodeMap FrameModel::slavedNode(const Eigen::Vector3d& position, int floor,
                                           double springStiffness, int storey) {
    const RigidBody& body = m_floors[static_cast<std::size_t>(floor - 1)];
    const int d = floorDof(floor);
    NodeMap map;
    const bool spring = !isRigid(springStiffness);
    map.g = Eigen::Matrix<double, 6, Eigen::Dynamic>::Zero(6, spring ? 7 : 6);
    // Rigid link: u = u_c + θ × r = u_c − [r]× θ, θ = θ_c.
    map.g.block<3, 3>(0, 0).setIdentity();
    map.g.block<3, 3>(0, 3) = -skew(position - body.centre);
    map.g.block<3, 3>(3, 3).setIdentity();
    for (int i = 0; i < 6; ++i)
        map.dofs.push_back(d + i);
    if (spring) {
        // The column end's rotation about x is its own, tied to the clamp's by the spring.
        map.g(3, 3) = 0.0;
        map.g(3, 6) = 1.0;
        const int own = m_dofs++;
        map.dofs.push_back(own);
        const int clamp = d + 3;
        auto& t = m_springTriplets[static_cast<std::size_t>(storey - 1)];
        t.emplace_back(own, own, 1.0);
        t.emplace_back(clamp, clamp, 1.0);
        t.emplace_back(own, clamp, -1.0);
        t.emplace_back(clamp, own, -1.0);
        m_joints.push_back({own, clamp, storey});
    }
    return map;
}

void FrameModel::addElement(const NodeMap& a, const NodeMap& b, const Eigen::Vector3d& pa,
                            const Eigen::Vector3d& pb) {
    const BeamProperties beam = BeamProperties::rectangle(
        m_geometry.columnWidthM, m_geometry.columnThicknessM, m_material.youngModulusPa,
        m_material.poissonRatio, m_material.densityKgM3);
    const double length = (pb - pa).norm();
    // Section axis 2 along global x: the column's width, so axis 3 (thickness) is global y.
    const Eigen::Matrix3d axes = beamAxes(pa, pb, Eigen::Vector3d::UnitX());
    const Matrix12d k = toGlobal(timoshenkoLocalStiffness(beam, length), axes);
    const Matrix12d m = toGlobal(timoshenkoLocalMass(beam, length), axes);
    m_movingMass += beam.densityKgM3 * beam.areaM2 * length;

    const int na = static_cast<int>(a.dofs.size()), nb = static_cast<int>(b.dofs.size());
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(12, na + nb);
    g.block(0, 0, 6, na) = a.g;
    g.block(6, na, 6, nb) = b.g;
    const Eigen::MatrixXd kr = g.transpose() * k * g;
    const Eigen::MatrixXd mr = g.transpose() * m * g;
    std::vector<int> dofs = a.dofs;
    dofs.insert(dofs.end(), b.dofs.begin(), b.dofs.end());
    for (int i = 0; i < na + nb; ++i)
        for (int j = 0; j < na + nb; ++j) {
            if (kr(i, j) != 0.0)
                m_kTriplets.emplace_back(dofs[static_cast<std::size_t>(i)],
                                         dofs[static_cast<std::size_t>(j)], kr(i, j));
            if (mr(i, j) != 0.0)
                m_mTriplets.emplace_back(dofs[static_cast<std::size_t>(i)],
                                         dofs[static_cast<std::size_t>(j)], mr(i, j));
        }
}

Eigen::SparseMatrix<double>
FrameModel::stiffnessWithJoints(const std::vector<double>& perStorey) const {
    Eigen::SparseMatrix<double> k = m_beamStiffness;
    for (std::size_t s = 0; s < m_springPatterns.size() && s < perStorey.size(); ++s)
        if (m_springPatterns[s].nonZeros() > 0 && perStorey[s] != 0.0)
            k += perStorey[s] * m_springPatterns[s];
    return k;
}

Eigen::VectorXd FrameModel::rigidTranslation(int axis) const {
    Eigen::VectorXd r = Eigen::VectorXd::Zero(m_dofs);
    for (int f = 1; f <= m_geometry.storeys; ++f)
        r(floorDof(f) + axis) = 1.0;
    for (int d : m_freeNodeDofs)
        r(d + axis) = 1.0;
    return r;
}

Eigen::Matrix<double, 6, 1> FrameModel::floorMotion(const Eigen::VectorXd& q, int floor) const {
    return q.segment<6>(floorDof(floor));
}

Eigen::MatrixX3d FrameModel::viewDisplacements(const Eigen::VectorXd& q) const {
    Eigen::MatrixX3d u = Eigen::MatrixX3d::Zero(static_cast<Eigen::Index>(m_viewNodes.size()), 3);
    for (std::size_t i = 0; i < m_viewMaps.size(); ++i) {
        const NodeMap& map = m_viewMaps[i];
        Eigen::VectorXd local(static_cast<Eigen::Index>(map.dofs.size()));
        for (std::size_t j = 0; j < map.dofs.size(); ++j)
            local(static_cast<Eigen::Index>(j)) = q(map.dofs[j]);
        if (local.size() > 0)
            u.row(static_cast<Eigen::Index>(i)) = (map.g.topRows(3) * local).transpose();
    }
    for (std::size_t c = 0; c < m_cornerFloor.size(); ++c) {
        const int f = m_cornerFloor[c];
        const auto motion = floorMotion(q, f);
        const std::size_t node = m_viewMaps.size() + c;
        const Eigen::Vector3d r = m_viewNodes[node] - floorBody(f).centre;
        const Eigen::Vector3d theta = motion.tail<3>();
        u.row(static_cast<Eigen::Index>(node)) = (motion.head<3>() + theta.cross(r)).transpose();
    }
    return u;
}

} // namespace dtop::fe
