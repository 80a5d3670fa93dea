// SPDX-License-Identifier: GPL-3.0-or-later
// One source of truth for the active profile and version; nothing discards edits without
// asking (first-use issue #18, item 2).
#include "gui/main_window.h"
#include "gui/profile_actions.h"
#include "gui/resources_init.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/profile_editor.h"
#include "widgets/structure/structure_panel.h"

#include "modal_script.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>

using namespace dtop;
using test::clickButton;
using test::ModalScript;

namespace {

struct Shell {
    QString path;
    std::unique_ptr<gui::MainWindow> window;
    widgets::StructurePanel* structure = nullptr;
    Shell()
    {
        gui::initResources();
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DTOP-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("dtop-gui-tests"));
        QSettings().clear();
        path = QDir::temp().filePath(
            QStringLiteral("dtop_switch_%1.dtop").arg(QCoreApplication::applicationPid()));
        QFile::remove(path);
        window = std::make_unique<gui::MainWindow>(
            gui::StartupOptions{QString::fromLatin1(DTOP_DATA_DIR), path});
        REQUIRE(window->session().hasWorkspace());
        structure = qobject_cast<widgets::StructurePanel*>(window->panel("structure"));
        REQUIRE(structure);
    }
    ~Shell()
    {
        window.reset();
        QFile::remove(path);
    }
    // Saves two versions of "my-rig" (k2 = 50000 then 40000 N/m).
    void saveTwoVersions()
    {
        model::Profile p = *model::preset("southampton-lpm");
        p.name = "my-rig";
        QString error;
        p.stiffnesses[1] = 50000;
        REQUIRE(window->session().saveProfile(p, QStringLiteral("first"), &error));
        p.stiffnesses[1] = 40000;
        REQUIRE(window->session().saveProfile(p, QStringLiteral("softer"), &error));
    }
    int choiceOf(const char* name) const
    {
        return structure->profileChoice()->findData(QString::fromLatin1(name));
    }
};

ModalScript::Step answerText(const QString& answer, QString* offered = nullptr,
                             QString* label = nullptr)
{
    return [=](QWidget* w) {
        auto* dialog = qobject_cast<QInputDialog*>(w);
        REQUIRE(dialog);
        if (offered)
            *offered = dialog->textValue();
        if (label)
            *label = dialog->labelText();
        if (answer.isNull())
            return dialog->reject();
        dialog->setTextValue(answer);
        dialog->accept();
    };
}

} // namespace

TEST_CASE("Switching profiles asks before discarding edits, Cancel being the default", "[gui][profile]")
{
    Shell s;
    REQUIRE(s.structure->editor()->setFieldText("k2", "61000"));
    REQUIRE(s.window->activeProfile().isEdited());
    const std::string name = s.window->activeProfile().profile().name;
    const int other = s.choiceOf("southampton-design");
    REQUIRE(other >= 0);
    QString message;
    {
        QString defaultText;
        ModalScript script({[&](QWidget* w) {
            auto* box = qobject_cast<QMessageBox*>(w);
            REQUIRE(box);
            message = box->text();
            defaultText = box->defaultButton()->text();
            box->defaultButton()->click();
        }});
        CHECK_FALSE(s.structure->chooseProfile(other));
        CHECK(script.remaining() == 0);
        CHECK(defaultText == "Cancel");
    }
    CHECK(message.contains("unsaved edits"));
    CHECK(s.window->activeProfile().isEdited());
    CHECK(s.window->activeProfile().profile().stiffnesses[1] == 61000.0);
    CHECK(s.structure->profileChoice()->currentData().toString().toStdString() == name);
    {
        ModalScript script({clickButton("Discard edits")});
        CHECK(s.structure->chooseProfile(other));
    }
    CHECK(s.window->activeProfile().profile().name == "southampton-design");
    CHECK_FALSE(s.window->activeProfile().isEdited());
}

TEST_CASE("New profile never takes an existing name", "[gui][profile]")
{
    Shell s;
    s.saveTwoVersions();
    QString offered, refusal;
    ModalScript script({answerText("my-rig", &offered), clickButton("OK", &refusal),
                        answerText(QString())});
    CHECK_FALSE(s.window->profileActions().newProfile());
    CHECK(script.remaining() == 0);
    CHECK(offered == "my-rig-2"); // the suggestion is free
    CHECK(refusal.contains("already has a profile named 'my-rig' (v2)"));
    CHECK(s.window->activeProfile().profile().name != "my-rig");
}

TEST_CASE("Make active v1: status bar and profile list agree, and the next save is v3",
          "[gui][profile]")
{
    Shell s;
    s.saveTwoVersions();
    QComboBox* choice = s.structure->profileChoice();
    REQUIRE(s.structure->chooseProfile(s.choiceOf("my-rig")));
    CHECK(s.window->activeProfile().version() == 2);
    CHECK(choice->currentText() == "my-rig v2");

    REQUIRE(s.window->profileActions().makeActive(1));
    CHECK(s.window->activeProfile().version() == 1);
    CHECK(s.window->activeProfile().profile().stiffnesses[1] == 50000.0);
    CHECK(s.window->profileStatusText() == "Profile: my-rig v1");
    CHECK(choice->currentText() == "my-rig v1 (latest v2)");

    // An edit of v1 saved becomes v3, and the note dialog says so.
    REQUIRE(s.structure->editor()->setFieldText("k3", "45000"));
    CHECK(choice->currentText() == "my-rig v1, edited (latest v2)");
    QString label;
    ModalScript script({answerText("stiffer k3", nullptr, &label)});
    REQUIRE(s.window->profileActions().saveVersion());
    CHECK(label.startsWith("Note for version 3 of 'my-rig'"));
    CHECK(s.window->activeProfile().version() == 3);
    CHECK(s.window->profileStatusText() == "Profile: my-rig v3");
    CHECK(choice->currentText() == "my-rig v3");
}
