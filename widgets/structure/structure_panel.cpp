// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/structure/structure_panel.h"
#include "widgets/form_scroll.h"

#include "dynamics/frequency_grid.h"
#include "io/dynamics_json.h"
#include "io/profile_json.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/dataset_browser.h"
#include "widgets/field_issue.h"
#include "widgets/frame_view.h"
#include "widgets/plot_data.h"
#include "widgets/plot_link.h"
#include "widgets/plot_view.h"
#include "widgets/discard_guard.h"
#include "widgets/profile_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dtop::widgets {

namespace {
constexpr std::size_t kFrfPoints = 4001;

QString unitOf(dynamics::FrfQuantity q)
{
    return QString::fromUtf8(dynamics::frfQuantityUnit(q));
}

QString subscript(int number)
{
    static const QString digits = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
    QString text;
    for (const QChar c : QString::number(number))
        text += digits[c.digitValue()];
    return text;
}

// A "nice" upper frequency that shows every mode with some room: 1.2·f_max rounded up to 5 Hz.
double autoFmax(const dynamics::ModalResult& modal)
{
    const auto f = modal.undamped.frequenciesHz();
    const double top = f.empty() ? 10.0 : f.back();
    return std::max(5.0, std::ceil(1.2 * top / 5.0) * 5.0);
}
} // namespace

StructurePanel::StructurePanel(PanelContext& context, QWidget* parent)
    : ToolPanel(parent), m_active(context.activeProfile), m_session(context.session)
{
    // Left: profile choice and editor.
    m_profileChoice = new QComboBox(this);
    m_profileChoice->setToolTip(tr("Built-in presets and saved profiles (latest version)"));
    populateProfileChoices();
    m_provenance = new QLabel(this);
    m_provenance->setWordWrap(true);
    m_provenance->setStyleSheet(QStringLiteral("font-style: italic;")); // not grey: grey reads as disabled
    m_editor = new ProfileEditor(this);

    // Left column: the profile and its modes (the numbers); right: the plots, full height.
    m_modalTable = new QTableWidget(this);
    m_modalTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_modalTable->verticalHeader()->setVisible(false);
    m_modalTable->setAlternatingRowColors(true);
    m_modalTable->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_modalTable->setToolTip(tr("Undamped natural frequencies and mass-normalised mode shapes; "
                                "damped frequency |λ|/2π and damping ratio −Re λ/|λ| of the "
                                "non-proportionally damped system"));

    auto* profileBox = new QGroupBox(tr("Profile"), this);
    auto* profileLayout = new QVBoxLayout(profileBox);
    profileLayout->addWidget(m_profileChoice);
    profileLayout->addWidget(m_provenance);
    profileLayout->addWidget(m_editor);
    auto* modesBox = new QGroupBox(tr("Modes"), this);
    auto* modesLayout = new QVBoxLayout(modesBox);
    modesLayout->addWidget(m_modalTable);
    modesLayout->addStretch(1);
    // The profile scrolls on its own above the modes: with many storeys the modes table stays
    // in view instead of falling below the fold of one long scrolled column.
    m_profileColumn = new QWidget(this);
    auto* profileColumnLayout = new QVBoxLayout(m_profileColumn);
    profileColumnLayout->setContentsMargins(0, 0, 0, 0);
    profileColumnLayout->addWidget(profileBox);
    profileColumnLayout->addStretch(1);
    m_modesBox = modesBox;
    m_leftColumn = new QSplitter(Qt::Vertical, this);
    m_leftColumn->addWidget(new FormScrollArea(m_profileColumn, 390, m_leftColumn));
    m_leftColumn->addWidget(modesBox);
    m_leftColumn->setCollapsible(0, false);
    m_leftColumn->setCollapsible(1, false);
    QSplitter* leftColumn = m_leftColumn;

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildFrfTab(), tr("Frequency response"));
    m_tabs->addTab(buildModeTab(), tr("Mode shapes"));
    m_datasets = new DatasetBrowser(m_session, this);
    m_tabs->addTab(m_datasets, tr("Measured data"));
    m_tabs->setTabToolTip(2, tr("The rigs' prerecorded FRFs and time histories, and your own"));

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(leftColumn);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({390, 900});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_profileChoice, &QComboBox::activated, this, &StructurePanel::chooseProfile);
    connect(&m_session, &models::WorkspaceSession::profilesChanged, this,
            &StructurePanel::populateProfileChoices);
    connect(&m_session, &models::WorkspaceSession::datasetsChanged, this,
            &StructurePanel::populateMeasuredChoices);
    connect(m_editor, &ProfileEditor::edited, this, [this](const model::Profile& p) {
        m_editing = true;
        m_active.edit(p);
        m_editing = false;
    });
    connect(m_editor, &ProfileEditor::validityChanged, this, [this](bool valid) {
        emit statusMessage(valid ? QString()
                                 : tr("Invalid input: showing the last valid results"));
    });
    connect(&m_active, &models::ActiveProfile::changed, this,
            &StructurePanel::onActiveProfileChanged);
    onActiveProfileChanged();
}

