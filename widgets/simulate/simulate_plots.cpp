// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/simulate/simulate_plots.h"

#include "dynamics/frf_quantity.h"
#include "widgets/plot_link.h"
#include "widgets/plot_view.h"
#include "widgets/simulate/floor_plots.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace dtop::widgets {

namespace {
const QColor kMeasured(40, 40, 40);
const QColor kScenario(150, 150, 150);

QString unitText(const char* unit)
{
    return QString::fromUtf8(unit);
}

QString quantityTitle(dynamics::ResponseQuantity q)
{
    QString name = QString::fromLatin1(dynamics::responseQuantityName(q));
    name[0] = name[0].toUpper();
    return name;
}

QString floorTitle(int floor, int floors)
{
    if (floors > 1 && floor == floors)
        return QObject::tr("Floor %1 (top)").arg(floor);
    return QObject::tr("Floor %1").arg(floor);
}

QSplitter* split(QWidget* parent, QWidget* a, int stretchA, QWidget* b, int stretchB)
{
    auto* s = new QSplitter(Qt::Vertical, parent);
    s->addWidget(a);
    s->addWidget(b);
    s->setStretchFactor(0, stretchA);
    s->setStretchFactor(1, stretchB);
    s->setChildrenCollapsible(false);
    return s;
}

std::vector<double> magnitudes(const std::vector<std::complex<double>>& h)
{
    std::vector<double> m;
    m.reserve(h.size());
    for (const auto& v : h)
        m.push_back(std::abs(v));
    return m;
}

double rms(const std::vector<double>& v)
{
    double s = 0.0;
    for (double x : v)
        s += x * x;
    return v.empty() ? 0.0 : std::sqrt(s / static_cast<double>(v.size()));
}

double peakAbs(const std::vector<double>& v)
{
    double p = 0.0;
    for (double x : v)
        p = std::max(p, std::abs(x));
    return p;
}

QString number(double v, int digits = 4)
{
    return QString::number(v, 'g', digits);
}

// Spectra are drawn (and exported) over the display range only: beyond it a band-limited
// response falls by tens of decades, which would crush the log axis of the range that matters.
bool inRange(double f, const signal::FrequencyRange& range)
{
    return f >= range.minHz && f <= range.maxHz;
}

std::vector<double> croppedLike(const std::vector<double>& values,
                                const std::vector<double>& frequencyHz,
                                const signal::FrequencyRange& range)
{
    std::vector<double> out;
    for (std::size_t i = 0; i < frequencyHz.size() && i < values.size(); ++i)
        if (inRange(frequencyHz[i], range))
            out.push_back(values[i]);
    return out;
}

std::vector<double> cropped(const std::vector<double>& frequencyHz,
                            const signal::FrequencyRange& range)
{
    return croppedLike(frequencyHz, frequencyHz, range);
}

void frame(PlotView* plot, const signal::FrequencyRange& range)
{
    plot->setXRange(range.minHz, range.maxHz);
}
} // namespace

