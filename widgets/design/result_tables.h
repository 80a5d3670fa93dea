// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/table_csv.h" // tableCsv: the tables' CSV

#include "design/design_result.h"

#include <QStringList>

class QTableWidget;
class QWidget;

namespace dtop::widgets {

// The result tables of the `design` tool. Each is read-only, and right-click copies it or saves
// it as CSV (tab- or comma-separated text of what is shown).
QTableWidget* makeResultTable(const QStringList& headers, QWidget* parent);

// Per selected output: nominal, mean ± s.e., sd ± s.e., skewness, 5 % and 95 % quantiles.
void fillStatisticsTable(QTableWidget& table, const design::DesignResult& r);
// Per random input: S_i [CI], ST_i [CI], the cross-check estimators.
void fillSobolTable(QTableWidget& table, const design::SobolOutputResult& s);
// Per eigenvalue: λ̃_k ± s.e., the half-sample value, and the eigenvector's largest entries.
void fillEigenTable(QTableWidget& table, const design::FisherResult& f,
                    const std::vector<design::ParameterInfo>& parameters);
// Per parameter: value, scale, F̃_jj ± s.e., bound, scaled gradient ± s.e., information bound,
// local KL divergence of a relative change ε of the parameter.
void fillParameterTable(QTableWidget& table, const std::vector<design::ParameterInfo>& parameters,
                        const design::FisherResult& f, const design::ProbabilityResult& p,
                        const design::KlView& kl);

} // namespace dtop::widgets
