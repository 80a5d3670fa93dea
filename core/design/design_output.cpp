// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/design_output.h"

#include <cctype>

namespace dtop::design {

const char* shearDefinitionName(ShearDefinition definition)
{
    return definition == ShearDefinition::Prototype ? "prototype" : "complex";
}

bool parseShearDefinition(const std::string& text, ShearDefinition& definition)
{
    for (auto d : {ShearDefinition::Complex, ShearDefinition::Prototype})
        if (text == shearDefinitionName(d)) {
            definition = d;
            return true;
        }
    return false;
}

std::string outputName(const OutputId& id)
{
    return (id.kind == OutputKind::Displacement ? "x" : "s") + std::to_string(id.floor);
}

const char* outputUnit(const OutputId& id)
{
    return id.kind == OutputKind::Displacement ? "m" : "N";
}

std::string outputLabel(const OutputId& id)
{
    return std::string(id.kind == OutputKind::Displacement ? "displacement " : "shear force ") +
           outputName(id) + " [" + outputUnit(id) + "]";
}

bool parseOutputName(const std::string& text, std::size_t storeys, OutputId& id)
{
    if (text.size() < 2 || (text[0] != 'x' && text[0] != 's'))
        return false;
    int floor = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])) || floor > 1000)
            return false;
        floor = floor * 10 + (text[i] - '0');
    }
    if (text[1] == '0' || floor < 1 || static_cast<std::size_t>(floor) > storeys)
        return false;
    id.kind = text[0] == 'x' ? OutputKind::Displacement : OutputKind::Shear;
    id.floor = floor;
    return true;
}

std::vector<OutputId> allOutputs(std::size_t storeys)
{
    std::vector<OutputId> ids;
    for (auto kind : {OutputKind::Displacement, OutputKind::Shear})
        for (std::size_t i = 1; i <= storeys; ++i)
            ids.push_back({kind, static_cast<int>(i)});
    return ids;
}

} // namespace dtop::design