SimulatePlots::SimulatePlots(QWidget* parent) : QWidget(parent)
{
    m_summary = new QTableWidget(this);
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->verticalHeader()->setVisible(false);
    m_summary->setAlternatingRowColors(true);
    m_summary->setSelectionMode(QAbstractItemView::NoSelection);
    m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_summary->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_info = new QLabel(this);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Wrapped to the column's width: the text never widens the window, and nothing is cut.
    m_info->setWordWrap(true);
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);

    m_force = new PlotView(this);
    m_response = new PlotView(this);
    m_floorChoice = new QComboBox(this);
    m_floorChoice->setToolTip(tr("All floors (nominal structure and the scenarios' 5–95 % "
                                 "band), or one floor with the scenario mean, the 5–95 % and "
                                 "min–max bands and the scenarios kept"));
    auto* responseBox = new QWidget(this);
    auto* choiceRow = new QHBoxLayout;
    choiceRow->setContentsMargins(6, 2, 6, 0);
    choiceRow->addWidget(new QLabel(tr("Response of"), responseBox));
    choiceRow->addWidget(m_floorChoice);
    choiceRow->addStretch(1);
    auto* responseLayout = new QVBoxLayout(responseBox);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    responseLayout->setSpacing(0);
    responseLayout->addLayout(choiceRow);
    responseLayout->addWidget(m_response, 1);
    m_psd = new PlotView(this);
    m_excitationPsd = new PlotView(this);
    m_h1 = new PlotView(this);
    m_coherence = new PlotView(this);
    m_testTabs = new QTabWidget(this);
    m_testTabs->addTab(split(m_testTabs, m_force, 1, responseBox, 2), tr("Time histories"));
    m_testTabs->addTab(split(m_testTabs, m_psd, 2, m_excitationPsd, 1), tr("Spectra"));
    m_testTabs->addTab(split(m_testTabs, m_h1, 2, m_coherence, 1), tr("H1 estimate vs model FRF"));

    m_replayForce = new PlotView(this);
    m_replayVelocity = new FloorPlots(this);
    m_replayPsd = new FloorPlots(this);
    m_replayForcePsd = new PlotView(this);
    m_replayTabs = new QTabWidget(this);
    m_replayTabs->addTab(m_replayVelocity, tr("Measured vs simulated velocities"));
    m_replayTabs->addTab(m_replayPsd, tr("Velocity spectra"));
    m_replayTabs->addTab(split(m_replayTabs, m_replayForce, 1, m_replayForcePsd, 1),
                         tr("Measured force"));

    m_modes = new QStackedWidget(this);
    m_modes->addWidget(m_testTabs);
    m_modes->addWidget(m_replayTabs);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_info);
    layout->addWidget(m_modes, 1);

    for (PlotView* p : {m_force, m_replayForce, m_response, m_excitationPsd, m_coherence,
                        m_replayForcePsd}) {
        p->setMinimumPlotHeight(150); // room for the axis titles under a stacked plot
    }
    for (PlotView* p : {m_force, m_replayForce, m_response})
        p->setXAxis({tr("Time"), tr("s"), AxisScale::Linear});
    // One series each, named by the title: the legend would only take height from the axes.
    m_force->setLegendShown(false);
    m_replayForce->setLegendShown(false);
    m_replayForcePsd->setLegendShown(false);
    m_excitationPsd->setLegendShown(false);
    connect(m_floorChoice, &QComboBox::currentIndexChanged, this, [this] { drawResponse(); });
    for (PlotView* p : {m_psd, m_excitationPsd, m_h1, m_coherence, m_replayForcePsd})
        p->setXAxis({tr("Frequency"), tr("Hz"), AxisScale::Linear});
    m_coherence->setYAxis({tr("γ²"), QString(), AxisScale::Linear});
    m_coherence->setTitle(tr("Coherence of the H1 estimate"));
    // Plots stacked on one tab share their x axis: a zoom in one shows in the other.
    linkXAxes({m_force, m_response});
    linkXAxes({m_psd, m_excitationPsd});
    linkXAxes({m_h1, m_coherence});
    clear();
}

void SimulatePlots::setSummaryHeaders(const QStringList& headers, int rows)
{
    m_summary->clear();
    m_summary->setColumnCount(static_cast<int>(headers.size()));
    m_summary->setHorizontalHeaderLabels(headers);
    m_summary->setRowCount(rows);
    m_summary->setVisible(rows > 0);
    // Show every row of a small building without scrolling, no more.
    const int rowHeight = m_summary->verticalHeader()->defaultSectionSize();
    const int shown = std::clamp(rows, 1, 5);
    m_summary->setFixedHeight(m_summary->horizontalHeader()->sizeHint().height() +
                              shown * rowHeight + 2 * m_summary->frameWidth() + 2);
}

void SimulatePlots::setCell(int row, int column, const QString& text, bool emphasise)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignCenter);
    if (emphasise) {
        QFont f = item->font();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.25);
        item->setFont(f);
    }
    m_summary->setItem(row, column, item);
}

