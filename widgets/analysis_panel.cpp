// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/analysis_panel.h"

#include "widgets/form_scroll.h"

#include "common/progress.h"
#include "models/active_profile.h"
#include "models/analysis_runner.h"
#include "models/workspace_session.h"

#include <QVBoxLayout>
#include <QScrollArea>
#include <QBoxLayout>
#include <QEventLoop>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>

#include <cmath>
#include <exception>
#include <memory>
#include <utility>

namespace dtop::widgets {

namespace {
QString secondsText(double s)
{
    return s < 1.0 ? QObject::tr("%1 ms").arg(s * 1e3, 0, 'f', 0)
                   : QObject::tr("%1 s").arg(s, 0, 'f', 2);
}
} // namespace

AnalysisPanel::AnalysisPanel(PanelContext& context, Texts texts, QWidget* parent)
    : ToolPanel(parent), m_session(context.session), m_active(context.activeProfile),
      m_texts(std::move(texts)),
      m_runner(new models::AnalysisRunner(this))
{
    m_run = new QPushButton(tr("Run"), this);
    m_run->setDefault(true);
    m_run->setToolTip(m_texts.runTip);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(m_texts.cancelTip);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_progress->hide();
    m_status = new QLabel(m_texts.idle, this);
    m_status->setWordWrap(true);
    m_status->setVisible(!m_texts.idle.isEmpty());
    m_issueList = new QLabel(this);
    m_issueList->setWordWrap(true);
    m_issueList->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_issueList->hide();
    m_staleBanner = new QLabel(tr("Out of date: the inputs changed since these results were "
                                  "computed. Run (Ctrl+Return) to update them."),
                               this);
    m_staleBanner->setWordWrap(true);
    m_staleBanner->setStyleSheet(QStringLiteral(
        "QLabel { background: #fdebd0; color: #7e5109; border: 1px solid #f5b041; padding: 4px; }"));
    m_staleBanner->hide();

    connect(m_run, &QPushButton::clicked, this, &AnalysisPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &AnalysisPanel::cancel);
    // Run from anywhere in the window (the visible panel's shortcut only), cancel from the panel.
    for (const QKeySequence& key : {QKeySequence(Qt::CTRL | Qt::Key_Return),
                                   QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, &AnalysisPanel::run);
    }
    auto* cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    cancelKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(cancelKey, &QShortcut::activated, this, &AnalysisPanel::cancel);

    connect(m_runner, &models::AnalysisRunner::progressChanged, this, &AnalysisPanel::onProgress);
    connect(m_runner, &models::AnalysisRunner::finished, this, &AnalysisPanel::onFinished);
    connect(m_runner, &models::AnalysisRunner::cancelled, this, &AnalysisPanel::onCancelled);
    connect(m_runner, &models::AnalysisRunner::failed, this, &AnalysisPanel::onFailed);
}

AnalysisPanel::~AnalysisPanel() = default;

QWidget* AnalysisPanel::formColumn(QWidget* form, int preferredWidth)
{
    auto* scroll = new FormScrollArea(form, preferredWidth, this);
    auto* column = new QWidget(this);
    // Explicit: a long status line or issue below the form never widens the column (or the window).
    column->setMinimumWidth(kFormMinimumWidth);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    addRunControls(layout, true);
    return column;
}

void AnalysisPanel::addRunControls(QBoxLayout* layout, bool issueList)
{
    m_issueListPlaced = issueList;
    if (issueList)
        layout->addWidget(m_issueList);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run, 1);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
}

void AnalysisPanel::showStale(bool) {}

QString AnalysisPanel::stageText(const QString& stage) const
{
    return stage;
}

bool AnalysisPanel::isRunning() const
{
    return m_runner->isRunning();
}

QStringList AnalysisPanel::issues() const
{
    QStringList lines;
    for (const auto& issue : m_issues)
        lines << QString::fromStdString(issue.message);
    return lines;
}

QString AnalysisPanel::statusText() const
{
    return m_status->text();
}