QWidget* StructurePanel::buildFrfTab()
{
    auto* tab = new QWidget(this);
    m_quantity = new QComboBox(tab);
    for (auto q : {dynamics::FrfQuantity::Receptance, dynamics::FrfQuantity::Mobility,
                   dynamics::FrfQuantity::Accelerance})
        m_quantity->addItem(QStringLiteral("%1 [%2]")
                                .arg(QString::fromLatin1(dynamics::frfQuantityName(q)), unitOf(q)),
                            static_cast<int>(q));
    m_quantity->setToolTip(tr("Response quantity per unit force"));
    m_inputFloor = new QSpinBox(tab);
    m_inputFloor->setPrefix(tr("force at floor "));
    m_inputFloor->setToolTip(tr("Floor where the unit harmonic force acts"));
    m_magnitudeScale = new QComboBox(tab);
    m_magnitudeScale->addItem(tr("dB"), static_cast<int>(AxisScale::Decibel));
    m_magnitudeScale->addItem(tr("log"), static_cast<int>(AxisScale::Log));
    m_magnitudeScale->setToolTip(tr("Magnitude axis: decibels re 1 unit, or logarithmic"));
    m_autoRange = new QCheckBox(tr("auto range"), tab);
    m_autoRange->setChecked(true);
    m_autoRange->setToolTip(tr("Frame every mode: 0 to 1.2 × the highest natural frequency"));
    m_fmin = new QDoubleSpinBox(tab);
    m_fmax = new QDoubleSpinBox(tab);
    for (QDoubleSpinBox* s : {m_fmin, m_fmax}) {
        s->setRange(0.0, 1e5);
        s->setDecimals(2);
        s->setSuffix(tr(" Hz"));
        s->setEnabled(false);
        s->setMaximumWidth(110);
    }
    m_fmin->setToolTip(tr("Lowest frequency [Hz]"));
    m_autoRange->setObjectName(QStringLiteral("auto_range"));
    m_fmin->setObjectName(QStringLiteral("fmin"));
    m_fmax->setObjectName(QStringLiteral("fmax"));
    m_measured = new QComboBox(tab);
    m_measured->setToolTip(tr("Overlay a measured FRF (dashed) on the model, converted to the "
                              "same quantity and units: the twin against the physical rig"));
    m_measured->setMinimumContentsLength(12);
    m_measured->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    populateMeasuredChoices();
    m_fmax->setToolTip(tr("Highest frequency [Hz]"));

    // Three short rows, so the panel fits a 1024-pixel-wide window beside the profile column.
    auto* response = new QHBoxLayout;
    response->addWidget(m_quantity);
    response->addWidget(m_inputFloor);
    response->addWidget(new QLabel(tr("magnitude"), tab));
    response->addWidget(m_magnitudeScale);
    response->addStretch(1);
    auto* range = new QHBoxLayout;
    range->addWidget(m_autoRange);
    range->addWidget(m_fmin);
    range->addWidget(new QLabel(QStringLiteral("–"), tab));
    range->addWidget(m_fmax);
    range->addStretch(1);
    auto* measured = new QHBoxLayout;
    measured->addWidget(new QLabel(tr("measured"), tab));
    measured->addWidget(m_measured, 1);
    auto* controls = new QVBoxLayout;
    controls->addLayout(response);
    controls->addLayout(range);
    controls->addLayout(measured);

    m_magnitude = new PlotView(tab);
    m_magnitude->setXAxis({tr("Frequency"), tr("Hz"), AxisScale::Linear});
    m_phase = new PlotView(tab);
    m_phase->setXAxis({tr("Frequency"), tr("Hz"), AxisScale::Linear});
    m_phase->setYAxis({tr("Phase"), tr("deg"), AxisScale::Linear, 90.0});
    auto* plots = new QSplitter(Qt::Vertical, tab);
    plots->addWidget(m_magnitude);
    plots->addWidget(m_phase);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 2);
    // Magnitude and phase zoom together, and a zoom becomes the range of the fields (and of
    // the computed FRF), so the fields never say "auto 0–35 Hz" over a zoomed plot.
    linkXAxes({m_magnitude, m_phase});
    for (PlotView* plot : {m_magnitude, m_phase})
        connect(plot, &PlotView::xRangeChangedByUser, this, &StructurePanel::followZoom);

    auto* layout = new QVBoxLayout(tab);
    layout->addLayout(controls);
    layout->addWidget(plots, 1);

    for (QComboBox* c : {m_quantity, m_magnitudeScale})
        connect(c, &QComboBox::currentIndexChanged, this, &StructurePanel::updateFrf);
    connect(m_measured, &QComboBox::currentIndexChanged, this, [this] {
        // Compare like with like: put the model's force where the measurement had it.
        const auto listing = m_session.datasets();
        const QString id = m_measured->currentData().toString();
        for (const auto& d : listing)
            if (QString::fromStdString(d.info.id) == id && d.info.excitationFloor >= 1 &&
                d.info.excitationFloor <= m_inputFloor->maximum())
                m_inputFloor->setValue(d.info.excitationFloor);
        updateFrf();
    });
    connect(m_inputFloor, &QSpinBox::valueChanged, this, &StructurePanel::updateFrf);
    connect(m_fmin, &QDoubleSpinBox::valueChanged, this, &StructurePanel::updateFrf);
    connect(m_fmax, &QDoubleSpinBox::valueChanged, this, &StructurePanel::updateFrf);
    connect(m_autoRange, &QCheckBox::toggled, this, [this](bool on) {
        m_fmin->setEnabled(!on);
        m_fmax->setEnabled(!on);
        updateFrf();
    });
    return tab;
}