void SimulatePlots::clear()
{
    for (PlotView* p : {m_force, m_response, m_psd, m_excitationPsd, m_h1, m_coherence,
                        m_replayForce, m_replayForcePsd})
        p->clear();
    m_result = nullptr;
    m_replayVelocity->clear();
    m_replayPsd->clear();
    m_summary->setRowCount(0);
    m_summary->hide();
    m_info->clear();
}

void SimulatePlots::showTest(const dynamics::SimulateResult& r, const dynamics::SimulateInput& in,
                             dynamics::ResponseQuantity quantity)
{
    clear();
    m_replayShown = false;
    m_modes->setCurrentWidget(m_testTabs);
    const auto& nominal = r.nominal;
    const int floors = static_cast<int>(nominal.displacement.size());
    const auto qi = static_cast<std::size_t>(quantity);
    const bool base = nominal.relativeToGround;
    const bool scenarios = r.scenarios > 0;

    // Summary: peaks of the nominal structure (and the scenarios' 5–95 % of the peak).
    QStringList headers{tr("Floor"), tr("Peak |x| [mm]"), tr("Peak |v| [m/s]"), tr("Peak |a| [m/s²]")};
    if (scenarios)
        headers << tr("Scenarios: mean\npeak |x| [mm]") << tr("Scenarios: range\nof peak |x| [mm]");
    setSummaryHeaders(headers, floors);
    const auto peakV = nominal.peakAbs(dynamics::ResponseQuantity::Velocity);
    const auto peakA = nominal.peakAbs(dynamics::ResponseQuantity::Acceleration);
    for (int f = 0; f < floors; ++f) {
        const auto fi = static_cast<std::size_t>(f);
        const int row = floors - 1 - f; // top floor first, as in the plots
        setCell(row, 0, floorTitle(f + 1, floors));
        setCell(row, 1, number(1e3 * r.peakDisplacementM[fi]));
        setCell(row, 2, number(peakV[fi]));
        setCell(row, 3, number(peakA[fi]));
        if (scenarios) {
            double sum = 0.0, lo = INFINITY, hi = 0.0;
            for (const auto& p : r.scenarioPeakDisplacementM) {
                sum += p[fi];
                lo = std::min(lo, p[fi]);
                hi = std::max(hi, p[fi]);
            }
            setCell(row, 4, number(1e3 * sum / static_cast<double>(r.scenarios)));
            setCell(row, 5, QStringLiteral("%1 – %2").arg(number(1e3 * lo), number(1e3 * hi)));
        }
    }
    QStringList freqs;
    for (double f : r.naturalFrequenciesHz)
        freqs << QString::number(f, 'f', 3);
    QString info = tr("Natural frequencies %1 Hz · %2 integrator · seed %3 · %4 samples at %5 Hz")
                       .arg(freqs.join(QStringLiteral(", ")), QString::fromStdString(nominal.integrator))
                       .arg(r.seed)
                       .arg(r.grid.samples)
                       .arg(number(r.grid.sampleRateHz(), 6));
    if (r.hasSpectra) {
        const auto& s = r.spectra.response[qi].front();
        info += r.transientSpectra
                    ? tr("\nSpectra of a transient: whole record, Δf = %1 Hz").arg(number(s.resolutionHz))
                    : tr("\nWelch PSD: Δf = %1 Hz, %2 segment(s) of %3 samples")
                          .arg(number(s.resolutionHz))
                          .arg(s.segments)
                          .arg(s.segmentLength);
    }
    if (scenarios)
        info += tr(" · %1 scenarios (%2)").arg(r.scenarios).arg(QString::fromLatin1(uq::samplingMethodName(in.sampling)));
    m_info->setText(info);

    // Force or ground acceleration.
    m_force->setTitle(base ? tr("Ground acceleration") : tr("Force at floor %1").arg(in.excitation.floor));
    m_force->setYAxis(base ? AxisSpec{tr("Acceleration"), tr("m/s²"), AxisScale::Linear}
                           : AxisSpec{tr("Force"), tr("N"), AxisScale::Linear});
    m_force->addSeries(base ? tr("ground acceleration") : tr("force"), nominal.timeS, nominal.excitation,
                       {PlotView::paletteColor(4)});
    m_force->resetZoom();

    m_result = &r;
    m_quantity = quantity;
    {
        const QSignalBlocker block(m_floorChoice);
        const int keep = m_floorShown >= 0 ? std::exchange(m_floorShown, -1)
                                           : m_floorChoice->currentIndex();
        m_floorChoice->clear();
        m_floorChoice->addItem(tr("all floors"), 0);
        for (int f = floors; f >= 1; --f)
            m_floorChoice->addItem(floorTitle(f, floors).toLower(), f);
        m_floorChoice->setCurrentIndex(keep >= 0 && keep < m_floorChoice->count() ? keep : 0);
    }
    drawResponse();

    if (!r.hasSpectra)
        return;
    const auto& spectra = r.spectra;
    const QString psdUnit = QString::fromStdString(spectra.response[qi].front().unit);
    m_psd->setTitle(r.transientSpectra
                        ? tr("PSD of the %1 (whole record, exponential window)").arg(quantityTitle(quantity).toLower())
                        : tr("PSD of the %1 (Welch, %2 window)")
                              .arg(quantityTitle(quantity).toLower(),
                                   QString::fromLatin1(signal::windowKindName(in.welch.window))));
    // What makes the spectra less meaningful than they look, where they are shown and exported.
    const QString spectraNote = QString::fromStdString(r.spectraNote);
    // Once per tab, under the upper plot (the excitation PSD and the coherence are below it).
    for (PlotView* p : {m_psd, m_h1})
        p->setNote(spectraNote);
    m_psd->setYAxis({tr("PSD"), psdUnit, AxisScale::Log});
    for (int f = floors; f >= 1; --f) {
        const auto fi = static_cast<std::size_t>(f - 1);
        const QColor color = PlotView::paletteColor(f - 1);
        const auto& s = spectra.response[qi][fi];
        if (scenarios) {
            const uq::Envelope& e = r.psdEnvelopes[qi][fi];
            m_psd->addBand(tr("%1: 5–95 %").arg(f), cropped(s.frequencyHz, r.displayRange),
                           croppedLike(e.lower, s.frequencyHz, r.displayRange),
                           croppedLike(e.upper, s.frequencyHz, r.displayRange), color);
        }
        m_psd->addSeries(tr("floor %1").arg(f), cropped(s.frequencyHz, r.displayRange),
                         croppedLike(s.density, s.frequencyHz, r.displayRange), {color, 1.5});
    }
    frame(m_psd, r.displayRange);
    const auto& ex = spectra.excitation;
    m_excitationPsd->setTitle(base ? tr("PSD of the ground acceleration") : tr("PSD of the force"));
    m_excitationPsd->setYAxis({tr("PSD"), QString::fromStdString(ex.unit), AxisScale::Log});
    m_excitationPsd->addSeries(base ? tr("ground acceleration") : tr("force"),
                               cropped(ex.frequencyHz, r.displayRange),
                               croppedLike(ex.density, ex.frequencyHz, r.displayRange),
                               {PlotView::paletteColor(4)});
    frame(m_excitationPsd, r.displayRange);

    if (spectra.h1.empty()) {
        m_h1->setTitle(tr("No H1 estimate: the excitation is a ground motion, not a force"));
        return;
    }
    const QString frfUnit = QString::fromStdString(spectra.h1.front().unit);
    // Short enough for a 1024-pixel window; the legend says which line is which.
    m_h1->setTitle(tr("H1 estimate vs model %1, force at floor %2")
                       .arg(QString::fromLatin1(dynamics::frfQuantityName(spectra.frfQuantity)))
                       .arg(in.excitation.floor));
    m_h1->setYAxis({tr("|H|"), frfUnit, AxisScale::Decibel});
    m_coherence->setYAxis({tr("γ²"), QString(), AxisScale::Linear}); // the title says coherence
    for (int f = floors; f >= 1; --f) {
        const auto fi = static_cast<std::size_t>(f - 1);
        const QColor color = PlotView::paletteColor(f - 1);
        const auto& h = spectra.h1[fi];
        const auto& band = r.displayRange;
        m_h1->addSeries(tr("model %1").arg(f), cropped(h.frequencyHz, band),
                        croppedLike(magnitudes(spectra.modelFrf[fi]), h.frequencyHz, band),
                        {color.darker(140), 1.2, true});
        m_h1->addSeries(tr("H1 %1").arg(f), cropped(h.frequencyHz, band),
                        croppedLike(magnitudes(h.h), h.frequencyHz, band), {color, 1.8});
        m_coherence->addSeries(tr("floor %1").arg(f), cropped(h.frequencyHz, band),
                               croppedLike(h.coherence, h.frequencyHz, band), {color, 1.2});
    }
    m_coherence->setTitle(spectra.h1.front().segments > 1
                              ? tr("Coherence γ² of the H1 estimate (%1 segments)").arg(spectra.h1.front().segments)
                              : tr("Coherence γ² (one segment: identically 1, says nothing)"));
    frame(m_h1, r.displayRange);
    frame(m_coherence, r.displayRange);
}

