// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/crossval/crossval_panel.h"
#include "widgets/table_csv.h"

#include "common/progress.h"
#include "crossval/crossval_json.h"
#include "crossval/interlab_json.h"
#include "crossval/prototype_views.h"
#include "models/workspace_session.h"
#include "widgets/crossval/crossval_form.h"
#include "widgets/crossval/crossval_plots.h"
#include "widgets/crossval/crossval_sources.h"
#include "widgets/heat_map.h"
#include "widgets/panel_json.h"
#include "widgets/plot_view.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dtop::widgets {


namespace {

AnalysisPanel::Texts crossvalTexts()
{
    AnalysisPanel::Texts t;
    t.name = QObject::tr("Cross-validation");
    t.runTip = QObject::tr("Compare the reference with the candidates (Ctrl+Enter)");
    t.cancelTip = QObject::tr("Stop the comparison (Esc)");
    t.idle = QObject::tr("Press Run (Ctrl+Enter).");
    t.cancelled = QObject::tr("Cancelled.");
    return t;
}

QString number(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("—");
}

QString signedNumber(double v, int decimals)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    return (v > 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', decimals);
}

QString list(const std::vector<double>& values, int decimals)
{
    QStringList parts;
    for (double v : values)
        parts << number(v, decimals);
    return parts.join(QStringLiteral(", "));
}

double meanOf(const std::vector<double>& values)
{
    double sum = 0.0;
    std::size_t n = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    return n ? sum / static_cast<double>(n) : std::nan("");
}


QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    addTableCsvActions(*t, QStringLiteral("crossval-table.csv"));
    return t;
}

// Room for the header and `rows` rows (and a scroll bar): the tables stay readable beside the
// plots without taking their height.
void fitRows(QTableWidget* table, int rows)
{
    const int row = table->fontMetrics().height() + 8;
    table->verticalHeader()->setDefaultSectionSize(row);
    table->setFixedHeight(table->horizontalHeader()->sizeHint().height() + rows * row + 4 +
                          table->horizontalScrollBar()->sizeHint().height());
}

void setRow(QTableWidget* table, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (c > 0)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, c, item);
    }
}

} // namespace