std::optional<AnalysisPanel::Run> AnalysisPanel::prepareAndShowIssues()
{
    InputIssues found;
    std::optional<Run> prepared = prepareRun(found);
    m_issues = std::move(found);
    m_formInput.reset();
    if (prepared)
        m_formInput = prepared->input;
    showIssues(m_issues);
    m_issueList->setText(issues().join(QLatin1Char('\n')));
    m_issueList->setVisible(m_issueListPlaced && !m_issues.empty());
    return prepared;
}

void AnalysisPanel::inputsChanged()
{
    prepareAndShowIssues();
    if (m_runner->isRunning()) {
        const bool forTheForm = m_formInput && m_runInput && *m_formInput == *m_runInput;
        if (!forTheForm && (m_stopWithinMs < 0 || m_clock.elapsed() < m_stopWithinMs)) {
            stopForEdit();
        } else if (forTheForm != !m_flagged) {
            m_flagged = !forTheForm; // flagged, or unflagged by an edit that was undone
            showRunningStatus();
        }
    }
    updateStale();
    updateControls();
}

void AnalysisPanel::stopForEdit()
{
    // The run is for the old inputs and has barely started: stop it, drop what it would still
    // deliver.
    m_stoppedByEdit = true;
    ++m_generation;
    m_runner->invalidate(); // emits cancelled()
}

void AnalysisPanel::updateStale()
{
    const bool stale = hasResult() && !(m_formInput && *m_formInput == *m_shownInput);
    if (stale == m_stale)
        return;
    m_stale = stale;
    m_staleBanner->setVisible(stale);
    showStale(stale);
}

void AnalysisPanel::updateControls()
{
    const bool running = m_runner->isRunning();
    // While running, Run only restarts with other inputs.
    const bool restart = running && m_flagged;
    m_run->setEnabled(canRun() && (!running || restart));
    m_run->setToolTip(!canRun() ? tr("Correct the inputs marked in red first")
                      : restart ? tr("Stop the run of the previous inputs and run these")
                                : m_texts.runTip);
    m_cancel->setEnabled(running);
}

void AnalysisPanel::setRunningUi(bool running)
{
    m_progress->setVisible(running);
    m_progress->setValue(0);
    if (!running) {
        m_flagged = false;
        m_stage.clear();
        m_status->setVisible(!m_texts.idle.isEmpty());
    }
    updateControls();
}

void AnalysisPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

void AnalysisPanel::showRunningStatus()
{
    QString text = m_stage.isEmpty() ? tr("Running…") : tr("Running: %1…").arg(stageText(m_stage));
    if (m_flagged)
        text += QLatin1Char('\n') + tr("The inputs changed since this run started: its results "
                                       "will be marked out of date. Run restarts with the new "
                                       "inputs, Cancel stops it.");
    m_status->setText(text);
    m_status->show();
}

void AnalysisPanel::run()
{
    std::optional<Run> prepared = prepareAndShowIssues();
    if (!prepared) {
        updateControls();
        emit statusMessage(tr("Correct the inputs marked in red first"));
        return;
    }
    if (m_runner->isRunning() && m_runInput && *m_runInput == prepared->input)
        return; // already computing these inputs
    start(std::move(*prepared));
}

void AnalysisPanel::start(Run run)
{
    const quint64 generation = ++m_generation;
    m_runInput = std::move(run.input);
    rememberRunProfile();
    m_stoppedByEdit = false;
    m_flagged = false;
    m_stage.clear();
    m_clock.start();
    QPointer<AnalysisPanel> self(this);
    m_runner->start([self, generation, work = std::move(run.work)](
                        Progress& progress) -> models::AnalysisRunner::Apply {
        const ShowPartial partial = [self, generation](std::function<void()> show) {
            QObject* target = self.data();
            if (!target)
                return;
            QMetaObject::invokeMethod(
                target,
                [self, generation, show = std::move(show)] {
                    if (self && self->isCurrentRun(generation))
                        self->land(show, false);
                },
                Qt::QueuedConnection);
        };
        auto outcome = std::make_shared<Outcome>(work(progress, partial));
        // (The runner drops a run it no longer runs before this; the generation is checked
        // all the same.)
        return [self, generation, outcome] {
            if (self && generation == self->m_generation)
                self->finish(*outcome);
        };
    });
    setRunningUi(true);
    showRunningStatus();
}

