// SPDX-License-Identifier: GPL-3.0-or-later
// The profile editor keeps what the user typed: the storey count applies only when final,
// floors above a lowered count come back, and every edit can be undone (first-use issue #18).
#include "model/presets.h"
#include "widgets/profile_editor.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QKeyEvent>
#include <QSpinBox>
#include <QUndoStack>

using namespace dtop;

namespace {

void press(QWidget* w, int key, const QString& text = {})
{
    QKeyEvent down(QEvent::KeyPress, key, Qt::NoModifier, text);
    QApplication::sendEvent(w, &down);
    QKeyEvent up(QEvent::KeyRelease, key, Qt::NoModifier, text);
    QApplication::sendEvent(w, &up);
}

// Replaces the spin box's text keystroke by keystroke, as a user typing would.
void typeInto(QSpinBox* spin, const QString& digits)
{
    spin->selectAll();
    for (QChar ch : digits)
        press(spin, Qt::Key_0 + (ch.unicode() - '0'), QString(ch));
}

struct Editor {
    widgets::ProfileEditor editor;
    QSpinBox* storeys;
    Editor()
    {
        editor.setProfile(*model::preset("southampton-design"));
        storeys = editor.findChild<QSpinBox*>(QStringLiteral("storeys"));
        REQUIRE(storeys);
        REQUIRE(editor.setFieldText("m2", "8"));
        REQUIRE(editor.setFieldText("m3", "9"));
        REQUIRE(editor.profile().masses == std::vector<double>{editor.profile().masses[0], 8, 9});
    }
};

} // namespace

TEST_CASE("Typing 10 storeys never applies 1 storey on the way", "[profile-editor]")
{
    Editor e;
    const double m1 = e.editor.profile().masses[0];
    typeInto(e.storeys, QStringLiteral("1"));
    // Not final yet: nothing applied, floors 2 and 3 intact.
    CHECK(e.editor.profile().storeys() == 3);
    typeInto(e.storeys, QStringLiteral("10"));
    CHECK(e.editor.profile().storeys() == 3);
    press(e.storeys, Qt::Key_Return);
    REQUIRE(e.editor.profile().storeys() == 10);
    const auto& m = e.editor.profile().masses;
    CHECK(m[0] == m1);
    CHECK(m[1] == 8.0);
    CHECK(m[2] == 9.0);
}

TEST_CASE("Lowering the storey count and raising it again restores the upper floors",
          "[profile-editor]")
{
    Editor e;
    // Two storeys, not one: the preset's Rayleigh damping names modes 1 and 2.
    e.storeys->setValue(2);
    REQUIRE(e.editor.profile().storeys() == 2);
    e.storeys->setValue(3);
    REQUIRE(e.editor.profile().storeys() == 3);
    CHECK(e.editor.profile().masses[1] == 8.0);
    CHECK(e.editor.profile().masses[2] == 9.0);
}

TEST_CASE("Profile edits undo and redo, storey count included", "[profile-editor]")
{
    Editor e;
    QUndoStack* undo = e.editor.undoStack();
    REQUIRE(undo->canUndo());
    e.storeys->setValue(2);
    REQUIRE(e.editor.profile().storeys() == 2);
    undo->undo(); // back to three storeys with their masses
    REQUIRE(e.editor.profile().storeys() == 3);
    CHECK(e.editor.profile().masses[2] == 9.0);
    undo->undo(); // m3 = 9 undone
    CHECK(e.editor.profile().masses[2] != 9.0);
    CHECK(e.editor.profile().masses[1] == 8.0);
    undo->redo();
    CHECK(e.editor.profile().masses[2] == 9.0);
    // Showing another profile starts a fresh history.
    e.editor.setProfile(*model::preset("southampton-design"));
    CHECK_FALSE(undo->canUndo());
}
