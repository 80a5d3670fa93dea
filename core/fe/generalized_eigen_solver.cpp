// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/generalized_eigen_solver.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SparseCholesky>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace dtop::fe {

namespace {

using Sparse = Eigen::SparseMatrix<double>;

// Which eigenpairs to return once the spectrum below lambdaMax is known.
std::size_t wantedCount(long long below, const EigenRequest& r, std::size_t n) {
    std::size_t want = below < 0 ? 0 : static_cast<std::size_t>(below);
    want = std::max(want, r.minCount);
    want = std::min(want, r.maxCount);
    return std::min(want, n);
}

EigenPairs denseLowest(const Sparse& k, const Sparse& m, const EigenRequest& request) {
    const Eigen::Index n = k.rows();
    if (n > kMaxDenseDofs)
        throw std::invalid_argument("the dense eigensolver is limited to " +
                                    std::to_string(kMaxDenseDofs) + " DOFs, the model has " +
                                    std::to_string(n) + "; use the sparse solver");
    const Eigen::MatrixXd kd(k), md(m);
    Eigen::GeneralizedSelfAdjointEigenSolver<Eigen::MatrixXd> solver(kd, md);
    if (solver.info() != Eigen::Success)
        throw std::runtime_error("dense generalized eigensolver failed (M not positive definite?)");
    const Eigen::VectorXd& values = solver.eigenvalues();
    long long below = 0;
    for (Eigen::Index i = 0; i < n; ++i)
        if (values(i) < request.lambdaMax)
            ++below;
    const std::size_t want = wantedCount(below, request, static_cast<std::size_t>(n));
    EigenPairs out;
    out.eigenvalues = values.head(static_cast<Eigen::Index>(want));
    out.vectors = solver.eigenvectors().leftCols(static_cast<Eigen::Index>(want));
    out.belowLimit = below;
    out.truncated = static_cast<std::size_t>(below) > request.maxCount;
    out.method = "dense";
    return out;
}

// Shift-invert Lanczos (σ = 0, K positive definite) in the M inner product with full
// reorthogonalisation, after Ericsson & Ruhe (Math. Comp. 35, 1980) and Grimes, Lewis & Simon
// (SIAM J. Matrix Anal. Appl. 15(1), 1994). A run stops when its leading Ritz values have
// converged; converged pairs are locked and deflated from every later run, and the count is
// checked against the inertia of K − λM, so an exactly repeated eigenvalue (which one Krylov
// sequence cannot see twice) is found by a further run from a fresh start vector.
class ShiftInvertLanczos {
public:
    ShiftInvertLanczos(const Sparse& k, const Sparse& m, Progress& progress)
        : m_k(k), m_m(m), m_n(k.rows()), m_progress(progress) {
        m_factor.compute(k);
        if (m_factor.info() != Eigen::Success)
            throw std::runtime_error("sparse LDLᵀ of the stiffness matrix failed "
                                     "(the structure is not restrained)");
    }

    EigenPairs solve(const EigenRequest& request) {
        EigenPairs out;
        out.method = "sparse shift-invert Lanczos";
        long long below = 0;
        if (request.lambdaMax > 0.0) {
            below = eigenvaluesBelow(m_k, m_m, request.lambdaMax);
            if (below < 0)
                below = eigenvaluesBelow(m_k, m_m, request.lambdaMax * (1.0 + 1e-9));
            if (below < 0)
                throw std::runtime_error("inertia count of K − λM failed at the frequency limit");
        }
        out.belowLimit = below;
        out.truncated = static_cast<std::size_t>(below) > request.maxCount;
        const std::size_t want = wantedCount(below, request, static_cast<std::size_t>(m_n));
        const bool byLimit = want == static_cast<std::size_t>(below);

        for (int run = 0; run < 64; ++run) {
            std::size_t need;
            if (m_lambdas.size() < want) {
                need = want - m_lambdas.size();
            } else {
                const std::size_t missing = missingBelow(request, want, byLimit);
                if (missing == 0)
                    break;
                need = missing;
            }
            if (static_cast<Eigen::Index>(m_lambdas.size()) >= m_n)
                break;
            lanczosRun(need);
            m_progress.report(
                std::min(0.99, static_cast<double>(m_lambdas.size()) /
                                   static_cast<double>(std::max<std::size_t>(want, 1))),
                "eigenvalues");
            if (run == 63)
                throw std::runtime_error("sparse eigensolver did not converge");
        }
        // Sort and keep the lowest `want`.
        std::vector<std::size_t> order(m_lambdas.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return m_lambdas[a] < m_lambdas[b]; });
        const std::size_t count = std::min(want, order.size());
        out.eigenvalues.resize(static_cast<Eigen::Index>(count));
        out.vectors.resize(m_n, static_cast<Eigen::Index>(count));
        for (std::size_t i = 0; i < count; ++i) {
            out.eigenvalues(static_cast<Eigen::Index>(i)) = m_lambdas[order[i]];
            out.vectors.col(static_cast<Eigen::Index>(i)) =
                m_x.col(static_cast<Eigen::Index>(order[i]));
        }
        return out;
    }

private:
    // How many eigenvalues the locked set lacks below its own threshold.
    std::size_t missingBelow(const EigenRequest& request, std::size_t want, bool byLimit) {
        std::vector<double> sorted = m_lambdas;
        std::sort(sorted.begin(), sorted.end());
        double threshold;
        long long expected;
        if (byLimit) {
            threshold = request.lambdaMax;
            expected = static_cast<long long>(want);
            const auto have =
                std::lower_bound(sorted.begin(), sorted.end(), threshold) - sorted.begin();
            return expected > have ? static_cast<std::size_t>(expected - have) : 0;
        }
        threshold = sorted[want - 1] * (1.0 + 1e-7);
        expected = eigenvaluesBelow(m_k, m_m, threshold);
        if (expected < 0)
            expected = eigenvaluesBelow(m_k, m_m, threshold * (1.0 + 1e-7));
        const auto have =
            std::upper_bound(sorted.begin(), sorted.end(), threshold) - sorted.begin();
        return expected > have ? static_cast<std::size_t>(expected - have) : 0;
    }

