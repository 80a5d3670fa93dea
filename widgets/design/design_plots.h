// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "design/design_result.h"

namespace dtop::widgets {

class HeatMap;
class PlotView;

// The plots of the `design` tool (docs/tools/design.md). Each clears `plot`, sets its axes
// with units and draws; the caller sets the title.

// Histogram (step line) and KDE of one output, its nominal value, mean and, for the
// probability's output, the threshold.
void drawDistribution(PlotView& plot, const design::DesignResult& r, std::size_t output);
// |X| of every floor at the input means (dB re 1 m) with the analysis frequency and the natural
// frequencies marked.
void drawNominalFrf(PlotView& plot, const design::NominalResponse& nominal);
// First-order and total Sobol' indices of one output as bars per random input with their 95 %
// bootstrap intervals.
void drawSobolBars(PlotView& plot, const design::SobolOutputResult& sobol);
// The indices of the most influential inputs against the base rows N_s (total solid, first
// order dashed).
void drawSobolConvergence(PlotView& plot, const design::SobolOutputResult& sobol);
// Scaled Fisher eigenvalues (log) with ±2 standard errors, and the half-sample estimate.
void drawFisherEigenvalues(PlotView& plot, const design::FisherResult& fisher);
// Leading scaled eigenvalues against the number of cells of each refinement level.
void drawFisherConvergence(PlotView& plot, const design::FisherResult& fisher);
// The scaled Fisher information F̃ as a heat map with one row and column per parameter: in
// correlation form F̃_jk/√(F̃_jj F̃_kk) on −1…1, or in signed-log form sign(F̃)·log10(1 + |F̃|)
// on a symmetric scale. An empty result clears the map.
void drawFisherHeatMap(HeatMap& map, const std::vector<design::ParameterInfo>& parameters,
                       const design::FisherResult& fisher, bool correlationForm);
// Scaled probability gradient s_j·∂P/∂b_j per parameter with ±2 standard errors and the
// information bound ±√(P(1−P)F̃_jj).
void drawProbabilityGradient(PlotView& plot, const std::vector<design::ParameterInfo>& parameters,
                             const design::ProbabilityResult& probability);

} // namespace dtop::widgets
