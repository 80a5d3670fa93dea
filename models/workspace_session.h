// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset_library.h"
#include "io/workspace.h"

#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <optional>

namespace dtop::models {

// The application's data: the bundled dataset catalogue and the user's workspace (saved
// profiles, imported datasets, run records). Either may be missing — the GUI then says so and
// keeps working with presets and bundled data.
class WorkspaceSession : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceSession(QObject* parent = nullptr);
    ~WorkspaceSession() override;

    // Opens `path` (created when missing). On failure the previous workspace stays open, the
    // file is untouched and `error` says why.
    // A workspace opened here gets its automatic backup when one is due (io::backupIfDue).
    bool openWorkspace(const QString& path, QString* error);
    // The file the last failed openWorkspace() refused (empty after a success), for the offer
    // to restore its newest good backup.
    QString failedWorkspacePath() const { return m_failedPath; }
    bool hasWorkspace() const { return m_workspace.has_value(); }
    QString workspacePath() const;
    io::Workspace* workspace() { return m_workspace ? &*m_workspace : nullptr; }

    // Loads data/manifest.json from `dataDirectory`; false with `error` if it cannot.
    bool loadCatalogue(const QString& dataDirectory, QString* error);
    const io::Catalogue* catalogue() const { return m_catalogue ? &*m_catalogue : nullptr; }

    std::vector<io::SavedProfileSummary> savedProfiles();
    // Appends a version; false with `error` (field messages or file problem) otherwise.
    std::optional<io::ProfileVersion> saveProfile(const model::Profile& profile,
                                                  const QString& note, QString* error);

    std::vector<io::DatasetListing> datasets();
    // Reads (and caches) a dataset. Errors name the file and line.
    io::ReadResult<io::Dataset> dataset(const std::string& id);
    // Reads a file the way importDataset() would (`format`: Auto detects it; a Universal File
    // Format file gives its first FRF group) without storing anything, so the import dialog can
    // show what the file holds and pre-fill what the file says (title, rig, quantity, floor).
    static io::ReadResult<io::Dataset> readImportFile(const QString& path,
                                                      io::DatasetFormat format);
    // Imports a file into the workspace (format detected). A Universal File Format file stores
    // every FRF group it holds and returns the first.
    io::ReadResult<io::Dataset> importDataset(const QString& path,
                                              const io::DatasetImportOptions& options);

    // Records an analysis run; silently skipped without a workspace. `profile`: the saved
    // profile version the run used, if any.
    void recordRun(const std::string& tool, const nlohmann::json& input,
                   std::optional<std::uint64_t> seed, const nlohmann::json& summary,
                   std::optional<io::ProfileRef> profile = std::nullopt);

signals:
    void workspaceChanged();
    void profilesChanged();
    void datasetsChanged();

private:
    std::optional<io::Workspace> m_workspace;
    QString m_failedPath;
    std::optional<io::Catalogue> m_catalogue;
    std::map<std::string, std::shared_ptr<const io::Dataset>> m_cache;
};

} // namespace dtop::models
