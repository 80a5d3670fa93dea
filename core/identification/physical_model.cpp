// SPDX-License-Identifier: GPL-3.0-or-later
#include "identification/physical_model.h"
#include "identification/eigen_index.h"

#include "identification/modal_indicators.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace dtop::identification {

ChainFit fitChain(const Eigen::MatrixXd& k, double tolerance)
{
    const Eigen::Index n = k.rows();
    ChainFit fit;
    // Unknown s_1..s_n; equations: diagonal (n) and first off-diagonal (n − 1).
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(2 * n - 1, n);
    Eigen::VectorXd b(2 * n - 1);
    for (Eigen::Index i = 0; i < n; ++i) {
        a(i, i) = 1.0;
        if (i + 1 < n)
            a(i, i + 1) = 1.0;
        b(i) = k(i, i);
    }
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
        a(n + i, i + 1) = -1.0;
        b(n + i) = 0.5 * (k(i, i + 1) + k(i + 1, i));
    }
    const Eigen::VectorXd s = a.colPivHouseholderQr().solve(b);
    fit.storeyValues.assign(s.data(), s.data() + s.size());
    const double bn = b.norm();
    fit.bandResidualRelative = bn > 0.0 ? (a * s - b).norm() / bn : 0.0;
    const double diag = k.diagonal().cwiseAbs().maxCoeff();
    double worst = 0.0;
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 2; j < n; ++j) {
            const double v = 0.5 * (k(i, j) + k(j, i));
            fit.dropped.push_back({int(i) + 1, int(j) + 1, v});
            worst = std::max(worst, std::abs(v));
        }
    fit.droppedRelative = diag > 0.0 ? worst / diag : 0.0;
    fit.tridiagonal = fit.droppedRelative <= tolerance;
    return fit;
}

model::Profile PhysicalModel::profile() const
{
    model::Profile p;
    p.masses = masses;
    p.stiffnesses = stiffnessChain.storeyValues;
    p.dampers = dampingChain.storeyValues;
    p.damping = model::DampingModel::StoreyDampers;
    return p;
}

PhysicalModel physicalModel(const std::vector<IdentifiedMode>& modes, const std::vector<int>& floors,
                            int drivingResponse, double tridiagonalTolerance)
{
    const std::size_t n = floors.size();
    if (drivingResponse < 0 || std::size_t(drivingResponse) >= n)
        throw std::invalid_argument("mass normalisation needs the driving-point FRF (the "
                                    "response at the excitation floor); it was not measured");
    std::vector<int> sorted = floors;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < n; ++i)
        if (sorted[i] != int(i) + 1)
            throw std::invalid_argument("a chain model needs every floor 1.." + std::to_string(n) +
                                        " measured");
    if (modes.size() < n)
        throw std::invalid_argument("mass normalisation of " + std::to_string(n) +
                                    " floors needs " + std::to_string(n) + " modes, " +
                                    std::to_string(modes.size()) + " identified");
    for (const auto& m : modes)
        if (!m.massNormalised)
            throw std::invalid_argument("the modes are not mass-normalised");
    PhysicalModel pm;
    // The n modes with the smallest modal masses (largest mass-normalised shapes).
    std::vector<std::size_t> order(modes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return modes[a].shape.squaredNorm() > modes[b].shape.squaredNorm();
    });
    order.resize(n);
    std::sort(order.begin(), order.end());
    pm.modesUsed = order;
    // Name the modes left out so that a user sees which poles the chain does not explain.
    for (std::size_t m = 0; m < modes.size(); ++m) {
        if (std::binary_search(order.begin(), order.end(), m))
            continue;
        std::ostringstream note;
        note.precision(6);
        note << (pm.notes.empty() ? "" : "; ") << "mode " << m + 1 << " (" << modes[m].frequencyHz
             << " Hz) left out of the spatial model (largest modal mass)";
        pm.notes += note.str();
    }

    // Row permutation: matrix row i = floor i + 1.
    std::vector<Eigen::Index> rowOf(n);
    for (std::size_t i = 0; i < n; ++i)
        rowOf[i] = ix(floors[i] - 1);
    const Eigen::Index nn = ix(n);
    Eigen::MatrixXd minv = Eigen::MatrixXd::Zero(nn, nn);
    Eigen::MatrixXd kinv = Eigen::MatrixXd::Zero(nn, nn);
    Eigen::MatrixXd sumRe = Eigen::MatrixXd::Zero(nn, nn);
    double sumNorms = 0.0;
    Eigen::MatrixXd phi(nn, nn);
    Eigen::VectorXd twoZetaOmega(nn);
    for (std::size_t c = 0; c < n; ++c) {
        const IdentifiedMode& m = modes[order[c]];
        Eigen::VectorXcd col(nn);
        for (std::size_t i = 0; i < n; ++i)
            col(rowOf[i]) = m.residues(ix(i));
        const std::complex<double> rpp = m.residues(drivingResponse);
        const Eigen::MatrixXcd r = col * col.transpose() / rpp;
        const std::complex<double> lambda = m.pole.lambda;
        minv += 2.0 * (lambda * r).real();
        kinv -= 2.0 * (r / lambda).real();
        sumRe += 2.0 * r.real();
        sumNorms += 2.0 * r.real().norm();
        Eigen::VectorXcd shape(nn);
        for (std::size_t i = 0; i < n; ++i)
            shape(rowOf[i]) = m.shape(ix(i));
        phi.col(ix(c)) = rotateToReal(shape).real();
        const double wn = std::abs(lambda);
        twoZetaOmega(ix(c)) = 2.0 * m.dampingRatio * wn;
    }
    pm.completenessCheck = sumNorms > 0.0 ? sumRe.norm() / sumNorms : 0.0;
    minv = 0.5 * (minv + minv.transpose()).eval();
    kinv = 0.5 * (kinv + kinv.transpose()).eval();
    const Eigen::FullPivLU<Eigen::MatrixXd> mlu(minv), klu(kinv);
    if (!mlu.isInvertible() || !klu.isInvertible())
        throw std::invalid_argument("the identified modes give a singular mass or flexibility "
                                    "matrix; they cannot be mass-normalised");
    pm.mass = mlu.inverse();
    pm.stiffness = klu.inverse();
    pm.mass = 0.5 * (pm.mass + pm.mass.transpose()).eval();
    pm.stiffness = 0.5 * (pm.stiffness + pm.stiffness.transpose()).eval();
    pm.damping = pm.mass * phi * twoZetaOmega.asDiagonal() * phi.transpose() * pm.mass;
    pm.damping = 0.5 * (pm.damping + pm.damping.transpose()).eval();
    for (std::size_t i = 0; i < n; ++i)
        pm.floors.push_back(int(i) + 1);
    double maxDiag = 0.0, maxOff = 0.0;
    for (Eigen::Index i = 0; i < nn; ++i) {
        pm.masses.push_back(pm.mass(i, i));
        maxDiag = std::max(maxDiag, std::abs(pm.mass(i, i)));
        for (Eigen::Index j = i + 1; j < nn; ++j) {
            pm.massDropped.push_back({int(i) + 1, int(j) + 1, pm.mass(i, j)});
            maxOff = std::max(maxOff, std::abs(pm.mass(i, j)));
        }
    }
    pm.massOffDiagonalRelative = maxDiag > 0.0 ? maxOff / maxDiag : 0.0;
    pm.stiffnessChain = fitChain(pm.stiffness, tridiagonalTolerance);
    pm.dampingChain = fitChain(pm.damping, tridiagonalTolerance);
    return pm;
}

} // namespace dtop::identification
