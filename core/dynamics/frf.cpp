// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/frf.h"

#include "dynamics/frequency_grid.h"
#include "dynamics/tridiagonal_solver.h"
#include "model/profile.h"

#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace dtop::dynamics {

namespace {
std::vector<double> toStd(const Eigen::VectorXd& v)
{
    return std::vector<double>(v.data(), v.data() + v.size());
}
} // namespace

FrfEvaluator::FrfEvaluator(const ShearBuilding& building)
    : m_n(building.dofs()), m_mass(toStd(building.masses())),
      m_kDiag(toStd(building.stiffness().diagonal)), m_kOff(toStd(building.stiffness().offDiagonal)),
      m_cDiag(toStd(building.damping().diagonal)), m_cOff(toStd(building.damping().offDiagonal))
{
}

bool FrfEvaluator::receptance(double omega, std::size_t inputFloor,
                              std::complex<double>* out) const
{
    using C = std::complex<double>;
    constexpr std::size_t kMax = model::kMaxStoreys;
    std::array<C, kMax> dl, d, du;
    const double w2 = omega * omega;
    for (std::size_t i = 0; i < m_n; ++i) {
        d[i] = C(m_kDiag[i] - w2 * m_mass[i], omega * m_cDiag[i]);
        out[i] = C(0.0, 0.0);
    }
    for (std::size_t i = 0; i + 1 < m_n; ++i)
        dl[i] = du[i] = C(m_kOff[i], omega * m_cOff[i]);
    out[inputFloor] = C(1.0, 0.0);
    if (solveTridiagonal(m_n, dl.data(), d.data(), du.data(), out))
        return true;
    for (std::size_t i = 0; i < m_n; ++i)
        out[i] = C(std::numeric_limits<double>::infinity(), 0.0);
    return false;
}

InputIssues FrfInput::validate() const
{
    InputIssues issues = profile.validate();
    const int n = static_cast<int>(profile.storeys());
    if (inputFloor < 1 || (n >= 1 && inputFloor > n))
        issues.push_back({"input_floor", "input floor must be between 1 and " +
                                             std::to_string(std::max(n, 1)) + ", got " +
                                             std::to_string(inputFloor)});
    if (!frequenciesHz.empty()) {
        if (frequenciesHz.size() > kMaxFrfPoints)
            issues.push_back({"frequencies", "at most " + std::to_string(kMaxFrfPoints) +
                                                 " frequencies, got " +
                                                 std::to_string(frequenciesHz.size())});
        checkFrequencyList(frequenciesHz, issues);
        return issues;
    }
    const bool fminOk = std::isfinite(fminHz) && (logarithmic ? fminHz > 0.0 : fminHz >= 0.0);
    if (!fminOk)
        issues.push_back({"fmin", std::string("fmin must be ") +
                                      (logarithmic ? "> 0 Hz on a logarithmic grid" : ">= 0 Hz") +
                                      ", got " + formatValue(fminHz)});
    if (!std::isfinite(fmaxHz) || !(fmaxHz > fminHz))
        issues.push_back({"fmax", "fmax must be a finite number > fmin (" + formatValue(fminHz) +
                                      " Hz), got " + formatValue(fmaxHz)});
    if (points < 2 || points > kMaxFrfPoints)
        issues.push_back({"points", "points must be between 2 and " +
                                        std::to_string(kMaxFrfPoints) + ", got " +
                                        std::to_string(points)});
    return issues;
}

std::vector<double> FrfInput::grid() const
{
    if (!frequenciesHz.empty())
        return frequenciesHz;
    return logarithmic ? logGrid(fminHz, fmaxHz, points) : linearGrid(fminHz, fmaxHz, points);
}

FrfResult runFrf(const FrfInput& input)
{
    const ShearBuilding building(input.profile);
    const FrfEvaluator evaluator(building);
    const std::size_t n = building.dofs();

    FrfResult result;
    result.quantity = input.quantity;
    result.inputFloor = input.inputFloor;
    result.frequencyHz = input.grid();
    const std::size_t count = result.frequencyHz.size();
    result.floors.assign(n, std::vector<std::complex<double>>(count));

    std::array<std::complex<double>, model::kMaxStoreys> x;
    const auto input0 = static_cast<std::size_t>(input.inputFloor - 1);
    for (std::size_t k = 0; k < count; ++k) {
        const double omega = 2.0 * std::numbers::pi * result.frequencyHz[k];
        evaluator.receptance(omega, input0, x.data());
        for (std::size_t i = 0; i < n; ++i)
            result.floors[i][k] = fromReceptance(x[i], omega, input.quantity);
    }
    return result;
}

} // namespace dtop::dynamics
