// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include <cstddef>
#include <string>

namespace dtop::fe {

enum class EigenSolverKind {
    Auto,              // dense up to kDenseSolverDofs, sparse beyond
    Dense,             // Eigen's GeneralizedSelfAdjointEigenSolver (Cholesky–QR), all modes
    SparseShiftInvert, // Lanczos on (K − σM)⁻¹M with a sparse LDLᵀ, only the wanted modes
};
const char* eigenSolverName(EigenSolverKind kind); // "auto", "dense", "sparse"
bool parseEigenSolver(const std::string& text, EigenSolverKind& kind);

// Dense is exact and simple but O(n³): about 2 s at 800 DOFs on the reference machine.
inline constexpr int kDenseSolverDofs = 240;
// Refuse a dense solve beyond this (memory and minutes).
inline constexpr int kMaxDenseDofs = 4000;

// Which eigenpairs of K x = λ M x are wanted: every λ < lambdaMax, but at least the lowest
// minCount and at most the lowest maxCount.
struct EigenRequest {
    double lambdaMax = 0.0;
    std::size_t minCount = 0;
    std::size_t maxCount = 200;
};

struct EigenPairs {
    Eigen::VectorXd eigenvalues; // ascending
    Eigen::MatrixXd vectors;     // columns, M-normalised (xᵀMx = 1)
    // Eigenvalues below lambdaMax by Sylvester's law of inertia (the count of negative pivots of
    // K − λmax M); −1 when not computed (dense path).
    long long belowLimit = -1;
    bool truncated = false; // more than maxCount eigenvalues lay below lambdaMax
    std::string method;     // "dense" or "sparse shift-invert Lanczos"
};

// K symmetric positive definite, M symmetric positive definite, both with both triangles stored.
// Throws std::runtime_error if the sparse path cannot converge (it verifies its count of
// eigenvalues against the inertia of K − λM, so it does not silently miss a mode).
EigenPairs lowestEigenpairs(const Eigen::SparseMatrix<double>& k,
                            const Eigen::SparseMatrix<double>& m, const EigenRequest& request,
                            EigenSolverKind kind = EigenSolverKind::Auto,
                            Progress& progress = Progress::none());

// Number of eigenvalues of K x = λ M x below `lambda` (inertia of K − λM), or −1 if the
// factorisation fails (λ is then an eigenvalue to working precision).
long long eigenvaluesBelow(const Eigen::SparseMatrix<double>& k,
                           const Eigen::SparseMatrix<double>& m, double lambda);

} // namespace dtop::fe
