// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/analysis_runner.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <exception>
#include <mutex>
#include <string>

namespace dtop::models {

namespace {
// Hands progress to the GUI thread, at most ~30 times a second and never more than one
// delivery in flight: the GUI thread takes the latest state when the delivery arrives. A new
// stage is delivered at once (analyses name a stage once, when it begins, and a skipped report
// would leave the previous stage's name on screen until the next one).
class ThrottledProgress : public Progress {
public:
    struct State {
        double fraction = 0.0;
        std::string stage;
    };

    // `post` asks the GUI thread to take() the state.
    explicit ThrottledProgress(std::function<void()> post) : m_post(std::move(post)) {}

    // GUI thread: the latest state; the next report may post again.
    State take()
    {
        const std::lock_guard lock(m_mutex);
        m_pending = false;
        return m_latest;
    }

protected:
    void onReport(double fraction, const std::string& stage) override
    {
        {
            const std::lock_guard lock(m_mutex);
            const bool newStage = !stage.empty() && stage != m_latest.stage;
            m_latest.fraction = fraction;
            if (!stage.empty())
                m_latest.stage = stage;
            if (m_pending)
                return; // the delivery on its way carries this report
            const auto now = std::chrono::steady_clock::now();
            if (!newStage && fraction < 1.0 && now - m_last < std::chrono::milliseconds(33))
                return;
            m_pending = true;
            m_last = now;
        }
        m_post();
    }

private:
    std::function<void()> m_post;
    std::mutex m_mutex;
    State m_latest;
    bool m_pending = false;
    std::chrono::steady_clock::time_point m_last{};
};
} // namespace

struct AnalysisRunner::Job {
    std::unique_ptr<ThrottledProgress> progress;
};

AnalysisRunner::AnalysisRunner(QObject* parent) : QObject(parent) {}

AnalysisRunner::~AnalysisRunner()
{
    // The worker may still run; it only touches its own Job and posts to a QPointer.
    cancel();
}

void AnalysisRunner::start(Work work)
{
    cancel();
    auto job = std::make_shared<Job>();
    QPointer<AnalysisRunner> self(this);
    job->progress = std::make_unique<ThrottledProgress>([self, weak = std::weak_ptr<Job>(job)] {
        QObject* target = self.data();
        if (!target)
            return;
        QMetaObject::invokeMethod(
            target,
            [self, weak] {
                const auto current = weak.lock();
                if (!self || !current || current != self->m_current)
                    return; // a superseded run's progress is not shown
                const auto state = current->progress->take();
                emit self->progressChanged(state.fraction, QString::fromStdString(state.stage));
            },
            Qt::QueuedConnection);
    });
    m_current = job;
    m_running = true;
    emit started();

    (void)QtConcurrent::run([self, job, work = std::move(work)] {
        Apply apply;
        QString error;
        bool wasCancelled = false;
        try {
            apply = work(*job->progress);
        } catch (const Cancelled&) {
            wasCancelled = true;
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        } catch (...) {
            error = QStringLiteral("unknown error");
        }
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, job, apply = std::move(apply), error, wasCancelled] {
                if (self)
                    self->onJobDone(job, apply, error, wasCancelled);
            },
            Qt::QueuedConnection);
    });
}

void AnalysisRunner::onJobDone(std::shared_ptr<Job> job, Apply apply, QString error,
                               bool wasCancelled)
{
    if (job != m_current) {
        emit discarded(); // superseded or invalidated: its result is stale
        return;
    }
    m_current.reset();
    m_running = false;
    if (wasCancelled || job->progress->isCancelled()) {
        emit cancelled();
        return;
    }
    if (!error.isEmpty()) {
        emit failed(error);
        return;
    }
    if (apply)
        apply();
    emit finished();
}

void AnalysisRunner::cancel()
{
    if (m_current) {
        m_current->progress->cancel();
        // Keep m_current so that onJobDone still reports cancelled() for it.
    }
}

void AnalysisRunner::invalidate()
{
    if (m_current)
        m_current->progress->cancel();
    const bool wasRunning = m_running;
    m_current.reset();
    m_running = false;
    if (wasRunning)
        emit cancelled();
}

} // namespace dtop::models