QWidget* StructurePanel::buildModeTab()
{
    auto* tab = new QWidget(this);
    m_mode = new QComboBox(tab);
    m_mode->setToolTip(tr("Mode shown"));
    m_play = new QPushButton(tr("Pause"), tab);
    m_play->setCheckable(true);
    m_play->setToolTip(tr("Play or pause the animation (Space)"));
    m_play->setShortcut(Qt::Key_Space);
    m_amplitude = new QSlider(Qt::Horizontal, tab);
    m_amplitude->setRange(0, 100);
    m_amplitude->setValue(30);
    m_amplitude->setToolTip(tr("Drawn amplitude of the largest floor motion, % of the bay"));
    m_frame = new FrameView(tab);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Mode"), tab));
    controls->addWidget(m_mode);
    controls->addWidget(m_play);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Amplitude"), tab));
    controls->addWidget(m_amplitude, 1);
    auto* layout = new QVBoxLayout(tab);
    layout->addLayout(controls);
    layout->addWidget(m_frame, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &StructurePanel::updateModeView);
    connect(m_play, &QPushButton::toggled, this, [this](bool paused) {
        m_frame->setPlaying(!paused);
        m_play->setText(paused ? tr("Play") : tr("Pause"));
    });
    connect(m_amplitude, &QSlider::valueChanged, this,
            [this](int v) { m_frame->setAmplitude(v / 100.0); });
    m_frame->setAmplitude(0.3);
    m_frame->setPlaying(true);
    return tab;
}

void StructurePanel::showDatasetsTab()
{
    m_tabs->setCurrentWidget(m_datasets);
}

QUndoStack* StructurePanel::undoStack() const
{
    return m_editor->undoStack();
}

namespace {
// The list entry of a saved profile when it is not the active one, and its latest version.
constexpr int kPlainTextRole = Qt::UserRole + 1;
constexpr int kLatestVersionRole = Qt::UserRole + 2;
} // namespace

