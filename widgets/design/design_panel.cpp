// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/design/design_panel.h"

#include "common/progress.h"
#include "design/design.h"
#include "design/design_json.h"
#include "models/active_profile.h"
#include "widgets/design/design_form.h"
#include "widgets/design/design_plots.h"
#include "widgets/heat_map.h"
#include "widgets/design/result_tables.h"
#include "widgets/panel_json.h"
#include "widgets/plot_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace dtop::widgets {

namespace {

AnalysisPanel::Texts designTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Design under uncertainty");
    t.runTip = QObject::tr("Propagate the input distributions and compute the sensitivities "
                           "(Ctrl+Enter)");
    t.cancelTip = QObject::tr("Stop the computation (Esc)");
    t.idle = QObject::tr("Press Run (Ctrl+Enter).");
    t.cancelled = QObject::tr("Cancelled.");
    return t;
}

QWidget* column(QWidget* top, QWidget* bottom, int bottomMaxHeight = 0)
{
    auto* w = new QWidget;
    auto* l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    if (top)
        l->addWidget(top, 1);
    if (bottom) {
        if (bottomMaxHeight > 0)
            bottom->setMaximumHeight(bottomMaxHeight);
        l->addWidget(bottom);
    }
    return w;
}

// The prototype's estimates of a legacy run in the shape the plots take.
design::FisherResult legacyFisher(const design::LegacyResult& L)
{
    design::FisherResult f;
    f.computed = L.computed;
    f.method = L.label;
    f.matrixScaled = L.matrixScaled;
    f.eigenvaluesScaled = L.eigenvaluesScaled;
    f.diagonalScaled = L.diagonalScaled;
    const Eigen::Index n = L.matrixScaled.rows();
    f.correlation = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            const double d = std::sqrt(std::abs(L.matrixScaled(i, i) * L.matrixScaled(j, j)));
            f.correlation(i, j) = d > 0.0 ? L.matrixScaled(i, j) / d : 0.0;
        }
    return f;
}

design::ProbabilityResult legacyProbability(const design::DesignResult& r)
{
    const design::LegacyResult& L = r.legacyResult;
    design::ProbabilityResult p;
    p.computed = L.computed;
    p.output = r.outputs.empty() ? std::string() : r.outputs.front().name;
    p.unit = r.outputs.empty() ? std::string() : r.outputs.front().unit;
    p.threshold = L.thresholds.empty() ? 0.0 : L.thresholds.front();
    p.value = L.probability;
    p.stdError = std::sqrt(L.probability * (1.0 - L.probability) /
                           static_cast<double>(std::max<std::size_t>(L.samples, 1)));
    p.gradientScaled = L.gradientScaled;
    p.gradientStdError = L.gradientStdError;
    p.method = "prototype's estimator (likelihood ratio without baseline)";
    return p;
}

} // namespace