void AnalysisPanel::rememberRunProfile()
{
    // The run record names the saved profile version the run used (none for a preset or an
    // edited profile).
    m_runProfile.reset();
    if (m_active.version() > 0 && !m_active.isEdited())
        m_runProfile = io::ProfileRef{m_active.profile().name, m_active.version()};
}

bool AnalysisPanel::isCurrentRun(quint64 generation) const
{
    return generation == m_generation && m_runner->isRunning();
}

void AnalysisPanel::land(const std::function<void()>& show, bool complete)
{
    m_shownInput = m_runInput;
    m_complete = complete;
    const bool stale = !(m_formInput && *m_formInput == *m_shownInput);
    m_stale = stale; // show() draws knowing it
    if (show)
        show();
    m_staleBanner->setVisible(stale);
}

void AnalysisPanel::finish(const Outcome& outcome)
{
    m_lastSeconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    land(outcome.show, true);
    m_session.recordRun(toolId().toStdString(), *m_shownInput, outcome.seed, outcome.summary,
                        m_runProfile);
}

void AnalysisPanel::forgetResult()
{
    m_shownInput.reset();
    m_complete = false;
    m_stale = false;
    m_staleBanner->hide();
}

void AnalysisPanel::cancel()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

void AnalysisPanel::onProgress(double fraction, const QString& stage)
{
    m_progress->setValue(static_cast<int>(std::lround(1000.0 * fraction)));
    if (!stage.isEmpty() && stage != m_stage) {
        m_stage = stage;
        showRunningStatus();
    }
}

void AnalysisPanel::onFinished()
{
    setRunningUi(false);
    setStatus(tr("Done in %1.").arg(secondsText(m_lastSeconds)));
}

void AnalysisPanel::onCancelled()
{
    const bool byEdit = std::exchange(m_stoppedByEdit, false);
    setRunningUi(false);
    setStatus(byEdit ? tr("Inputs changed: run stopped. Press Run for the new inputs.")
                     : m_texts.cancelled);
    if (!byEdit)
        emit statusMessage(tr("%1 cancelled").arg(m_texts.name));
}

void AnalysisPanel::onFailed(const QString& message)
{
    setRunningUi(false);
    setStatus(tr("Failed: %1").arg(message));
    emit statusMessage(tr("%1 failed: %2").arg(m_texts.name, message));
}

void AnalysisPanel::finishPendingWork()
{
    if (m_runner->isRunning()) {
        if (m_formInput && m_runInput && *m_formInput == *m_runInput) {
            // Let the run of these inputs finish (its partial results arrive through the loop).
            QEventLoop loop;
            connect(m_runner, &models::AnalysisRunner::finished, &loop, &QEventLoop::quit);
            connect(m_runner, &models::AnalysisRunner::cancelled, &loop, &QEventLoop::quit);
            connect(m_runner, &models::AnalysisRunner::failed, &loop, &QEventLoop::quit);
            loop.exec();
        } else {
            stopForEdit();
        }
    }
    if (hasCurrentResult())
        return;
    std::optional<Run> prepared = prepareAndShowIssues();
    updateControls();
    if (!prepared)
        return;
    ++m_generation;
    m_runInput = prepared->input;
    rememberRunProfile();
    m_clock.start();
    try {
        const Outcome outcome = prepared->work(Progress::none(), [](std::function<void()>) {});
        finish(outcome);
        setStatus(tr("Done in %1.").arg(secondsText(m_lastSeconds)));
    } catch (const std::exception& e) {
        setStatus(tr("Failed: %1").arg(QString::fromUtf8(e.what())));
        emit statusMessage(tr("%1 failed: %2").arg(m_texts.name, QString::fromUtf8(e.what())));
    }
    updateStale();
}

} // namespace dtop::widgets
