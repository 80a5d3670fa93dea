// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/analysis_runner.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <exception>

namespace dtop::models {

namespace {
// Forwards progress to the GUI thread at most ~30 times a second.
class ThrottledProgress : public Progress {
public:
    explicit ThrottledProgress(std::function<void(double, const std::string&)> forward)
        : m_forward(std::move(forward))
    {
    }

protected:
    void onReport(double fraction, const std::string& stage) override
    {
        const auto now = std::chrono::steady_clock::now();
        if (fraction < 1.0 && now - m_last < std::chrono::milliseconds(33))
            return;
        m_last = now;
        m_forward(fraction, stage);
    }

private:
    std::function<void(double, const std::string&)> m_forward;
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
    job->progress = std::make_unique<ThrottledProgress>(
        [self, weak = std::weak_ptr<Job>(job)](double fraction, const std::string& stage) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, weak, fraction, text = QString::fromStdString(stage)] {
                    if (self && weak.lock() == self->m_current)
                        emit self->progressChanged(fraction, text);
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
    if (job != m_current)
        return; // superseded or invalidated: its result is stale
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