DesignPanel::DesignPanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, designTexts(), parent), m_active(context.activeProfile)
{
    m_form = new DesignForm(this);
    QWidget* side = formColumn(m_form, 390); // run controls below the form

    auto* area = new QWidget(this);
    m_summary = new QLabel(tr("No result yet."), area);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* choiceRow = new QHBoxLayout;
    m_outputChoice = new QComboBox(area);
    m_outputChoice->setToolTip(tr("The output the distribution and Sobol' tabs show"));
    choiceRow->addWidget(new QLabel(tr("Output shown:"), area));
    choiceRow->addWidget(m_outputChoice);
    choiceRow->addStretch(1);
    m_tabs = new QTabWidget(area);

    m_distribution = new PlotView;
    m_statsTable = makeResultTable({tr("Output"), tr("Nominal"), tr("Mean ± s.e."), tr("Std ± s.e."),
                                    tr("Skewness"), tr("5 %"), tr("Median"), tr("95 %"), tr("N")},
                                   area);
    m_tabs->addTab(column(m_distribution, m_statsTable, 130), tr("Distributions"));
    m_frf = new PlotView;
    m_tabs->addTab(m_frf, tr("Nominal FRF"));

    auto* sobolSplit = new QSplitter(Qt::Vertical);
    m_sobol = new PlotView(sobolSplit);
    m_sobolConvergence = new PlotView(sobolSplit);
    m_sobolTable = makeResultTable({tr("Input"), tr("S_i"), tr("95 % CI"), tr("ST_i"), tr("95 % CI"),
                                    tr("S_i (Jansen)"), tr("ST_i (Homma)")},
                                   area);
    sobolSplit->addWidget(m_sobolTable);
    sobolSplit->setSizes({420, 300, 160});
    m_tabs->addTab(sobolSplit, tr("Sobol' indices"));

    auto* fisher = new QWidget;
    auto* fisherLayout = new QVBoxLayout(fisher);
    fisherLayout->setContentsMargins(0, 0, 0, 0);
    m_fisherStatus = new QLabel(fisher);
    m_fisherStatus->setWordWrap(true);
    fisherLayout->addWidget(m_fisherStatus);
    // Heat map | eigenvalues above, convergence | eigenvector table below.
    auto* fisherSplit = new QSplitter(Qt::Vertical, fisher);
    auto* fisherTop = new QSplitter(Qt::Horizontal, fisherSplit);
    auto* fisherBottom = new QSplitter(Qt::Horizontal, fisherSplit);
    auto* mapSide = new QWidget(fisherTop);
    auto* mapLayout = new QVBoxLayout(mapSide);
    mapLayout->setContentsMargins(0, 0, 0, 0);
    m_heatMapForm = new QComboBox(mapSide);
    m_heatMapForm->addItem(tr("correlation form F̃_jk/√(F̃_jj F̃_kk)"), QStringLiteral("correlation"));
    m_heatMapForm->addItem(tr("signed log10(1 + |F̃_jk|)"), QStringLiteral("signed-log"));
    m_heatMapForm->setToolTip(tr("How the scaled Fisher information F̃ = diag(b)·F·diag(b) is coloured"));
    mapLayout->addWidget(m_heatMapForm);
    m_heatMap = new HeatMap(mapSide);
    m_heatMap->setToolTip(tr("Right-click to save the heat map as PNG or CSV"));
    mapLayout->addWidget(m_heatMap, 1);
    m_eigenvalues = new PlotView(fisherTop);
    m_fisherConvergence = new PlotView(fisherBottom);
    m_eigenTable = makeResultTable({tr("k"), tr("λ̃_k ± s.e."), tr("N/2"), tr("largest entries of q_k")},
                                   fisherBottom);
    fisherBottom->addWidget(m_eigenTable);
    fisherTop->setSizes({500, 500});
    fisherBottom->setSizes({500, 500});
    fisherSplit->setSizes({600, 400});
    fisherLayout->addWidget(fisherSplit, 1);
    m_tabs->addTab(fisher, tr("Fisher information"));

    auto* probability = new QWidget;
    auto* probabilityLayout = new QVBoxLayout(probability);
    probabilityLayout->setContentsMargins(0, 0, 0, 0);
    m_probabilityStatus = new QLabel(probability);
    m_probabilityStatus->setWordWrap(true);
    probabilityLayout->addWidget(m_probabilityStatus);
    auto* probabilitySplit = new QSplitter(Qt::Vertical, probability);
    m_gradient = new PlotView(probabilitySplit);
    m_parameterTable = makeResultTable({tr("Parameter b_j"), tr("Value"), tr("Scale s_j"),
                                        tr("F̃_jj ± s.e."), tr("F̃_jj bound"), tr("s_j·∂P/∂b_j ± s.e."),
                                        tr("Info. bound"), tr("KL(ε = 10 %) [nats]")},
                                       probabilitySplit);
    probabilitySplit->addWidget(m_parameterTable);
    probabilitySplit->setSizes({650, 300});
    probabilityLayout->addWidget(probabilitySplit, 1);
    m_tabs->addTab(probability, tr("Probability"));

    auto* areaLayout = new QVBoxLayout(area);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    areaLayout->addWidget(staleBanner());
    areaLayout->addWidget(m_summary);
    areaLayout->addLayout(choiceRow);
    areaLayout->addWidget(m_tabs, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(area);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    split->setSizes({390, 10000});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    for (PlotView* p : {m_distribution, m_frf, m_sobol, m_sobolConvergence, m_eigenvalues,
                        m_fisherConvergence, m_gradient})
        p->setTitle(tr("Press Run"));
    m_heatMap->setTitle(tr("Scaled Fisher information"));

    connect(m_form, &DesignForm::changed, this, [this] { inputsChanged(); });
    connect(m_form, &DesignForm::profileInputsRequested, this, &DesignPanel::onProfileInputs);
    connect(m_outputChoice, &QComboBox::currentIndexChanged, this, [this] { drawShownOutput(); });
    connect(m_heatMapForm, &QComboBox::currentIndexChanged, this, [this] { drawFisherMap(); });
    inputsChanged();
}

DesignPanel::~DesignPanel() = default;

void DesignPanel::onProfileInputs()
{
    const model::Profile& profile = m_active.profile();
    design::DesignInput in = currentInput();
    in.inputs = design::DesignInput::inputsForProfile(profile);
    in.outputs = {{design::OutputKind::Displacement, static_cast<int>(profile.storeys())}};
    in.threshold.reset();
    m_form->setInput(in);
    inputsChanged();
}

design::DesignInput DesignPanel::currentInput(InputIssues* issues) const
{
    return m_form->input(issues);
}

std::optional<AnalysisPanel::Run> DesignPanel::prepareRun(InputIssues& issues)
{
    const design::DesignInput input = currentInput(&issues);
    if (issues.empty())
        issues = input.validate();
    if (!issues.empty())
        return std::nullopt;
    Run run;
    run.input = design::designInputToJson(input);
    run.work = [this, input](Progress& progress, const ShowPartial&) -> Outcome {
        auto result = std::make_shared<design::DesignResult>(design::runDesign(input, progress));
        Outcome out;
        nlohmann::json outputs = nlohmann::json::array();
        for (const auto& o : result->outputs)
            outputs.push_back(o.name);
        out.summary = {{"outputs", outputs}, {"legacy", result->legacy}};
        if (result->probability.computed)
            out.summary["probability"] = result->probability.value;
        if (result->fisher.computed && !result->fisher.eigenvaluesScaled.empty())
            out.summary["fisher_lambda1_scaled"] = result->fisher.eigenvaluesScaled.front();
        out.seed = input.seed;
        out.show = [this, result] { showResult(std::move(*result)); };
        return out;
    };
    return run;
}

void DesignPanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void DesignPanel::fillOutputChoice()
{
    const QString previous = m_outputChoice->currentText();
    QSignalBlocker block(m_outputChoice);
    m_outputChoice->clear();
    for (const auto& o : m_result->outputs)
        m_outputChoice->addItem(QString::fromStdString(o.name));
    const int keep = m_outputChoice->findText(previous);
    m_outputChoice->setCurrentIndex(keep >= 0 ? keep : 0);
}

void DesignPanel::showResult(design::DesignResult result)
{
    m_result = std::move(result);
    const design::DesignResult& r = *m_result;
    m_shownFisher = r.legacy ? legacyFisher(r.legacyResult) : r.fisher;
    m_shownProbability = r.legacy ? legacyProbability(r) : r.probability;
    fillOutputChoice();

    QString text = r.legacy ? tr("<b>Prototype's estimators (legacy mode, not corrected)</b>: ") : QString();
    text += tr("N = %1 %2 samples at %3 Hz, seed %4, %5 s.")
                .arg(r.samples)
                .arg(r.sampling == uq::SamplingMethod::Sobol ? tr("Sobol' QMC") : tr("Monte Carlo"))
                .arg(r.frequencyHz, 0, 'g', 5)
                .arg(r.seed)
                .arg(r.seconds, 0, 'f', 2);
    if (r.sobol.computed)
        text += tr(" Sobol': N_s = %1 rows, largest CI half-width %2%3.")
                    .arg(r.sobol.rows)
                    .arg(r.sobol.maxHalfWidth, 0, 'f', 4)
                    .arg(r.sobol.toleranceMet ? QString() : tr(" (tolerance not met)"));
    if (m_shownFisher.computed && !m_shownFisher.eigenvaluesScaled.empty())
        text += tr(" λ̃₁ = %1%2.")
                    .arg(m_shownFisher.eigenvaluesScaled.front(), 0, 'g', 4)
                    .arg(r.legacy ? QString() : m_shownFisher.converged ? tr(" (converged)") : tr(" (NOT converged: a lower bound)"));
    if (m_shownProbability.computed)
        text += tr(" P(%1 < %2 %3) = %4 ± %5.")
                    .arg(QString::fromStdString(m_shownProbability.output))
                    .arg(m_shownProbability.threshold, 0, 'g', 6)
                    .arg(QString::fromStdString(m_shownProbability.unit))
                    .arg(m_shownProbability.value, 0, 'f', 5)
                    .arg(m_shownProbability.stdError, 0, 'f', 5);
    m_summary->setText(text);

    fillStatisticsTable(*m_statsTable, r);
    drawNominalFrf(*m_frf, r.nominal);
    // The legend names the marked analysis and natural frequencies.
    m_frf->setTitle(tr("Nominal FRF (%1)")
                        .arg(QString::fromStdString(r.nominal.forcing)));
    drawShownOutput();
    drawFisher();

    const std::vector<design::ParameterInfo>& params = r.parameters;
    drawProbabilityGradient(*m_gradient, params, m_shownProbability);
    if (m_shownProbability.computed) {
        // (Chart titles read "<" as the start of markup: the words say it instead.)
        m_gradient->setTitle(tr("b·∂P/∂b of P(%1 below %2 %3)%4")
                                 .arg(QString::fromStdString(m_shownProbability.output))
                                 .arg(m_shownProbability.threshold, 0, 'g', 6)
                                 .arg(QString::fromStdString(m_shownProbability.unit))
                                 .arg(r.legacy ? tr(" — prototype's estimator") : QString()));
        QString p = tr("P(%1 < %2 %3) = %4 ± %5 (%6).")
                        .arg(QString::fromStdString(m_shownProbability.output))
                        .arg(m_shownProbability.threshold, 0, 'g', 6)
                        .arg(QString::fromStdString(m_shownProbability.unit))
                        .arg(m_shownProbability.value, 0, 'f', 5)
                        .arg(m_shownProbability.stdError, 0, 'f', 5)
                        .arg(QString::fromStdString(m_shownProbability.method));
        if (!r.legacy && !m_shownProbability.boundScaled.empty())
            p += tr(" Information ratio %1 (≤ 1), every gradient %2 its information bound.")
                     .arg(m_shownProbability.informationRatio, 0, 'f', 3)
                     .arg(m_shownProbability.withinBound ? tr("within") : tr("NOT within"));
        m_probabilityStatus->setText(p);
    } else {
        m_gradient->setTitle(tr("Probability not computed"));
        m_probabilityStatus->setText(tr("Probability not computed (tick it in the form)."));
    }
    fillParameterTable(*m_parameterTable, params, m_shownFisher, m_shownProbability,
                       r.legacy ? design::KlView() : r.kl);
}

void DesignPanel::drawShownOutput()
{
    if (!m_result)
        return;
    const design::DesignResult& r = *m_result;
    const std::size_t k = static_cast<std::size_t>(std::max(0, m_outputChoice->currentIndex()));
    drawDistribution(*m_distribution, r, k);
    if (k < r.outputs.size()) {
        const auto& o = r.outputs[k];
        // Short: the table below gives the standard errors and the quantiles.
        m_distribution->setTitle(tr("%1: mean %2, sd %3")
                                     .arg(QString::fromStdString(o.label))
                                     .arg(o.statistics.mean, 0, 'g', 5)
                                     .arg(o.statistics.std, 0, 'g', 5));
    }
    const design::SobolOutputResult* s = nullptr;
    if (r.sobol.computed && k < r.outputs.size())
        for (const auto& so : r.sobol.outputs)
            if (so.output == r.outputs[k].name)
                s = &so;
    if (s) {
        drawSobolBars(*m_sobol, *s);
        m_sobol->setTitle(tr("Sobol' indices of %1, N_s = %2, 95 % CI, Σ S_i = %3")
                              .arg(QString::fromStdString(s->output))
                              .arg(r.sobol.rows)
                              .arg(s->sumFirst, 0, 'f', 3));
        drawSobolConvergence(*m_sobolConvergence, *s);
        m_sobolConvergence->setTitle(
            s->convergence.rows.empty()
                ? tr("Convergence against N_s: needs at least 2048 rows (%1 used)").arg(r.sobol.rows)
                : tr("Convergence against N_s (five largest ST_i)"));
        fillSobolTable(*m_sobolTable, *s);
    } else {
        m_sobol->clear();
        m_sobolConvergence->clear();
        m_sobolTable->setRowCount(0);
        const QString why = r.legacy ? tr("Sobol' indices: not part of the prototype's estimators")
                                     : tr("Sobol' indices not computed");
        m_sobol->setTitle(why);
        m_sobolConvergence->setTitle(why);
    }
}

void DesignPanel::drawFisher()
{
    const design::FisherResult& f = m_shownFisher;
    const design::DesignResult& r = *m_result;
    QString outputs;
    for (const auto& o : r.outputs)
        outputs += (outputs.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(o.name);
    if (!f.computed) {
        m_heatMap->clear();
        m_heatMap->setTitle(tr("Fisher information not computed"));
        m_eigenvalues->clear();
        m_fisherConvergence->clear();
        m_eigenvalues->setTitle(tr("Fisher information not computed"));
        m_fisherConvergence->setTitle(QString());
        m_eigenTable->setRowCount(0);
        m_fisherStatus->setText(tr("Fisher information not computed (tick it in the form)."));
        return;
    }
    drawFisherMap();
    m_heatMap->setTitle(tr("Scaled Fisher information of {%1}%2").arg(outputs,
                        r.legacy ? tr(" — prototype's estimator") : QString()));
    drawFisherEigenvalues(*m_eigenvalues, f);
    m_eigenvalues->setTitle(tr("Eigenvalues of F̃%1")
                                .arg(r.legacy ? tr(" (prototype's)") : QString()));
    drawFisherConvergence(*m_fisherConvergence, f);
    m_fisherConvergence->setTitle(r.legacy ? tr("No convergence diagnostic in the prototype")
                                           : tr("Leading λ̃ against cells")); // legend: half sample
    fillEigenTable(*m_eigenTable, f, r.parameters);
    if (r.legacy) {
        m_fisherStatus->setText(tr("<b>Prototype's estimator</b> (%1): biased by noise, not converged; "
                                   "shown for comparison only.")
                                    .arg(QString::fromStdString(f.method)));
        return;
    }
    QString bins;
    for (std::size_t b : f.binsPerAxis)
        bins += (bins.isEmpty() ? QString() : QStringLiteral("×")) + QString::number(b);
    m_fisherStatus->setText(
        tr("%1 on %2 cells (%3) in %4. Converged: <b>%5</b> — largest change of a leading "
           "eigenvalue from the next-coarser partition %6 %, relative s.e. %7 % (tolerance %8 %). "
           "Upper bound: largest generalised eigenvalue against the input information %9 (≤ 1).")
            .arg(QString::fromStdString(f.method))
            .arg(f.cells)
            .arg(bins)
            .arg(QString::fromStdString(f.coordinates))
            .arg(f.converged ? tr("yes") : tr("no, a lower bound"))
            .arg(100.0 * f.relativeChange, 0, 'f', 2)
            .arg(100.0 * f.relativeStdError, 0, 'f', 2)
            .arg(100.0 * f.tolerance, 0, 'g', 3)
            .arg(f.boundRatio, 0, 'f', 4));
}

QList<ToolPanel::NamedPlot> DesignPanel::plots() const
{
    return {{QStringLiteral("output_distribution"), m_distribution},
            {QStringLiteral("nominal_frf"), m_frf},
            {QStringLiteral("sobol_indices"), m_sobol},
            {QStringLiteral("sobol_convergence"), m_sobolConvergence},
            {QStringLiteral("fisher_eigenvalues"), m_eigenvalues},
            {QStringLiteral("fisher_convergence"), m_fisherConvergence},
            {QStringLiteral("probability_gradient"), m_gradient}};
}

void DesignPanel::drawFisherMap()
{
    if (!m_result)
        return;
    drawFisherHeatMap(*m_heatMap, m_result->parameters, m_shownFisher,
                      m_heatMapForm->currentIndex() == 0);
}

QList<ToolPanel::NamedFigure> DesignPanel::figures() const
{
    return {{QStringLiteral("fisher_heat_map"), m_heatMap}};
}

PlotView* DesignPanel::currentPlot() const
{
    QWidget* w = m_tabs->currentWidget();
    if (auto* p = qobject_cast<PlotView*>(w))
        return p;
    switch (m_tabs->currentIndex()) {
    case 0:
        return m_distribution;
    case 2:
        return m_sobol;
    case 3:
        return m_eigenvalues;
    default:
        return m_gradient;
    }
}

nlohmann::json DesignPanel::reportInput() const
{
    InputIssues issues;
    const design::DesignInput input = currentInput(&issues);
    nlohmann::json j = design::designInputToJson(input);
    addIssues(j, issues);
    j["heat_map"] = m_heatMapForm->currentData().toString().toStdString();
    return j;
}

nlohmann::json DesignPanel::reportResult() const
{
    return m_result ? design::designResultToJson(*m_result) : nlohmann::json::object();
}

void DesignPanel::applyInput(const nlohmann::json& json)
{
    if (!json.is_object())
        return;
    nlohmann::json keys = json;
    keys.erase("issues");
    if (keys.contains("heat_map") && keys["heat_map"].is_string()) {
        const int index = m_heatMapForm->findData(QString::fromStdString(keys["heat_map"].get<std::string>()));
        if (index >= 0)
            m_heatMapForm->setCurrentIndex(index);
    }
    keys.erase("heat_map");
    // "tab": the tab to show ("Fisher information", ...), for screenshots of a chosen view.
    applyTabKey(keys, m_tabs);
    std::string shown;
    if (keys.contains("shown_output") && keys["shown_output"].is_string())
        shown = keys["shown_output"].get<std::string>();
    keys.erase("shown_output");
    try {
        nlohmann::json merged = design::designInputToJson(currentInput());
        for (const auto& [k, v] : keys.items()) {
            // Inputs named one by one change those inputs only; a set with a name the form
            // does not have (another storey count) replaces them all.
            bool known = k == "inputs" && v.is_object();
            if (known)
                for (const auto& item : v.items())
                    known = known && merged["inputs"].contains(item.key());
            if (known)
                for (const auto& [name, value] : v.items())
                    merged["inputs"][name] = value;
            else
                merged[k] = v;
        }
        m_form->setInput(design::designInputFromJson(merged));
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
    }
    inputsChanged();
    if (!shown.empty()) {
        finishPendingWork();
        const int index = m_outputChoice->findText(QString::fromStdString(shown));
        if (index >= 0)
            m_outputChoice->setCurrentIndex(index);
    }
}

void DesignPanel::saveSettings(QSettings& settings) const
{
    nlohmann::json j = reportInput();
    j.erase("issues");
    settings.setValue(QStringLiteral("input"), QString::fromStdString(j.dump()));
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

void DesignPanel::restoreSettings(QSettings& settings)
{
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
    const QString text = settings.value(QStringLiteral("input")).toString();
    if (text.isEmpty())
        return;
    const auto j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!j.is_discarded())
        applyInput(j);
}

} // namespace dtop::widgets