CrossvalPanel::CrossvalPanel(PanelContext& context, QWidget* parent)
    : AnalysisPanel(context, crossvalTexts(), parent)
{
    m_form = new CrossvalForm(this);
    QWidget* side = formColumn(m_form, 330); // run controls below the form

    auto* area = new QWidget(this);
    m_notes = new QLabel(area);
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pair = new QComboBox(area);
    m_pair->setToolTip(tr("The candidate the overlay, CSAC / CSF, FDAC and MAC tabs show"));
    m_pairRow = new QWidget(area);
    auto* pairRow = new QHBoxLayout(m_pairRow);
    pairRow->setContentsMargins(0, 0, 0, 0);
    pairRow->addWidget(new QLabel(tr("Candidate shown:"), m_pairRow));
    pairRow->addWidget(m_pair, 1);

    m_tabs = new QTabWidget(area);
    m_overlay = new PlotView;
    m_tabs->addTab(m_overlay, tr("Overlay"));
    m_signature = new PlotView;
    m_tabs->addTab(m_signature, tr("CSAC / CSF"));
    m_fdac = new HeatMap;
    m_tabs->addTab(m_fdac, tr("FDAC"));
    m_mac = new HeatMap;
    m_tabs->addTab(m_mac, tr("MAC"));
    auto* interlab = new QWidget;
    auto* interlabLayout = new QVBoxLayout(interlab);
    interlabLayout->setContentsMargins(0, 0, 0, 0);
    m_interlabPlot = new PlotView(interlab);
    m_spread = makeTable({tr("Mode"), tr("Mean [Hz]"), tr("Min [Hz]"), tr("Max [Hz]"),
                          tr("Range [Hz]"), tr("Range [%]"), tr("N")},
                         interlab);
    m_spread->setToolTip(tr("Natural frequencies over the N records of the spread (the last "
                            "columns: each record's, in Hz)"));
    fitRows(m_spread, 3);
    m_interlabNotes = new QLabel(interlab);
    m_interlabNotes->setWordWrap(true);
    interlabLayout->addWidget(m_interlabPlot, 1);
    interlabLayout->addWidget(m_spread);
    interlabLayout->addWidget(m_interlabNotes);
    m_tabs->addTab(interlab, tr("Inter-lab"));
    auto* pages = new QWidget;
    auto* pagesLayout = new QVBoxLayout(pages);
    pagesLayout->setContentsMargins(0, 0, 0, 0);
    m_view = new QComboBox(pages);
    m_view->setToolTip(tr("The prototype's cross-validation pages, with its defects fixed "
                          "(docs/tools/crossval.md)"));
    pagesLayout->addWidget(m_view);
    auto* grid = new QGridLayout;
    for (int i = 0; i < 4; ++i) {
        auto* plot = new PlotView(pages);
        m_viewPlots.push_back(plot);
        grid->addWidget(plot, i / 2, i % 2);
    }
    pagesLayout->addLayout(grid, 1);
    m_viewNotes = new QLabel(pages);
    m_viewNotes->setWordWrap(true);
    pagesLayout->addWidget(m_viewNotes);
    m_tabs->addTab(pages, tr("Prototype pages"));

    m_metrics = makeTable({tr("Candidate"), tr("Floor"), tr("FRAC"), tr("Basis"), tr("RMS Δ [dB]"),
                           tr("Mean CSAC"), tr("Reference peaks [Hz]"), tr("Candidate peaks [Hz]")},
                          area);
    m_modes = makeTable({tr("Candidate"), tr("Mode"), tr("f ref [Hz]"), tr("f cand [Hz]"),
                         tr("Δf/f [%]"), tr("MAC"), tr("ζ ref"), tr("ζ cand"), tr("Δζ")},
                        area);
    fitRows(m_metrics, 3);
    fitRows(m_modes, 3);
    m_tables = new QWidget(area);
    auto* tables = new QVBoxLayout(m_tables);
    tables->setContentsMargins(0, 0, 0, 0);
    tables->setSpacing(2);
    tables->addWidget(m_metrics);
    tables->addWidget(m_modes);
    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(m_tabs);
    vertical->addWidget(m_tables);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 0);
    vertical->setCollapsible(0, false);

    auto* areaLayout = new QVBoxLayout(area);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    areaLayout->addWidget(staleBanner());
    areaLayout->addWidget(m_pairRow);
    areaLayout->addWidget(vertical, 1);
    areaLayout->addWidget(m_notes);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(area);
    split->setStretchFactor(1, 1);
    split->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_form, &CrossvalForm::changed, this, [this] { inputsChanged(); });
    connect(m_pair, &QComboBox::currentIndexChanged, this, [this] { showPair(); });
    // The candidate selector, the tables and the notes belong to the comparison tabs; the
    // inter-lab view and the prototype's pages get the whole height.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        const bool comparison = index < 4;
        m_pairRow->setVisible(comparison);
        m_tables->setVisible(comparison);
        m_notes->setVisible(comparison);
    });
    connect(m_view, &QComboBox::currentIndexChanged, this, [this] { showPrototypeView(); });
    models::WorkspaceSession& s = session();
    for (auto signal : {&models::WorkspaceSession::datasetsChanged,
                        &models::WorkspaceSession::profilesChanged,
                        &models::WorkspaceSession::workspaceChanged})
        connect(&s, signal, this, [this] {
            refreshSources();
            inputsChanged();
        });
    refreshSources();
    inputsChanged();
}

CrossvalPanel::~CrossvalPanel() = default;

void CrossvalPanel::refreshSources()
{
    std::vector<io::SavedProfileSummary> saved;
    try {
        saved = session().savedProfiles();
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
    }
    m_form->setSourceNames(crossvalSourceNames(session().datasets(), saved));
}

nlohmann::json CrossvalPanel::formJson(crossval::CrossvalInput* input, InputIssues* issues) const
{
    const crossval::CrossvalInput in = m_form->input(issues);
    nlohmann::json j = crossval::crossvalInputToJson(in);
    j.erase("mode_source");
    j["interlab_floor"] = m_form->interlabFloor();
    j["interlab_models"] = m_form->interlabModels();
    if (input)
        *input = in;
    return j;
}