void SimulatePlots::drawResponse()
{
    m_response->clear();
    if (!m_result)
        return;
    const dynamics::SimulateResult& r = *m_result;
    m_response->setNote(QString::fromStdString(r.scenarioNote));
    const auto& nominal = r.nominal;
    const auto quantity = m_quantity;
    const auto qi = static_cast<std::size_t>(quantity);
    const int floors = static_cast<int>(nominal.displacement.size());
    const bool scenarios = r.scenarios > 0;
    const int only = m_floorChoice->currentData().toInt();
    const QString what = quantityTitle(quantity).toLower() +
                         (nominal.relativeToGround ? tr(" relative to the ground") : QString());
    m_response->setTitle(only ? tr("%1 — %2").arg(floorTitle(only, floors), what)
                              : tr("Every floor — %1").arg(what));
    m_response->setYAxis({quantityTitle(quantity),
                          unitText(dynamics::responseQuantityUnit(quantity)), AxisScale::Linear});
    // Bands under the lines, the nominal structure on top; the top floor first in the legend.
    for (int f = floors; f >= 1; --f) {
        if (only && f != only)
            continue;
        const auto fi = static_cast<std::size_t>(f - 1);
        const QColor color = PlotView::paletteColor(f - 1);
        if (scenarios) {
            const uq::Envelope& e = r.timeEnvelopes[qi][fi];
            if (only)
                m_response->addBand(tr("scenarios min–max"), nominal.timeS, e.min, e.max,
                                    color.lighter(130));
            m_response->addBand(only ? tr("scenarios 5–95 %") : tr("%1: 5–95 %").arg(f),
                                nominal.timeS, e.lower, e.upper,
                                color);
        }
        if (only) {
            for (std::size_t k = 0; k < r.keptScenarios.size(); ++k)
                m_response->addSeries(tr("scenario %1").arg(k + 1), r.keptScenarios[k].timeS,
                                      r.keptScenarios[k].quantity(quantity)[fi], {kScenario, 0.8});
            if (scenarios)
                m_response->addSeries(tr("scenario mean"), nominal.timeS,
                                      r.timeEnvelopes[qi][fi].mean, {color.darker(150), 1.5, true});
        }
        m_response->addSeries(only ? tr("nominal") : tr("floor %1").arg(f), nominal.timeS,
                              nominal.quantity(quantity)[fi],
                              {color, 1.3});
    }
    m_response->resetZoom();
}