void StructurePanel::populateProfileChoices()
{
    const QSignalBlocker block(m_profileChoice);
    m_profileChoice->clear();
    for (const auto& name : model::presetNames())
        m_profileChoice->addItem(QString::fromStdString(name) + tr(" (preset)"),
                                 QString::fromStdString(name));
    const auto saved = m_session.savedProfiles();
    if (!saved.empty())
        m_profileChoice->insertSeparator(m_profileChoice->count());
    for (const auto& s : saved) {
        const QString text = tr("%1 (v%2)").arg(QString::fromStdString(s.name)).arg(s.latestVersion);
        m_profileChoice->addItem(text, QString::fromStdString(s.name));
        const int row = m_profileChoice->count() - 1;
        m_profileChoice->setItemData(row, text, kPlainTextRole);
        m_profileChoice->setItemData(row, s.latestVersion, kLatestVersionRole);
    }
    showActiveChoice();
}

void StructurePanel::showActiveChoice()
{
    const QSignalBlocker block(m_profileChoice);
    const int active = m_profileChoice->findData(QString::fromStdString(m_active.profile().name));
    for (int i = 0; i < m_profileChoice->count(); ++i) {
        const QVariant plain = m_profileChoice->itemData(i, kPlainTextRole);
        if (!plain.isValid())
            continue; // a preset: its name is all there is
        QString text = plain.toString();
        if (i == active) {
            text = m_active.label();
            const int latest = m_profileChoice->itemData(i, kLatestVersionRole).toInt();
            if (m_active.version() > 0 && m_active.version() < latest)
                text += tr(" (latest v%1)").arg(latest);
        }
        m_profileChoice->setItemText(i, text);
    }
    if (active >= 0)
        m_profileChoice->setCurrentIndex(active);
}

bool StructurePanel::chooseProfile(int index)
{
    const std::string name = m_profileChoice->itemData(index).toString().toStdString();
    if (!mayDiscardEdits(this, m_active,
                         tr("Switching to '%1'").arg(QString::fromStdString(name)))) {
        showActiveChoice(); // the list goes back to what is active
        return false;
    }
    if (const auto p = model::preset(name)) {
        m_active.setProfile(*p, 0, false);
        return true;
    }
    if (io::Workspace* ws = m_session.workspace())
        try {
            if (const auto v = ws->latestProfile(name)) {
                m_active.setProfile(v->profile, v->version, false);
                return true;
            }
        } catch (const std::exception& e) {
            emit statusMessage(QString::fromUtf8(e.what()));
        }
    showActiveChoice();
    return false;
}

void StructurePanel::populateMeasuredChoices()
{
    const QString current = m_measured->currentData().toString();
    const QSignalBlocker block(m_measured);
    m_measured->clear();
    m_measured->addItem(tr("none"), QString());
    for (const auto& d : m_session.datasets())
        if (d.info.kind == io::DatasetKind::Frf)
            m_measured->addItem(QString::fromStdString(d.info.title),
                                QString::fromStdString(d.info.id));
    m_measured->setCurrentIndex(std::max(0, m_measured->findData(current)));
}

void StructurePanel::onActiveProfileChanged()
{
    const model::Profile& p = m_active.profile();
    if (!m_editing)
        m_editor->setProfile(p);
    m_provenance->setText(QString::fromStdString(p.provenance));
    if (m_profileChoice->findData(QString::fromStdString(p.name)) < 0 && !m_editing)
        populateProfileChoices(); // a profile saved or loaded elsewhere
    else
        showActiveChoice();
    m_inputFloor->setRange(1, static_cast<int>(p.storeys()));
    recompute();
}

void StructurePanel::recompute()
{
    // The active profile is always valid (the editor only emits valid ones).
    m_modal = dynamics::runModal({m_active.profile()});
    updateModalTable();
    // After the editor's new rows are laid out.
    QMetaObject::invokeMethod(this, [this] { fitProfileAndModes(); }, Qt::QueuedConnection);
    const int modes = static_cast<int>(m_modal->undamped.angularFrequencies.size());
    const int keepMode = m_mode->currentIndex();
    {
        const QSignalBlocker block(m_mode);
        m_mode->clear();
        const auto f = m_modal->undamped.frequenciesHz();
        for (int r = 0; r < modes; ++r)
            m_mode->addItem(tr("%1 — %2 Hz").arg(r + 1).arg(f[static_cast<std::size_t>(r)], 0, 'f', 3));
        m_mode->setCurrentIndex(std::clamp(keepMode, 0, modes - 1));
    }
    updateModeView();
    updateFrf();
}