std::optional<AnalysisPanel::Run> CrossvalPanel::prepareRun(InputIssues& issues)
{
    crossval::CrossvalInput input;
    formJson(&input, &issues);
    if (!issues.empty())
        return std::nullopt;
    models::WorkspaceSession& s = session();
    WorkspaceSourceResolver resolver([&s](const std::string& id) { return s.dataset(id); },
                                     s.workspace());
    InputIssues sourceIssues;
    try {
        resolveCrossvalSources(input, resolver, sourceIssues);
    } catch (const std::exception& e) {
        sourceIssues.push_back({"reference", e.what()});
    }
    issues = sourceIssues;
    for (const InputIssue& i : input.validate()) {
        // An unloaded source was reported when it was resolved.
        const bool reported = std::any_of(sourceIssues.begin(), sourceIssues.end(),
                                          [&](const InputIssue& r) { return r.field == i.field; });
        if (!reported)
            issues.push_back(i);
    }
    if (!issues.empty())
        return std::nullopt;

    Run run;
    run.input = crossval::crossvalInputToJson(input);
    const int floor = m_form->interlabFloor();
    const bool models = m_form->interlabModels();
    run.input["interlab_floor"] = floor;
    run.input["interlab_models"] = models;
    std::optional<io::Catalogue> catalogue;
    if (const io::Catalogue* c = s.catalogue())
        catalogue = *c;
    run.work = [this, input, catalogue, floor, models](Progress& progress,
                                                       const ShowPartial&) -> Outcome {
        auto result = std::make_shared<const crossval::CrossvalResult>(
            crossval::runCrossval(input, progress));
        std::shared_ptr<const crossval::InterlabResult> interlab;
        if (catalogue) {
            crossval::InterlabInput in = crossval::prototypeInterlabInput(*catalogue);
            in.floor = floor;
            in.includeModels = models;
            interlab = std::make_shared<const crossval::InterlabResult>(
                crossval::runInterlab(in, progress));
        }
        Outcome out;
        nlohmann::json pairs = nlohmann::json::array();
        for (const auto& p : result->pairs) {
            std::vector<double> fracs;
            for (const auto& r : p.responses)
                fracs.push_back(r.frac);
            pairs.push_back({{"candidate", p.candidate}, {"frac", fracs}});
        }
        out.summary = {{"reference", result->reference}, {"pairs", pairs}};
        out.show = [this, result, interlab] { showResults(result, interlab); };
        return out;
    };
    return run;
}

void CrossvalPanel::showIssues(const InputIssues& issues)
{
    m_form->showIssues(issues);
}

void CrossvalPanel::showResults(std::shared_ptr<const crossval::CrossvalResult> result,
                                std::shared_ptr<const crossval::InterlabResult> interlab)
{
    m_result = std::move(result);
    m_interlab = std::move(interlab);
    const int previous = m_requestedPair >= 0 ? m_requestedPair : m_pair->currentIndex();
    m_requestedPair = -1;
    {
        const QSignalBlocker block(m_pair);
        m_pair->clear();
        for (const auto& p : m_result->pairs)
            m_pair->addItem(QString::fromStdString(p.candidate));
        m_pair->setCurrentIndex(previous >= 0 && previous < m_pair->count() ? previous : 0);
    }
    showPair();
    fillTables();
    fillInterlab();
}

void CrossvalPanel::showPair()
{
    const int index = m_pair->currentIndex();
    if (!m_result || index < 0 || index >= static_cast<int>(m_result->pairs.size()))
        return;
    const crossval::CrossvalPair& p = m_result->pairs[static_cast<std::size_t>(index)];
    const QString reference = QString::fromStdString(m_result->reference);
    const QString candidate = QString::fromStdString(p.candidate);
    drawOverlay(*m_overlay, *m_result, p);
    drawSignature(*m_signature, p);
    if (p.frfCompared) {
        m_overlay->setTitle(tr("%1 (solid) vs %2 (dashed)").arg(reference, candidate));
        m_signature->setTitle(
            tr("CSAC and CSF (%1 basis): mean CSAC %2, mean CSF %3")
                .arg(QString::fromLatin1(crossval::correlationBasisName(p.signatureBasis)))
                .arg(number(meanOf(p.csac), 3), number(meanOf(p.csf), 3)));
        drawFdac(*m_fdac, p);
        m_fdac->setTitle(tr("FDAC (a ridge off the diagonal is a frequency shift)"));
    } else {
        // A side of stored mode shapes has no FRF: only the MAC tab and the mode table apply.
        // Short (the notes under the tables name both sides), and the MAC tab brought forward.
        const QString none = tr("No FRFs: mode shapes only (MAC tab)");
        m_overlay->setTitle(none);
        m_signature->setTitle(none);
        m_fdac->clear();
        m_fdac->setTitle(none);
        if (m_tabs->currentWidget() != m_mac && m_tabs->currentIndex() < m_tabs->indexOf(m_mac))
            m_tabs->setCurrentWidget(m_mac);
    }
    drawMac(*m_mac, p);
    m_mac->setTitle(tr("MAC (%1 shapes), pairing by %2")
                        .arg(QString::fromLatin1(crossval::correlationBasisName(p.macBasis)),
                             p.pairing == crossval::PairingRule::Mac ? tr("MAC") : tr("frequency")));
    QStringList notes;
    // The force floor applies to FRFs only.
    const QString compared =
        p.frfCompared ? tr("%1, force at floor %2")
                            .arg(QString::fromLatin1(dynamics::frfQuantityName(m_result->quantity)))
                            .arg(m_result->inputFloor)
                      : tr("modes only");
    notes << tr("Compared: %1, %2–%3 Hz. Reference modes: %4. Candidate modes: %5.")
                 .arg(compared)
                 .arg(m_result->bandLoHz)
                 .arg(m_result->bandHiHz)
                 .arg(QString::fromStdString(p.referenceModes.method),
                      QString::fromStdString(p.candidateModes.method));
    for (const std::string& n : p.notes)
        notes << QString::fromStdString(n);
    m_notes->setText(notes.join(QLatin1Char(' ')));
}