void SimulatePlots::showReplay(const dynamics::ReplayResult& r, const dynamics::ReplayInput& in,
                               const QString& recordTitle)
{
    clear();
    m_replayShown = true;
    m_modes->setCurrentWidget(m_replayTabs);
    const auto& sim = r.simulated;
    const int measured = static_cast<int>(in.measuredVelocityMS.size());
    const int floors = static_cast<int>(sim.velocity.size());

    // Short lines: six columns share a narrow table at 1280×800 (and 1024×700).
    // In mm/s: a lab record's velocities are fractions of a mm/s, and short numbers fit.
    setSummaryHeaders({tr("Floor"), tr("NRMSE of\nvelocity"), tr("RMS\nmeasured\n[mm/s]"),
                       tr("RMS\nsimulated\n[mm/s]"), tr("Peak\nmeasured\n[mm/s]"),
                       tr("Peak\nsimulated\n[mm/s]")},
                      measured);
    for (int f = 0; f < measured; ++f) {
        const auto fi = static_cast<std::size_t>(f);
        const int row = measured - 1 - f;
        setCell(row, 0, floorTitle(f + 1, floors));
        setCell(row, 1, QStringLiteral("%1 %").arg(QString::number(100.0 * r.nrmse[fi], 'f', 2)), true);
        setCell(row, 2, number(1e3 * rms(in.measuredVelocityMS[fi])));
        setCell(row, 3, number(1e3 * rms(sim.velocity[fi])));
        setCell(row, 4, number(1e3 * peakAbs(in.measuredVelocityMS[fi])));
        setCell(row, 5, number(1e3 * peakAbs(sim.velocity[fi])));
    }
    QStringList freqs;
    for (double f : r.naturalFrequenciesHz)
        freqs << QString::number(f, 'f', 3);
    m_info->setText(tr("%1 · force at floor %2 · %3 samples at %4 Hz\nTwin's natural frequencies "
                       "%5 Hz · NRMSE = RMS(simulated − measured) / RMS(measured)")
                        .arg(recordTitle)
                        .arg(in.forceFloor)
                        .arg(in.timeS.size())
                        .arg(number(r.forcePsd.resolutionHz * static_cast<double>(r.forcePsd.segmentLength), 6))
                        .arg(freqs.join(QStringLiteral(", "))) +
                    tr("\nForce between samples: %1, impulse %2 N·s (record %3 N·s) · spectra: %4")
                        .arg(r.forceHold == dynamics::SampleHold::ZeroOrder ? tr("held") : tr("linear"))
                        .arg(number(r.heldImpulseNs, 4))
                        .arg(number(r.recordImpulseNs, 4))
                        .arg(r.transient ? tr("whole record (transient)") : tr("Welch")));
    // Full sentences on how the record was treated, under the plots they concern and in
    // their exports.
    QStringList noteLines;
    for (const std::string& note : r.notes)
        noteLines << QString::fromStdString(note);
    const QString notes = noteLines.join(QLatin1Char('\n'));

    m_replayForce->setTitle(tr("Measured force, applied to the twin at floor %1").arg(in.forceFloor));
    m_replayForce->setYAxis({tr("Force"), tr("N"), AxisScale::Linear});
    m_replayForce->addSeries(tr("measured force"), sim.timeS, sim.excitation, {PlotView::paletteColor(4)});
    m_replayForce->setNote(notes);
    m_replayForce->resetZoom();

    m_replayVelocity->setFloors(measured);
    m_replayPsd->setFloors(measured);
    for (int f = 1; f <= measured; ++f) {
        const auto fi = static_cast<std::size_t>(f - 1);
        const QColor color = PlotView::paletteColor(f - 1);
        PlotView* v = m_replayVelocity->plot(f);
        v->clear();
        v->setTitle(tr("%1 velocity — NRMSE %2 %").arg(floorTitle(f, floors)).arg(100.0 * r.nrmse[fi], 0, 'f', 2));
        v->setXAxis({tr("Time"), tr("s"), AxisScale::Linear});
        v->setYAxis({tr("v"), tr("m/s"), AxisScale::Linear});
        v->addSeries(tr("measured"), sim.timeS, in.measuredVelocityMS[fi], {kMeasured, 2.0});
        v->addSeries(tr("simulated (twin)"), sim.timeS, sim.velocity[fi], {color, 1.2, true});
        v->resetZoom();

        PlotView* s = m_replayPsd->plot(f);
        s->clear();
        const auto& ms = r.measuredVelocityPsd[fi];
        const auto& ss = r.simulatedVelocityPsd[fi];
        s->setTitle(tr("%1 velocity PSD").arg(floorTitle(f, floors)));
        s->setXAxis({tr("Frequency"), tr("Hz"), AxisScale::Linear});
        s->setYAxis({tr("PSD"), QString::fromStdString(ms.unit), AxisScale::Log});
        const auto& band = r.displayRange;
        s->addSeries(tr("measured"), cropped(ms.frequencyHz, band),
                     croppedLike(ms.density, ms.frequencyHz, band), {kMeasured, 2.0});
        s->addSeries(tr("simulated (twin)"), cropped(ss.frequencyHz, band),
                     croppedLike(ss.density, ss.frequencyHz, band), {color, 1.2, true});
        s->setNote(f == measured ? notes : QString()); // once, under the top plot of the stack
        frame(s, r.displayRange);
    }
    // The notes are under the force plot above it, in the same tab.
    m_replayForcePsd->setTitle(tr("PSD of the measured force"));
    m_replayForcePsd->setYAxis({tr("PSD"), QString::fromStdString(r.forcePsd.unit), AxisScale::Log});
    m_replayForcePsd->addSeries(tr("force"), cropped(r.forcePsd.frequencyHz, r.displayRange),
                                croppedLike(r.forcePsd.density, r.forcePsd.frequencyHz, r.displayRange),
                                {PlotView::paletteColor(4)});
    frame(m_replayForcePsd, r.displayRange);
}