void StructurePanel::resizeEvent(QResizeEvent* event)
{
    ToolPanel::resizeEvent(event);
    fitProfileAndModes();
}

void StructurePanel::fitProfileAndModes()
{
    // Again for a new storey count or a new height (a handle the user moved stays until then).
    const int storeys = static_cast<int>(m_active.profile().storeys());
    const int available = m_leftColumn->height() - m_leftColumn->handleWidth();
    if ((storeys == m_fittedStoreys && available == m_fittedHeight) || available <= 0)
        return;
    m_fittedStoreys = storeys;
    m_fittedHeight = available;
    const int modes = std::max(m_modesBox->minimumSizeHint().height(),
                               m_modesBox->sizeHint().height());
    const int profile = std::clamp(m_profileColumn->sizeHint().height() + 2, 0,
                                   std::max(0, available - modes));
    m_leftColumn->setSizes({profile, available - profile});
}

void StructurePanel::updateModalTable()
{
    const auto& u = m_modal->undamped;
    const auto& d = m_modal->damped;
    const int n = static_cast<int>(u.angularFrequencies.size());
    m_modalTable->setColumnCount(4 + n);
    QStringList headers{tr("Mode"), tr("f [Hz]"), tr("f_d [Hz]"), tr("ζ [%]")};
    for (int floor = 1; floor <= n; ++floor)
        headers << QStringLiteral("φ") + subscript(floor); // compact: the table must fit
    m_modalTable->setHorizontalHeaderLabels(headers);
    for (int floor = 1; floor <= n; ++floor)
        m_modalTable->horizontalHeaderItem(3 + floor)
            ->setToolTip(tr("Mass-normalised mode shape at floor %1 [1/√kg]").arg(floor));
    m_modalTable->setRowCount(n);
    const auto f = u.frequenciesHz();
    auto cell = [this](int row, int col, const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_modalTable->setItem(row, col, item);
    };
    for (int r = 0; r < n; ++r) {
        const auto rr = static_cast<std::size_t>(r);
        cell(r, 0, QString::number(r + 1));
        cell(r, 1, QString::number(f[rr], 'f', 4));
        cell(r, 2, rr < d.naturalFrequenciesHz.size() ? QString::number(d.naturalFrequenciesHz[rr], 'f', 4)
                                                      : QString());
        cell(r, 3, rr < d.dampingRatios.size() ? QString::number(100.0 * d.dampingRatios[rr], 'f', 4)
                                               : QString());
        for (int floor = 0; floor < n; ++floor)
            cell(r, 4 + floor, QString::number(u.shapes(floor, r), 'f', 4));
    }
    m_modalTable->resizeColumnsToContents();
    m_modalTable->resizeRowsToContents();
    // Every mode visible without scrolling up to eight modes, then a scroll bar; never less
    // than three rows (the splitter above the modes may take the rest for the profile).
    int height = m_modalTable->horizontalHeader()->sizeHint().height() +
                 2 * m_modalTable->frameWidth();
    for (int r = 0; r < std::min(n, 8); ++r)
        height += m_modalTable->rowHeight(r);
    if (m_modalTable->horizontalHeader()->length() > m_modalTable->viewport()->width())
        height += m_modalTable->horizontalScrollBar()->sizeHint().height();
    m_modalTable->setMaximumHeight(height);
    m_modalTable->setMinimumHeight(height - (std::min(n, 8) - std::min(n, 3)) *
                                                m_modalTable->rowHeight(0));
}

void StructurePanel::followZoom(double minHz, double maxHz)
{
    const double lo = std::max(0.0, minHz);
    if (!(maxHz > lo))
        return;
    {
        const QSignalBlocker a(m_autoRange), b(m_fmin), c(m_fmax);
        m_autoRange->setChecked(false);
        m_fmin->setEnabled(true);
        m_fmax->setEnabled(true);
        m_fmin->setValue(lo);
        m_fmax->setValue(maxHz);
    }
    updateFrf();
}

