// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/profile_actions.h"

#include "dynamics/modal_analysis.h"
#include "io/workspace.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/discard_guard.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QTableWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace dtop::gui {

ProfileActions::ProfileActions(models::ActiveProfile& active, models::WorkspaceSession& session,
                               QWidget* window)
    : QObject(window), m_active(active), m_session(session), m_window(window)
{
}

void ProfileActions::fillMenu(QMenu* menu)
{
    menu->addAction(tr("&New profile…"), this, &ProfileActions::newProfile)
        ->setShortcut(QKeySequence::New);
    menu->addAction(tr("&Duplicate…"), this, &ProfileActions::duplicateProfile)
        ->setShortcut(QKeySequence(tr("Ctrl+D")));
    menu->addAction(tr("&Edit"), this, &ProfileActions::editRequested)
        ->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    menu->addSeparator();
    menu->addAction(tr("&Save as new version…"), this, &ProfileActions::saveVersion)
        ->setShortcut(QKeySequence::Save);
    menu->addAction(tr("&History…"), this, &ProfileActions::showHistory)
        ->setShortcut(QKeySequence(tr("Ctrl+H")));
}

int ProfileActions::latestVersion(const std::string& name)
{
    for (const auto& s : m_session.savedProfiles())
        if (s.name == name)
            return s.latestVersion;
    return 0;
}

QString ProfileActions::freeName(const QString& base)
{
    QString name = base;
    for (int n = 2; latestVersion(name.toStdString()) > 0; ++n)
        name = QStringLiteral("%1-%2").arg(base).arg(n);
    return name;
}

QString ProfileActions::askName(const QString& title, const QString& suggestion)
{
    QString name = freeName(suggestion);
    while (true) {
        bool ok = false;
        name = QInputDialog::getText(m_window, title,
                                     tr("Profile name (not a preset's name):"),
                                     QLineEdit::Normal, name, &ok);
        if (!ok)
            return {};
        const auto issues = io::Workspace::checkProfileName(name.toStdString());
        QString problem;
        if (!issues.empty())
            problem = QString::fromStdString(issues.front().message);
        else if (const int latest = latestVersion(name.toStdString()); latest > 0)
            problem = tr("The workspace already has a profile named '%1' (v%2). Choose another "
                         "name, or pick '%1' in the profile list to continue it.")
                          .arg(name)
                          .arg(latest);
        if (problem.isEmpty())
            return name;
        QMessageBox::warning(m_window, title, problem);
    }
}

bool ProfileActions::newProfile()
{
    if (!widgets::mayDiscardEdits(m_window, m_active, tr("Starting a new profile")))
        return false;
    const QString name = askName(tr("New profile"), tr("my-rig"));
    if (name.isEmpty())
        return false;
    // A new twin starts from the identified Southampton model: realistic values to edit.
    model::Profile p = *model::preset("southampton-lpm");
    p.name = name.toStdString();
    p.provenance = "new profile, started from southampton-lpm";
    m_active.setProfile(p, 0, true);
    emit editRequested();
    return true;
}

bool ProfileActions::duplicateProfile()
{
    const QString name = askName(tr("Duplicate profile"),
                                 QString::fromStdString(m_active.profile().name) + tr("-copy"));
    if (name.isEmpty())
        return false;
    model::Profile p = m_active.profile();
    p.provenance = "duplicate of " + m_active.label().toStdString();
    p.name = name.toStdString();
    m_active.setProfile(p, 0, true);
    return true;
}

bool ProfileActions::saveVersion()
{
    if (!m_session.hasWorkspace()) {
        QMessageBox::warning(m_window, tr("Save profile"),
                             tr("No workspace is open, so profiles cannot be saved."));
        return false;
    }
    model::Profile p = m_active.profile();
    if (model::preset(p.name)) {
        const QString name = askName(tr("Save profile"), QString::fromStdString(p.name) + tr("-rig"));
        if (name.isEmpty())
            return false;
        p.provenance = "from preset " + p.name + (m_active.isEdited() ? ", edited" : "");
        p.name = name.toStdString();
    }
    bool ok = false;
    const QString note = QInputDialog::getText(
        m_window, tr("Save profile"),
        tr("Note for version %1 of '%2' (what changed, why):")
            .arg(latestVersion(p.name) + 1)
            .arg(QString::fromStdString(p.name)),
        QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return false;
    QString error;
    const auto saved = m_session.saveProfile(p, note, &error);
    if (!saved) {
        QMessageBox::warning(m_window, tr("Save profile"), error);
        return false;
    }
    m_active.setProfile(saved->profile, saved->version, false);
    return true;
}

void ProfileActions::showHistory()
{
    io::Workspace* ws = m_session.workspace();
    const std::string name = m_active.profile().name;
    std::vector<io::ProfileVersion> history;
    try {
        if (ws)
            history = ws->profileHistory(name);
    } catch (const std::exception& e) {
        QMessageBox::warning(m_window, tr("Profile history"), QString::fromUtf8(e.what()));
        return;
    }
    if (history.empty()) {
        QMessageBox::information(m_window, tr("Profile history"),
                                 tr("'%1' has no saved versions yet. Profile ▸ Save as new "
                                    "version stores one.")
                                     .arg(QString::fromStdString(name)));
        return;
    }
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("History of %1").arg(QString::fromStdString(name)));
    auto* table = new QTableWidget(static_cast<int>(history.size()), 4, &dialog);
    table->setHorizontalHeaderLabels(
        {tr("Version"), tr("Saved (UTC)"), tr("Natural frequencies [Hz]"), tr("Note")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < table->rowCount(); ++row) {
        // Newest first: what a user usually wants to see.
        const auto& v = history[history.size() - 1 - static_cast<std::size_t>(row)];
        QStringList frequencies;
        for (double f : dynamics::runModal({v.profile}).undamped.frequenciesHz())
            frequencies << QString::number(f, 'f', 3);
        table->setItem(row, 0, new QTableWidgetItem(QString::number(v.version)));
        table->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(v.createdUtc)));
        table->setItem(row, 2, new QTableWidgetItem(frequencies.join(QStringLiteral(", "))));
        table->setItem(row, 3, new QTableWidgetItem(QString::fromStdString(v.note)));
    }
    table->resizeColumnsToContents();
    table->selectRow(0);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Close, &dialog);
    buttons->button(QDialogButtonBox::Open)->setText(tr("Make active"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Every saved version of the twin; none is ever overwritten."),
                                 &dialog));
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(640, 360);
    if (dialog.exec() != QDialog::Accepted || table->currentRow() < 0)
        return;
    makeActive(history[history.size() - 1 - static_cast<std::size_t>(table->currentRow())].version);
}

bool ProfileActions::makeActive(int version)
{
    const std::string name = m_active.profile().name;
    if (version == m_active.version() && !m_active.isEdited())
        return true;
    if (!widgets::mayDiscardEdits(m_window, m_active, tr("Making v%1 active").arg(version)))
        return false;
    try {
        io::Workspace* ws = m_session.workspace();
        const auto chosen = ws ? ws->profileVersion(name, version) : std::nullopt;
        if (!chosen) {
            QMessageBox::warning(m_window, tr("Profile history"),
                                 tr("'%1' has no version %2.")
                                     .arg(QString::fromStdString(name))
                                     .arg(version));
            return false;
        }
        m_active.setProfile(chosen->profile, chosen->version, false);
        return true;
    } catch (const std::exception& e) {
        QMessageBox::warning(m_window, tr("Profile history"), QString::fromUtf8(e.what()));
        return false;
    }
}

} // namespace dtop::gui