QList<ToolPanel::NamedPlot> SimulatePlots::plots() const
{
    QList<ToolPanel::NamedPlot> all;
    if (m_replayShown) {
        all.append({QStringLiteral("replay_force"), m_replayForce});
        for (int f = 1; f <= m_replayVelocity->floors(); ++f)
            all.append({QStringLiteral("replay_velocity_floor%1").arg(f), m_replayVelocity->plot(f)});
        for (int f = 1; f <= m_replayPsd->floors(); ++f)
            all.append({QStringLiteral("replay_psd_floor%1").arg(f), m_replayPsd->plot(f)});
        all.append({QStringLiteral("replay_force_psd"), m_replayForcePsd});
    } else {
        all.append({QStringLiteral("force"), m_force});
        all.append({QStringLiteral("response"), m_response});
        all.append({QStringLiteral("psd"), m_psd});
        all.append({QStringLiteral("excitation_psd"), m_excitationPsd});
        all.append({QStringLiteral("h1_magnitude"), m_h1});
        all.append({QStringLiteral("h1_coherence"), m_coherence});
    }
    QList<ToolPanel::NamedPlot> drawn;
    for (const auto& p : all)
        if (p.plot->seriesCount() > 0)
            drawn.append(p);
    return drawn;
}

PlotView* SimulatePlots::currentPlot() const
{
    QTabWidget* tabs = m_replayShown ? m_replayTabs : m_testTabs;
    const int tab = tabs->currentIndex();
    const auto all = plots();
    static const char* kTestStems[] = {"response", "psd", "h1_magnitude"};
    static const char* kReplayStems[] = {"replay_velocity_floor", "replay_psd_floor", "replay_force"};
    const char* stem = m_replayShown ? kReplayStems[std::clamp(tab, 0, 2)] : kTestStems[std::clamp(tab, 0, 2)];
    for (const auto& p : all)
        if (p.fileStem.startsWith(QLatin1String(stem)))
            return p.plot;
    return all.isEmpty() ? m_force : all.front().plot;
}

} // namespace dtop::widgets