dynamics::FrfInput StructurePanel::frfInput() const
{
    dynamics::FrfInput input;
    input.profile = m_active.profile();
    input.quantity = static_cast<dynamics::FrfQuantity>(m_quantity->currentData().toInt());
    input.inputFloor = m_inputFloor->value();
    input.fminHz = m_autoRange->isChecked() ? 0.0 : m_fmin->value();
    input.fmaxHz = m_autoRange->isChecked() ? autoFmax(*m_modal) : m_fmax->value();
    input.points = kFrfPoints;
    input.frequenciesHz = dynamics::resonanceRefinedGrid(
        input.fminHz, input.fmaxHz, kFrfPoints, m_modal->damped.naturalFrequenciesHz,
        m_modal->damped.dampingRatios);
    return input;
}

void StructurePanel::updateFrf()
{
    if (!m_modal)
        return;
    if (m_autoRange->isChecked()) {
        const QSignalBlocker a(m_fmin), b(m_fmax);
        m_fmin->setValue(0.0);
        m_fmax->setValue(autoFmax(*m_modal));
    }
    const bool rangeValid = m_fmax->value() > m_fmin->value();
    markFieldIssue(m_fmax, rangeValid ? QString() : tr("fmax must be greater than fmin"));
    if (!rangeValid) {
        emit statusMessage(tr("fmax must be greater than fmin"));
        return;
    }
    const dynamics::FrfInput input = frfInput();
    m_frf = dynamics::runFrf(input);

    const auto q = input.quantity;
    const auto scale = static_cast<AxisScale>(m_magnitudeScale->currentData().toInt());
    const PlotView::UpdateBatch magnitudeBatch(*m_magnitude), phaseBatch(*m_phase);
    m_magnitude->clear();
    m_phase->clear();
    m_magnitude->setTitle(tr("%1, force at floor %2")
                              .arg(QString::fromLatin1(dynamics::frfQuantityName(q)))
                              .arg(input.inputFloor));
    m_magnitude->setYAxis({tr("Magnitude"), unitOf(q), scale});
    for (std::size_t floor = 0; floor < m_frf->floors.size(); ++floor) {
        std::vector<double> magnitude, phase;
        magnitude.reserve(m_frf->frequencyHz.size());
        phase.reserve(m_frf->frequencyHz.size());
        for (const auto& h : m_frf->floors[floor]) {
            magnitude.push_back(std::abs(h));
            phase.push_back(std::arg(h) * 180.0 / std::numbers::pi);
        }
        const QString name = tr("Floor %1").arg(floor + 1);
        const int floors = static_cast<int>(m_frf->floors.size());
        SeriesStyle style{floorColor(static_cast<int>(floor), floors)};
        style.inLegend = floorInLegend(static_cast<int>(floor), floors);
        m_magnitude->addSeries(name, m_frf->frequencyHz, std::move(magnitude), style);
        // The phase wraps at ±180°: a gap there, not a stroke across the plot.
        std::vector<double> frequency = m_frf->frequencyHz;
        breakAtJumps(frequency, phase, 180.0);
        m_phase->addSeries(name, std::move(frequency), std::move(phase), style);
    }
    addMeasuredOverlay(input);
    m_magnitude->setXRange(input.fminHz, input.fmaxHz);
    m_phase->setXRange(input.fminHz, input.fmaxHz);
}

// A measured phase near ±180° flips sign from one line to the next, and a line through it
// draws each flip as a full-height stroke. Shifted by whole turns to lie within 180° of the
// model's phase at the nearest model frequency, it follows the model's branch instead and
// jumps only where the model does, where the line breaks as the model's does. (Points instead
// of a line took 115 ms per redraw.)
double StructurePanel::onModelBranch(double frequencyHz, double phaseDeg, std::size_t floor) const
{
    if (!m_frf || floor >= m_frf->floors.size() || m_frf->frequencyHz.empty())
        return phaseDeg;
    const auto& f = m_frf->frequencyHz;
    auto it = std::lower_bound(f.begin(), f.end(), frequencyHz);
    if (it == f.end() || (it != f.begin() && frequencyHz - *(it - 1) < *it - frequencyHz))
        --it;
    const auto k = static_cast<std::size_t>(it - f.begin());
    const double model = std::arg(m_frf->floors[floor][k]) * 180.0 / std::numbers::pi;
    return phaseDeg + 360.0 * std::round((model - phaseDeg) / 360.0);
}