void CrossvalPanel::fillTables()
{
    int metricRows = 0, modeRows = 0;
    for (const auto& p : m_result->pairs) {
        metricRows += static_cast<int>(p.responses.size());
        modeRows += static_cast<int>(p.modes.size());
    }
    m_metrics->setRowCount(metricRows);
    m_modes->setRowCount(modeRows);
    fitRows(m_metrics, std::clamp(metricRows, 3, 6));
    fitRows(m_modes, std::clamp(modeRows, 3, 6));
    int mr = 0, dr = 0;
    for (const auto& p : m_result->pairs) {
        const QString candidate = QString::fromStdString(p.candidate);
        for (std::size_t k = 0; k < p.responses.size(); ++k) {
            const auto& r = p.responses[k];
            setRow(m_metrics, mr++,
                   {candidate, QString::number(r.floor), number(r.frac, 4),
                    QString::fromLatin1(crossval::correlationBasisName(r.fracBasis)),
                    number(r.rmsDbDifference, 2), k == 0 ? number(meanOf(p.csac), 3) : QString(),
                    list(r.referencePeaksHz, 3), list(r.candidatePeaksHz, 3)});
        }
        for (std::size_t k = 0; k < p.modes.size(); ++k) {
            const auto& m = p.modes[k];
            setRow(m_modes, dr++,
                   {candidate, QString::number(k + 1), number(m.referenceFrequencyHz, 3),
                    number(m.candidateFrequencyHz, 3), signedNumber(m.frequencyErrorPct, 2),
                    number(m.mac, 3), number(m.referenceDampingRatio, 4),
                    number(m.candidateDampingRatio, 4), signedNumber(m.dampingDifference, 4)});
        }
    }
}

void CrossvalPanel::fillInterlab()
{
    m_spread->setRowCount(0);
    if (!m_interlab) {
        m_interlabPlot->clear();
        m_interlabNotes->setText(tr("The bundled data is unavailable: no inter-lab view."));
        return;
    }
    const crossval::InterlabResult& r = *m_interlab;
    drawInterlab(*m_interlabPlot, r);
    m_interlabPlot->setTitle(tr("Floor %1 of every rig: natural-frequency spread").arg(r.floor));
    QStringList headers = {tr("Mode"), tr("Mean [Hz]"), tr("Min [Hz]"), tr("Max [Hz]"),
                           tr("Range [Hz]"), tr("Range [%]"), tr("N")};
    for (const std::string& s : r.spreadSources)
        headers << QString::fromStdString(s); // its frequency of each mode [Hz]
    m_spread->setColumnCount(static_cast<int>(headers.size()));
    m_spread->setHorizontalHeaderLabels(headers);
    m_spread->setRowCount(static_cast<int>(r.spread.size()));
    for (std::size_t i = 0; i < r.spread.size(); ++i) {
        const crossval::ModeSpread& s = r.spread[i];
        QStringList cells = {QString::number(s.mode), number(s.meanHz, 3), number(s.minHz, 3),
                             number(s.maxHz, 3),      number(s.rangeHz, 3), number(s.rangePct, 1),
                             QString::number(s.count)};
        for (double f : s.perSourceHz)
            cells << number(f, 3);
        setRow(m_spread, static_cast<int>(i), cells);
    }
    QStringList notes;
    for (const std::string& n : r.notes)
        notes << QString::fromStdString(n);
    m_interlabNotes->setText(notes.join(QLatin1Char(' ')));
    const QSignalBlocker block(m_view);
    const int previous = m_view->currentIndex();
    m_view->clear();
    for (const crossval::PrototypeView& v : crossval::prototypeViews(r))
        m_view->addItem(QString::fromStdString(v.title), QString::fromStdString(v.id));
    m_view->setCurrentIndex(previous >= 0 && previous < m_view->count() ? previous : 0);
    showPrototypeView();
}