    // M-orthogonalise w against the locked vectors and the first `count` Lanczos vectors,
    // twice ("twice is enough": Parlett, The Symmetric Eigenvalue Problem, §6.9).
    void orthogonalise(Eigen::VectorXd& w, Eigen::Index count, Eigen::VectorXd* coefficients) {
        for (int pass = 0; pass < 2; ++pass) {
            if (m_x.cols() > 0)
                w.noalias() -= m_x * (m_mx.transpose() * w);
            if (count > 0) {
                const Eigen::VectorXd c = m_mq.leftCols(count).transpose() * w;
                w.noalias() -= m_q.leftCols(count) * c;
                if (coefficients)
                    *coefficients += c;
            }
        }
    }

    void lanczosRun(std::size_t need) {
        const Eigen::Index available = m_n - static_cast<Eigen::Index>(m_lambdas.size());
        const Eigen::Index maxSteps = std::min<Eigen::Index>(
            available, std::max<Eigen::Index>(static_cast<Eigen::Index>(3 * need + 40), 60));
        m_q.resize(m_n, maxSteps + 1);
        m_mq.resize(m_n, maxSteps + 1);
        Eigen::MatrixXd h = Eigen::MatrixXd::Zero(maxSteps, maxSteps);

        std::normal_distribution<double> normal;
        Eigen::VectorXd v(m_n);
        for (Eigen::Index i = 0; i < m_n; ++i)
            v(i) = normal(m_random);
        orthogonalise(v, 0, nullptr);
        Eigen::VectorXd mv = m_m * v;
        double norm = std::sqrt(v.dot(mv));
        m_q.col(0) = v / norm;
        m_mq.col(0) = mv / norm;

        const double tolerance = 1e-9;
        Eigen::Index steps = 0;
        Eigen::VectorXd ritzValues;
        Eigen::MatrixXd ritzVectors;
        std::vector<bool> converged;
        double beta = 0.0;
        for (Eigen::Index j = 0; j < maxSteps; ++j) {
            Eigen::VectorXd w = m_factor.solve(m_mq.col(j));
            Eigen::VectorXd c = Eigen::VectorXd::Zero(j + 1);
            orthogonalise(w, j + 1, &c);
            h.col(j).head(j + 1) = c;
            const Eigen::VectorXd mw = m_m * w;
            beta = std::sqrt(std::max(0.0, w.dot(mw)));
            steps = j + 1;
            const double scale = std::abs(h(0, 0)) + std::abs(c(j));
            const bool breakdown = beta <= 1e-12 * scale;
            const bool check = breakdown || j + 1 == maxSteps ||
                               (static_cast<std::size_t>(j + 1) >= need && (j + 1) % 4 == 0);
            if (check) {
                Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ritz(
                    h.topLeftCorner(steps, steps).selfadjointView<Eigen::Upper>());
                // Descending θ = 1/λ: the lowest λ first.
                ritzValues = ritz.eigenvalues().reverse();
                ritzVectors = ritz.eigenvectors().rowwise().reverse();
                converged.assign(static_cast<std::size_t>(steps), false);
                std::size_t leading = 0;
                bool inOrder = true;
                for (Eigen::Index i = 0; i < steps; ++i) {
                    const double residual =
                        breakdown ? 0.0 : std::abs(beta * ritzVectors(steps - 1, i));
                    converged[static_cast<std::size_t>(i)] =
                        ritzValues(i) > 0.0 && residual <= tolerance * ritzValues(i);
                    if (inOrder && converged[static_cast<std::size_t>(i)])
                        ++leading;
                    else
                        inOrder = false;
                }
                const std::size_t enough =
                    std::min<std::size_t>(need + 1, static_cast<std::size_t>(available));
                if (breakdown || leading >= enough || j + 1 == maxSteps)
                    break;
            }
            m_progress.checkCancelled();
            m_q.col(j + 1) = w / beta;
            m_mq.col(j + 1) = mw / beta;
            h(j + 1, j) = beta;
            if (j + 1 < maxSteps)
                h(j, j + 1) = beta;
        }
        // Lock every converged Ritz pair.
        std::size_t locked = 0;
        for (Eigen::Index i = 0; i < steps; ++i) {
            if (!converged[static_cast<std::size_t>(i)])
                continue;
            Eigen::VectorXd x = m_q.leftCols(steps) * ritzVectors.col(i);
            orthogonalise(x, 0, nullptr);
            const Eigen::VectorXd mx = m_m * x;
            const double xnorm = std::sqrt(x.dot(mx));
            if (!(xnorm > 0.5)) // lost to deflation: a copy of a locked vector
                continue;
            m_x.conservativeResize(m_n, m_x.cols() + 1);
            m_mx.conservativeResize(m_n, m_mx.cols() + 1);
            m_x.rightCols(1) = x / xnorm;
            m_mx.rightCols(1) = mx / xnorm;
            m_lambdas.push_back(1.0 / ritzValues(i));
            ++locked;
        }
        if (locked == 0)
            throw std::runtime_error("sparse eigensolver: a Lanczos run converged no eigenpair");
    }

