// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/workspace_session.h"

#include "data/uff.h"
#include "data/uff_conversion.h"
#include "data/uff_import.h"
#include "io/dataset_reader.h"
#include "io/workspace_backup.h"
#include "io/workspace_error.h"
#include "io/workspace_location.h"

#include <filesystem>

namespace dtop::models {

WorkspaceSession::WorkspaceSession(QObject* parent) : QObject(parent) {}

WorkspaceSession::~WorkspaceSession() = default;

bool WorkspaceSession::openWorkspace(const QString& path, QString* error)
{
    try {
        io::createWorkspaceFolder(path.toStdString());
        m_workspace = io::Workspace::open(path.toStdString());
    } catch (const std::exception& e) {
        m_failedPath = path;
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    try {
        io::backupIfDue(path.toStdString());
    } catch (const io::WorkspaceError&) {
        // The work goes on without this backup; `dtop workspace backup` says why.
    }
    m_failedPath.clear();
    m_cache.clear();
    emit workspaceChanged();
    emit profilesChanged();
    emit datasetsChanged();
    return true;
}

QString WorkspaceSession::workspacePath() const
{
    return m_workspace ? QString::fromStdString(m_workspace->path()) : QString();
}

bool WorkspaceSession::loadCatalogue(const QString& dataDirectory, QString* error)
{
    auto read = io::loadBundledCatalogue(dataDirectory.toStdString());
    if (!read) {
        if (error)
            *error = QString::fromStdString(read.error().text());
        return false;
    }
    m_catalogue = std::move(read).value();
    m_cache.clear();
    emit datasetsChanged();
    return true;
}

std::vector<io::SavedProfileSummary> WorkspaceSession::savedProfiles()
{
    try {
        return m_workspace ? m_workspace->savedProfiles()
                           : std::vector<io::SavedProfileSummary>{};
    } catch (const std::exception&) {
        return {};
    }
}

std::optional<io::ProfileVersion> WorkspaceSession::saveProfile(const model::Profile& profile,
                                                                const QString& note,
                                                                QString* error)
{
    if (!m_workspace) {
        if (error)
            *error = tr("No workspace is open: profiles cannot be saved.");
        return std::nullopt;
    }
    try {
        auto saved = m_workspace->saveProfile(profile, note.toStdString());
        emit profilesChanged();
        return saved;
    } catch (const io::WorkspaceInputError& e) {
        if (error) {
            QStringList lines;
            for (const auto& issue : e.issues())
                lines << QString::fromStdString(issue.message);
            *error = lines.join(QLatin1Char('\n'));
        }
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
    }
    return std::nullopt;
}

std::vector<io::DatasetListing> WorkspaceSession::datasets()
{
    try {
        return io::listDatasets(catalogue(), workspace());
    } catch (const std::exception&) {
        return io::listDatasets(catalogue(), nullptr);
    }
}

io::ReadResult<io::Dataset> WorkspaceSession::dataset(const std::string& id)
{
    if (const auto it = m_cache.find(id); it != m_cache.end())
        return *it->second;
    try {
        auto read = io::loadDataset(catalogue(), workspace(), id);
        if (read)
            m_cache[id] = std::make_shared<const io::Dataset>(read.value());
        return read;
    } catch (const std::exception& e) {
        return io::ReadError{id, 0, e.what()};
    }
}

io::ReadResult<io::Dataset> WorkspaceSession::readImportFile(const QString& path,
                                                            io::DatasetFormat format)
{
    const std::string file = path.toStdString();
    try {
        if (format == io::DatasetFormat::Auto && data::isUffFile(file)) {
            auto read = data::readUffDatasets(file);
            if (!read)
                return read.error();
            return std::move(read.value().front());
        }
        io::ReadOptions options;
        options.format = format;
        return io::readDataset(file, options);
    } catch (const std::exception& e) {
        // e.g. std::bad_alloc on a file far larger than memory: a message, never a crash.
        return io::ReadError{file, 0, e.what()};
    }
}

io::ReadResult<io::Dataset> WorkspaceSession::importDataset(const QString& path,
                                                           const io::DatasetImportOptions& options)
{
    if (!m_workspace)
        return io::ReadError{path.toStdString(), 0,
                             "no workspace is open, so the dataset cannot be stored"};
    try {
        const std::string file = path.toStdString();
        if (data::isUffFile(file)) {
            // A Universal File Format file: its FRFs, the first one returned.
            auto uff = data::importUffDatasets(*m_workspace, catalogue(), file, options);
            if (!uff)
                return uff.error();
            emit datasetsChanged();
            return std::move(uff).value().front();
        }
        auto stored = io::importDataset(*m_workspace, catalogue(), file, options);
        if (stored)
            emit datasetsChanged();
        return stored;
    } catch (const io::WorkspaceInputError& e) {
        return io::ReadError{path.toStdString(), 0,
                             e.issues().empty() ? e.what() : e.issues().front().message};
    } catch (const std::exception& e) {
        return io::ReadError{path.toStdString(), 0, e.what()};
    }
}

void WorkspaceSession::recordRun(const std::string& tool, const nlohmann::json& input,
                                 std::optional<std::uint64_t> seed, const nlohmann::json& summary,
                                 std::optional<io::ProfileRef> profile)
{
    if (!m_workspace)
        return;
    io::RunRecord run;
    run.tool = tool;
    run.input = input;
    run.seed = seed;
    run.summary = summary;
    run.profile = std::move(profile);
    try {
        m_workspace->recordRun(run);
    } catch (const std::exception&) {
        // A run record is a convenience; failing to write one must not stop the analysis.
    }
}

} // namespace dtop::models