void StructurePanel::addMeasuredOverlay(const dynamics::FrfInput& input)
{
    const QString id = m_measured->currentData().toString();
    if (id.isEmpty())
        return;
    const auto read = m_session.dataset(id.toStdString());
    if (!read) {
        emit statusMessage(QString::fromStdString(read.error().text()));
        return;
    }
    const io::Dataset& d = read.value();
    if (!d.isFrf())
        return;
    if (d.info.excitationFloor > 0 && d.info.excitationFloor != input.inputFloor) {
        // Never compare H·1 with H·3: the overlay goes, and the plots (and their exports) say why.
        const QString why =
            tr("Measured overlay hidden: '%1' was measured with the force at floor %2, the "
               "model has it at floor %3. Set the force floor to %2 to compare.")
                .arg(QString::fromStdString(d.info.title))
                .arg(d.info.excitationFloor)
                .arg(input.inputFloor);
        m_magnitude->setNote(why);
        m_phase->setNote(why);
        emit statusMessage(why);
        return;
    }
    QStringList notes;
    if (!d.info.quantity)
        notes << tr("the measured quantity is not documented: drawn as given");
    for (const auto& channel : d.frf().channels) {
        const io::FrfChannel c =
            d.info.quantity ? io::convertFrfChannel(channel, *d.info.quantity, input.quantity)
                            : channel;
        // Only the displayed band: a measured record may span far more than the model view.
        std::vector<double> f, magnitude, phase;
        for (std::size_t i = 0; i < c.size(); ++i) {
            if (c.frequencyHz[i] < input.fminHz || c.frequencyHz[i] > input.fmaxHz)
                continue;
            f.push_back(c.frequencyHz[i]);
            magnitude.push_back(c.magnitude[i]);
            if (c.hasPhase())
                phase.push_back(onModelBranch(c.frequencyHz[i],
                                              std::arg(c.values[i]) * 180.0 / std::numbers::pi,
                                              static_cast<std::size_t>(c.floor - 1)));
        }
        const int floors = static_cast<int>(m_frf->floors.size());
        SeriesStyle style{floorColor(c.floor - 1, floors), 1.0, true, false};
        style.inLegend = floorInLegend(c.floor - 1, floors);
        const QString name = tr("Floor %1 measured").arg(c.floor);
        m_magnitude->addSeries(name, f, magnitude, style);
        if (c.hasPhase()) {
            breakAtJumps(f, phase, 180.0); // where the model's branch wraps
            m_phase->addSeries(name, std::move(f), std::move(phase), style);
        }
    }
    if (!notes.isEmpty())
        emit statusMessage(tr("Measured overlay: %1").arg(notes.join(QStringLiteral("; "))));
}

void StructurePanel::updateModeView()
{
    if (!m_modal)
        return;
    const int r = m_mode->currentIndex();
    if (r < 0 || r >= m_modal->undamped.shapes.cols())
        return;
    const Eigen::VectorXd phi = m_modal->undamped.shapes.col(r);
    const double f = m_modal->undamped.frequenciesHz()[static_cast<std::size_t>(r)];
    m_frame->setModeShape(std::vector<double>(phi.data(), phi.data() + phi.size()),
                          tr("Mode %1 at %2 Hz").arg(r + 1).arg(f, 0, 'f', 3));
}

QList<ToolPanel::NamedPlot> StructurePanel::plots() const
{
    return {{QStringLiteral("frf_magnitude"), m_magnitude}, {QStringLiteral("frf_phase"), m_phase}};
}

PlotView* StructurePanel::currentPlot() const
{
    return m_tabs->currentWidget() == m_datasets ? m_datasets->plot() : m_magnitude;
}