    const Sparse& m_k;
    const Sparse& m_m;
    Eigen::Index m_n;
    Progress& m_progress;
    Eigen::SimplicialLDLT<Sparse> m_factor;
    std::mt19937_64 m_random{0x6665u}; // fixed: the result must not depend on anything else
    Eigen::MatrixXd m_q, m_mq;         // Lanczos vectors of the current run and M times them
    Eigen::MatrixXd m_x, m_mx;         // locked eigenvectors and M times them
    std::vector<double> m_lambdas;
};

} // namespace

const char* eigenSolverName(EigenSolverKind kind) {
    switch (kind) {
    case EigenSolverKind::Dense:
        return "dense";
    case EigenSolverKind::SparseShiftInvert:
        return "sparse";
    case EigenSolverKind::Auto:
        break;
    }
    return "auto";
}

bool parseEigenSolver(const std::string& text, EigenSolverKind& kind) {
    for (auto k :
         {EigenSolverKind::Auto, EigenSolverKind::Dense, EigenSolverKind::SparseShiftInvert})
        if (text == eigenSolverName(k)) {
            kind = k;
            return true;
        }
    return false;
}

long long eigenvaluesBelow(const Sparse& k, const Sparse& m, double lambda) {
    const Sparse a = k - lambda * m;
    Eigen::SimplicialLDLT<Sparse> ldlt(a);
    if (ldlt.info() != Eigen::Success)
        return -1;
    const Eigen::VectorXd d = ldlt.vectorD();
    long long negative = 0;
    for (Eigen::Index i = 0; i < d.size(); ++i) {
        if (!std::isfinite(d(i)) || d(i) == 0.0)
            return -1;
        if (d(i) < 0.0)
            ++negative;
    }
    return negative;
}

EigenPairs lowestEigenpairs(const Sparse& k, const Sparse& m, const EigenRequest& request,
                            EigenSolverKind kind, Progress& progress) {
    if (k.rows() != k.cols() || m.rows() != k.rows() || m.cols() != k.cols())
        throw std::invalid_argument("K and M must be square and of the same size");
    if (k.rows() == 0)
        return {};
    const bool dense = kind == EigenSolverKind::Dense ||
                       (kind == EigenSolverKind::Auto && k.rows() <= kDenseSolverDofs);
    progress.report(0.0, "eigenvalues");
    if (dense)
        return denseLowest(k, m, request);
    ShiftInvertLanczos lanczos(k, m, progress);
    return lanczos.solve(request);
}

} // namespace dtop::fe
