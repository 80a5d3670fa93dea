// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/chain_model.h"

#include "dynamics/shear_building.h"

namespace dtop::uq {

ChainModel ChainModel::fromProfile(const model::Profile& profile)
{
    const dynamics::ShearBuilding building(profile);
    ChainModel chain;
    chain.storeys = building.dofs();
    chain.rayleighAlpha = building.rayleighAlpha();
    chain.rayleighBeta = building.rayleighBeta();
    return chain;
}

std::vector<double> ChainModel::nominalParameters(const model::Profile& profile)
{
    const std::size_t n = profile.storeys();
    std::vector<double> p(3 * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        p[i] = profile.masses[i];
        p[n + i] = profile.stiffnesses[i];
        if (profile.damping == model::DampingModel::StoreyDampers && i < profile.dampers.size())
            p[2 * n + i] = profile.dampers[i];
    }
    return p;
}

ParameterKind parameterKind(std::size_t index, std::size_t storeys)
{
    if (index < storeys)
        return ParameterKind::Mass;
    return index < 2 * storeys ? ParameterKind::Stiffness : ParameterKind::Damping;
}

std::size_t parameterStorey(std::size_t index, std::size_t storeys)
{
    return index % storeys + 1;
}

std::string parameterName(std::size_t index, std::size_t storeys)
{
    static const char kLetters[] = {'m', 'k', 'c'};
    return std::string(1, kLetters[static_cast<int>(parameterKind(index, storeys))]) +
           std::to_string(parameterStorey(index, storeys));
}

const char* parameterUnit(ParameterKind kind)
{
    switch (kind) {
    case ParameterKind::Stiffness:
        return "N/m";
    case ParameterKind::Damping:
        return "N·s/m";
    case ParameterKind::Mass:
        break;
    }
    return "kg";
}

} // namespace dtop::uq