nlohmann::json StructurePanel::reportInput() const
{
    const dynamics::FrfInput input = frfInput();
    return {{"profile", io::profileToJson(m_active.profile())},
            {"profile_label", m_active.label().toStdString()},
            {"quantity", dynamics::frfQuantityName(input.quantity)},
            {"input_floor", input.inputFloor},
            {"fmin_hz", input.fminHz},
            {"fmax_hz", input.fmaxHz},
            {"magnitude_scale", m_magnitudeScale->currentIndex() == 1 ? "log" : "db"},
            {"measured_dataset", m_measured->currentData().toString().toStdString()},
            {"points", input.frequenciesHz.size()}};
}

nlohmann::json StructurePanel::reportResult() const
{
    nlohmann::json result;
    if (m_modal)
        result["modal"] = io::modalResultToJson(*m_modal);
    return result;
}

void StructurePanel::applyInput(const nlohmann::json& input)
{
    // A profile in the input (a report's, or `dtop --tool structure --input FILE`) becomes an
    // edit of the active one, as if typed into the editor; the same profile changes nothing.
    if (input.contains("profile") && input["profile"].is_object()) {
        InputIssues issues;
        const auto profile = io::profileFromJson(input["profile"], issues);
        if (profile && issues.empty() &&
            io::profileToJson(*profile) != io::profileToJson(m_active.profile()))
            m_active.edit(*profile);
    }
    // First: choosing a measurement moves the force to its floor, an explicit floor wins.
    if (input.contains("measured_dataset"))
        m_measured->setCurrentIndex(std::max(
            0, m_measured->findData(QString::fromStdString(input["measured_dataset"].get<std::string>()))));
    if (input.contains("quantity")) {
        dynamics::FrfQuantity q;
        if (dynamics::parseFrfQuantity(input["quantity"].get<std::string>(), q))
            m_quantity->setCurrentIndex(m_quantity->findData(static_cast<int>(q)));
    }
    if (input.contains("input_floor"))
        m_inputFloor->setValue(input["input_floor"].get<int>());
    if (input.contains("magnitude_scale"))
        m_magnitudeScale->setCurrentIndex(input["magnitude_scale"] == "log" ? 1 : 0);
    if (input.contains("fmin_hz") && input.contains("fmax_hz")) {
        m_autoRange->setChecked(false);
        m_fmin->setValue(input["fmin_hz"].get<double>());
        m_fmax->setValue(input["fmax_hz"].get<double>());
    }
    updateFrf();
}

void StructurePanel::saveSettings(QSettings& s) const
{
    s.setValue(QStringLiteral("quantity"), m_quantity->currentIndex());
    s.setValue(QStringLiteral("inputFloor"), m_inputFloor->value());
    s.setValue(QStringLiteral("magnitudeScale"), m_magnitudeScale->currentIndex());
    s.setValue(QStringLiteral("autoRange"), m_autoRange->isChecked());
    s.setValue(QStringLiteral("fmin"), m_fmin->value());
    s.setValue(QStringLiteral("fmax"), m_fmax->value());
    s.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    s.setValue(QStringLiteral("amplitude"), m_amplitude->value());
    s.setValue(QStringLiteral("measured"), m_measured->currentData().toString());
}

void StructurePanel::restoreSettings(QSettings& s)
{
    m_quantity->setCurrentIndex(s.value(QStringLiteral("quantity"), 0).toInt());
    m_inputFloor->setValue(s.value(QStringLiteral("inputFloor"), 1).toInt());
    m_magnitudeScale->setCurrentIndex(s.value(QStringLiteral("magnitudeScale"), 0).toInt());
    m_fmin->setValue(s.value(QStringLiteral("fmin"), 0.0).toDouble());
    m_fmax->setValue(s.value(QStringLiteral("fmax"), 50.0).toDouble());
    m_autoRange->setChecked(s.value(QStringLiteral("autoRange"), true).toBool());
    m_tabs->setCurrentIndex(s.value(QStringLiteral("tab"), 0).toInt());
    m_amplitude->setValue(s.value(QStringLiteral("amplitude"), 30).toInt());
    m_measured->setCurrentIndex(
        std::max(0, m_measured->findData(s.value(QStringLiteral("measured")).toString())));
}

} // namespace dtop::widgets