void CrossvalPanel::showPrototypeView()
{
    if (!m_interlab)
        return;
    const std::vector<crossval::PrototypeView> views = crossval::prototypeViews(*m_interlab);
    const int index = m_view->currentIndex();
    if (index < 0 || index >= static_cast<int>(views.size()))
        return;
    const crossval::PrototypeView& v = views[static_cast<std::size_t>(index)];
    QStringList notes;
    for (std::size_t i = 0; i < m_viewPlots.size(); ++i) {
        PlotView* plot = m_viewPlots[i];
        if (i < v.panels.size()) {
            drawViewPanel(*plot, v.panels[i]);
            if (!v.panels[i].note.empty())
                notes << QString::fromStdString(v.panels[i].title + ": " + v.panels[i].note);
            plot->show();
        } else {
            plot->clear();
            plot->hide();
        }
    }
    m_viewNotes->setText(notes.join(QLatin1Char('\n')));
}

QList<ToolPanel::NamedPlot> CrossvalPanel::plots() const
{
    QList<NamedPlot> list = {{QStringLiteral("frf_overlay"), m_overlay},
                             {QStringLiteral("csac_csf"), m_signature},
                             {QStringLiteral("interlab"), m_interlabPlot}};
    for (std::size_t i = 0; i < m_viewPlots.size(); ++i)
        list.append({QStringLiteral("prototype_page_panel%1").arg(i + 1), m_viewPlots[i]});
    return list;
}

QList<ToolPanel::NamedFigure> CrossvalPanel::figures() const
{
    return {{QStringLiteral("fdac"), m_fdac}, {QStringLiteral("mac"), m_mac}};
}

PlotView* CrossvalPanel::currentPlot() const
{
    QWidget* w = m_tabs->currentWidget();
    if (auto* p = qobject_cast<PlotView*>(w))
        return p;
    if (w == m_interlabPlot->parentWidget())
        return m_interlabPlot;
    if (w == m_viewPlots.front()->parentWidget())
        return m_viewPlots.front();
    return nullptr; // a heat map: exported from its own context menu
}

nlohmann::json CrossvalPanel::reportInput() const
{
    InputIssues issues;
    nlohmann::json j = formJson(nullptr, &issues);
    addIssues(j, issues);
    return j;
}

nlohmann::json CrossvalPanel::reportResult() const
{
    if (!m_result)
        return nlohmann::json::object();
    nlohmann::json j = crossval::crossvalResultToJson(*m_result);
    if (m_interlab)
        j["interlab"] = crossval::interlabResultToJson(*m_interlab, false);
    return j;
}

void CrossvalPanel::applyInput(const nlohmann::json& json)
{
    if (!json.is_object())
        return;
    nlohmann::json keys = json;
    keys.erase("issues");
    applyTabKey(keys, m_tabs);
    if (keys.contains("pair") && keys["pair"].is_number_integer()) {
        m_requestedPair = keys["pair"].get<int>();
        if (m_requestedPair < m_pair->count())
            m_pair->setCurrentIndex(m_requestedPair);
    }
    keys.erase("pair");
    if (keys.contains("interlab_floor") && keys["interlab_floor"].is_number_integer())
        m_form->setInterlabFloor(keys["interlab_floor"].get<int>());
    if (keys.contains("interlab_models") && keys["interlab_models"].is_boolean())
        m_form->setInterlabModels(keys["interlab_models"].get<bool>());
    keys.erase("interlab_floor");
    keys.erase("interlab_models");
    try {
        nlohmann::json merged = formJson(nullptr, nullptr);
        merged.erase("interlab_floor");
        merged.erase("interlab_models");
        for (const auto& [k, v] : keys.items())
            merged[k] = v;
        m_form->setInput(crossval::crossvalInputFromJson(merged));
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
    }
    inputsChanged();
}

void CrossvalPanel::saveSettings(QSettings& settings) const
{
    const nlohmann::json input = reportInput();
    if (!input.contains("issues"))
        settings.setValue(QStringLiteral("input"), QString::fromStdString(input.dump()));
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

void CrossvalPanel::restoreSettings(QSettings& settings)
{
    const QString input = settings.value(QStringLiteral("input")).toString();
    if (!input.isEmpty()) {
        const auto json = nlohmann::json::parse(input.toStdString(), nullptr, false);
        if (!json.is_discarded())
            applyInput(json);
    }
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
}

void CrossvalPanel::showEvent(QShowEvent* event)
{
    AnalysisPanel::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!hasResult() && canRun())
            QTimer::singleShot(0, this, &CrossvalPanel::run);
    }
}

} // namespace dtop::widgets
